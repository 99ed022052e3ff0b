"""French full-text search over the archive. Depends only on ``archive``.

``ensure_index`` creates the index (idempotent); ``Searcher`` answers ``SearchQuery`` objects
with typed ``SearchPage`` results, for the CLI and the web UI alike. Both go through the backend
of the archive's scheme (``search.backend``): SQLite's FTS5 (``search.sqlite``) for now.
"""

from search.backend import SearchBackend, backend_for, ensure_index, optimize_index, rebuild_index
from search.errors import SearchError
from search.results import Facets, SearchHit, SearchPage, SearchQuery
from search.searcher import Searcher

__all__ = [
    "Facets",
    "SearchBackend",
    "SearchError",
    "SearchHit",
    "SearchPage",
    "SearchQuery",
    "Searcher",
    "backend_for",
    "ensure_index",
    "optimize_index",
    "rebuild_index",
]
