"""OCR end to end: a real crawl queues a real scan, ``vigie ocr`` drains the queue; ``crawl --ocr``."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests import realdocs
from tests.conftest import FAST, invoke_vigie, rows, run_vigie

NO_TESSERACT = {"VIGIE_TESSERACT": "/nonexistent/tesseract"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving_scan(folder: Path, scan_pages: int) -> Iterator[str]:
    """A council page linking to a scan (Flaux's compte rendu: its first ``scan_pages`` pages,
    its own page images cut out with pdfium) and a text PDF (Couthenans)."""
    import pypdfium2 as pdfium

    root = folder / "site"
    (root / "docs").mkdir(parents=True)
    scan, cut = pdfium.PdfDocument(realdocs.FLAUX_CR_SCANNED), pdfium.PdfDocument.new()
    cut.import_pages(scan, list(range(scan_pages)))
    cut.save(root / "docs" / "compte-rendu-2022-04-28.pdf")
    cut.close()
    scan.close()
    shutil.copy(realdocs.COUTHENANS_CR, root / "docs" / "CR_reunion_20211105.pdf")
    (root / "index.html").write_text(
        "<html><head><title>Conseil municipal</title></head><body><h1>Comptes rendus</h1>"
        '<a href="docs/compte-rendu-2022-04-28.pdf">Compte rendu du 28 avril 2022</a> '
        '<a href="docs/CR_reunion_20211105.pdf">Compte rendu du 5 novembre 2021</a></body></html>',
        encoding="utf-8",
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture
def scan_site(tmp_path: Path) -> Iterator[str]:
    """The scan's first page: its date, its stamp and its first sentences (OCR is a second and a
    half per page here)."""
    with serving_scan(tmp_path, scan_pages=1) as url:
        yield url


@pytest.fixture
def long_scan_site(tmp_path: Path) -> Iterator[str]:
    """The whole 3-page scan: sure to take more than a second."""
    with serving_scan(tmp_path, scan_pages=3) as url:
        yield url


def _scan(db: Path) -> tuple:
    [row] = rows(
        db,
        "SELECT d.needs_ocr, d.extraction, d.ocr_engine, d.ocr_confidence, d.ocr_error, d.text, d.date "
        "FROM documents d JOIN document_urls u ON u.document_id = d.id WHERE u.url LIKE '%2022-04-28.pdf'",
    )
    return row


def test_a_crawl_queues_the_scan_and_vigie_ocr_drains_the_queue(scan_site: str, tmp_path: Path) -> None:
    crawled = run_vigie("crawl", scan_site, *FAST, cwd=tmp_path)
    assert crawled.returncode == 0, crawled.stderr
    assert (
        "needs OCR          1 in the archive, 1 from this run; OCR them with: vigie ocr --db vigie.db"
        in crawled.stdout
    )
    db = tmp_path / "vigie.db"
    assert _scan(db)[:2] == (1, "pdfium")

    # Without tesseract: one clear line, a failure exit, and the document stays queued.
    missing = run_vigie("ocr", cwd=tmp_path, env=NO_TESSERACT)
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        "Error: tesseract is not installed ('/nonexistent/tesseract' not found): install the Debian packages "
        "tesseract-ocr and tesseract-ocr-fra (or set VIGIE_TESSERACT); the OCR queue keeps its 1 document."
    ]
    assert _scan(db)[:2] == (1, "pdfium")

    done = run_vigie("ocr", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "OCR (tesseract" in done.stderr  # the progress bar
    assert "OCR: 1 document, 1 page, mean confidence" in done.stdout
    assert "0 documents in the OCR queue." in done.stdout
    needs_ocr, extraction, engine, confidence, error, text, date = _scan(db)
    assert (needs_ocr, extraction, error, date) == (0, "ocr", None, "2022-04-28")
    assert engine.startswith("tesseract ") and engine.endswith("(fra)") and confidence > 60
    assert "Le quorum est atteint" in text
    # The search index follows the new text.
    found = invoke_vigie("search", "quorum atteint", "--format", "json", cwd=tmp_path)
    assert found.returncode == 0 and "2022-04-28" in found.stdout

    again = run_vigie("ocr", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.strip() == "The OCR queue is empty."


def test_crawl_with_ocr_gives_scans_their_text_right_away(scan_site: str, tmp_path: Path) -> None:
    crawled = run_vigie("crawl", scan_site, *FAST, "--ocr", "--ocr-workers", "2", cwd=tmp_path)
    assert crawled.returncode == 0, crawled.stderr
    assert "needs OCR          0" in crawled.stdout
    needs_ocr, extraction, _, _, _, text, _ = _scan(tmp_path / "vigie.db")
    assert (needs_ocr, extraction) == (0, "ocr") and "Le quorum est atteint" in text


def test_crawl_with_ocr_but_no_tesseract_says_so_once_and_queues(scan_site: str, tmp_path: Path) -> None:
    crawled = run_vigie("crawl", scan_site, *FAST, "--ocr", cwd=tmp_path, env=NO_TESSERACT)
    assert crawled.returncode == 0, crawled.stderr
    warnings = [line for line in crawled.stderr.splitlines() if "tesseract is not installed" in line]
    assert len(warnings) == 1 and "OCR queue" in warnings[0]
    assert _scan(tmp_path / "vigie.db")[:2] == (1, "pdfium")
    assert "needs OCR          1" in crawled.stdout


def test_a_document_over_its_time_limit_is_recorded_kept_and_retried_on_demand(
    long_scan_site: str, tmp_path: Path
) -> None:
    scan_site = long_scan_site
    assert run_vigie("crawl", scan_site, *FAST, cwd=tmp_path).returncode == 0
    db = tmp_path / "vigie.db"
    hurried = run_vigie("ocr", "--ocr-timeout", "1", cwd=tmp_path)
    assert hurried.returncode == 1
    # tesseract's own time out, or none left for the page when rendering it took the second
    assert "Error: OCR failed for " in hurried.stderr and "took longer than" in hurried.stderr
    needs_ocr, extraction, _, _, error, _, _ = _scan(db)
    assert (needs_ocr, extraction) == (1, "pdfium") and "longer than" in error

    skipped = run_vigie("ocr", cwd=tmp_path)
    assert skipped.returncode == 0
    assert (
        skipped.stdout.strip() == "The OCR queue is empty. (1 failed before: --retry-failed tries them again)"
    )

    # The next crawl's summary counts it, and says how to try it again.
    again = run_vigie("crawl", scan_site, *FAST, cwd=tmp_path)
    assert (
        "needs OCR          1 in the archive, 0 from this run, 1 failed before; "
        "OCR them with: vigie ocr --db vigie.db --retry-failed\n"
    ) in again.stdout

    retried = run_vigie("ocr", "--retry-failed", cwd=tmp_path)
    assert retried.returncode == 0, retried.stderr
    assert _scan(db)[:2] == (0, "ocr") and _scan(db)[4] is None
