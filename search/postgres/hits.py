"""The page of hits on PostgreSQL: each document's details, its best passage marked with
``ts_headline`` (only for the page shown: it re-reads the text), its page and act.

``ts_headline`` parses the whole text it is given, so the documents longer than
``FTS_SNIPPET_MAX_CHARS`` get their passage from ``search.passages`` instead, as on SQLite.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from search.hit_page import assemble_hits, long_passages
from search.locate import CLOSE, OPEN
from search.passages import FTS_SNIPPET_MAX_CHARS
from search.postgres.index import CONFIG
from search.postgres.tsquery import TsQuery
from search.query import passage_words
from search.results import SearchHit, SearchQuery

# About 200 characters around the best match, as FTS5's 32 tokens.
HEADLINE = f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords=32, MinWords=16, MaxFragments=1, FragmentDelimiter=…"


def page_hits(
    connection: Connection,
    query: SearchQuery,
    tsq: TsQuery | None,
    rows: list[Any],
    ends_at: float = float("inf"),
) -> list[SearchHit]:
    if not rows:
        return []
    ids = [row.id for row in rows]
    details = {
        row.id: row
        for row in connection.execute(
            text(
                "SELECT d.id, d.title, d.doc_type, d.date, d.first_seen_at, d.kind, d.sha256, s.host, "
                "(SELECT url FROM document_urls u WHERE u.document_id = d.id ORDER BY u.first_seen_at, u.id LIMIT 1) AS url, "
                "(SELECT string_agg(DISTINCT category, ',') FROM mentions m WHERE m.document_id = d.id) AS categories "
                "FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ANY(:ids)"
            ),
            {"ids": ids},
        )
    }
    if tsq is None:
        snippets = _mention_snippets(connection, ids, query.categories)
    else:
        words = query.text if query.raw else passage_words(query.text)
        snippets = _headlines(connection, tsq, ids, words, ends_at)
    return assemble_hits(connection, query, rows, details, snippets)


def _headlines(
    connection: Connection, tsq: TsQuery, ids: list[int], words: str, ends_at: float
) -> dict[int, tuple[str, int | None]]:
    """The body's best passage; the title's when only the title matches (or a long body's
    passage was not found in time)."""
    found = {
        document_id: (marked, offset)
        for document_id, (marked, offset) in long_passages(connection, ids, words, ends_at).items()
        if marked
    }
    rows = connection.execute(
        text(
            f"SELECT id, CASE WHEN text_length <= :longer THEN ts_headline('{CONFIG}', text, q, :options) END AS body, "
            f"ts_headline('{CONFIG}', coalesce(title, ''), q, :options) AS title "
            "FROM documents, CAST(:match AS tsquery) AS q WHERE id = ANY(:ids)"
        ),
        {"ids": ids, "match": tsq.match, "options": HEADLINE, "longer": FTS_SNIPPET_MAX_CHARS},
    )
    for row in rows:
        if row.id in found:
            continue
        body, title = row.body or "", row.title or ""
        found[row.id] = (
            (body if OPEN in body or OPEN not in title else title, None) if body else (title, None)
        )
    return found


def _mention_snippets(
    connection: Connection, ids: list[int], categories: list[str]
) -> dict[int, tuple[str, int | None]]:
    """Without query words: the first mention (of a requested category), else the text's start."""
    in_category = "AND m.category = ANY(:categories)" if categories else ""
    found: dict[int, tuple[str, int | None]] = {}
    for row in connection.execute(
        text(
            "SELECT d.id, left(d.text, 200) AS head, m.matched, m.context, m.start FROM documents d "
            "LEFT JOIN LATERAL (SELECT matched, context, start FROM mentions m WHERE m.document_id = d.id "
            f"{in_category} ORDER BY m.start LIMIT 1) m ON true WHERE d.id = ANY(:ids)"
        ),
        {"ids": ids, "categories": categories},
    ):
        if row.matched:
            found[row.id] = (row.context.replace(row.matched, OPEN + row.matched + CLOSE, 1), int(row.start))
        else:
            found[row.id] = (row.head + ("…" if len(row.head) == 200 else ""), None)
    return found
