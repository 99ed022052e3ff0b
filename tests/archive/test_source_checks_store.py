"""The table of start-URL checks: added to an archive of schema version 4, read in one query."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from archive import ArchiveStore, resolve_location
from archive.db import SCHEMA_VERSION, utcnow
from archive.source_checks import LastCheck, dates, latest_checks, record_checks
from crawler.sources.check import UrlCheck


def version_4_archive(db: Path) -> None:
    ArchiveStore(resolve_location(str(db))).close()
    with sqlite3.connect(db) as connection:
        connection.executescript(
            "ALTER TABLE documents DROP COLUMN mention_categories;"
            "ALTER TABLE documents DROP COLUMN mention_stances;"
            "DROP TABLE source_checks; DROP TABLE alembic_version; DELETE FROM schema_version;"
            "INSERT INTO schema_version VALUES (4, '2026-01-01 00:00:00');"
        )


def test_an_archive_of_version_4_gains_the_table_of_checks(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    version_4_archive(db)
    location = resolve_location(str(db))
    assert latest_checks(location) == {}  # read only: an older archive has no checks yet
    store = ArchiveStore(location)  # what a writing command does first
    try:
        with store.session() as session, session.begin():
            checks = [
                UrlCheck("a", "http://127.0.0.1:9/", None, None, "refused"),
                UrlCheck("a", "http://127.0.0.1:9/b/", 200, "http://127.0.0.1:9/b/", None),
            ]
            record_checks(session, checks, utcnow())
    finally:
        store.close()
    with sqlite3.connect(db) as connection:
        versions = [row[0] for row in connection.execute("SELECT version FROM schema_version ORDER BY 1")]
    assert versions == [4, SCHEMA_VERSION] and SCHEMA_VERSION >= 5
    (only,) = latest_checks(location).values()
    assert only.ok and only.status == 200  # a source answers when one of its start URLs does


def test_checks_are_recorded_and_the_latest_read_back(store: ArchiveStore) -> None:
    first, second = dt.datetime(2026, 11, 30, 8), dt.datetime(2026, 12, 1, 8)
    with store.session() as session, session.begin():
        record_checks(session, [UrlCheck("a", "http://127.0.0.1:9/", 200, None, None)], first)
        record_checks(session, [UrlCheck("b", "http://127.0.0.1:9/b/", 200, None, None)], first)
        checks = [
            UrlCheck("a", "http://127.0.0.1:9/", None, None, "refused"),
            UrlCheck("a", "http://127.0.0.1:9/2/", 404, None, None),
        ]
        record_checks(session, checks, second)
    latest = latest_checks(store.location)  # read only, through ArchiveReader
    assert latest == {"a": LastCheck(second, False, None), "b": LastCheck(first, True, 200)}
    assert dates(list(latest.values())) == "2026-11-30 to 2026-12-01"
