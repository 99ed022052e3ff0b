"""One writer at a time, so that two cron runs never overlap.

``vigie crawl``, ``vigie ocr`` and ``vigie retag`` hold the lock while they write. On SQLite it
is an ``flock`` on ``<database>.lock``; on PostgreSQL a session-level advisory lock in the
archive's database (``pg_try_advisory_lock``), held by a connection of its own, so writers on
other machines wait for it too. Either way it goes when the process ends, even by ``kill -9``
(the kernel closes the file; the server notices the connection is gone), so a crashed run
never leaves a stale lock behind. Both say who holds it: the file in its text, PostgreSQL in
the ``application_name`` of the holder's connection.
"""

from __future__ import annotations

import fcntl
import os
from typing import IO

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from archive.db import POSTGRESQL_CONNECT_ARGS, DatabaseLocation, first_line, utcnow
from archive.errors import ArchiveError

# pg_try_advisory_lock's key of the writers' lock ("VIGW"); advisory locks are per database.
WRITER_LOCK_KEY = 0x5649_4757


class ArchiveLockedError(ArchiveError):
    """Another Vigie process is writing to this archive."""


class ArchiveLock:
    """The writers' lock of the archive at ``location``: ``acquire`` or ``ArchiveLockedError``."""

    def __init__(self, location: DatabaseLocation) -> None:
        self._lock: _FileLock | _AdvisoryLock = (
            _FileLock(location) if location.is_sqlite else _AdvisoryLock(location)
        )

    def acquire(self, command: str) -> None:
        self._lock.acquire(f"'vigie {command}' (pid {os.getpid()}, since {utcnow():%Y-%m-%d %H:%M:%S} UTC)")

    def release(self) -> None:
        self._lock.release()


class _FileLock:
    def __init__(self, location: DatabaseLocation) -> None:
        self.path = location.sqlite_path.with_name(location.sqlite_path.name + ".lock")
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
            raise ArchiveLockedError(f"the archive is busy: {other} is writing to it ({self.path})") from None
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
    def __init__(self, location: DatabaseLocation) -> None:
        self.location = location
        self._connection: Connection | None = None

    def acquire(self, holder: str) -> None:
        # application_name is at most 63 bytes: the holder fits ("'vigie retag' (pid …, since …)").
        engine = create_engine(
            self.location.url, connect_args={**POSTGRESQL_CONNECT_ARGS, "application_name": holder[:63]}
        )
        try:
            # Autocommit: holding the lock must not hold a transaction open for hours.
            connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            if connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": WRITER_LOCK_KEY}):
                self._connection = connection
                return
            other = connection.scalar(_HOLDER, {"key": WRITER_LOCK_KEY}) or "another process"
            connection.close()
        except SQLAlchemyError as exc:
            engine.dispose()
            raise ArchiveError(f"cannot take the archive's lock: {first_line(exc)}") from exc
        engine.dispose()
        raise ArchiveLockedError(
            f"the archive is busy: {other} is writing to it (advisory lock {WRITER_LOCK_KEY} "
            f"on {self.location.display})"
        )

    def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WRITER_LOCK_KEY})
            except SQLAlchemyError:
                pass  # the server is gone: so is the lock
            finally:
                connection.close()
                connection.engine.dispose()


# Who holds the lock: the application_name of the session holding it (a bigint key below
# 2**32 shows as classid 0, objid the key).
_HOLDER = text(
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
    "(SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND l.classid = 0 AND l.objid = :key AND l.objsubid = 1 LIMIT 1"
)
