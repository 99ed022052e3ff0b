"""OCR of scanned PDFs with tesseract (French), in its own worker pool, off the crawl's path."""

from pipelines.ocr.document import DEFAULT_TIMEOUT, OcrOutcome, apply_ocr, apply_ocr_in, ocr_pdf
from pipelines.ocr.engine import OcrEngine, OcrUnavailableError, find_engine

__all__ = [
    "DEFAULT_TIMEOUT",
    "OcrEngine",
    "OcrOutcome",
    "OcrUnavailableError",
    "apply_ocr",
    "apply_ocr_in",
    "find_engine",
    "ocr_pdf",
]
