"""Answer searches over the archive: the public entry, whatever the backend.

``Searcher`` opens the backend of the archive's scheme (``search.backend``), makes sure it has
its index, and hands it each ``SearchQuery``; it adds what does not depend on the database: the
category that the query names (``search.hints``), offered beside the results.
"""

from __future__ import annotations

import dataclasses

from archive import ArchiveStore
from archive.reader import ArchiveReader
from search.backend import SearchBackend, backend_for
from search.documents import DocumentDetail, Original
from search.hints import CategoryHints
from search.overview import MonthCount, SourceCount, Totals
from search.places import SourcePlaces
from search.results import SearchPage, SearchQuery
from search.source_counts import SourceCounts
from search.titles import with_display_titles

__all__ = ["SearchQuery", "Searcher"]


class Searcher:
    """Searches one archive.

    ``store`` is an ``ArchiveStore`` or a read-only ``ArchiveReader``; with a reader the index
    must already exist (a crawl builds it), since nothing may be written. ``places`` maps
    registry source slugs to their commune, EPCI, département and région, for the place filters
    and facets (``search.places``).
    """

    def __init__(
        self,
        store: ArchiveStore | ArchiveReader,
        places: SourcePlaces | None = None,
        timeout: float | None = None,
    ) -> None:
        self.store = store
        self.backend: SearchBackend = backend_for(store.engine, places, timeout)
        if isinstance(store, ArchiveReader):
            self.backend.require_index()
        else:
            self.backend.ensure_index()

    @property
    def places(self) -> SourcePlaces:
        return self.backend.places

    @property
    def timeout(self) -> float:
        return self.backend.timeout

    def search(self, query: SearchQuery, hints: CategoryHints | None = None) -> SearchPage:
        """One page of results; with ``hints`` (the lexicon's terms, see ``search.hints``), also
        the category that the query names and the documents it tags, as a suggestion."""
        found = self.backend.search(query, _suggested(query, hints))
        return dataclasses.replace(found, hits=with_display_titles(self.store.engine, found.hits))

    def document_ids(self, query: SearchQuery) -> list[int]:
        """Every document the query keeps (all its pages), in id order: what an export selects."""
        return self.backend.document_ids(query)

    def document(self, document_id: int) -> DocumentDetail | None:
        return self.backend.document(document_id)

    def original(self, sha256: str) -> Original | None:
        return self.backend.original(sha256)

    def timeline(self) -> list[MonthCount]:
        return self.backend.timeline()

    def top_sources(self, limit: int = 10) -> list[SourceCount]:
        return self.backend.top_sources(limit)

    def totals(self) -> Totals:
        return self.backend.totals()

    def source_counts(
        self,
        categories: list[str] | None = None,
        stance: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[SourceCounts]:
        """Documents with mentions and decision records per registry source (the map)."""
        return self.backend.source_counts(categories, stance, since, until)


def _suggested(query: SearchQuery, hints: CategoryHints | None) -> str | None:
    """The category the plain query names, unless the search already keeps only it."""
    if hints is None or query.raw or not query.text.strip():
        return None
    category = hints.category_for(query.text)
    return None if category is None or query.categories == [category] else category
