"""The first search backend: SQLite's FTS5, over the archive's own tables.

The index and its triggers are in ``search.index``, the result set's SQL in
``search.sqlite.matches``, the facets in ``search.sqlite.facets``, the page of hits in
``search.sqlite.hits``. Every statement of a search runs under SQLite's time limit
(``search.deadline``).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from search import index as fts5_index
from search.backend import SearchBackend
from search.deadline import deadline, searches_stopped
from search.errors import FAILED, STOPPED, TIMEOUT, UNKNOWN_COLUMN, SearchError, malformed_query
from search.query import FtsQuery, plain_query, raw_query
from search.results import SearchPage, SearchQuery
from search.sqlite.bounded import scored_from
from search.sqlite.facets import HITS, count_facets, fill_hits
from search.sqlite.hits import page_hits
from search.sqlite.matches import NEWEST, RANKED, bind, filters, scored


class SqliteBackend(SearchBackend):
    scheme = "sqlite"

    index = fts5_index

    def search(self, query: SearchQuery, suggested: str | None = None) -> SearchPage:
        fts = _fts(query)
        where, params = filters(query, self.places)
        if fts is not None:
            params["match"] = fts.match
        page = {"limit": query.limit, "offset": query.offset}
        order = NEWEST if query.newest_first else RANKED
        ends_at = time.monotonic() + self.timeout
        with self.engine.connect() as connection, deadline(connection, self.timeout):
            try:
                start = scored_from(connection, fts)
                sql, params = scored(query, fts, where, params, start)
                if query.facets:
                    # One pass over the matches feeds both the page and the facets.
                    fill_hits(connection, sql, params)
                    rows = list(connection.execute(text(f"SELECT id, score FROM {HITS} {order}"), page))
                    total = int(connection.execute(text(f"SELECT count(*) FROM {HITS}")).scalar() or 0)
                    facets = count_facets(connection, self.places)
                else:
                    windowed = f"SELECT id, score, count(*) OVER () AS total FROM ({sql}) {order}"
                    rows = list(connection.execute(bind(windowed, params), {**params, **page}))
                    total = rows[0].total if rows else _count(connection, sql, params)
                    facets = None
                hits = page_hits(connection, query, fts, rows, ends_at)
                suggested_total = self._tagged(connection, query, suggested) if suggested else 0
            except OperationalError as exc:
                raise self._explain(exc, query.raw) from exc
        return SearchPage(
            total=total,
            hits=hits,
            facets=facets,
            suggested_category=suggested if suggested_total else None,
            suggested_total=suggested_total,
            ranking_bounded=start is not None and not query.newest_first,
        )

    def document_ids(self, query: SearchQuery) -> list[int]:
        fts = _fts(query)
        where, params = filters(query, self.places)
        if fts is not None:
            params["match"] = fts.match
        sql, params = scored(query, fts, where, params)
        with self.engine.connect() as connection, deadline(connection, self.timeout):
            try:
                return list(
                    connection.execute(bind(f"SELECT id FROM ({sql}) ORDER BY id", params), params).scalars()
                )
            except OperationalError as exc:
                raise self._explain(exc, query.raw) from exc

    def _tagged(self, connection: Connection, query: SearchQuery, category: str) -> int:
        """How many documents the category alone gives, with the query's other filters."""
        tagged = replace(query, text="", raw=False, categories=[category], facets=False)
        where, params = filters(tagged, self.places)
        sql, params = scored(tagged, None, where, params)
        return _count(connection, sql, params)

    def _explain(self, exc: OperationalError, raw: bool) -> SearchError:
        message = str(getattr(exc, "orig", exc)).splitlines()[0]
        if "interrupted" in message or "interrupted" in str(exc):
            if searches_stopped():
                return SearchError(STOPPED, "the search was stopped: the server is shutting down")
            return SearchError(
                TIMEOUT,
                f"the search took longer than {self.timeout:g} s and was stopped; "
                "add words or filters to narrow it",
                limit=self.timeout,
            )
        fts_words = ("fts5", "syntax", "unterminated", "unknown special query", "malformed MATCH")
        if isinstance(getattr(exc, "orig", None), sqlite3.OperationalError) and any(
            w in message for w in fts_words
        ):
            return malformed_query(message, raw)
        if "no such column" in message:
            return SearchError(
                UNKNOWN_COLUMN, f"malformed query ({message}); columns are title and text", detail=message
            )
        return SearchError(FAILED, f"search failed: {message}", detail=message)


def _fts(query: SearchQuery) -> FtsQuery | None:
    if not query.text.strip():
        return None
    return raw_query(query.text) if query.raw else plain_query(query.text)


def _count(connection: Connection, sql: str, params: dict[str, Any]) -> int:
    """The total when the requested page is past the end (the window count saw no row)."""
    return int(connection.execute(bind(f"SELECT count(*) FROM ({sql})", params), params).scalar() or 0)
