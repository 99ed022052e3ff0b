"""Alembic's environment: the migrations run on the connection ``archive.schema`` hands over.

Without one (Alembic's command line, when a developer drafts a revision), on the archive that
``VIGIE_DB`` names. There is no offline (``--sql``) mode: an archive is upgraded by opening it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from archive.models import Base
from archive.schema import compared_by_alembic


def run_migrations(connection: Connection) -> None:
    # render_as_batch: autogenerate drafts SQLite-safe operations (see this package's docstring).
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=compared_by_alembic(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_on_vigie_db() -> None:
    from archive.db import make_engine, resolve_location

    engine = make_engine(resolve_location())
    try:
        with engine.begin() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Vigie's migrations run on an archive, not as SQL scripts: open the archive instead")
given = context.config.attributes.get("connection")
if given is not None:
    run_migrations(given)
else:
    run_on_vigie_db()
