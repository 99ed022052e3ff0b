"""The page of hits: each document's details, its best passage marked, its page and act."""

from __future__ import annotations

import datetime as dt
import html
import time
from typing import Any

from sqlalchemy import Connection, bindparam, text

from search.locate import CLOSE, OPEN, act_at, locate, page_at
from search.passages import FTS_SNIPPET_MAX_CHARS, READ_CHARS, passage, query_words
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
    hits = []
    for position, row in enumerate(rows, start=query.offset + 1):
        info = details[row.id]
        marked, offset = snippets.get(row.id, ("", None))
        if offset is None:
            offset = locate(connection, row.id, marked)
        page = page_at(connection, row.id, offset) if offset is not None and info.kind == "pdf" else None
        act = act_at(connection, row.id, offset, page) if offset is not None else None
        hits.append(
            SearchHit(
                rank=position,
                document_id=row.id,
                url=info.url,
                title=info.title,
                source=info.host,
                date=as_day(info.date) or as_day(info.first_seen_at),
                doc_type=info.doc_type,
                categories=sorted(info.categories.split(",")) if info.categories else [],
                score=float(row.score),
                snippet=plain_snippet(marked),
                snippet_html=html_snippet(marked),
                page=page,
                act_number=act[0] if act else None,
                act=act[1] if act else None,
                sha256=info.sha256,
                first_seen_at=as_moment(info.first_seen_at),
            )
        )
    return hits


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


def long_passages(
    connection: Connection, ids: list[int], words: str, ends_at: float
) -> dict[int, tuple[str, int | None]]:
    """Snippets of the documents too long for FTS5's ``snippet()`` (see ``search.passages``).

    This is Python, which SQLite's time limit cannot interrupt: past the search's deadline
    the remaining documents keep an empty snippet (their title's is asked for instead).
    """
    rows = connection.execute(
        text(
            "SELECT id, substr(text, 1, :read) AS head FROM documents "
            "WHERE id IN :ids AND text_length > :longer"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": ids, "read": READ_CHARS, "longer": FTS_SNIPPET_MAX_CHARS},
    )
    wanted = query_words(words)
    found: dict[int, tuple[str, int | None]] = {}
    for row in rows:
        if time.monotonic() > ends_at:
            found[row.id] = ("", None)
            continue
        marked = passage(row.head or "", wanted)
        found[row.id] = marked if marked else ("", None)  # "": the title's snippet is asked for
    return found


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


def as_day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_moment(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def plain_snippet(marked: str) -> str:
    return " ".join(marked.replace(OPEN, "[").replace(CLOSE, "]").split())


def html_snippet(marked: str) -> str:
    escaped = html.escape(" ".join(marked.split()))
    return escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
