"""The page of hits as every backend gives it: each document's details turned into a
``SearchHit``, with its marked passage, the PDF page and the act the passage falls in.

A backend finds the rows of the page and each one's marked passage (FTS5's ``snippet()``,
PostgreSQL's ``ts_headline``, or ``long_passages`` for the documents too long for either); the
rest is the same SQL on either database (``search.locate``) and lives here once.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, text

from search.locate import CLOSE, OPEN, act_at, locate, page_at
from search.passages import FTS_SNIPPET_MAX_CHARS, READ_CHARS, passage, query_words
from search.results import SearchHit, SearchQuery


def assemble_hits(
    connection: Connection,
    query: SearchQuery,
    rows: list[Any],
    details: Mapping[int, Any],
    snippets: Mapping[int, tuple[str, int | None]],
) -> list[SearchHit]:
    """The page's hits, in ``rows``' order; ``snippets``: each document's marked passage and,
    when known, its offset in the text (else it is located)."""
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
