"""The second search backend: PostgreSQL's full-text search, over the archive's own tables.

The index (``vigie_french``: unaccent and the French stemmer, a ``tsvector`` table kept by
triggers, GIN) is in ``search.postgres.index``, the translation of queries in
``search.postgres.tsquery``, the result set's SQL in ``search.postgres.matches``, the facets in
``search.postgres.facets`` and the page in ``search.postgres.hits``. A search is one
transaction under ``SET LOCAL statement_timeout``: a statement that runs past the time limit is
cancelled by the server, reported as SQLite's interrupted search is (``TIMEOUT``); one running
when the server stops (``search.deadline.stop_searches``) is cancelled then (``STOPPED``).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from search.backend import SearchBackend
from search.deadline import cancelled_on_stop, searches_stopped
from search.errors import FAILED, STOPPED, TIMEOUT, SearchError, malformed_query
from search.postgres import index as tsvector_index
from search.postgres.facets import count_facets
from search.postgres.hits import page_hits
from search.postgres.matches import NEWEST, RANKED, filters, scored
from search.postgres.tsquery import TsQuery, plain_tsquery, raw_tsquery
from search.results import Facets, SearchPage, SearchQuery

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE of a statement stopped by statement_timeout


class PostgresBackend(SearchBackend):
    scheme = "postgresql"

    index = tsvector_index

    def search(self, query: SearchQuery, suggested: str | None = None) -> SearchPage:
        where, params = filters(query, self.places)
        page = {"limit": query.limit, "offset": query.offset}
        order = NEWEST if query.newest_first else RANKED
        ends_at = time.monotonic() + self.timeout
        with self.engine.connect() as connection, cancelled_on_stop(connection):
            try:
                self._limit(connection)
                tsq = _tsquery(connection, query)
                if tsq is not None and not tsq.match:
                    return SearchPage(total=0, hits=[], facets=_empty_facets(query))  # stop words only
                sql, params = scored(query, tsq, where, params)
                windowed = f"SELECT id, score, count(*) OVER () AS total FROM ({sql}) m {order}"
                rows = list(connection.execute(text(windowed), {**params, **page}))
                facets = None
                if query.facets:
                    total, facets = count_facets(connection, sql, params, self.places)
                else:
                    total = rows[0].total if rows else _count(connection, sql, params)
                hits = page_hits(connection, query, tsq, rows, ends_at)
                suggested_total = self._tagged(connection, query, suggested) if suggested else 0
            except DBAPIError as exc:
                raise self._explain(exc, query.raw) from exc
        return SearchPage(
            total=total,
            hits=hits,
            facets=facets,
            suggested_category=suggested if suggested_total else None,
            suggested_total=suggested_total,
        )

    def document_ids(self, query: SearchQuery) -> list[int]:
        where, params = filters(query, self.places)
        with self.engine.connect() as connection, cancelled_on_stop(connection):
            try:
                self._limit(connection)
                tsq = _tsquery(connection, query)
                if tsq is not None and not tsq.match:
                    return []
                sql, params = scored(query, tsq, where, params)
                return list(
                    connection.execute(text(f"SELECT id FROM ({sql}) m ORDER BY id"), params).scalars()
                )
            except DBAPIError as exc:
                raise self._explain(exc, query.raw) from exc

    def _limit(self, connection: Connection) -> None:
        """Every statement of this transaction ends by the time limit (the server cancels it)."""
        if searches_stopped():
            raise SearchError(STOPPED, "the search was stopped: the server is shutting down")
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(self.timeout * 1000))}")

    def _tagged(self, connection: Connection, query: SearchQuery, category: str) -> int:
        """How many documents the category alone gives, with the query's other filters."""
        tagged = replace(query, text="", raw=False, categories=[category], facets=False)
        where, params = filters(tagged, self.places)
        sql, params = scored(tagged, None, where, params)
        return _count(connection, sql, params)

    def _explain(self, exc: DBAPIError, raw: bool) -> SearchError:
        message = str(getattr(exc, "orig", exc)).splitlines()[0]
        state = getattr(getattr(exc, "orig", None), "sqlstate", None)
        if state == QUERY_CANCELED:
            if searches_stopped():
                return SearchError(STOPPED, "the search was stopped: the server is shutting down")
            return SearchError(
                TIMEOUT,
                f"the search took longer than {self.timeout:g} s and was stopped; "
                "add words or filters to narrow it",
                limit=self.timeout,
            )
        if "tsquery" in message:
            return malformed_query(message, raw)
        return SearchError(FAILED, f"search failed: {message}", detail=message)


def _tsquery(connection: Connection, query: SearchQuery) -> TsQuery | None:
    if not query.text.strip():
        return None
    if query.raw:
        return raw_tsquery(connection, query.text)
    return plain_tsquery(connection, query.text)


def _empty_facets(query: SearchQuery) -> Facets | None:
    return Facets() if query.facets else None


def _count(connection: Connection, sql: str, params: dict[str, Any]) -> int:
    """The total when the requested page is past the end (the window count saw no row)."""
    return int(connection.execute(text(f"SELECT count(*) FROM ({sql}) m"), params).scalar() or 0)
