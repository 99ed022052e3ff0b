"""Crawl: a full ``vigie crawl`` beside a bare Scrapy spider, same generated site, same run.

    python tests/benchmarks/bench_crawl.py [--pages 5000] [--pdfs 300]

The site (``crawl_site.py``: a commune's council pages with heavy chrome, and in one variant
PDFs made of real fixture pages) is served by ``python -m http.server`` on 127.0.0.1 in its own
process. Both crawlers run in their own process with politeness off for the benchmark (no delay,
no AutoThrottle, 16 requests at a time), robots.txt still obeyed:

- Vigie: ``vigie crawl`` into a fresh archive: extraction and tagging in worker processes,
  storage through the writer thread. Every page and PDF must be archived, or the run fails.
- anchor: ``bare_spider.py``, which only fetches and follows links.

Rows: pages/s on the HTML-only site (target: at least 70% of bare Scrapy's), the longest
reactor stall on the site with PDFs (``crawler/stall.py``; target: PDFs never stall it, read
as no stall over 200 ms, far below any download timeout and far below what parsing one PDF in
the reactor would cost), and the crawl's peak memory: the resident size of Vigie's process and
its worker processes together, sampled every 50 ms (target ≤ 500 MB).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from tests.benchmarks.common import Row, bench_arguments, rows_dicts, write_and_print  # noqa: E402
from tests.benchmarks.crawl_site import Site, build_site  # noqa: E402

TARGET_RATIO = 0.70
TARGET_STALL_MS = 200.0
TARGET_RSS_MB = 500.0
FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s",
    "CONCURRENT_REQUESTS=16",
]


@dataclass(frozen=True, slots=True)
class Crawl:
    responses: int
    elapsed_s: float  # Scrapy's own elapsed time: spider opened to closed
    wall_s: float  # the whole process, start-up included
    longest_stall_ms: float
    longest_gc_ms: float  # the longest garbage collection: it holds the reactor thread too
    peak_rss_mb: float  # the crawl's process and its children, together
    peak_main_rss_mb: float

    @property
    def pages_per_s(self) -> float:
        return self.responses / self.elapsed_s


@contextmanager
def served(site: Site) -> Iterator[str]:
    """The site on 127.0.0.1 in its own process; yields its start URL."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
            str(site.root),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = server.stdout.readline()  # type: ignore[union-attr]
    port = re.search(r"port (\d+)", line)
    if port is None:
        server.kill()
        raise SystemExit(f"the static server did not start: {line!r}")
    try:
        yield f"http://127.0.0.1:{port.group(1)}/index.html"
    finally:
        server.terminate()
        server.wait()


def crawl_with_vigie(url: str, folder: Path) -> tuple[Crawl, int]:
    command = [
        sys.executable, "-m", "cli", "crawl", url, "--db", str(folder / "vigie.db"), "--delay", "0",
        "--max-pages", "1000000", "--max-depth", "50", "-v", *FAST,
    ]  # fmt: skip
    crawl = _measured(command, folder)
    with sqlite3.connect(folder / "vigie.db") as connection:
        archived = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    return crawl, archived


def crawl_bare(url: str, folder: Path, dedupe: bool = False) -> Crawl:
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "runspider",
        str(HERE / "bare_spider.py"),
        "-a",
        f"start={url}",
    ]
    return _measured([*command, "-a", "dedupe=1"] if dedupe else command, folder)


def _measured(command: list[str], folder: Path) -> Crawl:
    folder.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=folder, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peaks = _sample_memory(process.pid)
    output, _ = process.communicate()
    wall = time.perf_counter() - start
    peaks.stop()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}… failed ({process.returncode}):\n{output[-3000:]}")
    return Crawl(
        responses=int(_stat(output, "response_received_count")),
        elapsed_s=_stat(output, "elapsed_time_seconds"),
        wall_s=round(wall, 2),
        longest_stall_ms=_stat(output, "vigie/reactor/longest_stall_ms"),
        longest_gc_ms=_stat(output, "vigie/gc/longest_ms"),
        peak_rss_mb=round(peaks.tree / 1e6, 1),
        peak_main_rss_mb=round(peaks.main / 1e6, 1),
    )


def _stat(log: str, name: str) -> float:
    found = re.findall(rf"'{re.escape(name)}': ([\d.]+)", log)
    if not found:
        raise SystemExit(f"no {name!r} in the crawl's stats:\n{log[-3000:]}")
    return float(found[-1])


