"""The archive's tests run on both backends: SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import pytest

from archive import ArchiveStore
from tests.backends import BACKENDS, Archives


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store(archives: Archives) -> ArchiveStore:
    return archives.open()
