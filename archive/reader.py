"""A read-only view of an existing archive, for processes that must never write (the web UI).

SQLite opens the file with ``mode=ro``: every write to the archive is refused by SQLite itself
("attempt to write a readonly database"), whatever statement a bug might send, and ATTACH is
disabled so that no other file can be opened for writing. Temporary tables still work: SQLite
keeps them in a separate, private database, and the search's facet counts use one (which is
why ``PRAGMA query_only`` is not used: it refuses those too). Reading a WAL archive needs its
``-shm`` file, which SQLite creates beside the archive when missing; that changes no data.
On a read-only filesystem it cannot, and the file is opened ``immutable``: SQLite then reads it
without locks or shared memory, which is safe precisely because nothing can write to it there.
A PostgreSQL archive is opened with read-only transactions (``default_transaction_read_only``):
the server refuses every write, temporary tables included (a search there must do without).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from archive.db import (
    POSTGRESQL_CONNECT_ARGS,
    SCHEMA_VERSION,
    SQLITE_BUSY_TIMEOUT_MS,
    DatabaseLocation,
    first_line,
)
from archive.errors import ArchiveError, OlderSchemaError
from archive.files import ContentStore
from archive.models import SchemaVersion


class ArchiveReader:
    """Opens an archive read-only; ``engine`` and ``files`` as on ``ArchiveStore``."""

    def __init__(self, location: DatabaseLocation) -> None:
        self.location = location
        self.engine = make_readonly_engine(location)
        self.files = ContentStore(location.files_dir)
        self.schema_version = self._check_schema()

    def session(self) -> Session:
        return Session(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def _check_schema(self) -> int:
        try:
            connection = self.engine.connect()
        except SQLAlchemyError as exc:
            self.close()
            raise ArchiveError(f"cannot open the archive database: {first_line(exc)}") from exc
        try:
            with connection:
                version = connection.scalar(select(func.max(SchemaVersion.version)))
        except SQLAlchemyError as exc:
            self.close()
            raise ArchiveError(f"{self.location.display} is not a Vigie archive ({first_line(exc)})") from exc
        if version is None or version > SCHEMA_VERSION:
            self.close()
            raise ArchiveError(
                f"archive schema version {version} is not one this Vigie reads (1 to {SCHEMA_VERSION})"
            )
        if version < SCHEMA_VERSION:
            # Its tables lack columns this Vigie reads: a reader cannot add them, a writer can.
            self.close()
            raise OlderSchemaError(
                f"archive schema version {version} is older than this Vigie's ({SCHEMA_VERSION}); "
                "upgrade it once with 'vigie index --db …' where it can be written (nothing is lost)"
            )
        return int(version)


def make_readonly_engine(location: DatabaseLocation) -> Engine:
    if not location.is_sqlite:
        # Every transaction of these connections is read-only: the server refuses any write.
        return create_engine(
            location.url,
            connect_args={**POSTGRESQL_CONNECT_ARGS, "options": "-c default_transaction_read_only=on"},
        )
    path = location.sqlite_path
    if not path.is_file():
        raise ArchiveError(f"no archive at {str(path)!r}; run 'vigie crawl' (or 'vigie demo') first")
    # check_same_thread: the web server answers from a thread pool; each connection is used by
    # one request at a time, which is what SQLite needs.
    immutable = "&immutable=1" if _cannot_be_written(path) else ""
    engine = create_engine(
        f"sqlite:///file:{quote(str(path))}?mode=ro{immutable}&uri=true",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _readonly_pragmas)
    return engine


def _cannot_be_written(path: Path) -> bool:
    """The archive sits on a read-only filesystem: nobody can write it there.

    Only then is ``immutable`` safe. A folder this user may not write to is no such promise:
    another user's crawl may write the archive while this process reads it, and an immutable
    reader would then see a torn file.
    """
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _readonly_pragmas(dbapi_connection: object, _record: object) -> None:
    # mode=ro covers the archive file; ATTACH could open another file read-write, so none.
    dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
