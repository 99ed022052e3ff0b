"""The archive on real SQLite files and a real PostgreSQL server, with real PDFs."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from archive import ArchiveError, ArchiveStore, FetchOutcome, FetchRecord, resolve_location
from archive.db import SCHEMA_VERSION
from archive.files import sha256_hex
from archive.records import Analysis, Fetch
from archive.schema import HEAD
from tests import realdocs
from tests.backends import Archives, count, execute, rows


def record(url: str, body: bytes, when: int = 0) -> FetchRecord:
    return FetchRecord(
        Fetch(
            url=url,
            body=body,
            fetched_at=dt.datetime(2026, 1, 1) + dt.timedelta(minutes=when),
            content_type="application/pdf",
        ),
        Analysis(
            sha256=sha256_hex(body), kind="pdf", pages=["page un", "page deux"], doc_type="deliberation"
        ),
    )


def test_outcomes_of_fetches(store: ArchiveStore) -> None:
    delib, poesie = realdocs.DELIB_VIDEOPROTECTION.read_bytes(), realdocs.DELIB_POESIE.read_bytes()
    assert store.record(record("http://v.fr/a.pdf", delib, 0)) is FetchOutcome.NEW
    assert store.record(record("http://v.fr/a.pdf", delib, 1)) is FetchOutcome.UNCHANGED
    assert store.record(record("http://v.fr/copie.pdf", delib, 2)) is FetchOutcome.DUPLICATE
    assert store.record(record("http://v.fr/a.pdf", poesie, 3)) is FetchOutcome.CHANGED
    assert store.record(record("http://v.fr/a.pdf", poesie, 4)) is FetchOutcome.UNCHANGED
    assert store.record(record("http://v.fr/a.pdf", delib, 5)) is FetchOutcome.CHANGED  # reverted
    assert count(store.location, "documents") == 2
    assert count(store.location, "document_urls") == 3
    assert count(store.location, "sources") == 1


def test_text_keeps_page_boundaries(store: ArchiveStore) -> None:
    store.record(record("http://v.fr/a.pdf", b"%PDF-1.4 x"))
    ((text, pages, length),) = rows(store.location, "SELECT text, pages, text_length FROM documents")
    assert text.split("\f") == ["page un", "page deux"] and pages == 2 and length == len(text)


def test_original_bytes_are_content_addressed(store: ArchiveStore) -> None:
    body = realdocs.PV_255_PAGES.read_bytes()
    store.record(record("http://v.fr/pv.pdf", body))
    sha = sha256_hex(body)
    path = store.location.files_dir / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == body
    assert store.files.get(sha) == body


def test_schema_creation_is_idempotent(archives: Archives) -> None:
    location = archives.location(empty=True)
    for _ in range(2):
        ArchiveStore(location).close()
    assert rows(location, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    assert rows(location, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_sqlite_settings(tmp_path: Path) -> None:
    location = resolve_location(str(tmp_path / "vigie.db"))
    ArchiveStore(location).close()
    with sqlite3.connect(tmp_path / "vigie.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store = ArchiveStore(location)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    store.close()


def test_newer_schema_is_refused(archives: Archives) -> None:
    location = archives.location()
    ArchiveStore(location).close()
    execute(location, "INSERT INTO schema_version VALUES (99, '2030-01-01 00:00:00')")
    with pytest.raises(ArchiveError, match="newer"):
        ArchiveStore(location)


def test_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VIGIE_DB", raising=False)
    monkeypatch.delenv("VIGIE_FILES_DIR", raising=False)
    default = resolve_location()
    assert default.url == f"sqlite:///{tmp_path / 'vigie.db'}"
    assert default.files_dir == tmp_path / "vigie.db.files"
    monkeypatch.setenv("VIGIE_DB", str(tmp_path / "env.db"))
    assert resolve_location().url.endswith("/env.db")
    url = resolve_location(f"sqlite:///{tmp_path}/u.db", str(tmp_path / "originals"))
    assert url.url == f"sqlite:///{tmp_path}/u.db" and url.files_dir == tmp_path / "originals"
    assert resolve_location("postgresql://vigie@localhost/vigie").files_dir == Path("vigie.files")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".", "is a directory"),
        ("missing/vigie.db", "does not exist"),
        ("file.txt/vigie.db", "is not a folder"),
    ],
)
def test_bad_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ArchiveError, match=message):
        resolve_location(value)
