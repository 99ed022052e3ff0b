"""Every benchmark in one run, and one table: Vigie, its anchor, the ratio, the target, met or not.

    python tests/benchmarks/run.py            # full sizes (the search archive is built once, ~5 min)
    python tests/benchmarks/run.py --smoke    # tiny sizes, under a minute: checks they all run

Each benchmark also writes its own JSON file under ``tests/benchmarks/results/``; this one
writes ``results/all.json`` with every row.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.benchmarks import (  # noqa: E402
    bench_analysis,
    bench_crawl,
    bench_html,
    bench_ingest,
    bench_maincontent,
    bench_ocr,
    bench_pdf,
    bench_quality,
    bench_records,
    bench_search,
    bench_startup,
    bench_tagging,
    bench_workers,
)
from tests.benchmarks.common import RESULTS, machine, rows_table, write_result  # noqa: E402

FULL = {
    "startup": (bench_startup, ["--runs", "10"]),
    "pdf": (bench_pdf, ["--runs", "3"]),
    "html": (bench_html, ["--runs", "50"]),
    "tagging": (bench_tagging, ["--size-mb", "60"]),
    "ingest": (bench_ingest, ["--docs", "20000"]),
    "search": (bench_search, ["--docs", "200000", "--runs", "20"]),
    "crawl": (bench_crawl, ["--pages", "5000", "--pdfs", "300"]),
    "ocr": (bench_ocr, []),
    "maincontent": (bench_maincontent, ["--runs", "3"]),
    "quality": (bench_quality, ["--failures", "10"]),
    "records": (bench_records, ["--failures", "10"]),
    "analysis": (bench_analysis, ["--size-mb", "40"]),
    # Not in the smoke run: it starts a PostgreSQL server and a dozen crawl processes.
    "workers": (bench_workers, ["--sites", "12", "--pages", "40"]),
}
SMOKE = {
    "startup": (bench_startup, ["--runs", "1"]),
    "pdf": (bench_pdf, ["--runs", "1", "--without-pdfminer"]),
    "html": (bench_html, ["--runs", "2"]),
    "tagging": (bench_tagging, ["--size-mb", "0.3"]),
    "ingest": (bench_ingest, ["--docs", "120"]),
    # SQLite alone: the other engines' smoke run is test_benchmarks_smoke's search test.
    "search": (bench_search, ["--docs", "300", "--runs", "2", "--engines", "sqlite"]),
    "crawl": (bench_crawl, ["--pages", "15", "--pdfs", "2"]),
    "ocr": (bench_ocr, ["--smoke"]),
    "maincontent": (bench_maincontent, ["--smoke"]),
    "quality": (bench_quality, ["--smoke", "--failures", "3"]),
    "records": (bench_records, ["--smoke", "--failures", "3", "--no-anchor"]),
    "analysis": (bench_analysis, ["--smoke"]),
}


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: check that every benchmark runs")
    parser.add_argument("--output", type=Path, default=RESULTS / "all.json")
    args = parser.parse_args(argv)
    rows: list[dict[str, object]] = []
    folder = args.output.parent
    for name, (module, options) in (SMOKE if args.smoke else FULL).items():
        print(f"\n## {name}", flush=True)
        result = module.main([*options, "--output", str(folder / f"{name}.json")])
        rows.extend(result["rows"])  # type: ignore[arg-type]
    summary = {"machine": machine(), "smoke": args.smoke, "rows": rows}
    write_result(summary, args.output)
    print(f"\n## All benchmarks ({machine()})\n\n{rows_table(rows)}")
    return summary


if __name__ == "__main__":
    main()
