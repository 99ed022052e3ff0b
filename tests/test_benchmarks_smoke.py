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
