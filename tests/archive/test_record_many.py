"""Group commit: archiving a batch gives what archiving its documents one by one gives.

Real SQLite files and PostgreSQL databases, real PDFs; the writer thread is driven from a real
asyncio loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from pathlib import Path

import pytest

from archive import ArchiveStore, FetchOutcome, FetchRecord, resolve_location
from archive.db import DatabaseLocation
from archive.files import sha256_hex
from archive.records import Analysis, Fetch
from pipelines.store_writer import StoreWriter
from search import Searcher, SearchQuery, ensure_index
from tests import realdocs
from tests.archive.test_acts_store import real_record
from tests.archive.test_store import record
from tests.backends import Archives, rows

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


def snapshot(location: DatabaseLocation) -> dict[str, list[tuple]]:
    return {
        "documents": rows(
            location,
            "SELECT sha256, is_latest, first_seen_at, last_seen_at, text FROM documents ORDER BY sha256",
        ),
        "urls": rows(
            location,
            "SELECT d.sha256, u.url, u.first_seen_at, u.last_seen_at, u.replaced_at FROM document_urls u "
            "JOIN documents d ON d.id = u.document_id ORDER BY d.sha256, u.url",
        ),
        "sources": rows(location, "SELECT host FROM sources ORDER BY host"),
    }


@pytest.mark.parametrize("size", [1, 2, 3, 11])
def test_a_batch_gives_the_outcomes_and_rows_of_one_by_one(archives: Archives, size: int) -> None:
    one, many = archives.open(archives.location("one")), archives.open(archives.location("many"))
    expected = [one.record(fetched) for fetched in history()]
    records = history()
    outcomes = []
    for start in range(0, len(records), size):
        outcomes += many.record_many(records[start : start + size])
    assert expected[:4] == [
        FetchOutcome.NEW,
        FetchOutcome.NEW,
        FetchOutcome.UNCHANGED,
        FetchOutcome.DUPLICATE,
    ]
    assert outcomes == expected
    assert snapshot(many.location) == snapshot(one.location)


def test_acts_and_mention_links_of_a_batch(archives: Archives) -> None:
    """The real 255-page minutes: 130 acts, every mention linked to the act it falls in."""
    one, many = archives.open(archives.location("one")), archives.open(archives.location("many"))
    records = [
        real_record(realdocs.PV_255_PAGES, "http://v.fr/pv.pdf"),
        real_record(realdocs.DELIB_VIDEOPROTECTION, "http://v.fr/delib.pdf"),
    ]
    for fetched in records:
        one.record(fetched)
    assert many.record_many(records) == [FetchOutcome.NEW, FetchOutcome.NEW]
    query = (
        "SELECT d.sha256, m.category, m.start, m.page, a.number, a.seq FROM mentions m "
        "JOIN documents d ON d.id = m.document_id LEFT JOIN acts a ON a.id = m.act_id ORDER BY 1, 3, 2"
    )
    linked = rows(many.location, query)
    assert linked == rows(one.location, query)
    assert any(row[4] == "23" for row in linked)
    acts = 'SELECT number, title, start, "end", page_start, vote_for, actes_id FROM acts ORDER BY start'
    assert rows(many.location, acts) == rows(one.location, acts)
    assert len(rows(many.location, acts)) == 130


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


def test_the_writer_batches_and_one_bad_document_costs_only_itself(store: ArchiveStore) -> None:
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
    urls = {row[0] for row in rows(store.location, "SELECT url FROM document_urls")}
    assert urls == {fetched.url for fetched in good}


def test_an_unexpected_error_fails_its_document_and_never_hangs_the_writer(store: ArchiveStore) -> None:
    """Not a database error (a record without its bytes, a bug upstream): the batch is written
    again one by one, the bad document gets its error, the others are archived, nothing waits."""
    good = [record(f"http://v.fr/{n}.pdf", f"%PDF-1.4 {n}".encode(), n) for n in range(4)]
    bad = record("http://v.fr/sans-octets.pdf", b"%PDF-1.4 vide")
    bad.fetch.body = None  # type: ignore[assignment]

    async def crawl() -> list[object]:
        writer = StoreWriter(store)
        gate = threading.Event()
        blocked = writer.run(gate.wait)
        futures = [writer.record(fetched) for fetched in [*good[:2], bad, *good[2:]]]
        gate.set()
        await blocked
        results = await asyncio.wait_for(asyncio.gather(*futures, return_exceptions=True), timeout=30)
        after = await asyncio.wait_for(writer.record(record("http://v.fr/apres.pdf", b"%PDF-1.4 apres")), 30)
        writer.close()
        return [*results, after]

    results = asyncio.run(crawl())
    assert results[:2] + results[3:] == [FetchOutcome.NEW] * 5
    assert isinstance(results[2], TypeError)
    urls = {row[0] for row in rows(store.location, "SELECT url FROM document_urls")}
    assert urls == {fetched.url for fetched in good} | {"http://v.fr/apres.pdf"}


def test_the_writer_keeps_the_order_of_other_writes(store: ArchiveStore) -> None:
    """A write that is not a document (a URL seen again) runs between the batches, in its turn."""
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
        return rows(store.location, "SELECT count(*) FROM documents")[0][0]

    asyncio.run(crawl())
    assert seen == ["documents before: 1"] and count() == 2
