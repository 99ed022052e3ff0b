"""The archive's one writer thread, with group commit.

SQLite wants one writer, and the reactor thread must never wait on disk, so every write of a
crawl goes through this thread, in the order it was asked for. Documents that arrive while the
thread is busy are archived together in one transaction (``ArchiveStore.record_many``): a slow
crawl writes each document at once, a fast one writes them in batches of up to ``MAX_BATCH``,
without a timer that would keep documents waiting in memory.

If a batch fails (disk full, database locked for too long, or any other error), its documents are
written one by one, so one bad document costs only itself: its error goes to the coroutine that
waits for it, which records it (``archive_failed``, and the crawl exits 1). Should the thread
itself fail, every write waiting or still to come fails with that error at once: a crawl never
hangs on a writer that is gone, and what was committed stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from archive import ArchiveError, ArchiveStore, FetchOutcome, FetchRecord

MAX_BATCH = 500
T = TypeVar("T")


@dataclass(slots=True)
class _Job:
    future: asyncio.Future[Any]
    record: FetchRecord | None = None  # a document to archive, batched with its neighbours
    work: Callable[[], Any] | None = None  # any other write, run alone


class StoreWriter:
    def __init__(self, store: ArchiveStore) -> None:
        self.store = store
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lookahead: list[_Job | None] = []  # a job taken while filling a batch, not batchable
        self._failure: BaseException | None = None  # what stopped the thread, if anything did
        self._lock = threading.Lock()  # orders a submission against the thread's failure
        self._thread = threading.Thread(target=self._run, name="vigie-store", daemon=True)
        self._thread.start()
        self.batches = 0  # transactions that archived documents, for the crawl's stats

    def record(self, record: FetchRecord) -> asyncio.Future[FetchOutcome]:
        """Archive a document; the future has its outcome, or the error that lost it."""
        return self._submit(_Job(asyncio.get_running_loop().create_future(), record=record))

    def run(self, work: Callable[[], T]) -> asyncio.Future[T]:
        """Run one write (a URL seen again, a URL removed…) in its turn."""
        return self._submit(_Job(asyncio.get_running_loop().create_future(), work=work))

    def close(self) -> None:
        """Finish every queued write, then stop the thread."""
        self._jobs.put(None)
        self._thread.join()

    def _submit(self, job: _Job) -> asyncio.Future[Any]:
        with self._lock:
            if self._failure is None:
                self._jobs.put(job)
                return job.future
        job.future.set_exception(WriterFailedError(f"the archive's writer failed: {self._failure!r}"))
        return job.future

    def _run(self) -> None:
        batch: list[_Job | None] = []
        try:
            self._serve(batch)
        except BaseException as exc:  # a bug, not a database error: fail loudly, never hang
            with self._lock:
                self._failure = exc
            error = WriterFailedError(f"the archive's writer failed: {exc!r}")
            pending = [*batch, *self._lookahead]
            while True:
                try:
                    pending.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            for job in pending:
                if job is not None:
                    with contextlib.suppress(RuntimeError):  # its event loop is closed
                        _resolve(job.future, None, error)

    def _serve(self, batch: list[_Job | None]) -> None:
        """The thread's loop; ``batch`` holds the jobs taken and not yet settled."""
        lookahead = self._lookahead
        while True:
            batch.clear()
            job = lookahead.pop() if lookahead else self._jobs.get()
            if job is None:
                return
            batch.append(job)
            if job.record is None:
                self._settle(job, job.work)  # type: ignore[arg-type]
                continue
            while len(batch) < MAX_BATCH:
                try:
                    following = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if following is None or following.record is None:
                    lookahead.append(following)  # the stop, or a write that must run alone
                    break
                batch.append(following)
            self._archive([job for job in batch if job is not None])

    def _archive(self, batch: list[_Job]) -> None:
        records = [job.record for job in batch if job.record is not None]
        try:
            outcomes = self.store.record_many(records)
        except Exception:  # each document then meets its own error, if any
            for job in batch:
                record = job.record
                self._settle(job, lambda record=record: self.store.record(record))
            return
        self.batches += 1
        for job, outcome in zip(batch, outcomes, strict=True):
            _resolve(job.future, outcome, None)

    @staticmethod
    def _settle(job: _Job, work: Callable[[], Any]) -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the awaiting coroutine, which decides
            _resolve(job.future, None, exc)
        else:
            _resolve(job.future, result, None)


class WriterFailedError(ArchiveError):
    """The writer thread stopped on an unexpected error: nothing more can be archived."""


def _resolve(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    def settle() -> None:
        if future.done():  # cancelled, or already failed by a writer that stopped
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    future.get_loop().call_soon_threadsafe(settle)
