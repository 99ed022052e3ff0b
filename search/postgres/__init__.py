"""The PostgreSQL full-text search backend (see ``search.backend``)."""

from search.postgres.backend import PostgresBackend

__all__ = ["PostgresBackend"]
