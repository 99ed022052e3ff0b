"""Where a decision record lies: its commune resolved to an authority of the registry.

Records hold a commune's name as the document writes it ("VALOGNES", "Saint-Lo") and the
source that found their document; the registry (``search.places.Authority`` by slug, given by
whoever holds it) knows codes, départements and locations. Names are not unique in France (ten
Saint-Sauveur), so a name is looked for in the source's département first, and alone only when
one commune in France bears it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from archive.record_places import PlaceFilter, fold_place_name
from search.errors import UNKNOWN_VALUE, SearchError
from search.places import Authority, SourcePlaces

# A hand-written source names its authority ("Ville de Montpellier", "Ville du Havre"): the
# commune's name is what follows.
_AUTHORITY_PREFIX = re.compile(r"^(?:ville|commune|mairie)\s+(?:de\s+|d'|d’|(du)\s+|(des)\s+)", re.IGNORECASE)
_AUTHORITY_SUFFIX = re.compile(r"\s*[(,].*$")


@dataclass(frozen=True, slots=True)
class RecordPlace:
    """A record's commune as the registry knows it, and how it was found: ``source`` (the
    commune whose site published the act), ``name+departement`` (its name in the source's
    département) or ``name`` (the only commune in France of that name)."""

    insee: str | None
    name: str
    departement: str | None
    region: str | None
    epci: str | None
    lat: float | None
    lon: float | None
    resolution: str

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


def commune_name(authority: Authority) -> str:
    """The commune's own name: "Ville du Havre" is "Le Havre", "Commune de Flaux" "Flaux"."""
    name = _AUTHORITY_SUFFIX.sub("", authority.name)
    match = _AUTHORITY_PREFIX.match(name)
    if match is None:
        return name
    article = "Le " if match.group(1) else "Les " if match.group(2) else ""
    return article + name[match.end() :]


class RecordPlaces:
    """The registry's communes by folded name, to place records and select them by place."""

    def __init__(self, authorities: Mapping[str, Authority]) -> None:
        self.authorities = authorities
        self.communes: dict[str, list[Authority]] = {}  # folded name → one authority per INSEE
        for authority in authorities.values():
            if authority.kind != "commune":
                continue
            same = self.communes.setdefault(fold_place_name(commune_name(authority)), [])
            if not any(other.insee == authority.insee for other in same if authority.insee):
                same.append(authority)

    def resolve(self, commune: str | None, source_slug: str | None) -> RecordPlace | None:
        """The record's place, or None when the registry cannot say which commune it is."""
        source = self.authorities.get(source_slug) if source_slug else None
        own = source if source is not None and source.kind == "commune" else None
        if commune is None or not commune.strip():
            return _place(own, "source") if own is not None else None
        folded = fold_place_name(commune)
        named = self.communes.get(folded, [])
        if own is not None and (
            fold_place_name(commune_name(own)) == folded
            or (own.insee and any(other.insee == own.insee for other in named))
        ):
            return _place(own, "source")
        if source is not None and source.departement:
            here = [other for other in named if other.departement == source.departement]
            if len(here) == 1:
                return _place(here[0], "name+departement")
            if here:
                return None
        return _place(named[0], "name") if len(named) == 1 else None

    def place_filter(self, departements: Iterable[str] = (), regions: Iterable[str] = ()) -> PlaceFilter:
        """The records of these départements and régions (see ``archive.record_places``)."""
        wanted_departements, wanted_regions = set(departements), set(regions)

        def inside(authority: Authority) -> bool:
            return authority.departement in wanted_departements or authority.region in wanted_regions

        names_in, names_out = set(), set()
        for name, communes in self.communes.items():
            (names_in if any(inside(commune) for commune in communes) else names_out).add(name)
        sources = frozenset(slug for slug, authority in self.authorities.items() if inside(authority))
        return PlaceFilter(frozenset(names_in), sources, frozenset(names_out))

    def check_region(self, code: str) -> str:
        """A région code the registry knows ("76"), else a ``SearchError``."""
        code = code.strip()
        known = sorted({authority.region for authority in self.authorities.values() if authority.region})
        if code.zfill(2) not in known:
            raise SearchError(
                UNKNOWN_VALUE,
                f"regions: {code!r} is not a région code ({', '.join(known[:6])}…)",
                field="regions",
                value=code,
                choices=tuple(known),
            )
        return code.zfill(2)


def check_departement(code: str) -> str:
    """A département code in one spelling ("034" and "34" are "34"), else a ``SearchError``."""
    return SourcePlaces.check(code)


def _place(authority: Authority, resolution: str) -> RecordPlace:
    return RecordPlace(
        insee=authority.insee,
        name=commune_name(authority),
        departement=authority.departement,
        region=authority.region,
        epci=authority.epci,
        lat=authority.lat,
        lon=authority.lon,
        resolution=resolution,
    )
