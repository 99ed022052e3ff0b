"""One crawl job: ``vigie crawl --source SLUG`` in a child process, tied to the worker's life.

A crawl runs in its own process, as ``vigie crawl`` does (Scrapy's reactor cannot restart), so a
worker runs any number of crawls one after another. The child dies with the worker, even by
``kill -9`` (Linux's parent-death signal): the job's source is then free for the worker that
retries it, and never crawled twice at once. When the worker stops (SIGTERM) and its grace is
over, the child gets SIGTERM, Scrapy stops cleanly (every fetched document archived, its run
recorded as interrupted) and the job goes back to the queue.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import signal
import sys

from workers.config import WorkerConfig

_PR_SET_PDEATHSIG = 1
# vigie crawl's exit status when another writer holds the source (cli/crawl.py).
_LOCKED = 3


class CrawlFailedError(Exception):
    """The crawl ended without completing (a broken source, an archive error…): not retried."""


class SourceBusyError(Exception):
    """A crawl outside the queue holds the source: the job waits and tries again."""


class JobReleasedError(Exception):
    """The worker stopped before the crawl ended: the job goes back to the queue."""


def crawl_command(config: WorkerConfig, source: str, options: list[str]) -> list[str]:
    location = config.location
    return [
        sys.executable,
        "-m",
        "cli",
        "crawl",
        "--source",
        source,
        "--db",
        location.url,
        "--files-dir",
        str(location.files_dir),
        "--quiet",
        *config.crawl_args,
        *options,
    ]


async def run_crawl_process(config: WorkerConfig, source: str, options: list[str], job_id: int | None) -> str:
    """Run the crawl; its one-line summary, or the error that says what becomes of the job."""
    env = {**os.environ, "VIGIE_WORKER_NAME": config.name}
    process = await asyncio.create_subprocess_exec(
        *crawl_command(config, source, options),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        env=env,
        # Its own session: a Ctrl-C in the worker's terminal is the worker's to handle.
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )
    try:
        output, _ = await process.communicate()
    except asyncio.CancelledError:
        # The worker is stopping and its grace is over: stop Scrapy cleanly, then release.
        process.send_signal(signal.SIGTERM)
        await process.wait()
        raise JobReleasedError(f"the worker stopped during the crawl of {source}") from None
    summary = output.decode("utf-8", "replace").strip()
    if summary:
        print(f"[{config.name}] job {job_id} {source}: {summary}", file=sys.stderr, flush=True)
    if process.returncode == 0:
        return summary
    if process.returncode == _LOCKED:
        raise SourceBusyError(f"{source} is being crawled outside the queue")
    raise CrawlFailedError(f"the crawl of {source} ended with status {process.returncode}: {summary}")


def _die_with_parent() -> None:
    """In the child, before it starts: be killed when the worker dies, however it dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
