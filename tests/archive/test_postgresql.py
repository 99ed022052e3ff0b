"""What only a PostgreSQL archive does: its URLs, its errors, its writers' lock, its read-only
reader, and the commands that cannot use it yet. On the session's real server."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from archive import ArchiveError, ArchiveStore, resolve_location
from archive.lock import MAX_SOURCE_LOCKS, ArchiveLock, ArchiveLockedError
from archive.models import Source
from archive.reader import ArchiveReader
from tests import postgres
from tests.backends import Archives, rows
from tests.cli.test_cli import one_line_error
from tests.conftest import REPO, invoke_vigie
from tests.postgres import PASSWORD, PASSWORD_ROLE, PostgresServer


def test_postgresql_urls_mean_psycopg_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VIGIE_FILES_DIR", raising=False)
    for given in ("postgresql://vigie:s3cret@db.local/vigie", "postgres://vigie:s3cret@db.local/vigie"):
        location = resolve_location(given)
        assert location.url == "postgresql+psycopg://vigie:s3cret@db.local/vigie"
        assert location.backend == "postgresql" and not location.is_sqlite
        assert location.display == "postgresql+psycopg://vigie:***@db.local/vigie"
        assert location.files_dir == Path("vigie.files")  # the current folder's, unless given
    assert resolve_location(
        "postgresql+psycopg://vigie@/vigie?host=/run/pg", "/srv/originals"
    ).files_dir == Path("/srv/originals")
    monkeypatch.setenv("VIGIE_DB", "postgresql://vigie@db.local/other")
    assert resolve_location().url == "postgresql+psycopg://vigie@db.local/other"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mysql://vigie@db.local/vigie", "unsupported database 'mysql': an archive is an SQLite file"),
        ("postgresql+psycopg2://vigie@db.local/vigie", "through psycopg 3, not 'psycopg2'"),
        (
            "postgresql://vigie:s3cret@db.local:port/vigie",
            "not a valid database URL: 'postgresql://vigie:\\*\\*\\*@",
        ),
    ],
)
def test_a_database_vigie_cannot_use_is_one_line(value: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match=message) as refused:
        resolve_location(value)
    assert "s3cret" not in str(refused.value)
    result = invoke_vigie("runs", "--db", value, cwd=tmp_path)
    assert result.returncode == 2 and "s3cret" not in one_line_error(result)


@pytest.fixture
def unusable(postgres_server: PostgresServer, pg_archives: Archives, request: pytest.FixtureRequest) -> str:
    database = pg_archives.location().url.split("/")[-1].split("?")[0]
    return {
        "no server": f"postgresql://vigie@/vigie?host={postgres_server.root}/nowhere",
        "wrong password": postgres_server.url(database, PASSWORD_ROLE, "not-" + PASSWORD),
        "no database": postgres_server.url("no_such_database"),
    }[request.param]


@pytest.mark.postgresql
@pytest.mark.parametrize(
    ("unusable", "reason"),
    [
        ("no server", "No such file or directory"),
        ("wrong password", 'password authentication failed for user "vigie_password"'),
        ("no database", 'database "no_such_database" does not exist'),
    ],
    indirect=["unusable"],
)
def test_an_unusable_database_is_one_line_and_exit_2(unusable: str, reason: str, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="cannot open the archive database: .*" + reason) as refused:
        ArchiveStore(resolve_location(unusable, str(tmp_path / "files")))
    assert "\n" not in str(refused.value) and "not-" + PASSWORD not in str(refused.value)
    for command in (
        ["runs"],
        ["export", "--format", "jsonl"],
        ["records", "list"],
        ["crawl", "http://127.0.0.1:9/"],
    ):
        result = invoke_vigie(
            *command, "--db", unusable, "--files-dir", str(tmp_path / "files"), cwd=tmp_path
        )
        assert result.returncode == 2, (command, result.stderr)
        assert reason in one_line_error(result), command


@pytest.mark.postgresql
def test_reading_commands_never_create_an_archive(pg_archives: Archives, tmp_path: Path) -> None:
    location = pg_archives.location(empty=True)
    for command in (["runs"], ["export", "--format", "jsonl"], ["records", "list"]):
        result = invoke_vigie(*command, "--db", location.url, cwd=tmp_path)
        assert result.returncode == 2 and "no archive at 'postgresql+psycopg://" in one_line_error(result)
    assert rows(location, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


@pytest.mark.postgresql
def test_one_writer_at_a_time(pg_archives: Archives) -> None:
    location, elsewhere = pg_archives.location(), pg_archives.location("other")
    first = ArchiveLock(location)
    first.acquire("crawl")
    try:
        with pytest.raises(
            ArchiveLockedError,
            match=r"the archive is busy: 'vigie crawl' \(pid \d+, since .* UTC\) is writing to it \(advisory lock",
        ):
            ArchiveLock(location).acquire("retag")
        other = ArchiveLock(elsewhere)  # another archive of the same server is another lock
        other.acquire("retag")
        other.release()
    finally:
        first.release()
    second = ArchiveLock(location)
    second.acquire("retag")
    second.release()


@pytest.mark.postgresql
def test_crawls_of_different_sources_write_at_once_and_of_one_source_never(pg_archives: Archives) -> None:
    location = pg_archives.location()
    first = ArchiveLock(location)
    first.acquire_sources("crawl", ["montpellier", "lyon"])
    locks = [first]
    try:
        other = ArchiveLock(location)
        other.acquire_sources("crawl", ["nimes"])  # another source: at once
        locks.append(other)
        with pytest.raises(
            ArchiveLockedError,
            match=r"the source 'lyon' is busy: 'vigie crawl' \(pid \d+, since .*\) is crawling it",
        ):
            ArchiveLock(location).acquire_sources("crawl", ["beziers", "lyon"])
        beziers = ArchiveLock(location)  # the refused crawl kept none of its sources
        beziers.acquire_sources("crawl", ["beziers"])
        locks.append(beziers)
        with pytest.raises(ArchiveLockedError, match="the archive is busy"):
            ArchiveLock(location).acquire("retag")  # a whole-archive writer waits for every crawl
    finally:
        for lock in locks:
            lock.release()
    retag = ArchiveLock(location)
    retag.acquire("retag")
    try:
        with pytest.raises(ArchiveLockedError, match=r"'vigie retag' .* is writing to all of it"):
            ArchiveLock(location).acquire_sources("crawl", ["nimes"])
    finally:
        retag.release()
    # So many sources would fill the server's lock table: the crawl locks the whole archive.
    everything = ArchiveLock(location)
    everything.acquire_sources("crawl", [f"commune-{n}" for n in range(MAX_SOURCE_LOCKS + 1)])
    try:
        with pytest.raises(ArchiveLockedError, match="is writing to all of it"):
            ArchiveLock(location).acquire_sources("crawl", ["ailleurs"])
    finally:
        everything.release()


@pytest.mark.postgresql
def test_writers_of_the_same_documents_at_once_archive_each_once(pg_archives: Archives) -> None:
    """Four crawls' writers (each its own engine and writer thread, as four workers) archive the
    same contents at once, under their own URLs and one URL they share: one row per content,
    one per URL, nothing lost, whoever won each race."""
    import asyncio
    import threading

    from archive.files import sha256_hex
    from pipelines.store_writer import StoreWriter
    from tests.archive.test_store import record

    location = pg_archives.location()
    bodies = [f"%PDF-1.4 recueil {n}".encode() for n in range(40)]

    def crawl(worker: int) -> None:
        store = ArchiveStore(location)
        fetched = [record(f"http://site-{worker}.fr/{n}.pdf", body, n) for n, body in enumerate(bodies)]
        fetched += [record(f"http://commun.fr/{n}.pdf", body, n) for n, body in enumerate(bodies)]
        order = fetched[worker::4] + [item for index, item in enumerate(fetched) if index % 4 != worker]

        async def write() -> None:
            writer = StoreWriter(store)
            await asyncio.gather(*(writer.record(item) for item in order))
            writer.close()

        asyncio.run(write())
        store.close()

    threads = [threading.Thread(target=crawl, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert rows(location, "SELECT count(*), count(DISTINCT sha256) FROM documents") == [(40, 40)]
    assert rows(location, "SELECT count(*), count(DISTINCT url) FROM document_urls") == [(200, 200)]
    assert rows(location, "SELECT count(*) = count(DISTINCT host) FROM sources") == [(True,)]
    assert {row[0] for row in rows(location, "SELECT sha256 FROM documents")} == {
        sha256_hex(b) for b in bodies
    }


@pytest.mark.postgresql
def test_the_runs_of_a_dead_crawl_are_closed_by_the_next_crawl_of_its_source(pg_archives: Archives) -> None:
    from archive.runs import LOST, close_lost_runs, start_run

    store = pg_archives.open()
    dead = start_run(store, ["http://a.fr/"], ["a", "b"])
    elsewhere = start_run(store, ["http://c.fr/"], ["c"])
    assert close_lost_runs(store, ["b"]) == [dead]
    assert (store.get_run(dead).status, store.get_run(dead).close_reason) == ("interrupted", LOST)
    assert store.get_run(elsewhere).status == "running"
    assert close_lost_runs(store, ["b"]) == []
    store.close()


@pytest.mark.postgresql
def test_a_killed_writer_leaves_no_lock(pg_archives: Archives) -> None:
    location = pg_archives.location()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom archive import resolve_location\nfrom archive.lock import ArchiveLock\n"
            "ArchiveLock(resolve_location(sys.argv[1], sys.argv[2])).acquire('crawl')\nprint('locked', flush=True)\n"
            "time.sleep(60)\n",
            location.url,
            str(location.files_dir),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(ArchiveLockedError, match=f"pid {holder.pid}"):
            ArchiveLock(location).acquire("retag")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = ArchiveLock(location)
    deadline = time.monotonic() + 10
    while True:  # the server ends the dead client's session as soon as it sees the socket closed
        try:
            lock.acquire("retag")
            break
        except ArchiveLockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    lock.release()


@pytest.mark.postgresql
def test_the_reader_cannot_write(pg_archives: Archives) -> None:
    reader = ArchiveReader(pg_archives.location())
    try:
        with reader.session() as session, pytest.raises(SQLAlchemyError, match="read-only transaction"):
            session.add(Source(host="v.fr", created_at=dt.datetime(2026, 1, 1)))
            session.commit()
    finally:
        reader.close()


@pytest.mark.postgresql
@pytest.mark.parametrize(
    "command",
    [["index"], ["search", "caméras"], ["feed"]],
    ids=["index", "search", "feed"],
)
def test_search_index_and_feed_work_on_postgresql(
    pg_archives: Archives, tmp_path: Path, command: list[str]
) -> None:
    location = pg_archives.location()
    result = invoke_vigie(
        *command, "--db", location.url, "--files-dir", str(location.files_dir), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "not supported" not in result.stderr


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), (None, pytest.skip.Exception)])
def test_without_postgresql_its_tests_are_skipped_except_in_ci(
    monkeypatch: pytest.MonkeyPatch, ci: str | None, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(postgres, "find_bindir", lambda: None)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="PostgreSQL is not installed"):
        postgres.require_postgresql()
