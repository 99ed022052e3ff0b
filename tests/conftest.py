from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.backends import Archives
from tests.postgres import PostgresServer, require_postgresql
from tests.site import Site, serve

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Sites:
    commune: Site
    url: str
    offsite: Site  # another site on another port: the crawl must never request anything from it


@contextmanager
def serving_sites() -> Iterator[Sites]:
    offsite = Site()
    offsite_server, _ = serve(offsite)
    commune = Site(offsite_url=f"http://127.0.0.1:{offsite.port}/")
    server, url = serve(commune)
    try:
        yield Sites(commune, url, offsite)
    finally:
        server.shutdown()
        offsite_server.shutdown()


@pytest.fixture
def sites() -> Iterator[Sites]:
    with serving_sites() as served:
        yield served


def vigie_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", *args]


def vigie_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This environment without the developer's own ``VIGIE_*`` settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("VIGIE_")}
    env.update(extra or {})
    return env


def run_vigie(
    *args: str, cwd: Path, timeout: float = 240, env: dict[str, str] | None = None, stdin: str = ""
):
    """Run the real ``vigie`` command in a subprocess (Twisted's reactor cannot restart)."""
    return subprocess.run(
        vigie_command(*args),
        cwd=cwd,
        env=vigie_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
    )


FAST = ("--delay", "0")


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchall()


def table_counts(db: Path) -> dict[str, int]:
    tables = ["sources", "documents", "document_urls", "mentions", "schema_version"]
    return {table: rows(db, f"SELECT count(*) FROM {table}")[0][0] for table in tables}


def invoke_vigie(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""):
    """Run ``vigie`` in this process with click's test runner: for commands that start no
    reactor (search, export, feed, tag, retag, index, runs, sources…), a tenth of a subprocess's
    cost. Same result shape as ``run_vigie``; the developer's ``VIGIE_*`` settings are unset."""
    from click.testing import CliRunner

    from cli import cli

    cleared: dict[str, str | None] = {key: None for key in os.environ if key.startswith("VIGIE_")}
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), input=stdin, env={**cleared, **(env or {})})
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session (``tests/postgres.py``), started on first use
    and stopped at the end, whatever happened; skipped without PostgreSQL, except in CI."""
    server = PostgresServer(require_postgresql())
    try:
        server.start()
        yield server
    finally:
        server.stop()


# Archives of either database, for the tests that run on both: a directory that uses them
# defines ``backend`` (tests/archive, tests/search: its parameters and scope).
@pytest.fixture
def archives(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Archives]:
    """Archive locations for one test; the server starts only when a PostgreSQL variant needs it."""
    server = request.getfixturevalue("postgres_server") if backend == "postgresql" else None
    made = Archives(backend, tmp_path, server)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def pg_archives(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[Archives]:
    """Archives on PostgreSQL only, for what only PostgreSQL does (mark the test ``postgresql``)."""
    made = Archives("postgresql", tmp_path, postgres_server)
    try:
        yield made
    finally:
        made.close()


# The longest test files, started first (longest first, as a scheduler of jobs of known lengths
# does): with ``--dist loadfile`` each worker takes whole files in collection order (once
# xdist's own reordering is off, below), and a long file left to the end would run alone there.
# Their lengths: ``--durations`` of a full run (the three workers' SIGKILL crawl about 50 s,
# every benchmark at its smoke size about 35 s, the crawl and re-crawl files 20 to 45 s each).
SLOWEST_FIRST = (
    "tests/workers/test_workers.py",
    "tests/test_benchmarks_smoke.py",
    "tests/crawler/test_incremental.py",
    "tests/crawler/test_crawl.py",
    "tests/crawler/test_ocr_cli.py",
    "tests/crawler/test_feed_runs.py",
    "tests/crawler/test_cron.py",
    "tests/cli/test_first_hour.py",
    "tests/crawler/test_platforms.py",
    "tests/web/test_demo_web.py",
    "tests/web/test_review_browser.py",
    "tests/crawler/test_hostile.py",
    "tests/web/test_screenshot_map.py",
    "tests/pipelines/test_ocr.py",
    "tests/web/test_browser.py",
    "tests/pipelines/test_learnt_kind.py",
)


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist (3.x) otherwise orders whole files by their number of tests, most first,
    # which sent the three-test SIGKILL crawl last: collection order, as SLOWEST_FIRST sets it.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return SLOWEST_FIRST.index(path) if path in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: every other test keeps its order
