"""Facet counts over the whole result set: categories, sources, document types, years."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text

from search.results import Facets

_FACETS = {
    "categories": "SELECT m.category AS value, count(DISTINCT m.document_id) AS n FROM mentions m "
    "JOIN temp.search_hits h ON h.id = m.document_id GROUP BY m.category",
    "sources": "SELECT s.host AS value, count(*) AS n FROM temp.search_hits h JOIN documents d ON d.id = h.id "
    "JOIN sources s ON s.id = d.source_id GROUP BY s.host",
    "doc_types": "SELECT d.doc_type AS value, count(*) AS n FROM temp.search_hits h JOIN documents d ON d.id = h.id "
    "GROUP BY d.doc_type",
    "years": "SELECT substr(COALESCE(d.date, d.first_seen_at), 1, 4) AS value, count(*) AS n "
    "FROM temp.search_hits h JOIN documents d ON d.id = h.id GROUP BY value",
}


def count_facets(connection: Connection, base: str, where: list[str], params: dict[str, Any]) -> Facets:
    """The filtered matches go to a temporary table once; each facet groups it."""
    clauses = ("WHERE " + " AND ".join(where)) if where else ""
    expanding = [bindparam(name, expanding=True) for name, value in params.items() if isinstance(value, list)]
    connection.exec_driver_sql("DROP TABLE IF EXISTS temp.search_hits")
    connection.execute(
        text(
            f"CREATE TEMP TABLE search_hits AS WITH hits AS MATERIALIZED ({base}) SELECT d.id AS id FROM hits h "
            f"JOIN documents d ON d.id = h.id JOIN sources s ON s.id = d.source_id {clauses}"
        ).bindparams(*expanding),
        params,
    )
    try:
        counts = {
            name: {
                row.value: row.n
                for row in sorted(connection.execute(text(sql)), key=lambda r: (-r.n, r.value))
            }
            for name, sql in _FACETS.items()
        }
    finally:
        connection.exec_driver_sql("DROP TABLE IF EXISTS temp.search_hits")
    return Facets(**counts)
