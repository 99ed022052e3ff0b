"""Where the archive lives, the engine with its SQLite pragmas, and idempotent schema creation."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from archive.errors import ArchiveError
from archive.models import Base, SchemaVersion

__all__ = [
    "ArchiveError",
    "DatabaseLocation",
    "init_schema",
    "iso_utc",
    "make_engine",
    "resolve_location",
    "utcnow",
]

DEFAULT_DB = "vigie.db"
# 1: documents, URLs, mentions, crawl runs. 2: acts, ACTES fields, OCR fields, mentions.act_id.
# 3: URL history (source, validators, replaced/removed), per-source crawl run results.
# 4: decision records (``decision_records``), built by ``vigie records --rebuild`` for older archives.
# 5: start-URL checks (``source_checks``), written by ``vigie sources check``; a new table only.
SCHEMA_VERSION = 5
SQLITE_BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True, slots=True)
class DatabaseLocation:
    """An SQLAlchemy URL and the folder of original files that goes with it."""

    url: str
    files_dir: Path

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def resolve_location(
    db: str | None = None, files_dir: str | None = None, writable: bool = True
) -> DatabaseLocation:
    """Turn ``--db``/``VIGIE_DB`` (a path or an SQLAlchemy URL) into a checked location.

    A value containing ``://`` is an SQLAlchemy URL; anything else is the path of an SQLite
    file. The original files go to ``--files-dir``/``VIGIE_FILES_DIR`` when given, else beside
    an SQLite file (``vigie.db.files``), else to ``./vigie.files`` for a server database.
    ``writable=False`` (the web UI) accepts a read-only file but requires that it exists.
    """
    value = db or os.environ.get("VIGIE_DB") or DEFAULT_DB
    files = files_dir or os.environ.get("VIGIE_FILES_DIR")
    if "://" in value:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ArchiveError(f"not a valid database URL: {value!r}") from exc
        path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
        if path is not None:
            _check_sqlite_path(path, writable)
        default_files = Path(f"{path}.files") if path else Path("vigie.files")
        return DatabaseLocation(value, Path(files) if files else default_files)
    path = Path(value).expanduser()
    _check_sqlite_path(path, writable)
    absolute = path.resolve()
    return DatabaseLocation(f"sqlite:///{absolute}", Path(files) if files else Path(f"{absolute}.files"))


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
    engine = create_engine(location.url)
    if location.is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets readers (search, web UI) work while a crawl writes; foreign keys are off by
    # default in SQLite; the busy timeout makes concurrent writers wait instead of failing.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_schema(engine: Engine) -> int:
    """Create missing tables and record the schema version; safe to call on every start.

    Returns the archive's schema version. Every version so far only added tables and columns,
    so upgrading an older archive adds what it lacks (new columns are NULL on old rows: acts
    and ACTES fields of documents archived before version 2 are filled by ``vigie retag``).
    """
    try:
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            current = session.scalar(select(func.max(SchemaVersion.version)))
            if current is not None and current > SCHEMA_VERSION:
                raise ArchiveError(
                    f"archive schema version {current} is newer than this Vigie ({SCHEMA_VERSION}); "
                    "upgrade Vigie"
                )
            if current is not None and current < SCHEMA_VERSION:
                _add_missing_columns(engine)
                if current < 2:
                    # Acts and ACTES fields come from the text: "vigie retag" reads every
                    # document again (it re-tags those not tagged with the current lexicon).
                    session.execute(text("UPDATE documents SET tagged_with = NULL"))
            if current != SCHEMA_VERSION:
                session.add(SchemaVersion(version=SCHEMA_VERSION, applied_at=utcnow()))
                session.commit()
            return SCHEMA_VERSION
    except SQLAlchemyError as exc:
        raise ArchiveError(f"cannot open the archive database: {_first_line(exc)}") from exc


def _add_missing_columns(engine: Engine) -> None:
    """ALTER TABLE … ADD COLUMN for every model column an older archive lacks, with its index."""
    inspector = inspect(engine)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            existing = {column["name"] for column in inspector.get_columns(table.name)}
            added = [column for column in table.columns if column.name not in existing]
            for column in added:
                ddl = (
                    f"ALTER TABLE {table.name} ADD COLUMN {column.name} {column.type.compile(engine.dialect)}"
                )
                for key in column.foreign_keys:
                    target = key.column
                    ddl += f" REFERENCES {target.table.name}({target.name})"
                    if key.ondelete:
                        ddl += f" ON DELETE {key.ondelete}"
                connection.execute(text(ddl))
            for index in table.indexes:
                if any(column in added for column in index.columns):
                    index.create(connection, checkfirst=True)


def utcnow() -> dt.datetime:
    """Naive UTC timestamp: every time in the archive is UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def iso_utc(value: dt.datetime | None) -> str | None:
    """An archive time as exports, reports and feeds write it: ISO 8601, seconds, ``Z``."""
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
