"""The geography of places: régions, départements, EPCIs and communes by code, with their names,
the areas each lies in, and the région of each département.

Filters, facets and pages speak in codes ("76", "34", "243400017", "34172"); readers read names
("Occitanie", "Hérault", "Montpellier Méditerranée Métropole", "Montpellier"). The registry's
reference data hold them (``reference/authorities.csv``): whoever holds the registry (the
CLI, ``cli.geography.official_geography``) builds one ``Geography`` and hands it to the document
search (``search.places.SourcePlaces``) and to the records (``search.record_places``), since
``search`` and ``web`` never import the crawler. Without those data, ``Geography.of`` keeps what
the sources say of themselves, and the codes they carry are places named by their code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from search.errors import UNKNOWN_VALUE, SearchError
from search.place_codes import check_code, normalise_departement

if TYPE_CHECKING:
    from search.places import Authority

AREA_KINDS = ("epci", "departement", "region")  # the places above the commune
KINDS = ("commune", *AREA_KINDS)
# The facets (``search.results.Facets``) whose values are places: a kind's facet is its plural.
PLACE_FACETS = ("regions", "departements", "epcis", "communes")
_NAMED_BY_CODE = {"epci": "EPCI {}", "departement": "Département {}", "region": "Région {}"}
_WORDS = {
    "commune": "a commune",
    "epci": "an EPCI's SIREN",
    "departement": "a département code",
    "region": "a région code",
}
# A hand-written source names its authority ("Ville de Montpellier", "Ville du Havre"): the
# commune's name is what follows.
_AUTHORITY_PREFIX = re.compile(r"^(?:ville|commune|mairie)\s+(?:de\s+|d'|d’|(du)\s+|(des)\s+)", re.IGNORECASE)
_AUTHORITY_SUFFIX = re.compile(r"\s*[(,].*$")
_NAMED_AS_AUTHORITY = re.compile(r"^(?:ville|commune|mairie)\b|[(,]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    """A commune, an EPCI, a département or a région: its code, its name, and the areas it lies
    in (an EPCI's département is its most populous member's, as the official data give it; a
    département's own code is ``code``, not ``departement``); a commune's EPCI and town hall."""

    kind: str  # commune, epci, departement, region
    code: str  # INSEE code ("50025"), SIREN, département code ("50", "2A"), région code ("28")
    name: str
    departement: str | None = None
    region: str | None = None
    epci: str | None = None  # SIREN of a commune's EPCI
    lat: float | None = None
    lon: float | None = None

    @property
    def insee(self) -> str | None:
        """A commune's INSEE code (its ``code``), named as a commune's source names it."""
        return self.code if self.kind == "commune" else None


@dataclass(frozen=True, slots=True)
class Geography:
    """Every place the registry knows, by kind and code."""

    named: dict[str, dict[str, Place]] = field(default_factory=dict)  # kind → code → place
    # Codes the sources carry that no place names (a registry read without its data): places
    # still, named by their code ("Département 50").
    coded: dict[str, frozenset[str]] = field(default_factory=dict)
    region_of: dict[str, str] = field(default_factory=dict)  # département "34" → région "76"
    # A former commune's name and today's commune's INSEE code ("Sauzé-Vaussais", "79307"): a record
    # that names it lies in today's commune.
    former_communes: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        sources: Iterable[Authority],
        official: Iterable[Place] = (),
        former_communes: Iterable[tuple[str, str]] = (),
    ) -> Geography:
        """The ``official`` places (the registry's reference data), completed by what registry
        sources say of themselves: an EPCI's source names its EPCI, a commune's its commune, and
        each gives the codes of the areas it lies in. The official names win: a source's may
        name a council or a listing ("Ville de Montpellier, liste des délibérations"), and a
        département's or région's source is its council or prefecture, not the place."""
        named: dict[str, dict[str, Place]] = {kind: {} for kind in KINDS}
        for place in official:
            named[place.kind].setdefault(place.code, place)
        region_of = {
            code: place.region for code, place in named["departement"].items() if place.region is not None
        }
        carried: dict[str, set[str]] = {kind: set() for kind in AREA_KINDS}
        for source in sources:
            departement = normalise_departement(source.departement) if source.departement else None
            if source.kind == "epci" and source.siren and source.siren not in named["epci"]:
                named["epci"][source.siren] = Place(
                    "epci", source.siren, source.name, source.departement, source.region
                )
            insee = source.insee.upper() if source.kind == "commune" and source.insee else None
            if insee and insee not in named["commune"]:
                named["commune"][insee] = Place(
                    "commune",
                    insee,
                    commune_name(source),
                    departement,
                    source.region,
                    source.epci,
                    source.lat,
                    source.lon,
                )
            for kind, code in zip(AREA_KINDS, (source.epci, departement, source.region), strict=True):
                if code:
                    carried[kind].add(code)
            if departement and source.region:
                region_of.setdefault(departement, source.region)
        carried["region"].update(region_of.values())
        coded = {kind: frozenset(codes - named[kind].keys()) for kind, codes in carried.items()}
        return cls(named, coded, region_of, tuple(former_communes))

    def get(self, kind: str, code: str | None) -> Place | None:
        """The place of this kind and code; one only the sources' codes give is named by its code."""
        if not code:
            return None
        place = self.named.get(kind, {}).get(code)
        if place is None and code in self.coded.get(kind, ()):
            return Place(kind, code, _NAMED_BY_CODE[kind].format(code))
        return place

    def name(self, facet: str, code: str) -> str | None:
        """The place's name for a value of a place facet (``PLACE_FACETS``), None if unknown
        (or known by its code only)."""
        place = self.named.get(facet.removesuffix("s"), {}).get(code) if facet in PLACE_FACETS else None
        return place.name if place is not None else None

    def names(self, facet: str, codes: Iterable[str]) -> dict[str, str]:
        """The known names of these codes (a facet's values, a filter's)."""
        return {code: name for code in codes if (name := self.name(facet, code))}

    def above(self, epci: str | None, departement: str | None, region: str | None) -> list[Place]:
        """The areas a place lies in, the largest first: its région, département and EPCI."""
        found = [self.get("region", region), self.get("departement", departement), self.get("epci", epci)]
        return [area for area in found if area is not None]

    def communes(self) -> Iterable[Place]:
        return self.named.get("commune", {}).values()

    def departements_in(self, regions: Iterable[str]) -> list[str]:
        """The départements of these régions."""
        wanted = set(regions)
        return sorted(code for code, region in self.region_of.items() if region in wanted)

    def check(self, kind: str, code: str) -> str:
        """A code of a place the registry knows, in its one spelling (``check_code``), else a
        ``SearchError`` whose field is the filter's name (``communes``, ``epcis``…). A geography
        that knows no place of that kind (no registry given) takes any well-formed code: it then
        finds nothing, rather than refusing what cannot be checked."""
        code = check_code(kind, code)
        known = self.named.get(kind, {}).keys() | self.coded.get(kind, frozenset())
        if not known or code in known:
            return code
        field = f"{kind}s"
        if kind == "region":  # few enough to list
            choices = tuple(sorted(known))
            message = f"regions: unknown région {code!r}; choose from {', '.join(choices)}"
            raise SearchError(UNKNOWN_VALUE, message, field=field, value=code, choices=choices)
        message = f"{field}: {code!r} is not {_WORDS[kind]} of the registry"
        raise SearchError(UNKNOWN_VALUE, message, field=field, value=code)


def commune_name(authority: Authority | Place) -> str:
    """The commune's own name: "Ville du Havre" is "Le Havre", "Commune de Flaux" "Flaux"."""
    if not _NAMED_AS_AUTHORITY.search(authority.name):  # the official data's names, at once
        return authority.name
    name = _AUTHORITY_SUFFIX.sub("", authority.name)
    match = _AUTHORITY_PREFIX.match(name)
    if match is None:
        return name
    article = "Le " if match.group(1) else "Les " if match.group(2) else ""
    return article + name[match.end() :]
