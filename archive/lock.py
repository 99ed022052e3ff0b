"""One writer at a time, so that two cron runs never overlap.

``vigie crawl``, ``vigie ocr`` and ``vigie retag`` hold the lock while they write. On SQLite it
is an ``flock`` on ``<database>.lock``; on PostgreSQL a session-level advisory lock in the
archive's database (``pg_try_advisory_lock``), held by a connection of its own, so writers on
other machines wait for it too. Either way it goes when the process ends, even by ``kill -9``
(the kernel closes the file; the server notices the connection is gone), so a crashed run
never leaves a stale lock behind. Both say who holds it: the file in its text, PostgreSQL in
the ``application_name`` of the holder's connection.

On PostgreSQL, crawls may write at once, each in its own sources (``acquire_sources``): a
crawl takes the writers' lock *shared*, and an exclusive lock per source it crawls, so two
crawls never crawl one site at once (politeness holds across machines) while crawls of
different sites run side by side. Commands that rewrite the whole archive (``ocr``, ``retag``,
``index``) still take the writers' lock exclusively, so they wait for no crawl and no crawl
for them. On SQLite, which has one writer, ``acquire_sources`` is the exclusive lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from typing import IO

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from archive.db import POSTGRESQL_CONNECT_ARGS, DatabaseLocation, first_line, utcnow
from archive.errors import ArchiveError

# pg_try_advisory_lock's key of the writers' lock ("VIGW"); advisory locks are per database.
WRITER_LOCK_KEY = 0x5649_4757
# The first key of a source's lock ("VIGC"); the second is drawn from the source's slug.
SOURCE_LOCK_CLASS = 0x5649_4743
# A crawl of more sources locks the whole archive instead: every advisory lock takes a slot of
# the server's shared lock table (max_locks_per_transaction × max_connections, 6,400 by
# default), which `vigie crawl --all` and its 21,600 sources would fill.
MAX_SOURCE_LOCKS = 500


class ArchiveLockedError(ArchiveError):
    """Another Vigie process is writing to this archive."""


class ArchiveLock:
    """The writers' lock of the archive at ``location``: ``acquire`` or ``ArchiveLockedError``.

    ``what`` names the database in the messages: a workspace takes the same kind of lock, so
    that two ``vigie alerts send`` never mail one digest twice."""

    def __init__(self, location: DatabaseLocation, what: str = "archive") -> None:
        self._lock: _FileLock | _AdvisoryLock = (
            _FileLock(location, what) if location.is_sqlite else _AdvisoryLock(location, what)
        )

    def acquire(self, command: str) -> None:
        self._lock.acquire(_holder(command))

    def acquire_sources(self, command: str, sources: list[str]) -> None:
        """Lock these sources for one writer (PostgreSQL), beside other sources' writers.

        On SQLite, or for more than ``MAX_SOURCE_LOCKS`` sources, the whole archive is locked,
        as ``acquire`` does.
        """
        wanted = sorted(set(sources))
        if isinstance(self._lock, _AdvisoryLock) and len(wanted) <= MAX_SOURCE_LOCKS:
            self._lock.acquire(_holder(command), wanted)
        else:
            self._lock.acquire(_holder(command))

    def release(self) -> None:
        self._lock.release()


def _holder(command: str) -> str:
    # A queue's worker names itself to the crawls it starts (workers.crawl_job).
    worker = os.environ.get("VIGIE_WORKER_NAME")
    by = f"worker {worker}, " if worker else ""
    return f"'vigie {command}' ({by}pid {os.getpid()}, since {utcnow():%Y-%m-%d %H:%M:%S} UTC)"


def source_holders(connection: Connection, sources: list[str]) -> dict[str, str]:
    """Source → who holds its lock now (PostgreSQL), for the sources being crawled."""
    holders = {}
    for source in sources:
        keys = {"cls": SOURCE_LOCK_CLASS, "key": source_lock_key(source) & 0xFFFF_FFFF}
        holder = connection.scalar(_SOURCE_HOLDER, keys)
        if holder:
            holders[source] = holder
    return holders


def source_lock_key(source: str) -> int:
    """The second key of a source's advisory lock: 32 bits of its slug's hash, as a signed int4."""
    value = int.from_bytes(hashlib.sha256(source.encode("utf-8")).digest()[:4], "big")
    return value - (1 << 32) if value >= 1 << 31 else value


class _FileLock:
    def __init__(self, location: DatabaseLocation, what: str) -> None:
        self.path = location.sqlite_path.with_name(location.sqlite_path.name + ".lock")
        self.what = what
        self._file: IO[str] | None = None

    def acquire(self, holder: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise ArchiveError(f"cannot create the lock file {self.path}: {exc.strerror}") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            other = handle.read().strip() or "another process"
            handle.close()
            raise ArchiveLockedError(
                f"the {self.what} is busy: {other} is writing to it ({self.path})"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(holder)
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.truncate(0)
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class _AdvisoryLock:
    def __init__(self, location: DatabaseLocation, what: str) -> None:
        self.location = location
        self.what = what
        self._connection: Connection | None = None
        self._sources: list[str] = []

    def acquire(self, holder: str, sources: list[str] | None = None) -> None:
        """The writers' lock, exclusive; or, given ``sources``, shared and each source's exclusive."""
        # application_name is at most 63 bytes: the holder fits ("'vigie retag' (pid …, since …)").
        engine = create_engine(
            self.location.url, connect_args={**POSTGRESQL_CONNECT_ARGS, "application_name": holder[:63]}
        )
        try:
            # Autocommit: holding the lock must not hold a transaction open for hours.
            connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            busy = self._take(connection, sources)
            if busy is None:
                self._connection, self._sources = connection, sources or []
                return
            connection.close()
        except SQLAlchemyError as exc:
            engine.dispose()
            raise ArchiveError(f"cannot take the {self.what}'s lock: {first_line(exc)}") from exc
        engine.dispose()
        raise ArchiveLockedError(busy)

    def _take(self, connection: Connection, sources: list[str] | None) -> str | None:
        """Take the locks; None, or why not (every lock taken is released before)."""
        key = {"key": WRITER_LOCK_KEY}
        where = f"advisory lock {WRITER_LOCK_KEY} on {self.location.display}"
        if sources is None:
            if connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), key):
                return None
            other = connection.scalar(_HOLDER, key) or "another process"
            return f"the {self.what} is busy: {other} is writing to it ({where})"
        if not connection.scalar(text("SELECT pg_try_advisory_lock_shared(:key)"), key):
            other = connection.scalar(_HOLDER, key) or "another process"
            return f"the {self.what} is busy: {other} is writing to all of it ({where})"
        for source in sources:
            keys = {"cls": SOURCE_LOCK_CLASS, "key": source_lock_key(source)}
            if not connection.scalar(text("SELECT pg_try_advisory_lock(:cls, :key)"), keys):
                other = connection.scalar(_SOURCE_HOLDER, {**keys, "key": keys["key"] & 0xFFFF_FFFF})
                connection.execute(text("SELECT pg_advisory_unlock_all()"))
                return f"the source {source!r} is busy: {other or 'another process'} is crawling it"
        return None

    def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.execute(text("SELECT pg_advisory_unlock_all()"))
            except SQLAlchemyError:
                pass  # the server is gone: so are the locks
            finally:
                connection.close()
                connection.engine.dispose()


# Who holds the lock: the application_name of the session holding it (a bigint key below
# 2**32 shows as classid 0, objid the key; a pair of int4 keys as classid, objid, objsubid 2).
_HOLDERS = (
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
    "(SELECT oid FROM pg_database WHERE datname = current_database()) "
)
_HOLDER = text(_HOLDERS + "AND l.classid = 0 AND l.objid = :key AND l.objsubid = 1 LIMIT 1")
_SOURCE_HOLDER = text(_HOLDERS + "AND l.classid = :cls AND l.objid = :key AND l.objsubid = 2 LIMIT 1")