class _MemorySampler(threading.Thread):
    """Peak resident memory of a process and of it with all its descendants, from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.main, self.tree = pid, 0, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            sizes = {pid: _rss(pid) for pid in _descendants(self.pid)}
            self.main = max(self.main, sizes.get(self.pid, 0))
            self.tree = max(self.tree, sum(sizes.values()))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _sample_memory(pid: int) -> _MemorySampler:
    sampler = _MemorySampler(pid)
    sampler.start()
    return sampler


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) * 1024 if match else 0


def measure(site: Site, work: Path) -> dict[str, object]:
    with served(site) as url:
        bare = crawl_bare(url, work / "bare")
        vigie, archived = crawl_with_vigie(url, work / "vigie")
    if archived < site.documents:
        raise SystemExit(f"Vigie archived {archived} documents of {site.pages} pages and {site.pdfs} PDFs")
    return {
        "site": {"pages": site.pages, "pdfs": site.pdfs},
        "vigie": vigie,
        "bare": bare,
        "archived": archived,
    }


def run(pages: int, pdfs: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="vigie-bench-crawl-"))
    try:
        html = measure(build_site(pages, 0), work / "html")
        mixed = measure(build_site(pages, pdfs), work / "pdf")
        # The stronger anchor: the same bare spider, skipping links it has already followed.
        with served(build_site(pages, 0)) as url:
            deduped = crawl_bare(url, work / "bare-dedupe", dedupe=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    vigie_html, bare_html = html["vigie"], html["bare"]
    vigie_pdf, bare_pdf = mixed["vigie"], mixed["bare"]
    assert isinstance(vigie_html, Crawl) and isinstance(bare_html, Crawl)
    assert isinstance(vigie_pdf, Crawl) and isinstance(bare_pdf, Crawl)
    fastest = max(bare_html.pages_per_s, deduped.pages_per_s)
    ratio = vigie_html.pages_per_s / fastest
    peak = max(vigie_html.peak_rss_mb, vigie_pdf.peak_rss_mb)
    rows = [
        Row(
            f"crawl: HTML site ({pages:,} pages)",
            f"{vigie_html.pages_per_s:.0f} pages/s",
            f"bare Scrapy {bare_html.pages_per_s:.0f} pages/s, deduplicating links {deduped.pages_per_s:.0f}",
            round(ratio, 2),
            f"≥ {TARGET_RATIO:.0%} of the faster bare Scrapy",
            ratio >= TARGET_RATIO,
        ),
        Row(
            f"crawl: longest reactor stall, site with {pdfs} PDFs",
            f"{vigie_pdf.longest_stall_ms:.0f} ms ({vigie_pdf.pages_per_s:.0f} pages/s; "
            f"longest GC {vigie_pdf.longest_gc_ms:.0f} ms)",
            f"bare Scrapy {bare_pdf.longest_stall_ms:.0f} ms ({bare_pdf.pages_per_s:.0f} pages/s; "
            f"longest GC {bare_pdf.longest_gc_ms:.0f} ms)",
            round(bare_pdf.longest_stall_ms / max(vigie_pdf.longest_stall_ms, 0.1), 2),
            f"no stall over {TARGET_STALL_MS:.0f} ms",
            vigie_pdf.longest_stall_ms <= TARGET_STALL_MS,
        ),
        Row(
            "memory: peak RSS of the crawl",
            f"{peak:.0f} MB (with workers)",
            f"bare Scrapy {max(bare_html.peak_rss_mb, bare_pdf.peak_rss_mb):.0f} MB",
            round(max(bare_html.peak_rss_mb, bare_pdf.peak_rss_mb) / peak, 2),
            f"≤ {TARGET_RSS_MB:.0f} MB",
            peak <= TARGET_RSS_MB,
        ),
    ]
    return {
        "benchmark": "crawl",
        "html_site": {
            **html,
            "vigie": asdict(vigie_html),
            "bare": asdict(bare_html),
            "bare_deduplicating": asdict(deduped),
        },
        "pdf_site": {**mixed, "vigie": asdict(vigie_pdf), "bare": asdict(bare_pdf)},
        "rows": rows_dicts(rows),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "crawl")
    parser.add_argument("--pages", type=int, default=5_000)
    parser.add_argument("--pdfs", type=int, default=300)
    args = parser.parse_args(argv)
    result = run(args.pages, args.pdfs)
    write_and_print(result, args.output)
    for name in ("html_site", "pdf_site"):
        site = result[name]
        print(f"{name}: Vigie {site['vigie']}, bare Scrapy {site['bare']}")  # type: ignore[index]
    return result


if __name__ == "__main__":
    main()
