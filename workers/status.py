"""What the queue holds (``vigie queue``): jobs per state, and the running ones with their worker."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import text

from archive.db import DatabaseLocation, make_engine
from archive.lock import source_holders
from workers.app import opened, queue_exists
from workers.config import CRAWL_QUEUE, OCR_QUEUE

# procrastinate's job states, as ``vigie queue`` names them (a public contract: extend only).
STATES = {"todo": "waiting", "doing": "running", "failed": "failed", "succeeded": "done"}


@dataclass(slots=True)
class RunningJob:
    id: int
    task: str  # crawl or ocr
    target: str  # the source's slug, or the document's id
    attempts: int
    worker_id: int | None  # procrastinate's id of the worker
    heartbeat_age: float | None  # seconds since that worker's last heartbeat
    held_by: str | None  # for a crawl: who holds the source's lock ('vigie crawl' (worker …, pid …))


@dataclass(slots=True)
class QueueStatus:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # queue → state → jobs
    running: list[RunningJob] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"counts": self.counts, "running": [asdict(job) for job in self.running]}


async def queue_status(location: DatabaseLocation) -> QueueStatus:
    status = QueueStatus(
        counts={queue: dict.fromkeys(STATES.values(), 0) for queue in (CRAWL_QUEUE, OCR_QUEUE)}
    )
    if not await queue_exists(location):
        return status
    async with opened(location) as app:
        for row in await app.job_manager.list_queues_async():
            if row["name"] in status.counts:
                status.counts[row["name"]] = {name: row.get(state, 0) for state, name in STATES.items()}
        jobs = [
            job
            for job in await app.job_manager.list_jobs_async(status="doing")
            if job.queue in (CRAWL_QUEUE, OCR_QUEUE)
        ]
    heartbeats = _heartbeats(location)
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            holders = source_holders(connection, [job.task_kwargs.get("source", "") for job in jobs])
    finally:
        engine.dispose()
    for job in jobs:
        source = job.task_kwargs.get("source")
        status.running.append(
            RunningJob(
                id=job.id or 0,
                task="crawl" if job.queue == CRAWL_QUEUE else "ocr",
                target=str(source if source is not None else job.task_kwargs.get("document_id")),
                attempts=job.attempts,
                worker_id=job.worker_id,
                heartbeat_age=heartbeats.get(job.worker_id) if job.worker_id is not None else None,
                held_by=holders.get(source) if source else None,
            )
        )
    return status


def _heartbeats(location: DatabaseLocation) -> dict[int, float]:
    """procrastinate's worker id → seconds since its last heartbeat."""
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, EXTRACT(EPOCH FROM now() - last_heartbeat) FROM procrastinate_workers")
            ).all()
    finally:
        engine.dispose()
    return {int(row[0]): float(row[1]) for row in rows}
