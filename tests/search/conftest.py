"""The search tests run on both backends: SQLite's FTS5 and PostgreSQL's full-text search.

``backend`` is module-scoped, so a module's shared archive is built once per backend; in CI
(``CI=true``) the PostgreSQL variants fail rather than skip without a server (tests/postgres.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.backends import BACKENDS, Archives


@pytest.fixture(params=BACKENDS, scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def module_archives(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Archives]:
    """Archive locations for a module's shared archive (its ``searcher``)."""
    server = request.getfixturevalue("postgres_server") if backend == "postgresql" else None
    made = Archives(backend, tmp_path_factory.mktemp("search"), server)
    try:
        yield made
    finally:
        made.close()
