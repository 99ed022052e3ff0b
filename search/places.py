"""Where documents come from: the commune, EPCI, département and région of registry sources,
and the département of ACTES identifiers.

A document belongs to a place when a registry source of that place found it
(``document_urls.source_slug``): a commune by its INSEE code, an EPCI by its SIREN (the EPCI's
own source and its member communes'), a département, a région. It also belongs to a département,
and to that département's région, when it carries an ACTES identifier of it
(``documents.actes_department``, written with three characters there: "034", "02A", "974"),
whoever found it. The registry lives in the crawler; callers build ``SourcePlaces`` from its
``Authority`` rows and give the région of each département (its reference data), so that
``search`` keeps depending on ``archive`` only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from search.errors import UNKNOWN_VALUE, SearchError
from search.place_codes import check_code, normalise_departement

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
    def of(cls, authority: Authority, regions: Mapping[str, str]) -> SourcePlace:
        """``regions``: the région of each département, for sources that give only theirs."""
        departement = normalise_departement(authority.departement) if authority.departement else None
        return cls(
            insee=authority.insee.upper() if authority.kind == "commune" and authority.insee else None,
            # An EPCI's own source has its SIREN; a commune names its EPCI's.
            epci=authority.siren if authority.kind == "epci" else authority.epci,
            departement=departement,
            region=authority.region or (regions.get(departement) if departement else None),
        )


@dataclass(frozen=True, slots=True)
class SourcePlaces:
    """Registry source slug → its place; département → its région (for ACTES identifiers)."""

    sources: dict[str, SourcePlace] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)  # département "34" → région "76"

    @classmethod
    def of(cls, authorities: Iterable[Authority], regions: Mapping[str, str] | None = None) -> SourcePlaces:
        """The registry's sources; ``regions`` (the registry's reference data) completed by the
        départements and régions the sources themselves give."""
        listed = list(authorities)
        known = {normalise_departement(code): region for code, region in (regions or {}).items()}
        for authority in listed:
            if authority.departement and authority.region:
                known.setdefault(normalise_departement(authority.departement), authority.region)
        return cls({a.slug: SourcePlace.of(a, known) for a in listed}, known)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str | None]]) -> SourcePlaces:
        """Sources known by their département only (slug, code)."""
        return cls(
            {slug: SourcePlace(departement=normalise_departement(code)) for slug, code in pairs if code}
        )

    @property
    def departements(self) -> dict[str, str]:
        """Slug → département code, for the sources that have one."""
        return {slug: place.departement for slug, place in self.sources.items() if place.departement}

    def slugs_in(self, codes: Collection[str], level: str = "departement") -> list[str]:
        """The sources placed in one of ``codes`` at this level (``LEVELS``)."""
        wanted = set(codes)
        return sorted(slug for slug, place in self.sources.items() if getattr(place, level) in wanted)

    def departements_in(self, regions: Collection[str]) -> list[str]:
        """The départements of these régions, for the documents placed by ACTES identifiers."""
        wanted = set(regions)
        return sorted(code for code, region in self.regions.items() if region in wanted)

    @staticmethod
    def check(code: str) -> str:
        """A département code in one spelling ("034" and "34" are "34"), else a ``SearchError``."""
        return check_code("departement", code)

    @staticmethod
    def check_commune(code: str) -> str:
        """A commune's INSEE code ("34172", "2A004"), else a ``SearchError``. A registry slug
        ("montpellier") is a source, not a commune: it is refused here, with that hint."""
        return check_code("commune", code)

    @staticmethod
    def check_epci(code: str) -> str:
        """An EPCI's SIREN, spaces allowed ("243 400 017"), else a ``SearchError``."""
        return check_code("epci", code)

    def check_region(self, code: str) -> str:
        """A région code ("76", "1" for "01") that the registry knows, else a ``SearchError``.

        Without any région in the registry (no registry given), a well-formed code is taken:
        it then finds nothing, rather than refusing what cannot be checked.
        """
        code = check_code("region", code)
        known = sorted({*self.regions.values(), *(p.region for p in self.sources.values() if p.region)})
        if known and code not in known:
            raise SearchError(
                UNKNOWN_VALUE,
                f"regions: unknown région {code!r}; choose from {', '.join(known)}",
                field="regions",
                value=code,
                choices=tuple(known),
            )
        return code


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
