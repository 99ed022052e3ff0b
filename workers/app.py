"""procrastinate's ``App`` on the archive's database, its schema, and the tasks workers run."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import procrastinate
import psycopg
from sqlalchemy.engine import make_url

from archive.db import DatabaseLocation
from archive.errors import ArchiveError
from workers.config import Timings

# The advisory lock held while the queue's schema is applied, so that workers starting together
# apply it once ("VIGQ").
_SCHEMA_LOCK_KEY = 0x5649_4751


class NeedsServerError(ArchiveError):
    """Workers and the queue need a PostgreSQL archive."""


def conninfo(location: DatabaseLocation) -> str:
    """libpq's URL of the archive's database (SQLAlchemy's, without its driver name)."""
    if location.is_sqlite:
        raise NeedsServerError(
            "workers and the queue need a PostgreSQL archive (--db postgresql://…): "
            "an SQLite file has one writer at a time"
        )
    url = make_url(location.url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def build_app(
    location: DatabaseLocation, pool_size: int = 2, name: str = "vigie queue", timings: Timings | None = None
) -> procrastinate.App:
    """A procrastinate App on the archive's database, with Vigie's tasks registered."""
    from workers.tasks import register

    connector = procrastinate.PsycopgConnector(
        conninfo=conninfo(location),
        min_size=1,
        max_size=pool_size,
        kwargs={"application_name": name[:63], "connect_timeout": 10},
    )
    app = procrastinate.App(connector=connector)
    register(app, timings)
    return app


@contextlib.asynccontextmanager
async def opened(
    location: DatabaseLocation, pool_size: int = 2, name: str = "vigie queue"
) -> AsyncIterator[Any]:
    """The app, open, its schema in the database (applied by procrastinate's schema manager when
    missing); a database error is one ``ArchiveError`` line."""
    app = build_app(location, pool_size, name)
    try:
        await ensure_schema(location, app)
        async with app.open_async():
            yield app
    except (psycopg.Error, procrastinate.exceptions.ConnectorException) as exc:
        raise ArchiveError(f"the queue in {location.display}: {_first_line(exc)}") from exc


async def ensure_schema(location: DatabaseLocation, app: procrastinate.App) -> None:
    """Apply procrastinate's schema to the archive's database unless it is there already."""
    async with await psycopg.AsyncConnection.connect(conninfo(location), autocommit=True) as connection:
        await connection.execute("SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK_KEY,))
        try:
            cursor = await connection.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
            row = await cursor.fetchone()
            if row is not None and row[0]:
                return
            async with app.open_async():
                await app.schema_manager.apply_schema_async()
        finally:
            await connection.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK_KEY,))


async def queue_exists(location: DatabaseLocation) -> bool:
    """The queue's tables are in the archive's database (a server that does not answer: one line)."""
    try:
        async with await psycopg.AsyncConnection.connect(conninfo(location), autocommit=True) as connection:
            cursor = await connection.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
            row = await cursor.fetchone()
            return bool(row and row[0])
    except psycopg.Error as exc:
        raise ArchiveError(f"the queue in {location.display}: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
