"""OCR of scanned PDFs with tesseract (French), in its own worker pool, off the crawl's path."""

from pipelines.ocr.document import DEFAULT_TIMEOUT, OcrOutcome, apply_ocr, ocr_pdf
from pipelines.ocr.engine import OcrEngine, OcrUnavailable, find_engine

__all__ = [
    "DEFAULT_TIMEOUT",
    "OcrEngine",
    "apply_ocr",
    "OcrOutcome",
    "OcrUnavailable",
    "find_engine",
    "ocr_pdf",
]
