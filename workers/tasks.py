"""The tasks workers run: crawl a source, OCR a document, retry the jobs of dead workers."""

from __future__ import annotations

from typing import Any

import procrastinate
from procrastinate import BaseRetryStrategy, JobContext, RetryDecision
from procrastinate.jobs import Job

from archive.lock import ArchiveLockedError
from workers.config import CRAWL_QUEUE, OCR_QUEUE, UPKEEP_QUEUE, Timings, WorkerConfig
from workers.crawl_job import CrawlFailedError, JobReleasedError, SourceBusyError, run_crawl_process

CRAWL_TASK, OCR_TASK, RETRY_STALLED_TASK = "vigie.crawl_source", "vigie.ocr_document", "vigie.retry_stalled"


def register(app: procrastinate.App, timings: Timings | None = None) -> None:
    """Register Vigie's tasks on ``app`` (the upkeep's period from ``timings``)."""
    timings = timings or Timings()

    @app.task(
        name=CRAWL_TASK,
        queue=CRAWL_QUEUE,
        pass_context=True,
        retry=BackToQueue(timings.busy_retry),
    )
    async def crawl_source(context: JobContext, source: str, options: list[str]) -> str:
        config: WorkerConfig = context.additional_context["config"]
        return await run_crawl_process(config, source, options, context.job.id)

    @app.task(name=OCR_TASK, queue=OCR_QUEUE, pass_context=True, retry=BackToQueue(timings.busy_retry))
    def ocr_document(context: JobContext, document_id: int) -> str:
        from workers.ocr_job import ocr_one

        config: WorkerConfig = context.additional_context["config"]
        return ocr_one(config, document_id)

    @app.periodic(cron=f"* * * * * */{timings.stalled_check}")
    @app.task(
        name=RETRY_STALLED_TASK, queue=UPKEEP_QUEUE, queueing_lock=RETRY_STALLED_TASK, pass_context=True
    )
    async def retry_stalled(context: JobContext, timestamp: int) -> int:
        """procrastinate's recipe: the running jobs of workers without a recent heartbeat go
        back to the queue, for a live worker to take."""
        config: WorkerConfig = context.additional_context["config"]
        stalled = await context.app.job_manager.get_stalled_jobs(
            seconds_since_heartbeat=config.timings.stalled_after
        )
        for job in stalled:
            await context.app.job_manager.retry_job(job)
        return len(stalled)


class BackToQueue(BaseRetryStrategy):
    """A job released by a stopping worker goes back to the queue at once; one whose source a
    crawl outside the queue holds (or, for OCR, a command rewriting the archive), after
    ``busy_wait`` seconds. A crawl that failed is not
    retried: its run in the archive says why, and the next enqueue tries again."""

    def __init__(self, busy_wait: float) -> None:
        self.busy_wait = busy_wait

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, JobReleasedError):
            return RetryDecision(retry_in={"seconds": 0})
        if isinstance(exception, SourceBusyError | ArchiveLockedError):
            return RetryDecision(retry_in={"seconds": self.busy_wait})
        return None


def crawl_job(app: procrastinate.App, source: str) -> Any:
    """A deferrer of one source's crawl: its lock and queueing lock are the source's slug."""
    return app.configure_task(CRAWL_TASK, lock=f"source:{source}", queueing_lock=f"crawl:{source}")


def ocr_job(app: procrastinate.App, document_id: int) -> Any:
    return app.configure_task(OCR_TASK, lock=f"document:{document_id}", queueing_lock=f"ocr:{document_id}")


__all__ = [
    "CRAWL_TASK",
    "OCR_TASK",
    "RETRY_STALLED_TASK",
    "CrawlFailedError",
    "crawl_job",
    "ocr_job",
    "register",
]
