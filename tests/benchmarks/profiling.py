"""Where the time goes, for the targets not met: Vigie's side of a benchmark under pyinstrument.

    pip install -e '.[bench]'
    python tests/benchmarks/profiling.py html|ingest|search [--docs 200000]
                                         [--query '"reconnaissance faciale"']

Writes ``tests/benchmarks/results/profile-<name>.txt`` (pyinstrument's call tree, the README
quotes it) and prints it. The inputs are the benchmarks' own, from their caches.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.benchmarks.common import RESULTS  # noqa: E402


def html() -> Callable[[], None]:
    from pipelines.html_text import extract_html
    from tests.benchmarks.bench_html import municipal_page

    page = municipal_page()

    def work() -> None:
        for _ in range(50):
            extract_html(page)

    return work


def ingest() -> Callable[[], None]:
    from tests.benchmarks.bench_ingest import documents, vigie

    records = documents(3_000)
    folder = Path(tempfile.mkdtemp(prefix="vigie-profile-ingest-"))

    def work() -> None:
        vigie(records, 500, folder)

    return work


def search(docs: int, text: str) -> Callable[[], None]:
    from archive import ArchiveStore, resolve_location
    from search import Searcher, SearchQuery
    from tests.benchmarks.bench_search import build

    db, _ = build(docs)
    searcher = Searcher(ArchiveStore(resolve_location(str(db))))
    query = SearchQuery(text=text, facets=True)
    searcher.search(query)  # warm the page cache, as the benchmark does

    def work() -> None:
        for _ in range(5):
            searcher.search(query)

    return work


def main(argv: list[str] | None = None) -> str:
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=["html", "ingest", "search"])
    parser.add_argument("--docs", type=int, default=200_000, help="search: the archive's size")
    parser.add_argument(
        "--query", default="conseil", help="search: the query, with facets (default: a frequent term)"
    )
    args = parser.parse_args(argv)
    work = {"html": html, "ingest": ingest, "search": lambda: search(args.docs, args.query)}[args.name]()
    profiler = Profiler(interval=0.0005)
    with profiler:
        work()
    report = profiler.output_text(unicode=True, color=False, short_mode=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"profile-{args.name}.txt").write_text(report, encoding="utf-8")
    print(report)
    return report


if __name__ == "__main__":
    main()
