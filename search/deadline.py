"""A time limit on every search, and a way to stop searches in flight when a server stops.

SQLite calls a progress handler every few thousand virtual-machine steps; returning non-zero
interrupts the statement ("interrupted"), which ``Searcher`` reports as a ``SearchError``. So a
search that would run for minutes (a term in every document of a huge archive, a pathological
raw FTS5 expression) ends after ``VIGIE_SEARCH_TIMEOUT`` seconds with a clear message, and
``stop_searches()`` (the web server's shutdown) ends those in flight at once.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DEFAULT_TIMEOUT = 20.0  # seconds, VIGIE_SEARCH_TIMEOUT
_STEPS = 1_000  # SQLite virtual-machine instructions between two checks (tens of µs)
_stopping = threading.Event()


def search_timeout() -> float:
    """``VIGIE_SEARCH_TIMEOUT`` in seconds when it is a positive number, else the default."""
    try:
        seconds = float(os.environ.get("VIGIE_SEARCH_TIMEOUT") or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_TIMEOUT


def stop_searches() -> None:
    """Interrupt every search of this process, now and from now on (a server shutting down)."""
    _stopping.set()


def searches_stopped() -> bool:
    return _stopping.is_set()


@contextmanager
def deadline(connection: Any, seconds: float) -> Iterator[None]:
    """Interrupt the statements run on ``connection`` (SQLAlchemy) after ``seconds``."""
    raw = getattr(connection.connection, "driver_connection", None)
    if raw is None or not hasattr(raw, "set_progress_handler"):
        yield  # not SQLite: no limit here
        return
    ends = time.monotonic() + seconds

    def over() -> int:
        return 1 if _stopping.is_set() or time.monotonic() > ends else 0

    raw.set_progress_handler(over, _STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, _STEPS)
