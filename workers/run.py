"""``vigie worker``'s loop: procrastinate's workers on the archive's queue until SIGTERM.

Two procrastinate workers share one process: one takes crawl and OCR jobs (``concurrency`` at
once), the other the upkeep, so that the jobs of a dead worker are retried even while every
worker is busy crawling. Both write heartbeats. SIGTERM or SIGINT stops them as procrastinate
intends (cancelling ``run_worker_async``): no new job is taken, running jobs get ``grace``
seconds to finish, then are stopped and put back in the queue.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from workers.app import build_app, ensure_schema
from workers.config import CRAWL_QUEUE, OCR_QUEUE, UPKEEP_QUEUE, WorkerConfig


async def serve(config: WorkerConfig, concurrency: int, queues: list[str] | None = None) -> None:
    app = build_app(
        config.location, pool_size=concurrency + 4, name=f"vigie worker {config.name}", timings=config.timings
    )
    await ensure_schema(config.location, app)
    timings = config.timings
    common = {
        "additional_context": {"config": config},
        "install_signal_handlers": False,  # one handler below stops both
        "update_heartbeat_interval": timings.heartbeat,
        "stalled_worker_timeout": timings.stalled_after,
        "fetch_job_polling_interval": timings.poll,
        "abort_job_polling_interval": timings.poll,
        "shutdown_graceful_timeout": config.grace,
    }
    async with app.open_async():
        runs = [
            asyncio.create_task(
                app.run_worker_async(
                    queues=queues or [CRAWL_QUEUE, OCR_QUEUE],
                    concurrency=concurrency,
                    name=config.name,
                    **common,
                )
            ),
            asyncio.create_task(
                app.run_worker_async(
                    queues=[UPKEEP_QUEUE], concurrency=1, name=f"{config.name}-upkeep", **common
                )
            ),
        ]
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, _stop, runs)
        try:
            done, _ = await asyncio.wait(runs, return_when=asyncio.FIRST_COMPLETED)
            _stop(runs)  # one ended (its database connection lost…): stop the other too
            await asyncio.gather(*runs, return_exceptions=True)
            for task in done:
                if not task.cancelled() and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(signum)


def _stop(runs: list[asyncio.Task[None]]) -> None:
    """Cancel each worker once: a second cancel would cut short the shutdown the first began."""
    logging.getLogger("vigie.worker").info(
        "stopping: running jobs have their grace, then go back to the queue"
    )
    for task in runs:
        if not task.done() and not task.cancelling():
            task.cancel()
