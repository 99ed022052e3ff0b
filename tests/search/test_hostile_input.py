"""Hostile input to the reading side: formula titles, read-only archives, huge queries, locks.

Items 6, 7, 9 and 10 of the reliability test (issue "Hostile sites, bombs and faults"), through
the real ``vigie`` commands and the web application on a real archive.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from archive import ArchiveStore
from archive.db import DatabaseLocation
from archive.lock import ArchiveLock
from archive.reader import ArchiveReader
from search import Searcher, SearchError, SearchQuery
from tests.backends import Archives, db_option
from tests.conftest import run_vigie, vigie_command, vigie_env
from tests.search.archive import _record, build
from web.app import create_app
from web.archive_view import WebArchive

FORMULA = '=HYPERLINK("http://127.0.0.1/x","Cliquez")'


@dataclass(frozen=True)
class Given:
    """The archive: where it is, what ``--db`` is given for it, the folder commands run in."""

    location: DatabaseLocation
    db: str
    folder: Path


@pytest.fixture(scope="module")
def archive(module_archives: Archives, tmp_path_factory: pytest.TempPathFactory) -> Given:
    """The search tests' archive, plus a document whose scraped title is a formula."""
    location = module_archives.location(empty=True)
    store = build(location)
    store.record(
        _record(
            "https://www.ville.fr/conseil/formule",
            FORMULA,
            ["Le conseil approuve l'extension de la vidéoprotection urbaine."],
            "2024-03-03",
            "deliberation",
        )
    )
    store.close()
    return Given(location, db_option(location), tmp_path_factory.mktemp("hostile-input"))


@pytest.fixture(scope="module")
def client(archive: Given) -> Iterator[TestClient]:
    reader = ArchiveReader(archive.location)
    with TestClient(create_app(WebArchive.open(reader))) as test_client:
        yield test_client
    reader.close()


