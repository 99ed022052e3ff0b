"""Facet counts over the whole result set: categories, stances, sources, départements,
document types, years."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text

from search.index import ACTES_INDEX
from search.places import ACTES_DEPARTEMENT_SQL, SourcePlaces
from search.results import Facets

_CATEGORIES = (
    "SELECT m.category AS value, count(DISTINCT m.document_id) AS n FROM mentions m "
    "WHERE m.document_id IN (SELECT id FROM temp.search_hits) GROUP BY m.category"
)
_STANCES = (
    "SELECT m.stance AS value, count(DISTINCT m.document_id) AS n FROM mentions m "
    "WHERE m.document_id IN (SELECT id FROM temp.search_hits) AND m.stance IS NOT NULL GROUP BY m.stance"
)
# A document counts once per département, whether its source or its ACTES identifier says so.
# The ACTES side reads the small ACTES index when the archive has it (an archive opened read-only
# may predate it); the source side is left out when no source has a département.
_ACTES_SIDE = (
    f"SELECT d.id AS id, {ACTES_DEPARTEMENT_SQL} AS value FROM documents d {{indexed}} "
    "WHERE d.actes_department IS NOT NULL AND d.id IN (SELECT id FROM temp.search_hits)"
)
_SOURCE_SIDE = (
    "SELECT u.document_id AS id, p.departement AS value FROM temp.search_hits h "
    "CROSS JOIN document_urls u ON u.document_id = h.id JOIN temp.search_places p ON p.slug = u.source_slug"
)
_PER_DOCUMENT = {
    "sources": "SELECT s.host AS value, g.n FROM (SELECT source_id, count(*) AS n FROM temp.search_hits "
    "GROUP BY source_id) g JOIN sources s ON s.id = g.source_id",
    "doc_types": "SELECT doc_type AS value, count(*) AS n FROM temp.search_hits GROUP BY doc_type",
    "years": "SELECT year AS value, count(*) AS n FROM temp.search_hits GROUP BY year",
}


def fill_hits(connection: Connection, scored: str, params: dict[str, Any], places: SourcePlaces) -> None:
    """Put every filtered match, with its score and facet values, in a temporary table.

    Temporary tables live in SQLite's private temp database: this works on a read-only archive.
    """
    connection.exec_driver_sql("DROP TABLE IF EXISTS temp.search_places")
    connection.exec_driver_sql("CREATE TEMP TABLE search_places (slug TEXT PRIMARY KEY, departement TEXT)")
    if places.departements:
        connection.execute(
            text("INSERT INTO temp.search_places VALUES (:slug, :departement)"),
            [{"slug": slug, "departement": code} for slug, code in places.departements.items()],
        )
    connection.exec_driver_sql("DROP TABLE IF EXISTS temp.search_hits")
    connection.exec_driver_sql(
        "CREATE TEMP TABLE search_hits (id INTEGER PRIMARY KEY, score REAL, day TEXT, source_id INTEGER, "
        "doc_type TEXT, year TEXT, found TEXT)"
    )
    connection.execute(text(f"INSERT INTO temp.search_hits {scored}").bindparams(*_expanding(params)), params)


def count_facets(connection: Connection, with_places: bool) -> Facets:
    """Facet counts over the matches that ``fill_hits`` stored; drops them afterwards."""
    try:
        counts = {
            name: _ordered({row.value: row.n for row in connection.execute(text(sql))})
            for name, sql in (
                ("categories", _CATEGORIES),
                ("stances", _STANCES),
                ("departements", _departements_sql(connection, with_places)),
            )
        }
        for name, sql in _PER_DOCUMENT.items():
            counts[name] = _ordered({row.value: row.n for row in connection.execute(text(sql))})
    finally:
        connection.exec_driver_sql("DROP TABLE IF EXISTS temp.search_hits")
        connection.exec_driver_sql("DROP TABLE IF EXISTS temp.search_places")
    return Facets(**counts)


def _departements_sql(connection: Connection, with_places: bool) -> str:
    has_index = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (ACTES_INDEX,)
    ).first()
    sides = [_ACTES_SIDE.format(indexed=f"INDEXED BY {ACTES_INDEX}" if has_index else "")]
    if with_places:
        sides.append(_SOURCE_SIDE)
    return f"SELECT value, count(DISTINCT id) AS n FROM ({' UNION ALL '.join(sides)}) GROUP BY value"


def _expanding(params: dict[str, Any]) -> list[Any]:
    return [bindparam(name, expanding=True) for name, value in params.items() if isinstance(value, list)]


def _ordered(counts: dict[str, int]) -> dict[str, int]:
    """Most frequent first, then alphabetical: the order a facet list is read in."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
