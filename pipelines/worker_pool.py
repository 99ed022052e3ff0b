"""A process pool for extraction and tagging that survives crashes and runaway documents.

PDF parsing is CPU-bound: on Scrapy's reactor thread a 250-page file would freeze every
download. Jobs run in worker processes instead; each has a time limit. A job that times out
or kills its worker (a malformed PDF can crash a C library) is recorded as an error, the pool
is replaced, and the other jobs that were in flight are run again once.

Workers are forked from a fork server: one clean interpreter, started by fork and exec (never a
fork of the reactor's process, which runs threads), that imports the extraction code once. A new
worker then costs a fork, not a new interpreter importing everything again (about 0.7 s of CPU
each, paid by every crawl and by every pool replaced after a crash). Where there is no fork
server (Windows), workers are spawned.

Workers never outlive the crawl: each one watches its parent and exits when it is gone, so a
``kill -9`` of the crawl (or of ``vigie ocr``) leaves no orphan behind. The fork server exits
with the last worker, and the multiprocessing resource tracker then exits too, as the last
holder of its pipe is gone.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from archive.files import sha256_hex
from archive.records import Analysis
from pipelines import detect
from pipelines.extraction_input import ExtractionInput

logger = logging.getLogger(__name__)
A = TypeVar("A")
R = TypeVar("R")


class WorkerPool:
    def __init__(self, workers: int, timeout: float) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_start_context(),
                initializer=watch_parent,
                initargs=(os.getpid(),),
            )
        return self._executor

    async def extract(self, job: ExtractionInput) -> Analysis:
        return await self.run(_extract_document, job, lambda kind, message: _failed(job, kind, message))

    async def run(self, function: Callable[[A], R], argument: A, failed: Callable[[str, str], R]) -> R:
        """``function(argument)`` in a worker; ``failed(kind, message)`` on timeout or crash."""
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            executor = self._pool()
            try:
                future = loop.run_in_executor(executor, function, argument)
                return await asyncio.wait_for(future, self.timeout)
            except TimeoutError:
                self._replace(executor)
                return failed("worker_timeout", f"took longer than {self.timeout:g} s")
            except BrokenProcessPool:
                self._replace(executor)
                if attempt == 2:
                    return failed("worker_crashed", "the worker process crashed on this document")
        raise AssertionError("unreachable")

    def _replace(self, executor: ProcessPoolExecutor) -> None:
        if self._executor is executor:
            self._executor = None
        # Terminate the workers: a runaway parse would otherwise keep a core busy.
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


PARENT_CHECK_SECONDS = 0.5
# What every worker runs, imported once by the fork server rather than by each worker.
PRELOADED_MODULES = ["pipelines.worker_preload"]


def _start_context() -> multiprocessing.context.BaseContext:
    """The fork server's context, or spawn's where there is none. Never plain fork: forking a
    process that runs a reactor and threads is unsafe."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED_MODULES)  # heeded when the server starts
    return context


def watch_parent(owner_pid: int) -> None:
    """In a worker: exit as soon as the process that owns the pool (the crawl, ``vigie ocr``…)
    is gone, killed or crashed.

    A thread polls the owner's pid, which costs nothing. Neither the parent's pid (a forked
    worker's parent is the fork server, which lives as long as any worker holds its pipe) nor
    ``PR_SET_PDEATHSIG`` (it fires when the *thread* that started the worker ends) would do.
    """

    def watch() -> None:
        while _running(owner_pid):
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="vigie-owner-watch", daemon=True).start()


def _running(pid: int) -> bool:
    """Whether the process runs: a killed one stays a zombie until its parent reaps it, and
    counts as gone (as Linux's /proc tells; elsewhere, once reaped)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or its pid taken by another user's
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _extract_document(job: ExtractionInput) -> Analysis:
    """In a worker, where the fork server has imported the parsers already: the crawl's own
    process never imports them (about a fifth of a second of every crawl's start)."""
    from pipelines.extract import extract_document

    return extract_document(job)


def _failed(job: ExtractionInput, kind: str, message: str) -> Analysis:
    logger.warning("%s: %s", job.url, message)
    filename = detect.filename_from_headers(job.content_disposition) or detect.filename_from_url(job.url)
    return Analysis(
        sha256=sha256_hex(job.body),
        kind=detect.sniff_kind(job.body, job.content_type, filename),
        filename=filename,
        title=filename,
        error=message,
        error_kind=kind,
    )
