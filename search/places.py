"""Where documents come from, by département: registry sources and ACTES identifiers.

A document belongs to a département when a registry source with that ``departement`` found it
(``document_urls.source_slug``), or when it carries an ACTES identifier of that département
(``documents.actes_department``, written with three characters there: "034", "02A", "974").
The registry lives in the crawler; callers pass its slug → département pairs here, so that
``search`` keeps depending on ``archive`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from search.errors import BAD_DEPARTEMENT, SearchError

# A département code as users type it ("1" or "01", "2a"; "034" as ACTES writes it is normalised
# first). Corsica is 2A and 2B: "20" is no département.
DEPARTEMENT_CODE = re.compile(r"0?[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|0?2[AB]|97[1-8]|98[6-9]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SourcePlaces:
    """Registry source slug → département code ("34", "2A", "974")."""

    departements: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str | None]]) -> SourcePlaces:
        return cls({slug: normalise_departement(code) for slug, code in pairs if code})

    def slugs_in(self, codes: list[str]) -> list[str]:
        return sorted(slug for slug, code in self.departements.items() if code in codes)

    @staticmethod
    def check(code: str) -> str:
        code = code.strip().upper()
        if not DEPARTEMENT_CODE.fullmatch(normalise_departement(code)):
            raise SearchError(
                BAD_DEPARTEMENT,
                f"departements: {code!r} is not a département code (01, 2A, 974…)",
                field="departements",
                value=code,
            )
        return normalise_departement(code)


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


def normalise_departement(code: str) -> str:
    """One spelling per département: "034" and "34" are "34", "02A" is "2A", "1" is "01"."""
    code = code.strip().upper()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
    return code.zfill(2) if code.isdigit() else code


def actes_forms(code: str) -> list[str]:
    """How ACTES identifiers write a département: "034" for 34, "02A" for 2A, "974" for 974."""
    return [code, code.zfill(3)] if len(code) == 2 else [code]


# The SQL expression giving a document's département from its ACTES identifier, in the
# spelling of normalise_departement.
ACTES_DEPARTEMENT_SQL = (
    "CASE WHEN length(d.actes_department) = 3 AND substr(d.actes_department, 1, 1) = '0' "
    "THEN substr(d.actes_department, 2) ELSE d.actes_department END"
)
