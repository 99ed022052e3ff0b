"""What the archive shows at a glance: mentions over time, the busiest sources.

Counts cover the latest version of each document (superseded versions would count twice).
A document's month is its own date (the sitting's, the act's), else the day Vigie found it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str  # "2014-02"
    category: str
    documents: int  # documents of that month with at least one mention of the category


@dataclass(frozen=True, slots=True)
class SourceCount:
    host: str
    documents: int  # documents with mentions
    mentions: int


@dataclass(frozen=True, slots=True)
class Totals:
    documents: int
    documents_with_mentions: int
    mentions: int
    sources: int


# A document's "YYYY-MM": SQLite keeps dates as ISO text, PostgreSQL as dates.
_MONTH = {
    "sqlite": "substr({day}, 1, 7)",
    "postgresql": "to_char({day}, 'YYYY-MM')",
}
_TIMELINE = """
SELECT {month} AS month, m.category AS category,
       count(DISTINCT d.id) AS documents
FROM mentions m JOIN documents d ON d.id = m.document_id
WHERE d.is_latest = TRUE
GROUP BY month, m.category ORDER BY month, m.category
"""
_TOP_SOURCES = """
SELECT s.host AS host, count(DISTINCT d.id) AS documents, count(m.id) AS mentions
FROM mentions m JOIN documents d ON d.id = m.document_id JOIN sources s ON s.id = d.source_id
WHERE d.is_latest = TRUE
GROUP BY s.host ORDER BY mentions DESC, s.host LIMIT :limit
"""
_TOTALS = """
SELECT (SELECT count(*) FROM documents WHERE is_latest = TRUE) AS documents,
       (SELECT count(DISTINCT m.document_id) FROM mentions m JOIN documents d ON d.id = m.document_id
        WHERE d.is_latest = TRUE) AS documents_with_mentions,
       (SELECT count(*) FROM mentions m JOIN documents d ON d.id = m.document_id
        WHERE d.is_latest = TRUE) AS mentions,
       (SELECT count(*) FROM sources) AS sources
"""


def timeline(engine: Engine) -> list[MonthCount]:
    with engine.connect() as connection:
        return [
            MonthCount(row.month, row.category, row.documents)
            for row in connection.execute(text(_TIMELINE.format(month=_month(connection.dialect.name))))
        ]


def _month(dialect: str) -> str:
    return _MONTH[dialect].format(day="COALESCE(d.date, date(d.first_seen_at))")


def top_sources(engine: Engine, limit: int = 10) -> list[SourceCount]:
    with engine.connect() as connection:
        rows = connection.execute(text(_TOP_SOURCES), {"limit": limit})
        return [SourceCount(row.host, row.documents, row.mentions) for row in rows]


def totals(engine: Engine) -> Totals:
    with engine.connect() as connection:
        row = connection.execute(text(_TOTALS)).one()
    return Totals(int(row.documents), int(row.documents_with_mentions), int(row.mentions), int(row.sources))
