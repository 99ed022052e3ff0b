"""The reactor-stall monitor sees a blocked reactor and times garbage collections (real crawls)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.httpsite import StaticSite

SPIDER = Path(__file__).with_name("blocking_spider.py")
REPO = Path(__file__).resolve().parents[2]


def crawl_blocking(block: float, work: Path) -> tuple[dict[str, float], str]:
    site = StaticSite(pages={"/": ("text/html", b"<html><body>Mairie</body></html>")}).start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "runspider", str(SPIDER), "-a", f"start={site.url}/",
             "-a", f"block={block}"],
            cwd=work, capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(REPO), "PATH": ""},
        )  # fmt: skip
    finally:
        site.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    stats = re.findall(r"'(vigie/[a-z_/]+)': ([\d.]+)", result.stderr)
    return {name: float(value) for name, value in stats}, result.stderr


def test_a_blocked_reactor_is_measured_and_logged(tmp_path: Path) -> None:
    stats, log = crawl_blocking(0.4, tmp_path)
    # The block may start up to one 50 ms tick after the last one: late by at least 350 ms.
    assert 350 <= stats["vigie/reactor/longest_stall_ms"] < 5000
    assert stats["vigie/reactor/stalls_over_warn"] >= 1
    assert "reactor thread was blocked for up to" in log
    assert stats["vigie/gc/full_collections"] >= 1  # the spider's gc.collect()
    assert stats["vigie/gc/longest_ms"] > 0


def test_a_free_reactor_shows_no_stall(tmp_path: Path) -> None:
    stats, log = crawl_blocking(0.0, tmp_path)
    assert stats["vigie/reactor/longest_stall_ms"] < 300  # well under the 350 of the test above
    assert stats["vigie/reactor/stalls_over_warn"] == 0
    assert "reactor thread was blocked" not in log
