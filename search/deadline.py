"""A time limit on every search, and a way to stop searches in flight when a server stops.

SQLite calls a progress handler every few thousand virtual-machine steps; returning non-zero
interrupts the statement ("interrupted"), which ``Searcher`` reports as a ``SearchError``. So a
search that would run for minutes (a term in every document of a huge archive, a pathological
raw FTS5 expression) ends after ``VIGIE_SEARCH_TIMEOUT`` seconds with a clear message, and
``stop_searches()`` (the web server's shutdown) ends those in flight at once.

PostgreSQL's time limit is the server's own (``SET LOCAL statement_timeout``, in
``search.postgres.backend``); a statement running there when ``stop_searches()`` is called is
cancelled by the driver (``cancel_safe``: a cancel request on a connection of its own), so a
search blocked on a lock or a long scan ends at once too, not at its time limit.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DEFAULT_TIMEOUT = 20.0  # seconds, VIGIE_SEARCH_TIMEOUT
_STEPS = 1_000  # SQLite virtual-machine instructions between two checks (tens of µs)
_stopping = threading.Event()
# The PostgreSQL connections running a search now (psycopg's), for ``stop_searches`` to cancel.
_running: set[Any] = set()
_running_lock = threading.Lock()


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
    with _running_lock:
        running = list(_running)
    for raw in running:
        # The statement may have ended meanwhile, or the connection closed: nothing to cancel.
        with contextlib.suppress(Exception):
            raw.cancel_safe(timeout=5)


@contextmanager
def cancelled_on_stop(connection: Any) -> Iterator[None]:
    """While in this block, ``stop_searches()`` cancels the statement running on
    ``connection`` (SQLAlchemy, PostgreSQL); the caller checks ``searches_stopped()`` inside it,
    before its first statement, so that a stop just before the block is not missed."""
    raw = connection.connection.driver_connection
    with _running_lock:
        _running.add(raw)
    try:
        yield
    finally:
        with _running_lock:
            _running.discard(raw)


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
