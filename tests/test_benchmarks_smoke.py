"""The benchmarks run on demand; a tiny size runs here so that they never rot (no timing asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.benchmarks import bench_tagging


def test_tagging_benchmark_runs_and_reports_both_taggers(tmp_path: Path) -> None:
    output = tmp_path / "tagging.json"
    bench_tagging.main(["--size-mb", "0.3", "--output", str(output)])
    result = json.loads(output.read_text(encoding="utf-8"))
    assert result["vigie_mb_per_s"] > 0 and result["naive_re_mb_per_s"] > 0
    assert result["vigie_mentions"] > 0 and result["naive_re_hits"] > 0


def test_search_benchmark_runs_and_reports_grep(tmp_path: Path) -> None:
    from tests.benchmarks import bench_search

    output = tmp_path / "search.json"
    bench_search.main(["--docs", "300", "--runs", "2", "--output", str(output)])
    result = json.loads(output.read_text(encoding="utf-8"))
    assert set(result["vigie"]) == set(bench_search.QUERIES)
    assert all(numbers["p95_ms"] >= numbers["p50_ms"] > 0 for numbers in result["vigie"].values())
    assert result["grep"]["phrase"]["p50_ms"] > 0
    assert result["vigie"]["frequent term"]["total"] > 250
    # The other engines, when installed, find the same documents for the phrase and the filter.
    for engine in ("postgresql", "tantivy"):
        for name in ("phrase", "phrase, facets", "category filter"):
            if result[engine]:
                assert result[engine][name]["total"] == result["vigie"][name]["total"], (engine, name)


def test_one_command_runs_every_benchmark_and_prints_every_row(tmp_path: Path) -> None:
    from tests.benchmarks import run

    summary = run.main(["--smoke", "--output", str(tmp_path / "all.json")])
    names = [row["benchmark"] for row in summary["rows"]]
    assert names[:4] == [
        "start-up: vigie --help",
        "start-up: vigie tag (one-line file)",
        "PDF text: 255-page minutes",
        "PDF text: generated 100-page PDF",
    ]
    assert "tagging" in names and "search: frequent term, facets" in names
    assert "ingest (5 KB docs, FTS)" in names
    assert "OCR: 1 scanned page, pages/s per core" in names
    assert {"crawl: HTML site (15 pages)", "memory: peak RSS of the crawl"} <= set(names)
    assert "quality (dev): tagger micro-F1" in names and "quality (heldout2): opposition found" in names
    assert any(name.startswith("Main-content F1, article benchmark held-out") for name in names)
    assert any(name.startswith("analysis (") for name in names)
    assert "records (dev): kind recall" in names and "records (heldout): acts given a record" in names
    # A smoke run scores no blind part: its figures, even on a sample, are for its one measure.
    from tests.quality.records_scoring import BLIND

    assert not [name for name in names for split in BLIND if name.startswith(f"records ({split})")]
    crawl = json.loads((tmp_path / "crawl.json").read_text(encoding="utf-8"))
    assert crawl["pdf_site"]["archived"] >= 15 + 2 + 1  # pages, PDFs, the 255-page minutes
    assert (
        crawl["pdf_site"]["vigie"]["longest_stall_ms"] > 0 and crawl["pdf_site"]["vigie"]["peak_rss_mb"] > 0
    )
    ingest = json.loads((tmp_path / "ingest.json").read_text(encoding="utf-8"))
    assert ingest["archived"]["documents"] == 120 and ingest["archived"]["fts_conseil"] > 80
    assert all(
        set(row) == {"benchmark", "vigie", "anchor", "ratio", "target", "met"} for row in summary["rows"]
    )
    assert json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["rows"] == summary["rows"]
