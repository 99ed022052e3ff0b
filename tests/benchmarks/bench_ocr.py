"""OCR: pages/s per core on the real scans of the fixtures, beside ocrmypdf on the same files.

    python tests/benchmarks/bench_ocr.py [--smoke]

Needs ``tesseract`` with its French data (as Vigie's OCR does), and for the anchor ``ocrmypdf``
(the ``bench`` extra) with Debian's ``ghostscript`` (``apt-get install ghostscript``), which
ocrmypdf calls; without ocrmypdf the anchor's column is left empty.

The scans are those Vigie OCRs in its tests (``tests/realdocs.py``): Montpellier's 12-page
compte rendu, Couthenans' 10-page arrêté préfectoral, Flaux's 9-page PV (whose only text layer
is its stamp) and 3-page compte rendu: 34 pages. ``--smoke`` reads the first page of the last.

Vigie runs as ``vigie ocr`` does (``pipelines.ocr.ocr_pdf``: each page rendered at 300 dpi by
pdfium and read by one single-threaded tesseract per core, in a pool of one worker per core).
ocrmypdf runs with ``--force-ocr`` (every page rasterised and read again: the Flaux PV's stamp
layer would otherwise make it skip those pages), ``-l fra``, ``--jobs`` one per core,
``--output-type pdf`` and ``-O 0`` (no PDF/A conversion, no optimisation: the text is what is
compared), and its text is its ``--sidecar`` file. Both with ``OMP_THREAD_LIMIT=1``. Pages/s
per core is pages / elapsed seconds / cores. Agreement is the word-level similarity of the two
texts of each file (difflib's ratio over their lower-case word sequences: 1.0 is the same
words in the same order), weighted by pages.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from pipelines.ocr import find_engine, ocr_pdf  # noqa: E402
from pipelines.worker_pool import WorkerPool  # noqa: E402
from tests import realdocs  # noqa: E402
from tests.benchmarks.common import Row, bench_arguments, machine, rows_dicts, write_and_print  # noqa: E402

SCANS = [
    realdocs.CR_SCANNED,
    realdocs.COUTHENANS_ARRETE_SCAN,
    realdocs.FLAUX_PV_STAMP_ONLY,
    realdocs.FLAUX_CR_SCANNED,
]
SMOKE = realdocs.FLAUX_CR_SCANNED  # its first page
TIMEOUT = 1800.0


def words(text: str) -> list[str]:
    return re.findall(r"[\wÀ-ÿ]+", text.replace("’", "'").lower())


def agreement(first: str, second: str) -> float:
    return SequenceMatcher(None, words(first), words(second), autojunk=False).ratio()


def vigie(path: Path, cores: int) -> tuple[str, int, float]:
    """(the text, the pages OCRed, seconds)."""

    async def run() -> tuple[str, int]:
        pool = WorkerPool(cores, TIMEOUT)
        try:
            outcome = await ocr_pdf(pool, path, find_engine(), timeout=TIMEOUT)
        finally:
            pool.close()
        if outcome.error:
            raise SystemExit(f"Vigie's OCR failed on {path.name}: {outcome.error}")
        return "\n".join(outcome.pages), len(outcome.ocr_pages)

    start = time.perf_counter()
    text, pages = asyncio.run(run())
    return text, pages, time.perf_counter() - start


def ocrmypdf(path: Path, cores: int, folder: Path) -> tuple[str, float] | None:
    """(the sidecar text, seconds); None without ocrmypdf."""
    program = shutil.which("ocrmypdf")
    if program is None:
        return None
    sidecar = folder / f"{path.stem}.txt"
    command = [
        program, "--force-ocr", "-l", "fra", "--jobs", str(cores), "--output-type", "pdf", "-O", "0",
        "--sidecar", str(sidecar), "--quiet", str(path), str(folder / f"{path.stem}.pdf"),
    ]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ocrmypdf failed on {path.name}: {done.stderr.strip().splitlines()[-1:]}")
    return sidecar.read_text(encoding="utf-8").replace("\f", "\n"), elapsed


def first_page(path: Path, folder: Path) -> Path:
    """A copy of the scan's first page (its own page image, cut out with pdfium)."""
    import pypdfium2 as pdfium

    scan, cut = pdfium.PdfDocument(path), pdfium.PdfDocument.new()
    try:
        cut.import_pages(scan, [0])
        cut.save(folder / path.name)
    finally:
        cut.close()
        scan.close()
    return folder / path.name


def run(scans: list[Path] | None) -> dict[str, object]:
    """``scans``: the files to read; None for the smoke run's one page."""
    cores = os.cpu_count() or 1
    files = []
    folder = Path(tempfile.mkdtemp(prefix="vigie-bench-ocr-"))
    try:
        if scans is None:
            (folder / "smoke").mkdir()
            scans = [first_page(SMOKE, folder / "smoke")]
        for path in scans:
            text, pages, seconds = vigie(path, cores)
            anchor = ocrmypdf(path, cores, folder)
            files.append(
                {
                    "file": path.name,
                    "pages": pages,
                    "vigie_s": round(seconds, 1),
                    "ocrmypdf_s": round(anchor[1], 1) if anchor else None,
                    "agreement": round(agreement(text, anchor[0]), 3) if anchor else None,
                    "vigie_words": len(words(text)),
                    "ocrmypdf_words": len(words(anchor[0])) if anchor else None,
                }
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    pages = sum(int(f["pages"]) for f in files)  # type: ignore[call-overload]
    vigie_rate = pages / sum(float(f["vigie_s"]) for f in files) / cores  # type: ignore[arg-type]
    with_anchor = all(f["ocrmypdf_s"] is not None for f in files)
    anchor_rate = pages / sum(float(f["ocrmypdf_s"]) for f in files) / cores if with_anchor else None  # type: ignore[arg-type]
    agreed = sum(float(f["agreement"]) * int(f["pages"]) for f in files) / pages if with_anchor else None  # type: ignore[arg-type,call-overload]
    row = Row(
        f"OCR: {pages} scanned page{'' if pages == 1 else 's'}, pages/s per core",
        f"{vigie_rate:.3f} pages/s per core",
        f"ocrmypdf {anchor_rate:.3f} pages/s per core; word agreement {agreed:.2f}" if with_anchor else "—",
        round(vigie_rate / anchor_rate, 2) if anchor_rate else 0.0,
        "as fast as ocrmypdf, same words",
        bool(anchor_rate and vigie_rate >= anchor_rate and agreed and agreed >= 0.9),
    )
    return {
        "benchmark": "ocr",
        "machine": machine(),
        "cores": cores,
        "pages": pages,
        "files": files,
        "vigie_pages_per_s_per_core": round(vigie_rate, 3),
        "ocrmypdf_pages_per_s_per_core": round(anchor_rate, 3) if anchor_rate else None,
        "agreement": round(agreed, 3) if agreed is not None else None,
        "rows": rows_dicts([row]),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "ocr")
    parser.add_argument("--smoke", action="store_true", help="one scanned page only")
    args = parser.parse_args(argv)
    result = run(None if args.smoke else SCANS)
    write_and_print(result, args.output)
    for item in result["files"]:  # type: ignore[attr-defined]
        print(item)
    return result


if __name__ == "__main__":
    main()
