"""Group commit: archiving a batch gives what archiving its documents one by one gives.

Real SQLite files, real PDFs; the writer thread is driven from a real asyncio loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from archive import ArchiveStore, FetchOutcome, FetchRecord, resolve_location
from archive.files import sha256_hex
from archive.records import Analysis, Fetch
from pipelines.store_writer import StoreWriter
from search import Searcher, SearchQuery, ensure_index
from tests import realdocs
from tests.archive.test_acts_store import real_record
from tests.archive.test_store import record

DELIB = realdocs.DELIB_VIDEOPROTECTION.read_bytes()
POESIE = realdocs.DELIB_POESIE.read_bytes()


def history() -> list[FetchRecord]:
    """New, unchanged, duplicate, changed, reverted, twice in a row, and plain new documents."""
    steps = [
        ("http://v.fr/a.pdf", DELIB),
        ("http://v.fr/b.pdf", b"%PDF-1.4 b"),
        ("http://v.fr/a.pdf", DELIB),
        ("http://v.fr/copie.pdf", DELIB),
        ("http://w.fr/c.pdf", b"%PDF-1.4 c"),
        ("http://v.fr/a.pdf", POESIE),
        ("http://v.fr/a.pdf", POESIE),
        ("http://w.fr/d.pdf", POESIE),
        ("http://v.fr/a.pdf", DELIB),
        ("http://w.fr/e.pdf", b"%PDF-1.4 e"),
        ("http://w.fr/e.pdf", b"%PDF-1.4 e2"),
    ]
    return [record(url, body, when) for when, (url, body) in enumerate(steps)]


def snapshot(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as connection:
        return {
            "documents": connection.execute(
                "SELECT sha256, is_latest, first_seen_at, last_seen_at, text FROM documents ORDER BY sha256"
            ).fetchall(),
            "urls": connection.execute(
                "SELECT d.sha256, u.url, u.first_seen_at, u.last_seen_at, u.replaced_at FROM document_urls u "
                "JOIN documents d ON d.id = u.document_id ORDER BY d.sha256, u.url"
            ).fetchall(),
            "sources": connection.execute("SELECT host FROM sources ORDER BY host").fetchall(),
        }


@pytest.mark.parametrize("size", [1, 2, 3, 11])
def test_a_batch_gives_the_outcomes_and_rows_of_one_by_one(tmp_path: Path, size: int) -> None:
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    store = ArchiveStore(resolve_location(str(one)))
    expected = [store.record(fetched) for fetched in history()]
    store.close()
    store = ArchiveStore(resolve_location(str(many)))
    records = history()
    outcomes = []
    for start in range(0, len(records), size):
        outcomes += store.record_many(records[start : start + size])
    store.close()
    assert expected[:4] == [
        FetchOutcome.NEW,
        FetchOutcome.NEW,
        FetchOutcome.UNCHANGED,
        FetchOutcome.DUPLICATE,
    ]
    assert outcomes == expected
    assert snapshot(many) == snapshot(one)


def test_acts_and_mention_links_of_a_batch(tmp_path: Path) -> None:
    """The real 255-page minutes: 130 acts, every mention linked to the act it falls in."""
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    records = [
        real_record(realdocs.PV_255_PAGES, "http://v.fr/pv.pdf"),
        real_record(realdocs.DELIB_VIDEOPROTECTION, "http://v.fr/delib.pdf"),
    ]
    store = ArchiveStore(resolve_location(str(one)))
    for fetched in records:
        store.record(fetched)
    store.close()
    store = ArchiveStore(resolve_location(str(many)))
    assert store.record_many(records) == [FetchOutcome.NEW, FetchOutcome.NEW]
    store.close()
    query = (
        "SELECT d.sha256, m.category, m.start, m.page, a.number, a.seq FROM mentions m "
        "JOIN documents d ON d.id = m.document_id LEFT JOIN acts a ON a.id = m.act_id ORDER BY 1, 3"
    )
    with sqlite3.connect(one) as a, sqlite3.connect(many) as b:
        linked = b.execute(query).fetchall()
        assert linked == a.execute(query).fetchall()
        assert any(row[4] == "23" for row in linked)
        acts = "SELECT number, title, start, end, page_start, vote_for, actes_id FROM acts ORDER BY start"
        assert b.execute(acts).fetchall() == a.execute(acts).fetchall()
        assert len(b.execute(acts).fetchall()) == 130


def test_batched_documents_are_searchable(tmp_path: Path) -> None:
    store = ArchiveStore(resolve_location(str(tmp_path / "vigie.db")))
    ensure_index(store.engine)
    bodies = [f"%PDF-1.4 {n}".encode() for n in range(40)]
    records = [
        FetchRecord(
            Fetch(
                url=f"http://v.fr/{n}.pdf",
                body=body,
                fetched_at=dt.datetime(2026, 1, 1),
                content_type="application/pdf",
            ),
            Analysis(
                sha256=sha256_hex(body),
                kind="pdf",
                pages=[
                    f"séance {n}",
                    "installation de caméras de vidéoprotection" if n % 4 == 0 else "voirie",
                ],
            ),
        )
        for n, body in enumerate(bodies)
    ]
    store.record_many(records)
    page = Searcher(store).search(SearchQuery(text='"caméras de vidéoprotection"'))
    assert page.total == 10
    assert {hit.url for hit in page.hits} <= {f"http://v.fr/{n}.pdf" for n in range(0, 40, 4)}
    assert all(hit.page == 2 for hit in page.hits)
    store.close()


def test_the_writer_batches_and_one_bad_document_costs_only_itself(tmp_path: Path) -> None:
    db = tmp_path / "vigie.db"
    store = ArchiveStore(resolve_location(str(db)))
    good = [record(f"http://v.fr/{n}.pdf", f"%PDF-1.4 {n}".encode(), n) for n in range(5)]
    bad = record("http://v.fr/bad.pdf", b"%PDF-1.4 bad")
    bad.fetch.listing = {"objet": object()}  # type: ignore[dict-item]  # cannot be stored as JSON

    async def crawl() -> list[object]:
        writer = StoreWriter(store)
        gate = threading.Event()
        blocked = writer.run(gate.wait)  # holds the thread while the documents queue up
        futures = [writer.record(fetched) for fetched in [*good[:2], bad, *good[2:]]]
        gate.set()
        await blocked
        results = await asyncio.gather(*futures, return_exceptions=True)
        writer.close()
        return results

    results = asyncio.run(crawl())
    assert results[:2] + results[3:] == [FetchOutcome.NEW] * 5
    assert isinstance(results[2], Exception)
    with sqlite3.connect(db) as connection:
        urls = {row[0] for row in connection.execute("SELECT url FROM document_urls")}
    assert urls == {fetched.url for fetched in good}
    store.close()


def test_the_writer_keeps_the_order_of_other_writes(tmp_path: Path) -> None:
    """A write that is not a document (a URL seen again) runs between the batches, in its turn."""
    store = ArchiveStore(resolve_location(str(tmp_path / "vigie.db")))
    seen: list[str] = []

    async def crawl() -> None:
        writer = StoreWriter(store)
        gate = threading.Event()
        blocked = writer.run(gate.wait)
        first = writer.record(record("http://v.fr/1.pdf", b"%PDF-1.4 1"))
        between = writer.run(lambda: seen.append(f"documents before: {count()}"))
        last = writer.record(record("http://v.fr/2.pdf", b"%PDF-1.4 2"))
        gate.set()
        await asyncio.gather(blocked, first, between, last)
        writer.close()

    def count() -> int:
        with sqlite3.connect(tmp_path / "vigie.db") as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    asyncio.run(crawl())
    assert seen == ["documents before: 1"] and count() == 2
    store.close()
