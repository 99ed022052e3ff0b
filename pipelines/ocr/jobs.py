"""The picklable jobs the OCR workers run: read a PDF's text layer, OCR one of its pages.

A job names the PDF by path (the archive's original, or a temporary copy during a crawl)
so that a 100-page scan is not pickled once per page.
"""

from __future__ import annotations

import math
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ocr.engine import OcrEngine, OcrPageError, recognise
from pipelines.pdf_text import DEFAULT_BACKEND, PdfExtractionError, extract_pdf

RENDER_DPI = 300
MAX_PIXELS = 40_000_000  # a 300-dpi A4 page is 8.7 million; posters and plans are scaled down


@dataclass(frozen=True, slots=True)
class LayerJob:
    path: Path
    backend: str = DEFAULT_BACKEND


@dataclass(slots=True)
class LayerResult:
    pages: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PageJob:
    path: Path
    page: int  # 1-based
    engine: OcrEngine
    deadline: float  # time.time() after which the page is given up


@dataclass(slots=True)
class PageResult:
    page: int
    text: str = ""
    confidences: tuple[float, ...] = ()
    error: str | None = None


def read_layer(job: LayerJob) -> LayerResult:
    try:
        pdf = extract_pdf(job.path.read_bytes(), job.backend)
    except (OSError, PdfExtractionError) as exc:
        return LayerResult(error=str(exc))
    return LayerResult(pages=pdf.pages, ocr_pages=pdf.ocr_pages)


def ocr_page(job: PageJob) -> PageResult:
    try:
        with tempfile.TemporaryDirectory(prefix="vigie-ocr-") as folder:
            image, dpi = render_page(job.path, job.page, Path(folder))
            found = recognise(job.engine, image, dpi, job.deadline - time.time())
    except (OSError, OcrPageError) as exc:
        return PageResult(job.page, error=str(exc))
    except Exception as exc:  # pdfium's errors: one bad page never stops the queue
        return PageResult(job.page, error=f"cannot render the page: {type(exc).__name__}: {exc}")
    return PageResult(job.page, found.text, found.confidences)


def render_page(path: Path, number: int, folder: Path) -> tuple[Path, int]:
    """The page as a grayscale PGM image (tesseract reads it without any imaging library)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        page = document[number - 1]
        width, height = page.get_size()
        scale = min(RENDER_DPI / 72, math.sqrt(MAX_PIXELS / max(1.0, width * height)))
        # Without annotations: a stamp drawn over the text would hide it (its text is kept from
        # the text layer instead).
        bitmap = page.render(scale=scale, grayscale=True, draw_annots=False, may_draw_forms=False)
        image = folder / f"page-{number}.pgm"
        buffer = memoryview(bitmap.buffer)
        with image.open("wb") as out:
            out.write(b"P5\n%d %d\n255\n" % (bitmap.width, bitmap.height))
            for row in range(bitmap.height):  # rows are padded to the stride
                out.write(buffer[row * bitmap.stride : row * bitmap.stride + bitmap.width])
        return image, round(scale * 72)
    finally:
        document.close()
