"""The page of hits on SQLite: each document's details and its best passage marked by FTS5's
``snippet()`` (``search.hit_page`` turns them into hits, as for every backend)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text

from search.hit_page import assemble_hits, long_passages
from search.locate import CLOSE, OPEN
from search.query import FtsQuery, passage_words
from search.results import SearchHit, SearchQuery

SNIPPET_TOKENS = 32  # about 200 characters


def page_hits(
    connection: Connection,
    query: SearchQuery,
    fts: FtsQuery | None,
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
                "(SELECT group_concat(DISTINCT category) FROM mentions m WHERE m.document_id = d.id) AS categories "
                "FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": ids},
        )
    }
    words = query.text if query.raw else passage_words(query.text)
    snippets = _snippets(connection, fts, ids, query.categories, words, ends_at)
    return assemble_hits(connection, query, rows, details, snippets)


def _snippets(
    connection: Connection,
    fts: FtsQuery | None,
    ids: list[int],
    categories: list[str],
    words: str,
    ends_at: float = float("inf"),
) -> dict[int, tuple[str, int | None]]:
    """Each document's marked snippet, and its match's offset in the text when already known."""
    if fts is None:
        return _mention_snippets(connection, ids, categories)
    long_ones = long_passages(connection, ids, words, ends_at)
    found: dict[int, str] = {}
    for column in (1, 0):  # the body's best passage; the title when only the title matches
        missing = [i for i in ids if OPEN not in found.get(i, "") and i not in long_ones]
        if column == 0:
            missing += [i for i, (marked, _) in long_ones.items() if not marked]
        if not missing:
            break
        sql = text(
            f"SELECT rowid, snippet(documents_fts, {column}, char(2), char(3), '…', {SNIPPET_TOKENS}) AS s "
            "FROM documents_fts WHERE documents_fts MATCH :match AND rowid IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        for row in connection.execute(sql, {"match": fts.match, "ids": missing}):
            if OPEN in (row.s or "") or row.rowid not in found:
                found[row.rowid] = row.s or ""
    snippets: dict[int, tuple[str, int | None]] = {i: (marked, None) for i, marked in found.items()}
    for document_id, (marked, offset) in long_ones.items():
        if marked:
            snippets[document_id] = (marked, offset)
    return snippets


def _mention_snippets(
    connection: Connection, ids: list[int], categories: list[str]
) -> dict[int, tuple[str, int | None]]:
    """Without query words: the first mention (of a requested category), else the text's start."""
    in_category = "AND m.category IN :categories" if categories else ""
    sql = text(
        "SELECT d.id, (SELECT m.matched || char(31) || m.context || char(31) || m.start FROM mentions m "
        "WHERE m.document_id = d.id "
        f"{in_category} ORDER BY m.start LIMIT 1) AS mention, substr(d.text, 1, 200) AS head "
        "FROM documents d WHERE d.id IN :ids"
    ).bindparams(
        bindparam("ids", expanding=True),
        *([bindparam("categories", expanding=True)] if categories else []),
    )
    found: dict[int, tuple[str, int | None]] = {}
    for row in connection.execute(sql, {"ids": ids, **({"categories": categories} if categories else {})}):
        if row.mention:
            matched, rest = row.mention.split("\x1f", 1)
            context, start = rest.rsplit("\x1f", 1)
            found[row.id] = (context.replace(matched, OPEN + matched + CLOSE, 1), int(start))
        else:
            found[row.id] = (row.head + ("…" if len(row.head) == 200 else ""), None)
    return found
