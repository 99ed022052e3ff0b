"""The workspace's schema: created on first use, upgraded in place by its Alembic migrations.

As the archive's (``archive.schema``), but simpler: the workspace is younger, and never held a
schema from before Alembic. A new workspace gets every table from the models at once
(``create_all``) and is stamped with the newest revisions; an existing one is upgraded. The
revisions may form branches (the accounts, the reviews and the alerts were written side by
side): every head is applied ("heads"), so the order of two independent branches never matters.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from archive.db import first_line
from archive.errors import ArchiveError
from archive.schema import alembic_config as archive_alembic_config

MIGRATIONS = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock's key while a workspace's schema is created or upgraded ("VIWS").
SCHEMA_LOCK_KEY = 0x5649_5753


def alembic_config(connection: Connection | None = None) -> Config:
    """The archive's Alembic configuration in code, on the workspace's migrations."""
    return archive_alembic_config(connection, MIGRATIONS)


@functools.cache
def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def init_workspace_schema(engine: Engine) -> None:
    """Create or upgrade the workspace's tables (safe on every start)."""
    from workspace.models import WorkspaceBase

    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            context = MigrationContext.configure(connection)
            heads = set(scripts().get_heads())
            if not inspect(connection).has_table("alembic_version"):
                if inspect(connection).get_table_names():
                    raise ArchiveError(
                        "this database holds other tables: a workspace needs a database of its own"
                    )
                WorkspaceBase.metadata.create_all(connection)
                context.stamp(scripts(), "heads")
                return
            current = set(context.get_current_heads())
            unknown = current - {script.revision for script in scripts().walk_revisions()}
            if unknown:
                raise ArchiveError(
                    f"the workspace is at migration {', '.join(sorted(unknown))}, which this Vigie does not "
                    "know; upgrade Vigie"
                )
            if current != heads:
                command.upgrade(alembic_config(connection), "heads")
    except SQLAlchemyError as exc:
        raise ArchiveError(f"cannot open the workspace database: {first_line(exc)}") from exc
