"""Archives on either backend for the tests: new places for archives, and reading their rows.

``Archives`` hands a test new archive locations of one backend (an SQLite file in the test's
folder, or a PostgreSQL database of the session's server copied from a template) and tidies
them away after it. ``rows`` reads any SQL from either, with PostgreSQL's typed values written
as SQLite gives them back (dates and times as text, booleans as 0 and 1), so that one
assertion holds on both.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from archive import ArchiveStore, resolve_location
from archive.db import DatabaseLocation
from tests.postgres import PostgresServer

# The backends an archive test runs on; ``-m "not postgresql"`` leaves the server out.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
# A database holding an empty archive of this Vigie, the template of the tests' databases.
ARCHIVE_TEMPLATE = "vigie_archive"


class Archives:
    """New archive locations of one backend (``sqlite`` or ``postgresql``), for one test."""

    def __init__(self, backend: str, folder: Path, server: PostgresServer | None = None) -> None:
        self.backend = backend
        self.folder = folder
        self.server = server
        self._stores: list[ArchiveStore] = []
        self._databases: list[str] = []

    def location(self, name: str = "vigie", empty: bool = False) -> DatabaseLocation:
        """A new place holding an empty archive (none if ``empty``): an SQLite file, or a
        PostgreSQL database."""
        if self.server is None:
            location = resolve_location(str(self.folder / f"{name}.db"))
            if not empty:
                ArchiveStore(location).close()
            return location
        template = "template0" if empty else archive_template(self.server)
        database = self.server.create_database(template)
        self._databases.append(database)
        return resolve_location(self.server.url(database), str(self.folder / f"{name}.files"))

    def open(self, location: DatabaseLocation | None = None) -> ArchiveStore:
        """An ``ArchiveStore`` (on a new location unless given), closed after the test."""
        store = ArchiveStore(location or self.location())
        self._stores.append(store)
        return store

    def close(self) -> None:
        for store in self._stores:
            store.close()
        if self.server is not None:
            for database in self._databases:
                self.server.drop_database(database)


def db_option(location: DatabaseLocation) -> str:
    """What ``--db`` is given for ``location``: the SQLite file's path, or the database's URL."""
    return str(location.sqlite_path) if location.is_sqlite else location.url


def archive_template(server: PostgresServer) -> str:
    """The template database holding an empty archive, made once per server."""
    if ARCHIVE_TEMPLATE not in server.databases:
        server.databases.add(server.create_database(name=ARCHIVE_TEMPLATE))
        ArchiveStore(resolve_location(server.url(ARCHIVE_TEMPLATE), str(server.root / "files"))).close()
    return ARCHIVE_TEMPLATE


def rows(location: DatabaseLocation, sql: str, **params: object) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (named parameters, ``:name``), as SQLite would give them."""
    engine = create_engine(location.url)
    try:
        with engine.connect() as connection:
            found = connection.execute(text(sql), params).all()
    finally:
        engine.dispose()
    return [tuple(_as_sqlite(value) for value in row) for row in found]


def count(location: DatabaseLocation, table: str) -> int:
    return rows(location, f"SELECT count(*) FROM {table}")[0][0]


def execute(location: DatabaseLocation, *statements: str) -> None:
    """Run statements in one transaction (to make an archive older, or break it, on purpose)."""
    engine = create_engine(location.url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _as_sqlite(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's text of a time in SQLite
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
