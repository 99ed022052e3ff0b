"""Ingest: documents/s into the archive with the FTS index maintained, beside raw sqlite3, in one run.

    python tests/benchmarks/bench_ingest.py [--docs 20000] [--batch 500]

The documents are those of the search benchmark: about 5 KB of French council-like text each
(real sentences of the fixtures and generated ones), with surveillance mentions on 15% of them.
Vigie archives them as a fast crawl does: ``ArchiveStore.record_many`` in batches of
``--batch`` documents (the writer thread's largest group commit), into a fresh archive whose
FTS triggers index every document; it also writes each original file into the content store.
The anchor inserts the same rows (documents, URLs, mentions) with ``executemany`` into a fresh
archive of the same schema, triggers and pragmas, one transaction per batch, with no files.
Vigie's original files are timed apart too (the anchor writes none): the ratio compares the
database work alone, the target applies to the whole ingest. For scale, one transaction per document (``ArchiveStore.record``, the path before group commit)
is timed on the first thousand documents.

On PostgreSQL (when its binaries are installed; ``--no-postgresql`` to skip), the same
``record_many`` batches go into a fresh archive on a throw-away server started as the tests
start theirs, with Vigie's full-text index and its triggers; the database work is timed, the
files written beforehand, and the rows it holds must be SQLite's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from archive import ArchiveStore, FetchRecord, resolve_location  # noqa: E402
from archive.records import Analysis, Fetch, MentionRecord  # noqa: E402
from search import ensure_index  # noqa: E402
from tests.benchmarks.bench_search import _document  # noqa: E402
from tests.benchmarks.bench_tagging import real_sentences  # noqa: E402
from tests.benchmarks.common import Row, bench_arguments, rows_dicts, write_and_print  # noqa: E402
from tests.postgres import PostgresServer, find_bindir  # noqa: E402

TARGET_DOCS_PER_S = 3_000
FETCHED_AT = dt.datetime(2026, 1, 1)


def documents(count: int, seed: int = 5) -> list[FetchRecord]:
    rng, real = random.Random(seed), real_sentences()
    records = []
    for number in range(count):
        text, found = _document(rng, real)
        body = f"%PDF-1.7 {number}\n{text}".encode()
        records.append(
            FetchRecord(
                Fetch(
                    url=f"https://www.commune-{number % 60}.fr/deliberations/{number}.pdf",
                    body=body,
                    fetched_at=FETCHED_AT,
                    content_type="application/pdf",
                ),
                Analysis(
                    sha256=hashlib.sha256(body).hexdigest(),
                    kind="pdf",
                    pages=[text],
                    title=f"Délibération n° {number}",
                    doc_type="deliberation",
                    extraction="pdfium",
                ),
                mentions=[MentionRecord(c, t, t, s, s + len(t), 1, t) for c, t, s in found],
                lexicon_version="bench",
            )
        )
    return records


def fresh_archive(folder: Path) -> ArchiveStore:
    folder.mkdir(parents=True, exist_ok=True)
    store = ArchiveStore(resolve_location(str(folder / "vigie.db")))
    ensure_index(store.engine)
    return store


def vigie(records: list[FetchRecord], batch: int, folder: Path) -> tuple[float, float]:
    """Seconds for the whole ingest, and for its original files alone.

    The files are timed apart, by writing them first (``record_many`` then finds them there):
    creating thousands of files and folders is the kernel's work, and varies with the disk.
    """
    store = fresh_archive(folder)
    start = time.perf_counter()
    for fetched in records:
        store.files.put(fetched.sha256, fetched.fetch.body)
    files = time.perf_counter() - start
    for first in range(0, len(records), batch):
        store.record_many(records[first : first + batch])
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, files


def postgresql(records: list[FetchRecord], batch: int, folder: Path) -> tuple[float, tuple[int, ...]] | None:
    """Seconds for Vigie's database work on PostgreSQL (the files written first, as above), and
    the documents, URLs and mentions it holds; None without PostgreSQL.

    A throw-away server started as the tests start theirs (``tests/postgres.py``: a unix
    socket, fsync off, which the SQLite side matches with its ``synchronous=NORMAL``), a fresh
    archive with its full-text index and triggers (``search.postgres.index``)."""
    bindir = find_bindir()
    if bindir is None:
        return None
    server = PostgresServer(bindir)
    server.start()
    try:
        url = server.url(server.create_database())
        store = ArchiveStore(resolve_location(url, files_dir=str(folder / "files")))
        ensure_index(store.engine)
        for fetched in records:
            store.files.put(fetched.sha256, fetched.fetch.body)
        start = time.perf_counter()
        for first in range(0, len(records), batch):
            store.record_many(records[first : first + batch])
        elapsed = time.perf_counter() - start
        with store.engine.connect() as connection:
            counts = tuple(
                int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)
                for table in ("documents", "document_urls", "mentions")
            )
        store.close()
        return elapsed, counts
    finally:
        server.stop()


def one_by_one(records: list[FetchRecord], folder: Path) -> float:
    store = fresh_archive(folder)
    start = time.perf_counter()
    for fetched in records:
        store.record(fetched)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def raw_sqlite(records: list[FetchRecord], batch: int, folder: Path) -> float:
    fresh_archive(folder).close()
    connection = sqlite3.connect(folder / "vigie.db")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("INSERT INTO sources(id, host, created_at) VALUES (1, 'www.commune.fr', '2026-01-01')")
    connection.commit()
    start = time.perf_counter()
    for first in range(0, len(records), batch):
        chunk = list(enumerate(records[first : first + batch], start=first + 1))
        connection.executemany(
            "INSERT INTO documents(id, sha256, source_id, content_type, kind, size, title, doc_type, pages, "
            "text, text_length, extraction, needs_ocr, is_latest, tagged_with, first_seen_at, last_seen_at, "
            "fetched_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, 1, ?, ?, ?, 0, 1, ?, ?, ?, ?)",
            [
                (n, r.sha256, r.fetch.content_type, r.analysis.kind, len(r.fetch.body), r.analysis.title,
                 r.analysis.doc_type, r.text, len(r.text), r.analysis.extraction, r.lexicon_version,
                 r.fetch.fetched_at, r.fetch.fetched_at, r.fetch.fetched_at)
                for n, r in chunk
            ],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO document_urls(document_id, url, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)",
            [(n, r.url, r.fetch.fetched_at, r.fetch.fetched_at) for n, r in chunk],
        )
        connection.executemany(
            "INSERT INTO mentions(document_id, category, term, matched, start, end, page, context, "
            "lexicon_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (n, m.category, m.term, m.matched, m.start, m.end, m.page, m.context, r.lexicon_version)
                for n, r in chunk
                for m in r.mentions
            ],
        )
        connection.commit()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def contents(folder: Path) -> tuple[int, ...]:
    """What both sides must have written: documents, URLs, mentions, and what the index finds."""
    with sqlite3.connect(folder / "vigie.db") as connection:
        return tuple(
            connection.execute(query).fetchone()[0]
            for query in [
                "SELECT count(*) FROM documents",
                "SELECT count(*) FROM document_urls",
                "SELECT count(*) FROM mentions",
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'conseil'",
                "SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'drone'",
            ]
        )


def run(count: int, batch: int, with_postgresql: bool = True) -> dict[str, object]:
    records = documents(count)
    text_mb = sum(len(r.text.encode()) for r in records) / 1_000_000
    work = Path(tempfile.mkdtemp(prefix="vigie-bench-ingest-"))
    try:
        total, files = vigie(records, batch, work / "vigie")
        timings = {
            "vigie": total,
            "vigie_database_only": total - files,
            "raw_sqlite": raw_sqlite(records, batch, work / "raw"),
        }
        written = {name: contents(work / name) for name in ("vigie", "raw")}
        if written["vigie"] != written["raw"]:
            raise SystemExit(f"Vigie and the anchor wrote different archives: {written}")
        sample = records[: min(1_000, count)]
        single = one_by_one(sample, work / "single")
        on_postgresql = postgresql(records, batch, work / "postgresql") if with_postgresql else None
        if on_postgresql is not None and on_postgresql[1] != written["vigie"][:3]:
            raise SystemExit(
                f"PostgreSQL holds other rows than SQLite: {on_postgresql[1]}, {written['vigie'][:3]}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rates = {name: count / seconds for name, seconds in timings.items()}
    single_rate = len(sample) / single
    row = Row(
        "ingest (5 KB docs, FTS)",
        f"{rates['vigie']:,.0f} docs/s ({rates['vigie_database_only']:,.0f} without the files)",
        f"raw sqlite3 executemany {rates['raw_sqlite']:,.0f} docs/s",
        # Like for like: the anchor writes no files.
        round(rates["vigie_database_only"] / rates["raw_sqlite"], 2),
        f"≥ {TARGET_DOCS_PER_S:,} docs/s",
        rates["vigie"] >= TARGET_DOCS_PER_S,
    )
    rows = [row]
    if on_postgresql is not None:
        rates["vigie_postgresql_database_only"] = count / on_postgresql[0]
        rows.append(
            Row(
                "ingest on PostgreSQL (5 KB docs, full-text index)",
                f"{rates['vigie_postgresql_database_only']:,.0f} docs/s without the files",
                f"Vigie on SQLite {rates['vigie_database_only']:,.0f} docs/s without the files",
                round(rates["vigie_postgresql_database_only"] / rates["vigie_database_only"], 2),
                f"≥ {TARGET_DOCS_PER_S:,} docs/s",
                rates["vigie_postgresql_database_only"] >= TARGET_DOCS_PER_S,
            )
        )
    return {
        "benchmark": "ingest",
        "documents": count,
        "batch": batch,
        "text_mb": round(text_mb, 1),
        "archived": dict(
            zip(["documents", "urls", "mentions", "fts_conseil", "fts_drone"], written["vigie"], strict=True)
        ),
        "docs_per_s": {name: round(rate) for name, rate in rates.items()},
        "one_transaction_per_document_docs_per_s": round(single_rate),
        "rows": rows_dicts(rows),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "ingest")
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--no-postgresql", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    result = run(args.docs, args.batch, not args.no_postgresql)
    write_and_print(result, args.output)
    print(
        f"{args.docs} documents, {result['text_mb']} MB of text, batches of {args.batch}; "
        f"one transaction per document: {result['one_transaction_per_document_docs_per_s']} docs/s"
    )
    return result


if __name__ == "__main__":
    main()
