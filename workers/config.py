"""A worker's settings: where the archive is, what a crawl job adds, and the queue's timings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from archive.db import DatabaseLocation
from archive.errors import ArchiveError

# procrastinate's queues: crawls and OCR jobs, and the upkeep (retrying stalled jobs), which
# each worker serves on its own so that it never waits behind hours of crawling.
CRAWL_QUEUE, OCR_QUEUE, UPKEEP_QUEUE = "crawl", "ocr", "upkeep"


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ArchiveError(f"{name} must be a number of seconds, not {raw!r}") from None
    if value <= 0:
        raise ArchiveError(f"{name} must be a positive number of seconds, not {raw!r}")
    return value


@dataclass(frozen=True, slots=True)
class Timings:
    """How fast the queue notices things (seconds); the environment may change each one.

    A worker writes its heartbeat every ``heartbeat``; a worker silent for ``stalled_after``
    is taken for dead, and its running jobs are retried by the next upkeep, every
    ``stalled_check`` (a whole number of seconds dividing a minute, for procrastinate's cron).
    ``poll``: how often an idle worker looks for jobs (it is also woken by PostgreSQL's NOTIFY).
    ``busy_retry``: when a source is locked by a crawl outside the queue, its job waits this long.
    """

    heartbeat: float = 10.0
    stalled_after: float = 30.0
    stalled_check: int = 30
    poll: float = 5.0
    busy_retry: float = 60.0

    @classmethod
    def from_environment(cls) -> Timings:
        default = cls()
        check = _seconds("VIGIE_WORKER_STALLED_CHECK", default.stalled_check)
        if check != int(check) or 60 % int(check):
            raise ArchiveError("VIGIE_WORKER_STALLED_CHECK must divide 60 (1, 2, 3, 5, 10, 15, 20, 30)")
        timings = cls(
            heartbeat=_seconds("VIGIE_WORKER_HEARTBEAT", default.heartbeat),
            stalled_after=_seconds("VIGIE_WORKER_STALLED_AFTER", default.stalled_after),
            stalled_check=int(check),
            poll=_seconds("VIGIE_WORKER_POLL", default.poll),
            busy_retry=_seconds("VIGIE_WORKER_BUSY_RETRY", default.busy_retry),
        )
        if timings.stalled_after <= timings.heartbeat:
            raise ArchiveError("VIGIE_WORKER_STALLED_AFTER must be longer than VIGIE_WORKER_HEARTBEAT")
        return timings


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """What every job of one worker needs: the archive, and the options its crawls add."""

    location: DatabaseLocation
    name: str
    crawl_args: list[str] = field(default_factory=list)  # e.g. --registry FILE, -s NAME=VALUE
    lexicon: str | None = None
    ocr_workers: int | None = None
    ocr_timeout: float | None = None
    grace: float = 30.0  # seconds a stopping worker lets its jobs finish before it releases them
    timings: Timings = field(default_factory=Timings)
