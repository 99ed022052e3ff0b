"""The fixture archive served with accounts on, for the web tests of accounts, sessions and the
review: the application and its team's workspace, and a client logged in as one member."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from archive.db import resolve_location
from archive.reader import ArchiveReader
from crawler.sources.registry import load_registry
from tests.web.site import WebFixture
from tests.web.team import Member, log_in, team_workspace
from web.accounts import Accounts
from web.app import create_app
from web.archive_view import WebArchive
from workspace.db import Workspace


@contextmanager
def team_app(web_fixture: WebFixture, folder: Path) -> Iterator[tuple[FastAPI, Workspace]]:
    """The application over the fixture archive with accounts on, and the team's workspace."""
    workspace = team_workspace(folder / "team.workspace.db")
    reader = ArchiveReader(resolve_location(str(web_fixture.db), writable=False))
    archive = WebArchive.open(reader, load_registry(web_fixture.registry, include_shipped=False))
    try:
        yield create_app(archive, Accounts(workspace)), workspace
    finally:
        reader.close()
        workspace.close()


def member_client(served: tuple, member: Member | None = None, **options: object) -> TestClient:
    """A client of ``served``'s application, logged in as ``member`` when one is given."""
    client = TestClient(served[0], **options)
    if member is not None:
        assert log_in(client, member).status_code == 303
    return client
