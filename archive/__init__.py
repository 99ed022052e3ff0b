"""The archive: SQLAlchemy models, the content-addressed file store and the repository.

This package never imports Scrapy: the crawler writes into it, and the search, export and
(later) web layers read from it.
"""

from archive.db import ArchiveError, DatabaseLocation, resolve_location
from archive.records import FetchOutcome, FetchRecord
from archive.store import ArchiveStore

__all__ = [
    "ArchiveError",
    "ArchiveStore",
    "DatabaseLocation",
    "FetchOutcome",
    "FetchRecord",
    "resolve_location",
]
