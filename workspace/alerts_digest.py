"""What is new for a saved search: its digest, before any e-mail is written.

A digest holds the documents with mentions that the saved search's page would show and that
Vigie first archived within the window (newest first, each with its best passage), as the
search's Atom feed lists them; and, for a search of a technology or a place without words, the
decision records read in those documents. Each list is capped (``DIGEST_DOCUMENTS``,
``DIGEST_RECORDS``): the totals say how many there are, the e-mail links to the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from archive.record_queries import RecordFilter, RecordView, find_records
from search import Searcher, SearchHit, SearchQuery
from search.record_places import RecordPlaces
from search.url_params import SearchParams, parse_search_url

DIGEST_DOCUMENTS = 20  # documents shown in one e-mail
DIGEST_RECORDS = 10  # decision records shown in one e-mail
FEED_ENTRIES = 50  # entries of a saved search's Atom feed (as /feed)


@dataclass(frozen=True, slots=True)
class Digest:
    """What is new for one saved search in the window (``start``, ``end``]."""

    params: SearchParams
    start: dt.datetime
    end: dt.datetime
    documents: list[SearchHit]
    documents_total: int
    records: list[RecordView]
    records_total: int

    @property
    def empty(self) -> bool:
        return self.documents_total == 0 and self.records_total == 0


def alert_query(params: SearchParams, limit: int = FEED_ENTRIES, **changes: Any) -> SearchQuery:
    """The saved search as its feed and digests run it: documents with mentions, newest first."""
    return params.search_query(with_mentions=True, newest_first=True, limit=limit, offset=0, **changes)


def watches_records(params: SearchParams) -> bool:
    """A search of a technology or a place, without words: its decision records are news too
    (records hold no words to match)."""
    return not params.q and bool(params.categories or params.placed)


def build_digest(
    searcher: Searcher,
    search: str,
    start: dt.datetime,
    end: dt.datetime,
    record_places: RecordPlaces | None = None,
) -> Digest:
    """The digest of the saved ``search`` (a query string) for the window (``start``, ``end``].

    ``record_places`` places decision records for a search by place (the registry's); without
    it such a search's records are left out."""
    params = parse_search_url(search)
    found = searcher.search(alert_query(params, DIGEST_DOCUMENTS, found_after=start, found_until=end))
    records: list[RecordView] = []
    if watches_records(params) and (record_places is not None or not params.placed):
        records = new_records(searcher, params, start, end, record_places)
    return Digest(params, start, end, found.hits, found.total, records[:DIGEST_RECORDS], len(records))


def new_records(
    searcher: Searcher,
    params: SearchParams,
    start: dt.datetime,
    end: dt.datetime,
    record_places: RecordPlaces | None,
) -> list[RecordView]:
    """The records of the documents new in the window, of any of the search's technologies (a
    record filter's technologies all apply: one query each) and in its places."""
    place = None
    if params.placed and record_places is not None:
        place = record_places.place_filter(params.departements, params.regions, params.epcis, params.communes)
    found: dict[int, RecordView] = {}
    for technologies in [(category,) for category in params.categories] or [()]:
        wanted = RecordFilter(technologies=technologies, place=place, found_after=start, found_until=end)
        for view in find_records(searcher.store, wanted)[1]:
            found.setdefault(view.id, view)
    return sorted(found.values(), key=lambda view: (view.date or dt.date.min, view.id), reverse=True)
