"""HTML text: Vigie's main-content extraction beside lxml's ``text_content()``, same page.

    python tests/benchmarks/bench_html.py [--runs 50] [--output results/html.json]

Input: a ~200 KB municipal page put together from the bundled demo site's real-looking council
pages (crawler/demo_site/): the site's header, menu and footer around a long main column of
sitting reports and news items, as a commune's "conseil municipal" archive page looks. Vigie's
time is ``extract_html`` end to end from bytes: charset detection, parsing, choosing the main
container, dropping the chrome, block text and clean-up. The anchor parses the same bytes with
lxml and takes the whole tree's ``text_content()``. Target: ≥ 300 documents/s.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from crawler.demo import DEMO_SITE  # noqa: E402
from pipelines.html_text import extract_html  # noqa: E402
from tests.benchmarks.common import Row, bench_main, machine, rows_dicts  # noqa: E402

TARGET_DOCS_PER_S = 300
PAGE_BYTES = 200_000
_MAIN = re.compile(r"<main[^>]*>(.*?)</main>", re.DOTALL)


def municipal_page(size: int = PAGE_BYTES) -> bytes:
    """The demo site's home page, its main column filled with the demo's sittings and news."""
    frame = (DEMO_SITE / "index.html").read_text(encoding="utf-8")
    parts = [
        _MAIN.search(path.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
        for path in sorted(DEMO_SITE.glob("*/*.html"))
        if _MAIN.search(path.read_text(encoding="utf-8"))
    ]
    blocks: list[str] = []
    total = len(frame)
    index = 0
    while total < size:
        block = f'<section class="archive-item" id="item-{index}">{parts[index % len(parts)]}</section>\n'
        blocks.append(block)
        total += len(block.encode())
        index += 1
    page = _MAIN.sub(lambda match: f"<main>{match.group(1)}{''.join(blocks)}</main>", frame, count=1)
    return page.encode("utf-8")


def _rate(action: object, runs: int) -> float:
    """Documents per second: the median of ``runs`` timed calls."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return 1 / statistics.median(samples)


def run(runs: int) -> dict[str, object]:
    body = municipal_page()
    extracted = extract_html(body)
    vigie = _rate(lambda: extract_html(body), runs)
    anchor = _rate(lambda: lxml.html.fromstring(body).text_content(), runs)
    row = Row(
        f"HTML text: {len(body) // 1000} KB municipal page",
        f"{vigie:.0f} docs/s",
        f"lxml text_content() {anchor:.0f} docs/s",
        round(vigie / anchor, 2),
        f"≥ {TARGET_DOCS_PER_S} docs/s",
        vigie >= TARGET_DOCS_PER_S,
    )
    return {
        "benchmark": "html",
        "machine": machine(),
        "runs": runs,
        "page_bytes": len(body),
        "text_characters": len(extracted.text),
        "vigie_docs_per_s": round(vigie, 1),
        "lxml_docs_per_s": round(anchor, 1),
        "rows": rows_dicts([row]),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    return bench_main(argv, __doc__, run, 50, "html")


if __name__ == "__main__":
    main()
