"""The archive's tests run on both backends: SQLite files and a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archive import ArchiveStore
from tests.backends import BACKENDS, Archives
from tests.postgres import PostgresServer


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def archives(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Archives]:
    # The server starts only when a PostgreSQL variant first needs it.
    server = request.getfixturevalue("postgres_server") if backend == "postgresql" else None
    made = Archives(backend, tmp_path, server)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def store(archives: Archives) -> ArchiveStore:
    return archives.open()


@pytest.fixture
def pg_archives(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[Archives]:
    """Archives on PostgreSQL only, for what only PostgreSQL does (mark the test ``postgresql``)."""
    made = Archives("postgresql", tmp_path, postgres_server)
    try:
        yield made
    finally:
        made.close()
