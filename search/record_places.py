"""Where a decision record lies: its commune resolved to an authority of the registry.

Records hold a commune's name as the document writes it ("VALOGNES", "Saint-Lo") and the
source that found their document; the registry (``search.places.Authority`` by slug, given by
whoever holds it, with the reference rows of the communes without a website) knows codes,
EPCIs, départements and locations. Names are not unique in France (ten
Saint-Sauveur), so a name is looked for in the source's département first, and alone only when
one commune in France bears it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from archive.record_places import PlaceFilter, fold_place_name
from search.areas import Areas
from search.errors import UNKNOWN_VALUE, SearchError
from search.place_codes import check_code
from search.places import Authority

# A hand-written source names its authority ("Ville de Montpellier", "Ville du Havre"): the
# commune's name is what follows.
_AUTHORITY_PREFIX = re.compile(r"^(?:ville|commune|mairie)\s+(?:de\s+|d'|d’|(du)\s+|(des)\s+)", re.IGNORECASE)
_AUTHORITY_SUFFIX = re.compile(r"\s*[(,].*$")
_NAMED_AS_AUTHORITY = re.compile(r"^(?:ville|commune|mairie)\b|[(,]", re.IGNORECASE)
FILTERS_KEPT = 64  # place filters kept, by what they select: each walks every commune once


@dataclass(frozen=True, slots=True)
class RecordPlace:
    """A record's commune as the registry knows it, and how it was found: ``source`` (the
    commune whose site published the act), ``name+departement`` (its name in the source's
    département) or ``name`` (the only commune in France of that name); ``insee`` when asked
    for by code (``RecordPlaces.commune``)."""

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
    if not _NAMED_AS_AUTHORITY.search(authority.name):  # the official data's names, at once
        return authority.name
    name = _AUTHORITY_SUFFIX.sub("", authority.name)
    match = _AUTHORITY_PREFIX.match(name)
    if match is None:
        return name
    article = "Le " if match.group(1) else "Les " if match.group(2) else ""
    return article + name[match.end() :]


class RecordPlaces:
    """The registry's communes by folded name, to place records and select them by place.

    ``authorities`` are the registry's sources by slug; ``reference`` the generated registry's
    rows that no source stands for (``reference_authority``): the communes without a website,
    which place records as well as the others, and the EPCIs, départements and régions, which
    name the areas (``areas``).
    """

    def __init__(self, authorities: Mapping[str, Authority], reference: Iterable[Authority] = ()) -> None:
        self.authorities = authorities
        reference = list(reference)
        self.communes: dict[str, list[Authority]] = {}  # folded name → one authority per INSEE
        self.by_insee: dict[str, Authority] = {}  # a source first, else the reference row
        self._named: set[tuple[str, str]] = set()  # (folded name, INSEE code) already there
        for authority in authorities.values():
            self._add_commune(authority)
        for row in reference:
            if row.insee not in self.by_insee:  # else a source stands for that commune
                self._add_commune(row)
        self.areas = Areas(authorities.values(), reference)
        # The sources of each département: a name several communes bear is placed through them.
        self._departement_sources: dict[str, set[str]] = {}
        for slug, authority in authorities.items():
            if authority.departement:
                self._departement_sources.setdefault(authority.departement, set()).add(slug)
        self._filters: dict[tuple[frozenset[str], ...], PlaceFilter] = {}

    def _add_commune(self, authority: Authority) -> None:
        if authority.kind != "commune":
            return
        folded = fold_place_name(commune_name(authority))
        if authority.insee:
            if (folded, authority.insee) in self._named:
                return  # one authority per INSEE code and name
            self._named.add((folded, authority.insee))
            self.by_insee.setdefault(authority.insee, authority)
        self.communes.setdefault(folded, []).append(authority)

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

    def place_filter(
        self,
        departements: Iterable[str] = (),
        regions: Iterable[str] = (),
        epcis: Iterable[str] = (),
        communes: Iterable[str] = (),
    ) -> PlaceFilter:
        """The records of these départements, régions, EPCIs (SIREN) and communes (INSEE code),
        as ``resolve`` places them (see ``archive.record_places``): any of them."""
        key = (frozenset(departements), frozenset(regions), frozenset(epcis), frozenset(communes))
        if key not in self._filters:
            if len(self._filters) >= FILTERS_KEPT:
                self._filters.clear()
            self._filters[key] = self._place_filter(*key)
        return self._filters[key]

    def _place_filter(
        self,
        departements: frozenset[str],
        regions: frozenset[str],
        epcis: frozenset[str],
        insees: frozenset[str],
    ) -> PlaceFilter:
        def inside(authority: Authority) -> bool:
            return (
                authority.departement in departements
                or authority.region in regions
                or authority.epci in epcis
                or (authority.kind == "epci" and authority.siren in epcis)
                or authority.insee in insees
            )

        names_in, names_out = set(), set()
        near: dict[str, set[str]] = {}  # département → names borne inside and outside
        for name, communes in self.communes.items():
            here = [commune for commune in communes if inside(commune)]
            if not here:
                names_out.add(name)
            elif len(here) == len(communes):
                names_in.add(name)
            else:
                for commune in here:
                    twins = [other for other in communes if other.departement == commune.departement]
                    if commune.departement and len(twins) == 1:  # as ``resolve`` places it
                        near.setdefault(commune.departement, set()).add(name)
        sources = frozenset(slug for slug, authority in self.authorities.items() if inside(authority))
        groups = tuple(
            (frozenset(names), frozenset(self._departement_sources.get(departement, ())))
            for departement, names in sorted(near.items())
        )
        return PlaceFilter(frozenset(names_in), sources, frozenset(names_out), groups)

    def check_region(self, code: str) -> str:
        """A région code the registry knows ("76"), else a ``SearchError``."""
        return self.areas.check("region", code)

    def check_epci(self, siren: str) -> str:
        """An EPCI's SIREN the registry knows, else a ``SearchError``."""
        return self.areas.check("epci", siren)

    def check_commune(self, code: str) -> str:
        """A commune's INSEE code the registry knows ("50025", "2A004"), else a ``SearchError``."""
        code = check_code("commune", code)
        if code not in self.by_insee:
            raise SearchError(
                UNKNOWN_VALUE,
                f"communes: {code!r} is not a commune of the registry",
                field="communes",
                value=code,
            )
        return code

    def commune(self, insee: str | None) -> RecordPlace | None:
        """The commune of this INSEE code, as a record placed there would be."""
        authority = self.by_insee.get(insee) if insee else None
        return _place(authority, "insee") if authority is not None else None


def reference_authority(row: Any) -> Authority:
    """A reference row of the generated registry (``crawler.sources.authorities.Place``,
    duck-typed: the crawler is not imported here) as an ``Authority``: a commune without a
    website, an EPCI, a département or a région. Its slug is the one the generated registry
    gives a commune's source (``commune-50036``), or ``epci-<SIREN>``…: no source has it."""
    kind, code = row.kind, row.code
    location = row.location
    return Authority(
        slug=f"{kind}-{code.lower()}",
        name=row.name,
        kind=kind,
        insee=code if kind == "commune" else None,
        siren=code if kind == "epci" else None,
        departement=row.departement,
        region=row.region,
        epci=row.epci if kind == "commune" else None,
        population=row.population,
        lat=location.lat if location is not None else None,
        lon=location.lon if location is not None else None,
    )


def check_departement(code: str) -> str:
    """A département code in one spelling ("034" and "34" are "34"), else a ``SearchError``."""
    return check_code("departement", code)


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
