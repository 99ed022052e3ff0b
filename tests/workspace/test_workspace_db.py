"""The workspace: where it lives, created once, upgraded by its migrations to the models' schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from archive import resolve_location
from archive.db import make_engine
from tests.archive.test_migrations import schema
from tests.backends import Archives
from workspace.db import WorkspaceError, open_workspace, resolve_workspace
from workspace.models import Role, User, WorkspaceBase
from workspace.schema import alembic_config, scripts


def test_an_sqlite_archive_keeps_its_workspace_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VIGIE_WORKSPACE", raising=False)
    archive = resolve_location(str(tmp_path / "demo.db"))
    assert resolve_workspace(None, archive).sqlite_path == (tmp_path / "demo.workspace.db").resolve()
    named = resolve_workspace(str(tmp_path / "group.db"), archive)
    assert named.sqlite_path == (tmp_path / "group.db").resolve()
    monkeypatch.setenv("VIGIE_WORKSPACE", str(tmp_path / "env.db"))
    assert resolve_workspace(None, archive).sqlite_path == (tmp_path / "env.db").resolve()


def test_a_workspace_is_never_the_archive_and_a_server_archive_names_its_own(tmp_path: Path) -> None:
    archive = resolve_location(str(tmp_path / "vigie.db"))
    with pytest.raises(WorkspaceError, match="another database than the archive"):
        resolve_workspace(str(tmp_path / "vigie.db"), archive)
    server = resolve_location("postgresql://vigie@localhost/archive")
    with pytest.raises(WorkspaceError, match="must be named"):
        resolve_workspace(None, server)
    with pytest.raises(WorkspaceError, match=r"workspace: .*directory"):
        resolve_workspace(str(tmp_path), archive)


def test_a_new_workspace_is_created_once_and_reopened_as_it_is(archives: Archives) -> None:
    location = archives.location("workspace", empty=True)
    workspace = open_workspace(location)
    try:
        with workspace.session() as session:
            session.add(User(email="ana@example.org", name="Ana", role=Role.ADMIN, password_hash="x"))
            session.commit()
    finally:
        workspace.close()
    again = open_workspace(location)
    try:
        with again.session() as session:
            assert session.scalars(select(User.email)).all() == ["ana@example.org"]
            assert session.scalars(select(User.disabled)).one() is False
    finally:
        again.close()


def test_the_migrations_make_the_schema_of_a_new_workspace(archives: Archives) -> None:
    created = archives.location("created", empty=True)
    open_workspace(created).close()
    migrated = archives.location("migrated", empty=True)
    engine = make_engine(migrated)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "heads")
            assert compare_metadata(MigrationContext.configure(connection), WorkspaceBase.metadata) == []
            assert set(MigrationContext.configure(connection).get_current_heads()) == set(
                scripts().get_heads()
            )
    finally:
        engine.dispose()
    assert schema(migrated) == schema(created)


def test_a_database_holding_other_tables_is_refused(archives: Archives) -> None:
    location = archives.location("other", empty=True)
    engine = make_engine(location)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE documents (id INTEGER PRIMARY KEY)"))
    finally:
        engine.dispose()
    with pytest.raises(WorkspaceError, match="database of its own"):
        open_workspace(location)
