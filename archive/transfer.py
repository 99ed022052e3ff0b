"""Copy a whole archive to another database (``vigie migrate``): SQLite to PostgreSQL and back.

Every table of the models is copied in the order of their foreign keys, in batches read by
primary key (``WHERE id > last ORDER BY id LIMIT n``), so memory holds one batch whatever the
archive's size; ids are kept, so every reference between rows stays right, and PostgreSQL's
sequences are moved past them. The source is read in one read-only transaction (one snapshot
while a crawl may write it); the destination is written in one transaction, and its row counts
are checked against the source's before it commits: a copy is whole or nothing. Values go
through the models' column types, which is what makes SQLite's text dates and PostgreSQL's
typed ones the same values.

The originals (``ab/cd/<sha256>``) are copied file by file, each read once and hashed on the
way: a file whose bytes are not its name's hash is not copied, and is counted as damaged.

The full-text index is not copied: it belongs to each database's search (``search/``), which
the caller rebuilds at the destination.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from archive.db import DatabaseLocation, first_line
from archive.errors import ArchiveError
from archive.files import ContentStore
from archive.models import Base, Document, SchemaVersion
from archive.reader import ArchiveReader
from archive.store import ArchiveStore

# Rows per batch; a document row holds its whole text, so fewer of those.
BATCH_ROWS = 1000
DOCUMENT_BATCH_ROWS = 50
_COPY_CHUNK = 1 << 20


class DestinationNotEmptyError(ArchiveError):
    """The destination already holds an archive with rows in it."""


@dataclass
class TransferReport:
    """What was copied: rows per table, and the originals."""

    rows: dict[str, int] = field(default_factory=dict)
    originals_copied: int = 0
    originals_missing: list[str] = field(default_factory=list)  # sha256 of each
    originals_damaged: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.originals_missing and not self.originals_damaged


def copy_archive(
    source: DatabaseLocation, destination: ArchiveStore, replace: bool = False
) -> TransferReport:
    """Copy the archive at ``source`` into the archive ``destination`` opens, with its
    originals. A destination holding rows is refused (``DestinationNotEmptyError``) unless
    ``replace``, which empties it in the same transaction as the copy."""
    if source.url == destination.location.url:
        raise ArchiveError("the source and the destination are the same database")
    reader = ArchiveReader(source)  # refuses what is not an archive of this Vigie's schema
    try:
        report = _copy_rows(reader, destination, replace)
        _copy_originals(reader, destination.files, report)
    finally:
        reader.close()
    return report


def _tables() -> list[Table]:
    """The archive's tables, each after those its foreign keys name."""
    return list(Base.metadata.sorted_tables)


def _copy_rows(reader: ArchiveReader, store: ArchiveStore, replace: bool) -> TransferReport:
    report = TransferReport()
    try:
        with reader.engine.connect() as source, store.engine.begin() as destination:
            _one_snapshot(source)
            _make_room(destination, replace)
            for table in _tables():
                report.rows[table.name] = _copy_table(table, source, destination)
            for table in _tables():
                expected, copied = _count(source, table), _count(destination, table)
                if copied != expected or report.rows[table.name] != expected:
                    raise ArchiveError(
                        f"the copy of {table.name} has {copied} rows, the source {expected}; nothing was written"
                    )
            if destination.dialect.name == "postgresql":
                _move_sequences(destination)
    except SQLAlchemyError as exc:
        raise ArchiveError(f"cannot copy the archive: {first_line(exc)}") from exc
    return report


def _one_snapshot(source: Connection) -> None:
    """Every table read from the same state of the source, even while a crawl writes it."""
    if source.dialect.name == "postgresql":
        source.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
    else:
        # Python's sqlite3 begins no transaction before a SELECT: without one, each read would
        # see the latest commit.
        source.exec_driver_sql("BEGIN")


def _make_room(destination: Connection, replace: bool) -> None:
    """Refuse a destination holding rows (unless ``replace``: empty it); its schema-version rows,
    which creating the archive wrote, make way for the source's history."""
    filled = [
        table.name for table in _tables() if table.name != "schema_version" and _count(destination, table)
    ]
    if filled and not replace:
        raise DestinationNotEmptyError(
            f"the destination already holds an archive ({', '.join(filled)} not empty); "
            "give an empty database or a new file, or --replace to overwrite it"
        )
    for table in reversed(_tables()):
        destination.execute(table.delete())


def _copy_table(table: Table, source: Connection, destination: Connection) -> int:
    copied = 0
    for batch in _batches(table, source):
        destination.execute(table.insert(), batch)
        copied += len(batch)
    return copied


def _batches(table: Table, source: Connection) -> Iterator[list[dict[str, object]]]:
    """The rows of ``table`` by primary key, a batch at a time (keyset pagination)."""
    (key,) = table.primary_key.columns  # every table of the archive has a one-column key
    size = DOCUMENT_BATCH_ROWS if table.name == Document.__tablename__ else BATCH_ROWS
    last: object = None
    while True:
        query = select(table).order_by(key).limit(size)
        if last is not None:
            query = query.where(key > last)
        batch = [dict(row) for row in source.execute(query).mappings()]
        if not batch:
            return
        yield batch
        if len(batch) < size:
            return
        last = batch[-1][key.name]


def _count(connection: Connection, table: Table) -> int:
    return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def _move_sequences(destination: Connection) -> None:
    """Explicit ids leave PostgreSQL's sequences behind: the next row must get a new id."""
    for table in _tables():
        (key,) = table.primary_key.columns
        if table.name == SchemaVersion.__tablename__:
            continue  # its key is the version, given, not drawn from a sequence
        destination.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key.name}'), "
                f"coalesce((SELECT max({key.name}) FROM {table.name}), 0) + 1, false)"
            )
        )


def _copy_originals(reader: ArchiveReader, destination: ContentStore, report: TransferReport) -> None:
    """Every document's original to ``destination``, checked against its hash on the way."""
    same_folder = os.path.realpath(reader.files.root) == os.path.realpath(destination.root)
    with reader.engine.connect() as connection:
        hashes = connection.execute(select(Document.sha256).order_by(Document.id)).scalars()
        for sha256 in hashes:
            outcome = _copy_original(reader.files, destination, sha256, same_folder)
            if outcome == "missing":
                report.originals_missing.append(sha256)
            elif outcome == "damaged":
                report.originals_damaged.append(sha256)
            else:
                report.originals_copied += 1


def _copy_original(source: ContentStore, destination: ContentStore, sha256: str, same_folder: bool) -> str:
    """``copied``, ``missing`` or ``damaged``; the copy is written under a temporary name and
    renamed once its hash is right, so a damaged or interrupted copy leaves nothing behind."""
    path = source.path_for(sha256)
    target = destination.path_for(sha256)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as original:
            if same_folder:
                while chunk := original.read(_COPY_CHUNK):
                    digest.update(chunk)
                return "copied" if digest.hexdigest() == sha256 else "damaged"
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".tmp-{os.getpid()}-{sha256}")
            try:
                with partial.open("wb") as copy:
                    while chunk := original.read(_COPY_CHUNK):
                        digest.update(chunk)
                        copy.write(chunk)
                if digest.hexdigest() != sha256:
                    partial.unlink()
                    return "damaged"
                partial.replace(target)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        raise ArchiveError(f"cannot copy the original {sha256}: {exc.strerror or exc}") from exc
    return "copied"
