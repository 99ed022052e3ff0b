"""Search latency on a generated archive: Vigie on SQLite and on PostgreSQL beside tantivy, in one run.

    python tests/benchmarks/bench_search.py [--docs 200000] [--runs 20] [--engines sqlite,postgresql,tantivy]

The archive (about 5 KB of French council-like text per document, 1 GB at 200,000 documents,
with mentions and facets to count) is written once through the real schema, with the real FTS
triggers, and cached in ``tests/benchmarks/.cache/``; so is a flat file of the same text, one
document per line, for ``grep -c``. Each query runs through ``search.Searcher`` exactly as
``vigie search`` runs it (snippets and pages included) and reports p50 and p95 in milliseconds
over ``--runs`` runs, after one run that warms the caches.

The same archive is copied into PostgreSQL once (``search_postgres``: a server started as the
tests start theirs, on a cluster kept in the cache) and searched by the same ``Searcher``; the
anchor, tantivy (``search_tantivy``, the ``bench`` extra), indexes the same documents once and
answers the same queries for the same top 20, with counts and facets. Engines that are not
installed are left out. Targets: phrase p95 ≤ 50 ms, frequent term p95 ≤ 200 ms, facets
included, on SQLite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from archive import ArchiveStore, resolve_location  # noqa: E402
from archive.mention_summary import summary  # noqa: E402
from search import Searcher, SearchQuery, ensure_index  # noqa: E402
from tests.benchmarks import search_postgres, search_tantivy  # noqa: E402
from tests.benchmarks.bench_tagging import GENERATED, fill, real_sentences  # noqa: E402
from tests.benchmarks.common import Row, bench_arguments, machine, rows_dicts, write_result  # noqa: E402
from tests.benchmarks.search_tantivy import TantivyQuery  # noqa: E402

CACHE = HERE / ".cache"
DOCUMENT_CHARS = 5_000
MENTIONS = [
    (
        "videoprotection",
        "vidéoprotection",
        "Le conseil approuve l’extension du réseau de vidéoprotection urbaine.",
    ),
    ("videoprotection", "caméra", "Une demande de subvention est sollicitée pour l’installation de caméras."),
    ("vsa", "caméra augmentée", "L’expérimentation de caméras augmentées est présentée en commission."),
    (
        "reconnaissance_faciale",
        "reconnaissance faciale",
        "Le conseil adopte un vœu contre la reconnaissance faciale dans l’espace public.",
    ),
    ("drone", "drone", "Un drone sera utilisé par la police municipale lors des manifestations estivales."),
    ("lapi", "LAPI", "Le véhicule équipé d’un système LAPI contrôlera le stationnement payant."),
]
DOC_TYPES = ["deliberation", "proces_verbal", "compte_rendu", "ordre_du_jour", "arrete", "raa", "other"]
QUERIES = {
    "phrase": SearchQuery(text='"reconnaissance faciale"'),
    "phrase, facets": SearchQuery(text='"reconnaissance faciale"', facets=True),
    "prefix": SearchQuery(text="vidéoprot*"),
    "frequent term": SearchQuery(text="conseil"),
    "frequent term, facets": SearchQuery(text="conseil", facets=True),
    "category filter": SearchQuery(text="caméras", categories=["videoprotection"], since="2020"),
}
GREPS = {"phrase": "reconnaissance faciale", "frequent term": "conseil"}
# The same queries for the anchor (``search_tantivy``); the category filter's "since 2020" is a day.
TANTIVY = {
    "phrase": TantivyQuery(words='"reconnaissance faciale"'),
    "phrase, facets": TantivyQuery(words='"reconnaissance faciale"', facets=True),
    "prefix": TantivyQuery(prefix="videoprot"),
    "frequent term": TantivyQuery(words="conseil"),
    "frequent term, facets": TantivyQuery(words="conseil", facets=True),
    "category filter": TantivyQuery(words="caméras", category="videoprotection", since_day=20200101),
}
ENGINES = ["sqlite", "postgresql", "tantivy"]


def build(docs: int, seed: int = 11) -> tuple[Path, Path]:
    CACHE.mkdir(exist_ok=True)
    db, flat = CACHE / f"search-{docs}.db", CACHE / f"search-{docs}.txt"
    if db.exists() and flat.exists():
        return db, flat
    db.unlink(missing_ok=True)
    store = ArchiveStore(resolve_location(str(db)))
    ensure_index(store.engine)
    store.close()
    rng = random.Random(seed)
    real = real_sentences()
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.executemany(
        "INSERT INTO sources(id, host, created_at) VALUES (?, ?, '2026-01-01 00:00:00')",
        [(i + 1, f"www.commune-{i}.fr") for i in range(60)],
    )
    with flat.open("w", encoding="utf-8") as lines:
        batch: list[tuple] = []
        for number in range(1, docs + 1):
            text, mentions = _document(rng, real)
            lines.write(text.replace("\n", " ") + "\n")
            batch.append((number, text, mentions))
            if len(batch) == 2_000 or number == docs:
                _insert(connection, batch, rng)
                batch = []
    connection.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
    connection.commit()
    connection.close()
    return db, flat


def _document(rng: random.Random, real: list[str]) -> tuple[str, list[tuple[str, str, int]]]:
    parts, mentions, length = [], [], 0
    with_mentions = rng.random() < 0.15
    while length < DOCUMENT_CHARS:
        if with_mentions and rng.random() < 0.05:
            category, term, sentence = rng.choice(MENTIONS)
            mentions.append((category, term, length))
        elif rng.random() < 0.6:
            sentence = rng.choice(real)
        else:
            sentence = fill(rng.choice(GENERATED), rng)
        parts.append(sentence)
        length += len(sentence) + 1
    return "\n".join(parts), mentions


def _insert(connection: sqlite3.Connection, batch: list[tuple], rng: random.Random) -> None:
    documents, urls, mentions = [], [], []
    for number, text, found in batch:
        date = f"{rng.randint(2012, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        categories = summary((category, None) for category, _, _ in found)["mention_categories"]
        documents.append(
            (number, hashlib.sha256(f"{number}".encode()).hexdigest(), rng.randint(1, 60), "application/pdf", "pdf",
             len(text), f"Délibération n° {number}", rng.choice(DOC_TYPES), date, 1, text, len(text), "pdfium",
             "2026.11.1", "2026-01-01 00:00:00", categories)
        )  # fmt: skip
        urls.append((number, f"https://www.example-{number % 60}.fr/doc/{number}.pdf"))
        mentions += [(number, c, t, t, start, start + len(t), 1, t) for c, t, start in found]
    connection.executemany(
        "INSERT INTO documents(id, sha256, source_id, content_type, kind, size, title, doc_type, date, pages, text, "
        "text_length, extraction, needs_ocr, is_latest, tagged_with, first_seen_at, last_seen_at, fetched_at, "
        "mention_categories) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?15, ?15, ?)",
        documents,
    )
    connection.executemany(
        "INSERT INTO document_urls(document_id, url, first_seen_at, last_seen_at) "
        "VALUES (?, ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
        urls,
    )
    connection.executemany(
        "INSERT INTO mentions(document_id, category, term, matched, start, end, page, context, lexicon_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026.11.1')",
        mentions,
    )
    connection.commit()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _timed(ask: Callable[[], int], runs: int) -> dict[str, object]:
    """p50 and p95 of ``runs`` calls after one that warms the caches, and the count it gave."""
    ask()
    samples, total = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        total = ask()
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = _percentiles(samples)
    return {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "total": total}


def _vigie(store: ArchiveStore, runs: int) -> tuple[dict[str, object], dict[str, bool]]:
    """Each query through ``search.Searcher`` as ``vigie search`` runs it; whether its ranking
    was bounded."""
    searcher = Searcher(store)
    results, bounded = {}, {}
    for name, query in QUERIES.items():
        results[name] = _timed(lambda query=query: searcher.search(query).total, runs)  # type: ignore[misc]
        bounded[name] = searcher.search(query).ranking_bounded
    return results, bounded


def _tantivy(db: Path, docs: int, runs: int) -> tuple[dict[str, object], float | None]:
    index, took = search_tantivy.open_index(db, docs)
    results = {
        name: _timed(lambda question=question: search_tantivy.search(index, question)["total"], runs)  # type: ignore[misc]
        for name, question in TANTIVY.items()
    }
    return results, took


def _postgresql(db: Path, docs: int, runs: int) -> tuple[dict[str, object], float | None]:
    with search_postgres.postgres_copy(db, docs) as copy:
        if copy is None:
            return {}, None
        url, took = copy
        store = ArchiveStore(resolve_location(url, files_dir=str(search_postgres.CLUSTER / "files")))
        try:
            return _vigie(store, runs)[0], took
        finally:
            store.close()


def run(docs: int, runs: int, engines: list[str] = ENGINES) -> dict[str, object]:
    db, flat = build(docs)
    store = ArchiveStore(resolve_location(str(db)))
    try:
        results, bounded = _vigie(store, runs)
    finally:
        store.close()
    postgresql, copied = _postgresql(db, docs, runs) if "postgresql" in engines else ({}, None)
    with_tantivy = "tantivy" in engines and search_tantivy.available()
    tantivy, indexed = _tantivy(db, docs, runs) if with_tantivy else ({}, None)
    greps = {}
    for name, pattern in GREPS.items():
        samples = []
        for _ in range(max(3, runs // 4)):
            start = time.perf_counter()
            subprocess.run(["grep", "-c", "-i", pattern, str(flat)], capture_output=True, check=False)
            samples.append((time.perf_counter() - start) * 1000)
        greps[name] = {"p50_ms": round(statistics.median(samples), 1)}
    rows = [_row(name, numbers, postgresql, tantivy, greps) for name, numbers in results.items()]
    phrase_p95 = results["phrase, facets"]["p95_ms"]  # type: ignore[index]
    frequent_p95 = results["frequent term, facets"]["p95_ms"]  # type: ignore[index]
    return {
        "benchmark": "search",
        "machine": machine(),
        "date": dt.date.today().isoformat(),
        "documents": docs,
        "text_mb": round(flat.stat().st_size / 1_000_000, 1),
        "runs": runs,
        "vigie": results,
        "ranking_bounded": bounded,
        "postgresql": postgresql,
        "tantivy": tantivy,
        "grep": greps,
        "build_s": {
            "postgresql_copy": copied and round(copied, 1),
            "tantivy_index": indexed and round(indexed, 1),
        },
        "targets": {"phrase_p95_ms": 50, "frequent_p95_ms": 200},
        "meets_targets": phrase_p95 <= 50 and frequent_p95 <= 200,
        "rows": rows_dicts(rows),
    }


def _row(
    name: str, numbers: dict, postgresql: dict[str, object], tantivy: dict[str, object], greps: dict
) -> Row:
    target = 200 if name.startswith("frequent") else 50
    anchors = []
    if name in tantivy:
        anchors.append(f"tantivy p95 {tantivy[name]['p95_ms']} ms")  # type: ignore[index]
    if name in postgresql:
        anchors.append(f"Vigie on PostgreSQL p95 {postgresql[name]['p95_ms']} ms")  # type: ignore[index]
    grep = greps.get(name.split(",")[0], {}).get("p50_ms")
    if grep:
        anchors.append(f"grep -c {grep} ms")
    ratio = round(tantivy[name]["p95_ms"] / numbers["p95_ms"], 2) if name in tantivy else 0.0  # type: ignore[index]
    return Row(
        f"search: {name}",
        f"p95 {numbers['p95_ms']} ms",
        "; ".join(anchors) or "—",
        ratio,
        f"p95 ≤ {target} ms",
        numbers["p95_ms"] <= target,
    )


def table(result: dict[str, object]) -> str:
    lines = [
        f"Search on {result['documents']} documents ({result['text_mb']} MB of text), {result['runs']} runs, "
        f"{result['machine']}, {result['date']}",
        "| query | SQLite p50 ms | SQLite p95 ms | results | PostgreSQL p95 ms | results | tantivy p95 ms | results "
        "| grep -c p50 ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, numbers in result["vigie"].items():  # type: ignore[union-attr]
        grep = result["grep"].get(name.split(",")[0], {}).get("p50_ms", "")  # type: ignore[union-attr]
        pg = result["postgresql"].get(name, {})  # type: ignore[union-attr]
        tv = result["tantivy"].get(name, {})  # type: ignore[union-attr]
        bounded = " (ranking bounded)" if result["ranking_bounded"][name] else ""  # type: ignore[index]
        lines.append(
            f"| {name}{bounded} | {numbers['p50_ms']} | {numbers['p95_ms']} | {numbers['total']} "
            f"| {pg.get('p95_ms', '')} | {pg.get('total', '')} | {tv.get('p95_ms', '')} | {tv.get('total', '')} "
            f"| {grep} |"
        )
    lines.append(
        f"targets (phrase p95 ≤ 50 ms, frequent p95 ≤ 200 ms, facets included): {'met' if result['meets_targets'] else 'NOT met'}"
    )
    lines.append(f"building: {result['build_s']} (null: cached)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "search")
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="of sqlite (always), postgresql, tantivy; comma-separated",
    )
    args = parser.parse_args(argv)
    result = run(args.docs, args.runs, args.engines.split(","))
    write_result(result, args.output)
    print(table(result))
    return result


if __name__ == "__main__":
    main()
