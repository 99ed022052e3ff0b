"""The archive: SQLAlchemy models, the content-addressed file store and the repository.

This package never imports Scrapy: the crawler writes into it, and the search, export and
(later) web layers read from it. Its names are imported on first use, so that a command that
only needs ``ArchiveError`` (``vigie --help``) does not pay for importing SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archive.db import DatabaseLocation, resolve_location
    from archive.errors import ArchiveError
    from archive.records import FetchOutcome, FetchRecord
    from archive.store import ArchiveStore

_HOMES = {
    "ArchiveError": "archive.errors",
    "ArchiveStore": "archive.store",
    "DatabaseLocation": "archive.db",
    "FetchOutcome": "archive.records",
    "FetchRecord": "archive.records",
    "resolve_location": "archive.db",
}
__all__ = [
    "ArchiveError",
    "ArchiveStore",
    "DatabaseLocation",
    "FetchOutcome",
    "FetchRecord",
    "resolve_location",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'archive' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
