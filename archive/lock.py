"""One writer at a time: a lock file beside the archive, so that two cron runs never overlap.

``vigie crawl``, ``vigie ocr`` and ``vigie retag`` hold it while they write. The lock is an
``flock`` on ``<database>.lock`` (SQLite) or ``<files folder>/vigie.lock`` (server databases,
whose files folder every writer shares): the kernel releases it when the process ends, even
by ``kill -9``, so a crashed run never leaves a stale lock behind. The file says who holds it.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from archive.db import DatabaseLocation, utcnow
from archive.errors import ArchiveError


class ArchiveLockedError(ArchiveError):
    """Another Vigie process is writing to this archive."""


class ArchiveLock:
    def __init__(self, location: DatabaseLocation) -> None:
        if location.is_sqlite:
            self.path = Path(location.url.removeprefix("sqlite:///") + ".lock")
        else:
            self.path = location.files_dir / "vigie.lock"
        self._file: IO[str] | None = None

    def acquire(self, command: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise ArchiveError(f"cannot create the lock file {self.path}: {exc.strerror}") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise ArchiveLockedError(
                f"the archive is busy: {holder} is writing to it ({self.path})"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"'vigie {command}' (pid {os.getpid()}, since {utcnow():%Y-%m-%d %H:%M:%S} UTC)")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.truncate(0)
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
