"""Where documents come from: the commune, EPCI, département and région of registry sources,
and the département of ACTES identifiers.

A document belongs to a place when a registry source of that place found it
(``document_urls.source_slug``): a commune by its INSEE code, an EPCI by its SIREN (the EPCI's
own source and its member communes'), a département, a région. It also belongs to a département,
and to that département's région, when it carries an ACTES identifier of it
(``documents.actes_department``, written with three characters there: "034", "02A", "974"),
whoever found it. The registry lives in the crawler; callers build ``SourcePlaces`` from its
``Authority`` rows and the geography of places (``search.geography``, from its reference data),
so that ``search`` keeps depending on ``archive`` only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from search.geography import Geography
from search.place_codes import normalise_departement

# The levels a place filter or facet reads, as ``SourcePlace`` names them.
LEVELS = ("insee", "epci", "departement", "region")


@dataclass(frozen=True, slots=True)
class SourcePlace:
    """Where one registry source is; None where the registry does not say."""

    insee: str | None = None  # a commune's INSEE code: "34172"
    epci: str | None = None  # SIREN of the EPCI: a commune's, or the EPCI's own
    departement: str | None = None  # "34", "2A", "974"
    region: str | None = None  # "76"

    @classmethod
    def of(cls, authority: Authority, geography: Geography) -> SourcePlace:
        """``geography`` gives the région of sources that give only their département."""
        departement = normalise_departement(authority.departement) if authority.departement else None
        return cls(
            insee=authority.insee.upper() if authority.kind == "commune" and authority.insee else None,
            # An EPCI's own source has its SIREN; a commune names its EPCI's.
            epci=authority.siren if authority.kind == "epci" else authority.epci,
            departement=departement,
            region=authority.region or (geography.region_of.get(departement) if departement else None),
        )


@dataclass(frozen=True, slots=True)
class SourcePlaces:
    """Registry source slug → its place; the geography that gives each département its région
    (for ACTES identifiers) and knows the régions a filter may name."""

    sources: dict[str, SourcePlace] = field(default_factory=dict)
    geography: Geography = field(default_factory=Geography)

    @classmethod
    def of(cls, authorities: Iterable[Authority], geography: Geography | None = None) -> SourcePlaces:
        """The registry's sources, placed in ``geography`` (built from these same sources, see
        ``Geography.of``; by default what they say of themselves)."""
        listed = list(authorities)
        geography = geography or Geography.of(listed)
        return cls({a.slug: SourcePlace.of(a, geography) for a in listed}, geography)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str | None]]) -> SourcePlaces:
        """Sources known by their département only (slug, code)."""
        return cls(
            {slug: SourcePlace(departement=normalise_departement(code)) for slug, code in pairs if code}
        )

    @property
    def regions(self) -> dict[str, str]:
        """Département "34" → région "76"."""
        return self.geography.region_of

    def slugs_in(self, codes: Collection[str], level: str = "departement") -> list[str]:
        """The sources placed in one of ``codes`` at this level (``LEVELS``)."""
        wanted = set(codes)
        return sorted(slug for slug, place in self.sources.items() if getattr(place, level) in wanted)


@dataclass(frozen=True, slots=True)
class Authority:
    """A registry source as the web and the exports place it: who, what kind, where.

    Built from ``crawler.sources.registry.RegisteredSource`` by whoever holds the registry (the
    CLI), so that ``search`` and ``web`` never import the crawler.
    """

    slug: str
    name: str
    kind: str  # commune, epci, departement, region, prefecture
    insee: str | None = None
    siren: str | None = None
    departement: str | None = None
    region: str | None = None
    epci: str | None = None  # SIREN of a commune's EPCI
    population: int | None = None
    lat: float | None = None
    lon: float | None = None

    @classmethod
    def of(cls, source: Any) -> Authority:
        """From a registry source (duck-typed: the registry's class lives in the crawler)."""
        location = getattr(source, "location", None)
        return cls(
            slug=source.slug,
            name=source.name,
            kind=source.kind,
            insee=getattr(source, "insee", None),
            siren=getattr(source, "siren", None),
            departement=getattr(source, "departement", None),
            region=getattr(source, "region", None),
            epci=getattr(source, "epci", None),
            population=getattr(source, "population", None),
            lat=getattr(location, "lat", None) if location is not None else None,
            lon=getattr(location, "lon", None) if location is not None else None,
        )


def actes_forms(code: str) -> list[str]:
    """How ACTES identifiers write a département: "034" for 34, "02A" for 2A, "974" for 974."""
    return [code, code.zfill(3)] if len(code) == 2 else [code]


# The SQL expression giving a document's département from its ACTES identifier, in the
# spelling of normalise_departement.
ACTES_DEPARTEMENT_SQL = (
    "CASE WHEN length(d.actes_department) = 3 AND substr(d.actes_department, 1, 1) = '0' "
    "THEN substr(d.actes_department, 2) ELSE d.actes_department END"
)
