"""The archive's one writer thread, with group commit.

SQLite wants one writer, and the reactor thread must never wait on disk, so every write of a
crawl goes through this thread, in the order it was asked for. Documents that arrive while the
thread is busy are archived together in one transaction (``ArchiveStore.record_many``): a slow
crawl writes each document at once, a fast one writes them in batches of up to ``MAX_BATCH``,
without a timer that would keep documents waiting in memory.

If a batch fails (disk full, database locked for too long…), its documents are written one by
one, so one bad document costs only itself.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

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
        self._jobs.put(job)
        return job.future

    def _run(self) -> None:
        lookahead: list[_Job | None] = []  # a job taken while filling a batch, not batchable
        while True:
            job = lookahead.pop() if lookahead else self._jobs.get()
            if job is None:
                return
            if job.record is None:
                self._settle(job, job.work)  # type: ignore[arg-type]
                continue
            batch = [job]
            while len(batch) < MAX_BATCH:
                try:
                    following = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if following is None or following.record is None:
                    lookahead.append(following)  # the stop, or a write that must run alone
                    break
                batch.append(following)
            self._archive(batch)

    def _archive(self, batch: list[_Job]) -> None:
        records = [job.record for job in batch if job.record is not None]
        try:
            outcomes = self.store.record_many(records)
        except (ArchiveError, SQLAlchemyError):
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


def _resolve(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    def settle() -> None:
        if future.cancelled():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    future.get_loop().call_soon_threadsafe(settle)
