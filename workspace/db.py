"""Where the workspace lives, and opening it (its schema created or upgraded on the way).

``--workspace``/``VIGIE_WORKSPACE`` names it: a path of an SQLite file or a PostgreSQL URL, as
``--db`` does for the archive. Without either, an SQLite archive's workspace is the file beside
it (``vigie.db`` → ``vigie.workspace.db``), so one folder holds a whole installation. A server
archive has no file to sit beside, and a workspace in the archive's own database would need
the web to write where it only reads: it must be named.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from archive.db import DatabaseLocation, make_engine, resolve_location
from archive.errors import ArchiveError
from workspace.schema import init_workspace_schema

__all__ = ["Workspace", "WorkspaceError", "open_workspace", "resolve_workspace"]

WORKSPACE_SUFFIX = ".workspace.db"


class WorkspaceError(ArchiveError):
    """The workspace cannot be found, opened or upgraded (one line, for the user)."""


def resolve_workspace(workspace: str | None, archive: DatabaseLocation) -> DatabaseLocation:
    """The workspace's location: the one given, else ``VIGIE_WORKSPACE``, else beside an SQLite
    archive. Its ``files_dir`` is unused (a workspace has no original files)."""
    value = workspace or os.environ.get("VIGIE_WORKSPACE")
    if not value:
        if not archive.is_sqlite:
            raise WorkspaceError(
                "a PostgreSQL archive's workspace must be named: give --workspace (or VIGIE_WORKSPACE), "
                "an SQLite file or a postgresql:// URL of another database"
            )
        value = str(workspace_path(archive.sqlite_path))
    try:
        location = resolve_location(value, files_dir=os.devnull)
    except ArchiveError as exc:
        raise WorkspaceError(f"workspace: {exc}") from exc
    if location.url == archive.url:
        raise WorkspaceError("the workspace must be another database than the archive, which stays read-only")
    return location


@dataclass(frozen=True, slots=True)
class Workspace:
    """An open workspace: its location, engine and sessions."""

    location: DatabaseLocation
    engine: Engine
    sessions: sessionmaker[Session]

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(location: DatabaseLocation) -> Workspace:
    """Open (creating or upgrading) the workspace at ``location``."""
    engine = make_engine(location)
    try:
        init_workspace_schema(engine)
    except WorkspaceError:
        engine.dispose()
        raise
    except ArchiveError as exc:
        engine.dispose()
        raise WorkspaceError(f"workspace {location.display}: {exc}") from exc
    return Workspace(location, engine, sessionmaker(engine, expire_on_commit=False))


def workspace_path(archive_path: Path) -> Path:
    """The default workspace file of the SQLite archive at ``archive_path``."""
    return archive_path.with_name(archive_path.name.removesuffix(".db") + WORKSPACE_SUFFIX)
