"""The SQLite FTS5 search backend (see ``search.backend``)."""

from search.sqlite.backend import SqliteBackend

__all__ = ["SqliteBackend"]
