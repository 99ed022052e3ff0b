"""The seam between the search library and a database's full-text engine.

A ``SearchBackend`` is everything a caller needs from one archive: keep its index (ensure,
require, rebuild, optimize), answer a ``SearchQuery`` with a ``SearchPage`` (hits and facets),
read one document, count the overview. ``Searcher`` is the public entry and delegates here.

One backend per scheme of the archive's location, the way Scrapy picks a files store by URI
scheme: ``BACKENDS`` maps a scheme to its class, imported only when an archive asks for it.
SQLite's FTS5 (``search.sqlite``) and PostgreSQL's full-text search (``search.postgres``);
another is a new class and one line here.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from types import ModuleType
from typing import ClassVar

from sqlalchemy import Engine

from search.deadline import search_timeout
from search.documents import DocumentDetail, Original, find_original, load_document
from search.errors import UNSUPPORTED_BACKEND, SearchError
from search.overview import MonthCount, SourceCount, Totals, timeline, top_sources, totals
from search.places import SourcePlaces
from search.results import SearchPage, SearchQuery
from search.source_counts import SourceCounts, source_counts

# Scheme of the archive's SQLAlchemy URL → "module:Class" of its backend.
BACKENDS: dict[str, str] = {
    "sqlite": "search.sqlite:SqliteBackend",
    "postgresql": "search.postgres:PostgresBackend",
}
# Schemes the archive accepts but no backend searches yet: a clear error rather than a guess.
PLANNED: dict[str, str] = {}


class SearchBackend(ABC):
    """Full-text search over one archive's engine.

    ``places`` maps registry source slugs to their commune, EPCI, département and région (filters
    and facets); ``timeout`` bounds each search, in seconds.
    """

    scheme: ClassVar[str]

    def __init__(
        self, engine: Engine, places: SourcePlaces | None = None, timeout: float | None = None
    ) -> None:
        self.engine = engine
        self.places = places or SourcePlaces()
        self.timeout = timeout if timeout is not None else search_timeout()

    # -- the index: each backend's own module (``search.index``, ``search.postgres.index``) ------

    # The module that keeps this backend's index: ensure_index, require_index, rebuild_index and
    # optimize_index, each taking the engine.
    index: ClassVar[ModuleType]

    def ensure_index(self) -> bool:
        """Create what is missing (idempotent); True if anything was built."""
        return bool(self.index.ensure_index(self.engine))

    def require_index(self) -> None:
        """For read-only use: raise a ``SearchError`` (kind ``no_index``) if there is no index."""
        self.index.require_index(self.engine)

    def rebuild_index(self) -> None:
        """Rebuild the index from the archive's tables (after a bulk load, or to repair)."""
        self.index.rebuild_index(self.engine)

    def optimize_index(self) -> None:
        """Compact the index, worth it after big crawls."""
        self.index.optimize_index(self.engine)

    # -- searching ----------------------------------------------------------------------------

    @abstractmethod
    def search(self, query: SearchQuery, suggested: str | None = None) -> SearchPage:
        """One page of hits (and facets when asked); with ``suggested``, a category the query
        names, whose documents under the same filters are counted in ``suggested_total``."""

    @abstractmethod
    def document_ids(self, query: SearchQuery) -> list[int]:
        """Every document the query keeps, in id order: no page, no snippet (exports)."""

    # -- reading: the ORM's and plain SQL, which any backend may keep ---------------------------

    def document(self, document_id: int) -> DocumentDetail | None:
        return load_document(self.engine, document_id)

    def original(self, sha256: str) -> Original | None:
        return find_original(self.engine, sha256)

    def timeline(self) -> list[MonthCount]:
        return timeline(self.engine)

    def top_sources(self, limit: int = 10) -> list[SourceCount]:
        return top_sources(self.engine, limit)

    def totals(self) -> Totals:
        return totals(self.engine)

    def source_counts(
        self,
        categories: list[str] | None = None,
        stance: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[SourceCounts]:
        return source_counts(self.engine, categories, stance, since, until)


def backend_for(
    engine: Engine, places: SourcePlaces | None = None, timeout: float | None = None
) -> SearchBackend:
    """The backend of the archive's scheme; a ``SearchError`` (``unsupported_backend``) if none."""
    scheme = engine.url.get_backend_name()
    if scheme not in BACKENDS:
        name = PLANNED.get(scheme, scheme)
        raise SearchError(
            UNSUPPORTED_BACKEND,
            f"full-text search on a {name} archive is not supported yet; SQLite and PostgreSQL archives are searched",
            value=scheme,
        )
    module, _, name = BACKENDS[scheme].partition(":")
    backend: type[SearchBackend] = getattr(importlib.import_module(module), name)
    return backend(engine, places, timeout)


def ensure_index(engine: Engine) -> bool:
    """Create the archive's search index if missing (idempotent); True if anything was built."""
    return backend_for(engine).ensure_index()


def rebuild_index(engine: Engine) -> None:
    backend_for(engine).rebuild_index()


def optimize_index(engine: Engine) -> None:
    backend_for(engine).optimize_index()
