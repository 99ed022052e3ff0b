"""Alembic's migrations: one revision per schema version, the same schema as a new archive's,
and archives of every older version upgraded in place.

A new archive is made at once from the models (``create_all``), not by running the migrations:
these tests are what make that safe, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from archive import ArchiveError, ArchiveStore, resolve_location
from archive.db import SCHEMA_VERSION, DatabaseLocation, make_engine
from archive.errors import OlderSchemaError
from archive.models import Base
from archive.reader import ArchiveReader
from archive.schema import HEAD, MIGRATIONS, alembic_config, compared_by_alembic, revision_of, scripts
from search import ensure_index
from tests.archive.older import older_archive
from tests.archive.test_acts_store import version_1_archive
from tests.backends import Archives, count, execute, rows


def schema(location: DatabaseLocation) -> dict[str, Any]:
    """Every table's columns (name, type, nullable), keys, indexes and unique constraints."""
    engine = make_engine(location)
    try:
        tables = inspect(engine)
        return {
            table: {
                "columns": sorted(
                    (column["name"], str(column["type"]), column["nullable"])
                    for column in tables.get_columns(table)
                ),
                "primary_key": tables.get_pk_constraint(table)["constrained_columns"],
                "foreign_keys": foreign_keys(engine, table),
                "indexes": sorted(
                    (index["name"], tuple(index["column_names"]), bool(index["unique"]))
                    for index in tables.get_indexes(table)
                ),
                "unique": sorted(
                    tuple(sorted(unique["column_names"])) for unique in tables.get_unique_constraints(table)
                ),
            }
            for table in sorted(tables.get_table_names())
        }
    finally:
        engine.dispose()


def foreign_keys(engine: Engine, table: str) -> list[tuple[Any, ...]]:
    """A table's foreign keys: (columns, referred table, ON DELETE).

    On SQLite, as SQLite itself reads them: SQLAlchemy's reflection finds an ON DELETE only in
    a table's FOREIGN KEY clause, not in the inline REFERENCES of a column added later (the one
    way SQLite adds a column with its key, which every upgraded archive has).
    """
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            found = connection.exec_driver_sql(f"PRAGMA foreign_key_list('{table}')").all()
        return sorted(((row.__getattr__("from"),), row.table, row.on_delete) for row in found)
    return sorted(
        (
            tuple(key["constrained_columns"]),
            key["referred_table"],
            key["options"].get("ondelete", "NO ACTION"),
        )
        for key in inspect(engine).get_foreign_keys(table)
    )


def differences(location: DatabaseLocation) -> list[Any]:
    """What Alembic's autogenerate would change to make the archive match the models (what it
    compares: ``compared_by_alembic``; on SQLite, ``schema`` compares the foreign keys)."""
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            include = compared_by_alembic(connection.dialect.name)
            context = MigrationContext.configure(connection, opts={"include_object": include})
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def migrate(location: DatabaseLocation, revision: str = "head") -> None:
    engine = make_engine(location)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()


def test_each_revision_is_a_schema_version() -> None:
    chain = list(reversed(list(scripts().walk_revisions())))
    assert [script.revision for script in chain] == [revision_of(n) for n in range(1, SCHEMA_VERSION + 1)]
    assert [script.down_revision for script in chain] == [None, *(script.revision for script in chain[:-1])]
    assert scripts().get_current_head() == HEAD
    for script in chain:
        assert Path(script.path).name.startswith(f"{script.revision}_")
    assert (MIGRATIONS / "env.py").is_file()