def _formula_cells(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return [cell for row in rows for cell in row if "HYPERLINK" in cell]


# -- 6: HTTP 500 on a blank stance and on a document id beyond SQLite's integers --------------


@pytest.mark.parametrize("path", ["/search", "/api/search", "/feed", "/search.csv", "/search.jsonl"])
def test_6_a_blank_stance_is_no_filter(client: TestClient, path: str) -> None:
    response = client.get(path, params={"q": "vidéoprotection", "stance": " "})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/documents/", "/api/documents/"])
def test_6_a_document_id_beyond_sqlite_integers_is_not_found(client: TestClient, path: str) -> None:
    for document_id in ("9223372036854775808", "99999999999999999999999", "0"):
        assert client.get(path + document_id).status_code == 404


# -- 7: CSV formula injection --------------------------------------------------------------------


def test_7_search_csv_of_the_cli_quotes_formulas(archive: Given) -> None:
    result = run_vigie("search", "vidéoprotection", "--db", archive.db, "--format", "csv", cwd=archive.folder)
    assert result.returncode == 0, result.stderr
    assert _formula_cells(result.stdout) == ["'" + FORMULA]


def test_7_export_csv_quotes_formulas(archive: Given, tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    result = run_vigie("export", "--db", archive.db, "--format", "csv", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _formula_cells(out.read_text(encoding="utf-8")) == ["'" + FORMULA]


def test_7_web_csv_quotes_formulas(client: TestClient) -> None:
    response = client.get("/search.csv", params={"q": "vidéoprotection"})
    assert response.status_code == 200
    assert _formula_cells(response.text) == ["'" + FORMULA]
    jsonl = client.get("/search.jsonl", params={"q": "vidéoprotection"}).text
    assert FORMULA.replace('"', '\\"') in jsonl  # JSON keeps the value exactly as scraped


# -- 9: read-only archives -----------------------------------------------------------------------


def _read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``vigie ARGS`` with ``folder`` read-only: a read-only bind mount when root can make
    one (a mount namespace of its own), else the folder and its files without write bits."""
    command = vigie_command(*args)
    if os.geteuid() == 0 and shutil.which("unshare"):
        script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
        wrapped = ["unshare", "--mount", "sh", "-c", script, str(folder), *command]
        probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True)
        if probe.returncode == 0:
            return subprocess.run(wrapped, env=vigie_env(), capture_output=True, text=True, timeout=120)
    for path in [folder, *folder.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        return subprocess.run(command, env=vigie_env(), capture_output=True, text=True, timeout=120)
    finally:
        for path in [folder, *folder.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def read_only_copy(archive: Given, tmp_path: Path) -> Path:
    if not archive.location.is_sqlite:
        pytest.skip("a read-only file is SQLite's; PostgreSQL's reader is read-only transactions (tests/web)")
    folder = tmp_path / "ro"
    folder.mkdir()
    copy = folder / "vigie.db"
    with sqlite3.connect(archive.db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(archive.db, copy)  # a checkpointed copy: no -wal, no -shm beside it
    for suffix in ("-wal", "-shm"):
        (folder / f"vigie.db{suffix}").unlink(missing_ok=True)
    return copy


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["search", "vidéoprotection"], "HYPERLINK"),
        (["export", "--format", "jsonl"], "formule"),
        (["feed"], "<feed"),
        (["runs"], ""),
    ],
)
def test_9_reading_commands_accept_a_read_only_archive(
    read_only_copy: Path, command: list[str], expected: str
) -> None:
    result = _read_only(read_only_copy.parent, *command, "--db", str(read_only_copy))
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert "Traceback" not in result.stderr


def test_9_the_web_reader_opens_an_archive_on_a_read_only_filesystem(read_only_copy: Path) -> None:
    code = (
        "from archive.db import resolve_location\nfrom archive.reader import ArchiveReader\n"
        "from search import Searcher, SearchQuery\nimport sys\n"
        "reader = ArchiveReader(resolve_location(sys.argv[1], writable=False))\n"
        "print(Searcher(reader).search(SearchQuery(text='vidéoprotection')).total)\n"
    )
    folder = read_only_copy.parent
    if os.geteuid() != 0 or subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode:
        pytest.skip("a read-only mount needs root and a mount namespace")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, str(folder), "python", "-c", code, str(read_only_copy)],
        env=vigie_env(),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 2


# -- 10: unbounded queries, the index rebuilt under a crawl --------------------------------------


def test_10_a_query_of_ten_thousand_terms_is_refused_at_once(archive: Given) -> None:
    words = " ".join(f"mot{i}" for i in range(10_000))
    result = run_vigie("search", words, "--db", archive.db, cwd=archive.folder, timeout=30)
    assert result.returncode == 2
    assert "too long" in result.stderr or "too many terms" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: the query")


def test_10_a_search_past_its_time_limit_stops_with_a_clear_error(archive: Given) -> None:
    store = ArchiveStore(archive.location)
    try:
        with pytest.raises(SearchError, match="took longer than"):
            Searcher(store, timeout=0.0).search(SearchQuery(text="conseil", facets=True))
        assert Searcher(store).search(SearchQuery(text="conseil")).total > 0
    finally:
        store.close()


def test_10_index_rebuild_waits_for_no_crawl(archive: Given) -> None:
    lock = ArchiveLock(archive.location)
    lock.acquire("crawl")
    try:
        result = run_vigie("index", "--rebuild", "--db", archive.db, cwd=archive.folder)
    finally:
        lock.release()
    assert result.returncode == 3
    assert "busy" in result.stderr
    again = run_vigie("index", "--rebuild", "--db", archive.db, cwd=archive.folder)
    assert again.returncode == 0 and "rebuilt" in again.stdout


def test_10_a_server_stopping_interrupts_the_searches_in_flight(archive: Given) -> None:
    code = (
        "import sys\nfrom archive import ArchiveStore, resolve_location\n"
        "from search import Searcher, SearchError, SearchQuery\nfrom search.deadline import stop_searches\n"
        "searcher = Searcher(ArchiveStore(resolve_location(sys.argv[1])), timeout=600)\n"
        "print(searcher.search(SearchQuery(text='conseil')).total > 0)\nstop_searches()\n"
        "try:\n    searcher.search(SearchQuery(text='conseil', facets=True))\n"
        "except SearchError as exc:\n    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, archive.db],
        env=vigie_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[0] == "True", result.stderr
    assert "the server is shutting down" in result.stdout


def test_10_serve_exits_promptly_on_sigterm(archive: Given, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        vigie_command("serve", "--db", archive.db, "--no-shipped", "--port", str(port)),
        env=vigie_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/search?q=conseil") as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        server.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully, then ends by the signal it caught (status -15).
        assert server.wait(timeout=10) in (0, -signal.SIGTERM)
        assert "Traceback" not in server.stderr.read()  # type: ignore[union-attr]
    finally:
        server.kill()
