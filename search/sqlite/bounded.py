"""Bounded scoring on SQLite: for words in most documents, bm25 for a bounded number of matches.

A word in nearly every document (``conseil``: 199,442 of 200,000 in the benchmark's archive)
made FTS5 compute bm25 for every match before the best 20 could be chosen: 310 ms of a
533 ms search. When a query matches more than ``SCORED_MATCHES`` documents, only the
``SCORED_MATCHES`` most recently archived matches (the highest rowids, which FTS5 reads in
descending order without scoring) get bm25; the others score 0 before the bonuses (the whole
phrase, the tagged mentions), so they rank after them. Every match is still found and
counted, and facets count them all: only the order is bounded, and the page says so
(``SearchPage.ranking_bounded``).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from search.query import FtsQuery

SCORED_MATCHES = 10_000


def scored_from(connection: Connection, fts: FtsQuery | None) -> int | None:
    """The lowest rowid that gets scored when the query matches more than ``SCORED_MATCHES``
    documents; None when every match is scored."""
    if fts is None:
        return None
    limit = SCORED_MATCHES
    row = connection.execute(
        text(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match "
            "ORDER BY rowid DESC LIMIT 1 OFFSET :limit"
        ),
        {"match": fts.match, "limit": limit},
    ).first()
    # The (limit + 1)-th newest match exists: more than ``limit`` matches, the newest are scored.
    return None if row is None else int(row[0]) + 1
