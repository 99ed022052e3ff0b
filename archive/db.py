"""Where the archive lives (an SQLite file or a PostgreSQL database) and its engine.

The schema is created and upgraded by ``archive.schema`` (Alembic's migrations).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from archive.errors import ArchiveError

__all__ = [
    "ArchiveError",
    "DatabaseLocation",
    "archive_exists",
    "iso_utc",
    "make_engine",
    "resolve_location",
    "utcnow",
]

DEFAULT_DB = "vigie.db"
# The originals of a server database, when neither --files-dir nor VIGIE_FILES_DIR says: a
# folder of the current directory (a cron job should say where, since its directory varies).
DEFAULT_SERVER_FILES = "vigie.files"
# The newest Alembic revision, ``archive/migrations/versions/0006_*.py`` (``archive.schema``).
SCHEMA_VERSION = 6
SQLITE_BUSY_TIMEOUT_MS = 30_000
# psycopg's connection settings: a dead server fails in seconds, and the server's views
# (pg_stat_activity) name who is connected.
POSTGRESQL_CONNECT_ARGS = {"connect_timeout": 10, "application_name": "vigie"}
_USAGE = "an SQLite file (a path, or sqlite:///PATH) or a PostgreSQL database (postgresql://USER@HOST/NAME)"


@dataclass(frozen=True, slots=True)
class DatabaseLocation:
    """An SQLAlchemy URL and the folder of original files that goes with it."""

    url: str
    files_dir: Path

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``: the scheme, without its driver."""
        return self.url.split(":", 1)[0].split("+", 1)[0]

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    @property
    def sqlite_path(self) -> Path:
        return Path(self.url.removeprefix("sqlite:///"))

    @property
    def display(self) -> str:
        """The URL to show in messages and logs: its password hidden."""
        return self.url if self.is_sqlite else make_url(self.url).render_as_string(hide_password=True)


def resolve_location(
    db: str | None = None, files_dir: str | None = None, writable: bool = True
) -> DatabaseLocation:
    """Turn ``--db``/``VIGIE_DB`` (a path or an SQLAlchemy URL) into a checked location.

    A value containing ``://`` is an SQLAlchemy URL, of SQLite or PostgreSQL (``postgresql://``
    and ``postgres://`` mean psycopg 3, the driver Vigie installs); anything else is the path
    of an SQLite file. The original files go to ``--files-dir``/``VIGIE_FILES_DIR`` when given,
    else beside an SQLite file (``vigie.db.files``), else to ``./vigie.files`` for a server
    database. ``writable=False`` (the web UI) accepts a read-only file but requires that it
    exists.
    """
    value = db or os.environ.get("VIGIE_DB") or DEFAULT_DB
    files = files_dir or os.environ.get("VIGIE_FILES_DIR")
    if "://" in value:
        url = _server_url(value)
        if url is not None:
            return DatabaseLocation(
                url.render_as_string(hide_password=False), Path(files or DEFAULT_SERVER_FILES)
            )
        database = make_url(value).database
        if database and database != ":memory:":
            _check_sqlite_path(Path(database), writable)
        default_files = f"{database}.files" if database else DEFAULT_SERVER_FILES
        return DatabaseLocation(value, Path(files or default_files))
    path = Path(value).expanduser()
    _check_sqlite_path(path, writable)
    absolute = path.resolve()
    return DatabaseLocation(f"sqlite:///{absolute}", Path(files) if files else Path(f"{absolute}.files"))


def _server_url(value: str) -> URL | None:
    """A PostgreSQL URL with Vigie's driver; None for an SQLite one; an ``ArchiveError`` else."""
    try:
        url = make_url(value)
    except (ArgumentError, ValueError) as exc:
        raise ArchiveError(f"not a valid database URL: {_hidden(value)!r}") from exc
    scheme, _, driver = url.drivername.partition("+")
    if scheme == "sqlite" and driver in ("", "pysqlite"):
        return None
    if scheme not in ("postgresql", "postgres"):
        raise ArchiveError(f"unsupported database {url.drivername!r}: an archive is {_USAGE}")
    if driver not in ("", "psycopg"):
        raise ArchiveError(
            f"Vigie reaches PostgreSQL through psycopg 3, not {driver!r}: write postgresql://… "
            "or postgresql+psycopg://…"
        )
    return url.set(drivername="postgresql+psycopg")


def _hidden(value: str) -> str:
    """A URL that would not parse, shown without what may be its password (``user:secret@``)."""
    scheme, _, rest = value.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return value
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else value


def _check_sqlite_path(path: Path, writable: bool = True) -> None:
    if path.is_dir():
        raise ArchiveError(f"database path {str(path)!r} is a directory; give a file name")
    if not writable:
        if not path.is_file():
            raise ArchiveError(f"no archive at {str(path)!r}; run 'vigie crawl' (or 'vigie demo') first")
        if not os.access(path, os.R_OK):
            raise ArchiveError(f"database file {str(path)!r} is not readable")
        return
    parent = path.parent if str(path.parent) else Path()
    if not parent.exists():
        raise ArchiveError(f"cannot create database {str(path)!r}: folder {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise ArchiveError(f"cannot create database {str(path)!r}: {str(parent)!r} is not a folder")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise ArchiveError(f"database file {str(path)!r} is not writable")
    elif not os.access(parent, os.W_OK | os.X_OK):
        raise ArchiveError(f"cannot create database {str(path)!r}: folder {str(parent)!r} is not writable")


def make_engine(location: DatabaseLocation) -> Engine:
    if not location.is_sqlite:
        return create_engine(
            location.url, connect_args=dict(POSTGRESQL_CONNECT_ARGS), json_serializer=_postgresql_json
        )
    engine = create_engine(location.url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _postgresql_json(value: object) -> str:
    """A JSON column's text. A value JSON cannot hold fails the statement as on SQLite (there
    SQLAlchemy serialises; psycopg serialises inside the driver, where a bare ``TypeError``
    would escape the ``SQLAlchemyError`` that writers catch): as the DB-API's ``DataError``."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError) as exc:
        import psycopg

        raise psycopg.DataError(f"a value cannot be stored as JSON: {exc}") from exc


def archive_exists(location: DatabaseLocation) -> bool:
    """There is an archive at ``location`` (the commands that only read never create one)."""
    if location.is_sqlite:
        return location.sqlite_path.exists()
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            return inspect(connection).has_table("schema_version")
    except SQLAlchemyError as exc:
        raise ArchiveError(f"cannot open the archive database: {first_line(exc)}") from exc
    finally:
        engine.dispose()


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets readers (search, web UI) work while a crawl writes; foreign keys are off by
    # default in SQLite; the busy timeout makes concurrent writers wait instead of failing.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def utcnow() -> dt.datetime:
    """Naive UTC timestamp: every time in the archive is UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def iso_utc(value: dt.datetime | None) -> str | None:
    """An archive time as exports, reports and feeds write it: ISO 8601, seconds, ``Z``."""
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def first_line(exc: BaseException) -> str:
    """A database error's message, first line (a driver's own message, not SQLAlchemy's)."""
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
