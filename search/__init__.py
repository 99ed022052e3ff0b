"""French full-text search over the archive (SQLite FTS5). Depends only on ``archive``.

``ensure_index`` creates the index and its triggers (idempotent); ``Searcher`` answers
``SearchQuery`` objects with typed ``SearchPage`` results, for the CLI and the web UI alike.
"""

from search.errors import SearchError
from search.index import ensure_index, optimize_index, rebuild_index
from search.results import Facets, SearchHit, SearchPage
from search.searcher import Searcher, SearchQuery

__all__ = [
    "Facets",
    "SearchError",
    "SearchHit",
    "SearchPage",
    "SearchQuery",
    "Searcher",
    "ensure_index",
    "optimize_index",
    "rebuild_index",
]
