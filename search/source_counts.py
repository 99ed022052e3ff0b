"""What each registry source found: documents with mentions by category and stance, and
decision records, per source slug (``document_urls.source_slug``). The web map's points.

One SQL statement per call, however many sources: the mentions grouped by (source, category),
a total per source (a document tagged twice counts once), and the records per (source, commune
the record names). Counts cover the latest version of each document, as the overview's do; a
document found by two sources counts for both. Filters are the search's own (categories,
stance, period), with its meaning: a document's day is its own date, else the day Vigie found it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, bindparam, text

from archive.taxonomy import CATEGORY_IDS, STANCES
from search.query import check_choices, parse_date

DAY = "COALESCE(d.date, date(d.first_seen_at))"
# The members of a record's ``technologies`` (a JSON list), as rows ``t`` of one column ``value``.
_JSON_MEMBERS = {
    "sqlite": "json_each(r.technologies) t",
    "postgresql": "json_array_elements_text(r.technologies) AS t(value)",
}


@dataclass(frozen=True, slots=True)
class SourceCounts:
    slug: str
    documents: int = 0  # documents with mentions (of the chosen categories and stance)
    mentions: int = 0
    opposed: int = 0  # documents with a mention marked as opposition
    by_category: dict[str, int] = field(default_factory=dict)  # category → documents
    records: int = 0  # decision records (of the chosen categories), whatever their mentions
    record_communes: dict[str, int] = field(default_factory=dict)  # commune named → records


def source_counts(
    engine: Engine,
    categories: list[str] | None = None,
    stance: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[SourceCounts]:
    """Every source with mentions or records under the filters, by slug.

    ``stance`` keeps the mentions of that stance; records carry none, so it leaves them out.
    Raises ``SearchError`` on an unknown category or stance, or a bad date.
    """
    categories = check_choices(list(categories or []), CATEGORY_IDS, "categories")
    check_choices([stance] if stance else [], STANCES, "stance")
    start, end = parse_date(since, "since"), parse_date(until, "until", end_of_period=True)
    documents = ["d.is_latest = TRUE"]
    params: dict[str, Any] = {}
    if start:
        documents.append(f"{DAY} >= :since")
        params["since"] = start.isoformat()
    if end:
        documents.append(f"{DAY} <= :until")
        params["until"] = end.isoformat()
    mentions = list(documents)
    records = list(documents)
    if categories:
        mentions.append("m.category IN :categories")
        records.append(
            f"EXISTS (SELECT 1 FROM {_JSON_MEMBERS[engine.dialect.name]} WHERE t.value IN :categories)"
        )
        params["categories"] = categories
    if stance:
        mentions.append("m.stance = :stance")
        records.append("FALSE")
        params["stance"] = stance
    sql = f"""
WITH found AS (SELECT DISTINCT document_id, source_slug FROM document_urls WHERE source_slug IS NOT NULL),
hits AS (
  SELECT f.source_slug AS slug, m.category AS category, m.stance AS stance, d.id AS doc
  FROM mentions m JOIN documents d ON d.id = m.document_id JOIN found f ON f.document_id = d.id
  WHERE {" AND ".join(mentions)}
)
SELECT 'category' AS part, slug, category AS name, count(DISTINCT doc) AS documents, 0 AS mentions,
       0 AS opposed
FROM hits GROUP BY slug, category
UNION ALL
SELECT 'total', slug, NULL, count(DISTINCT doc), count(*),
       count(DISTINCT CASE WHEN stance = 'opposition' THEN doc END)
FROM hits GROUP BY slug
UNION ALL
SELECT 'records', f.source_slug, r.commune, count(DISTINCT r.id), 0, 0
FROM decision_records r JOIN documents d ON d.id = r.document_id JOIN found f ON f.document_id = d.id
WHERE {" AND ".join(records)}
GROUP BY f.source_slug, r.commune
"""
    statement = text(sql)
    if categories:
        statement = statement.bindparams(bindparam("categories", expanding=True))
    totals: dict[str, dict[str, Any]] = {}
    with engine.connect() as connection:
        for row in connection.execute(statement, params):
            entry = totals.setdefault(
                row.slug,
                {
                    "documents": 0,
                    "mentions": 0,
                    "opposed": 0,
                    "by_category": {},
                    "records": 0,
                    "record_communes": {},
                },
            )
            if row.part == "category":
                entry["by_category"][row.name] = int(row.documents)
            elif row.part == "total":
                entry.update(
                    documents=int(row.documents), mentions=int(row.mentions), opposed=int(row.opposed)
                )
            else:
                entry["records"] += int(row.documents)
                if row.name:
                    entry["record_communes"][row.name] = int(row.documents)
    return [SourceCounts(slug, **entry) for slug, entry in sorted(totals.items())]
