"""PDF text: Vigie's default backend beside pdftotext (poppler-utils) and pdfminer.six, same files.

    python tests/benchmarks/bench_pdf.py [--runs 3] [--without-pdfminer] [--output results/pdf.json]

Inputs: Montpellier's real 255-page minutes, and a 100-page French PDF put together from the
pages of the real council PDFs of ../shared/fixtures/real (cached in .cache/). Vigie's time is
``extract_pdf`` end to end: text of every page (annotations flattened), normalisation, and the
per-page OCR decision. pdftotext runs as a process writing to /dev/null, as a user would run it;
pdfminer.six is Vigie's other backend. Target: Vigie's time ≤ 1.5× pdftotext's.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from pipelines.pdf_text import extract_pdf  # noqa: E402
from tests import realdocs  # noqa: E402
from tests.benchmarks.common import Row, bench_main, machine, rows_dicts  # noqa: E402

CACHE = HERE / ".cache"
TARGET_RATIO = 1.5  # Vigie's time over pdftotext's
SOURCES = [
    realdocs.PV_255_PAGES,
    realdocs.DELIB_VIDEOPROTECTION,
    realdocs.DELIB_CLSPD,
    realdocs.COUTHENANS_CR,
]


def generated_100_pages() -> Path:
    """100 text pages drawn in turn from the real PDFs: French council text, real fonts and layouts."""
    from pypdf import PdfReader, PdfWriter

    path = CACHE / "french-100-pages.pdf"
    if path.exists():
        return path
    readers = [PdfReader(source) for source in SOURCES]
    writer = PdfWriter()
    page = 0
    while len(writer.pages) < 100:
        reader = readers[page % len(readers)]
        writer.add_page(reader.pages[(page * 7) % len(reader.pages)])
        page += 1
    CACHE.mkdir(exist_ok=True)
    with path.open("wb") as out:
        writer.write(out)
    return path


def _median(action: object, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(runs: int, with_pdfminer: bool = True) -> dict[str, object]:
    if shutil.which("pdftotext") is None:
        raise SystemExit("pdftotext is missing: install the Debian package poppler-utils")
    inputs = {"255-page minutes": realdocs.PV_255_PAGES, "generated 100-page PDF": generated_100_pages()}
    measures: dict[str, dict[str, float]] = {}
    rows = []
    for name, path in inputs.items():
        body = path.read_bytes()
        pages = len(extract_pdf(body).pages)
        vigie = _median(lambda body=body: extract_pdf(body, "pdfium"), runs)
        poppler = _median(
            lambda path=path: subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(path), "/dev/null"], check=True
            ),
            runs,
        )
        # pdfminer.six reads about 30 pages/s: 12 s of the two inputs, which a smoke run skips.
        pdfminer = _median(lambda body=body: extract_pdf(body, "pdfminer"), 1) if with_pdfminer else None
        measures[name] = {
            "pages": pages,
            "vigie_pages_per_s": round(pages / vigie, 1),
            "pdftotext_pages_per_s": round(pages / poppler, 1),
            "pdfminer_pages_per_s": round(pages / pdfminer, 1) if pdfminer else None,
        }
        other = f"pdfminer.six {pages / pdfminer:.0f} pages/s" if pdfminer else "pdfminer.six not run"
        rows.append(
            Row(
                f"PDF text: {name}",
                f"{pages / vigie:.0f} pages/s",
                f"pdftotext {pages / poppler:.0f} pages/s, {other}",
                round(poppler / vigie, 2),
                f"time ≤ {TARGET_RATIO}× pdftotext's",
                vigie <= TARGET_RATIO * poppler,
            )
        )
    return {
        "benchmark": "pdf",
        "machine": machine(),
        "runs": runs,
        "inputs": measures,
        "rows": rows_dicts(rows),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    argv = list(sys.argv[1:] if argv is None else argv)
    without = "--without-pdfminer" in argv
    if without:
        argv.remove("--without-pdfminer")
    return bench_main(argv, __doc__, lambda runs: run(runs, with_pdfminer=not without), 3, "pdf")


if __name__ == "__main__":
    main()
