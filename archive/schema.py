"""The archive's schema: created on first use, upgraded in place by Alembic's migrations.

A migration is a schema version: revision ``000N`` (``archive/migrations/versions``) makes
version N, and ``SCHEMA_VERSION`` is the newest. An archive records its revision in Alembic's
``alembic_version`` and, as every Vigie before Alembic did, one ``schema_version`` row per
version it was brought to: older Vigies and the read-only reader read the version there, and
refuse an archive newer than themselves.

Opening an archive, in one transaction (on PostgreSQL behind a transaction-level advisory lock,
so that two processes opening a new archive at once create it once):

- new (neither table): every table at once from the models (``create_all``, quick, for a first
  crawl and the tests' hundreds of archives), stamped with the newest revision. That this is
  the schema which running every migration gives, on SQLite and PostgreSQL, is what
  ``tests/archive/test_migrations.py`` proves;
- made by a Vigie from before Alembic (``schema_version`` rows, no ``alembic_version``):
  stamped with the revision of its version, then upgraded;
- at an older revision: upgraded; at the newest: two small reads, nothing written;
- newer than this Vigie: refused, and left as it is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from archive.db import SCHEMA_VERSION, first_line, utcnow
from archive.errors import ArchiveError
from archive.models import Base, SchemaVersion

if TYPE_CHECKING:  # Alembic is imported when a schema is made or upgraded, not on every open
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock's key while an archive's schema is created or upgraded ("VIGS").
SCHEMA_LOCK_KEY = 0x5649_4753


def revision_of(version: int) -> str:
    """The Alembic revision that makes schema version ``version``: ``0005`` for 5."""
    return f"{version:04d}"


HEAD = revision_of(SCHEMA_VERSION)


def init_schema(engine: Engine) -> int:
    """Create or upgrade the archive's schema (safe to call on every start); its version."""
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            revision, version = _state(connection)
            if revision is None and version is None:
                _create(connection)
            else:
                _upgrade(connection, revision, version)
        return SCHEMA_VERSION
    except SQLAlchemyError as exc:
        raise ArchiveError(f"cannot open the archive database: {first_line(exc)}") from exc


def alembic_config(connection: Connection | None = None, migrations: Path = MIGRATIONS) -> Config:
    """Alembic's configuration, in code (no ``alembic.ini`` at run time); the migrations of
    ``migrations`` (the archive's; the workspace has its own) run on ``connection``
    (``migrations/env.py``)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.attributes["connection"] = connection
    return config


@functools.cache
def scripts() -> ScriptDirectory:
    """The migrations, read once per process."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def compared_by_alembic(dialect: str) -> Callable[[object, str | None, str, bool, object], bool]:
    """Alembic's ``include_object`` on a ``dialect`` database: what autogenerate compares.

    Not what only the database has: the full-text search keeps its own tables, triggers and
    indexes in the archive (``search/index.py``), and so does the workers' queue (procrastinate's
    tables, ``workers/app.py``): a drafted revision must never drop them. Nor,
    on SQLite, foreign keys: SQLAlchemy reads no ON DELETE from the inline ``REFERENCES`` that
    SQLite's ALTER TABLE writes (``mentions.act_id`` of every upgraded archive), and the
    "fix" drafted would rebuild the table, and drop the search's triggers with it.
    """

    def include(_object: object, _name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
        if reflected and compare_to is None and kind in ("table", "index", "unique_constraint"):
            return False
        return not (dialect == "sqlite" and kind == "foreign_key_constraint")

    return include


def _state(connection: Connection) -> tuple[str | None, int | None]:
    """(the archive's Alembic revision, its highest ``schema_version``); None for what it lacks."""
    tables = inspect(connection)
    revision = version = None
    if tables.has_table("alembic_version"):
        # Alembic's own table, read as its MigrationContext reads it (one row, or none).
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    if tables.has_table(SchemaVersion.__tablename__):
        version = connection.scalar(select(func.max(SchemaVersion.version)))
    return revision, version


# Alembic's own record of the revision, defined as Alembic defines it: a new archive is stamped
# here without importing Alembic and reading every migration (a tenth of a second, paid by every
# first crawl); ``tests/archive/test_migrations.py`` checks it against Alembic's stamp.
_ALEMBIC_VERSION = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


def _create(connection: Connection) -> None:
    Base.metadata.create_all(connection)
    _ALEMBIC_VERSION.create(connection)
    connection.execute(_ALEMBIC_VERSION.insert().values(version_num=HEAD))
    _record_version(connection)


def _upgrade(connection: Connection, revision: str | None, version: int | None) -> None:
    if version is not None and version > SCHEMA_VERSION:
        raise _newer(version)
    if revision is None:
        # Made by a Vigie from before Alembic: its version says which revision it is at.
        if not version:
            raise ArchiveError("the archive's schema_version table is empty: not an archive Vigie made")
        revision = revision_of(version)
        from alembic.runtime.migration import MigrationContext

        MigrationContext.configure(connection).stamp(scripts(), revision)
    if revision != HEAD:
        if revision not in {script.revision for script in scripts().walk_revisions()}:
            raise (
                _newer(int(revision))
                if revision.isdigit()
                else ArchiveError(
                    f"the archive is at migration {revision!r}, which this Vigie does not know; upgrade Vigie"
                )
            )
        from alembic import command

        command.upgrade(alembic_config(connection), HEAD)
    if version != SCHEMA_VERSION:
        _record_version(connection)


def _newer(version: int) -> ArchiveError:
    return ArchiveError(
        f"archive schema version {version} is newer than this Vigie ({SCHEMA_VERSION}); upgrade Vigie"
    )


def _record_version(connection: Connection) -> None:
    connection.execute(SchemaVersion.__table__.insert().values(version=SCHEMA_VERSION, applied_at=utcnow()))