def test_running_every_migration_makes_the_schema_of_a_new_archive(archives: Archives) -> None:
    created, migrated = archives.location("created", empty=True), archives.location("migrated", empty=True)
    ArchiveStore(created).close()
    migrate(migrated)
    assert differences(created) == []
    assert differences(migrated) == []
    assert schema(migrated) == schema(created)
    assert rows(migrated, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    # The new archive was stamped without Alembic (archive.schema._ALEMBIC_VERSION): Alembic
    # reads the stamp, and its table is the one Alembic makes, to its key's name.
    engines = [make_engine(location) for location in (created, migrated)]
    try:
        with engines[0].connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == HEAD
        keys = [inspect(engine).get_pk_constraint("alembic_version") for engine in engines]
        assert keys[0] == keys[1] and keys[0]["constrained_columns"] == ["version_num"]
    finally:
        for engine in engines:
            engine.dispose()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_archive_of_an_older_version_is_upgraded_in_place(tmp_path: Path, version: int) -> None:
    old, new = resolve_location(str(tmp_path / "old.db")), resolve_location(str(tmp_path / "new.db"))
    older_archive(old.sqlite_path, version)
    ArchiveStore(new).close()
    assert schema(old) != schema(new)
    ArchiveStore(old).close()
    assert schema(old) == schema(new)
    assert differences(old) == []
    assert rows(old, "SELECT version FROM schema_version ORDER BY version") == [(version,), (SCHEMA_VERSION,)]
    assert rows(old, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    # Its rows are kept; before version 2, every document waits for `vigie retag` (acts, ACTES).
    assert rows(old, "SELECT sha256, text, tagged_with FROM documents") == [
        ("ab", "texte", None if version == 1 else "v0")
    ]
    ArchiveStore(old).close()  # opening it again changes nothing
    assert count(old, "schema_version") == 2


def test_an_archive_of_this_version_made_before_alembic_is_stamped(tmp_path: Path) -> None:
    location = resolve_location(str(tmp_path / "vigie.db"))
    ArchiveStore(location).close()
    execute(location, "DROP TABLE alembic_version")
    ArchiveStore(location).close()
    assert rows(location, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert rows(location, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]


@pytest.mark.parametrize(
    ("revision", "message"),
    [("0099", "schema version 99 is newer than this Vigie"), ("f00dcafe", "which this Vigie does not know")],
)
def test_an_archive_at_a_revision_this_vigie_does_not_know_is_refused(
    archives: Archives, revision: str, message: str
) -> None:
    location = archives.location()
    execute(location, f"UPDATE alembic_version SET version_num = '{revision}'")
    with pytest.raises(ArchiveError, match=message):
        ArchiveStore(location)
    assert rows(location, "SELECT version_num FROM alembic_version") == [(revision,)]  # left as it was


def test_the_reader_refuses_an_older_version_until_a_writer_opens_it(archives: Archives) -> None:
    """Readers and older Vigies go by ``schema_version``; a writer brings it up to date."""
    location = archives.location()
    execute(
        location, "DELETE FROM schema_version", "INSERT INTO schema_version VALUES (4, '2026-01-01 00:00:00')"
    )
    with pytest.raises(OlderSchemaError, match="older than this Vigie's"):
        ArchiveReader(location)
    ArchiveStore(location).close()
    reader = ArchiveReader(location)
    assert reader.schema_version == SCHEMA_VERSION
    reader.close()


@pytest.mark.postgresql
def test_processes_opening_a_new_archive_at_once_create_it_once(pg_archives: Archives) -> None:
    """PostgreSQL: the schema is made behind a transaction-level advisory lock."""
    location = pg_archives.location(empty=True)
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            ArchiveStore(location).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert rows(location, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]


def test_the_version_1_fixture_is_the_first_revision(tmp_path: Path) -> None:
    """``schema_v1.sql`` (what Vigie 0.1 made) is what revision 0001 makes: the chain starts
    where the archives in the wild do."""
    made, migrated = tmp_path / "made.db", resolve_location(str(tmp_path / "migrated.db"))
    version_1_archive(made)
    migrate(migrated, revision_of(1))
    with sqlite3.connect(made) as connection:
        connection.execute("DELETE FROM schema_version")
    execute(migrated, "DROP TABLE alembic_version")
    assert schema(resolve_location(str(made))) == schema(migrated)


def test_the_search_index_in_the_archive_is_not_for_the_migrations_to_drop(tmp_path: Path) -> None:
    store = ArchiveStore(resolve_location(str(tmp_path / "vigie.db")))
    ensure_index(store.engine)  # FTS5 tables, triggers and indexes of the search's own
    store.close()
    assert differences(store.location) == []
