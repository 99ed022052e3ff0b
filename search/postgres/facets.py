"""Facet counts over the whole result set, in one statement.

A PostgreSQL archive is read in read-only transactions, where no temporary table may be made
(SQLite's way, ``search.sqlite.facets``). So the matches are a materialised CTE, computed once,
and every facet is a ``GROUP BY`` over it, the facets joined by ``UNION ALL`` and told apart
by their name. The registry's places come as arrays (``unnest``), one parameter each.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from archive.mention_summary import SEPARATOR
from search.places import ACTES_DEPARTEMENT_SQL, SourcePlaces
from search.results import PLACE_FACET_VALUES, Facets

_ACTES = ACTES_DEPARTEMENT_SQL.replace("d.actes_department", "h.actes_department")
_PLACES = {"departements": "departement", "regions": "region", "epcis": "epci", "communes": "insee"}


def _place(name: str, level: str) -> str:
    """Documents per place of one kind: by the registry source that found them, and for
    départements and régions by their ACTES identifier too; each document once per place."""
    sides = [
        f"SELECT hs.id, p.{level} AS value FROM hit_sources hs JOIN places p ON p.slug = hs.slug "
        f"WHERE p.{level} IS NOT NULL"
    ]
    if level == "departement":
        sides.append("SELECT id, departement FROM actes")
    if level == "region":
        sides.append("SELECT a.id, r.region FROM actes a JOIN regions r ON r.departement = a.departement")
    top = f" ORDER BY n DESC, value LIMIT {PLACE_FACET_VALUES}" if level in ("epci", "insee") else ""
    return (
        f"(SELECT '{name}' AS facet, value, count(DISTINCT id) AS n FROM "
        f"({' UNION ALL '.join(sides)}) x GROUP BY value{top})"
    )


_COUNTS = [
    "SELECT 'total' AS facet, '' AS value, count(*) AS n FROM hits",
    # Each document's mention summary holds its distinct categories and stances, once each.
    "SELECT 'categories', c.value, count(*) FROM hits h "
    f"CROSS JOIN unnest(string_to_array(h.categories, '{SEPARATOR}')) AS c(value) GROUP BY c.value",
    "SELECT 'stances', s.value, count(*) FROM hits h "
    f"CROSS JOIN unnest(string_to_array(h.stances, '{SEPARATOR}')) AS s(value) GROUP BY s.value",
    "SELECT 'sources', s.host, count(*) FROM hits h JOIN sources s ON s.id = h.source_id GROUP BY s.host",
    "SELECT 'doc_types', doc_type, count(*) FROM hits GROUP BY doc_type",
    "SELECT 'years', year, count(*) FROM hits GROUP BY year",
    *(_place(name, level) for name, level in _PLACES.items()),
]


def count_facets(
    connection: Connection, scored: str, params: dict[str, Any], places: SourcePlaces
) -> tuple[int, Facets]:
    """The number of matches and every facet's counts, most frequent first, then by value."""
    sources = sorted(places.sources.items())
    sql = (
        f"WITH hits AS MATERIALIZED ({scored}), "
        "hit_sources AS (SELECT DISTINCT u.document_id AS id, u.source_slug AS slug FROM hits h "
        "JOIN document_urls u ON u.document_id = h.id WHERE u.source_slug IS NOT NULL), "
        "places AS (SELECT * FROM unnest(CAST(:p_slug AS text[]), CAST(:p_insee AS text[]), "
        "CAST(:p_epci AS text[]), CAST(:p_dep AS text[]), CAST(:p_reg AS text[])) "
        "AS p(slug, insee, epci, departement, region)), "
        "regions AS (SELECT * FROM unnest(CAST(:r_dep AS text[]), CAST(:r_reg AS text[])) AS r(departement, region)), "
        f"actes AS (SELECT h.id, {_ACTES} AS departement FROM hits h WHERE h.actes_department IS NOT NULL) "
        + " UNION ALL ".join(_COUNTS)
    )
    arrays = {
        "p_slug": [slug for slug, _ in sources],
        "p_insee": [place.insee for _, place in sources],
        "p_epci": [place.epci for _, place in sources],
        "p_dep": [place.departement for _, place in sources],
        "p_reg": [place.region for _, place in sources],
        "r_dep": list(places.regions),
        "r_reg": list(places.regions.values()),
    }
    counts: dict[str, dict[str, int]] = {name: {} for name in Facets.__dataclass_fields__}
    total = 0
    for row in connection.execute(text(sql), {**params, **arrays}):
        if row.facet == "total":
            total = int(row.n)
        elif row.value is not None:
            counts[row.facet][str(row.value)] = int(row.n)
    ordered = {
        name: dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))
        for name, found in counts.items()
    }
    return total, Facets(**ordered)
