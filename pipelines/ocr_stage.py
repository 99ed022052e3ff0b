"""Stage 400, with ``vigie crawl --ocr``: OCR scans right away, before tagging and archiving.

Without ``--ocr`` (the default) this stage is off: scans are archived with ``needs_ocr`` and
``vigie ocr`` gives them their text later, so a nightly crawl is never held up by tesseract.
With it, OCR runs in its own pool (one single-threaded tesseract per core) while Scrapy goes
on downloading. Without tesseract, the crawl says so once and archives the scans as queued.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from pipelines.items import DocumentItem
from pipelines.ocr import OcrEngine, OcrUnavailableError, apply_ocr_in, find_engine, ocr_pdf
from pipelines.worker_pool import WorkerPool

logger = logging.getLogger(__name__)


class OcrPipeline:
    def __init__(self, crawler: Crawler, workers: int, timeout: float) -> None:
        self.crawler = crawler
        self.timeout = timeout
        self.pool = WorkerPool(workers, timeout)
        self.engine: OcrEngine | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OcrPipeline:
        settings = crawler.settings
        if not settings.getbool("VIGIE_OCR"):
            # Off is the default, not a fault: a bare NotConfigured, since Scrapy logs a WARNING
            # for one that carries a message ("Disabled …"), and a successful run prints none.
            raise NotConfigured
        return cls(crawler, settings.getint("VIGIE_OCR_WORKERS"), settings.getfloat("VIGIE_OCR_TIMEOUT"))

    def open_spider(self) -> None:
        try:
            self.engine = find_engine()
        except OcrUnavailableError as exc:
            logger.warning("no OCR during this crawl: %s; scans are archived in the OCR queue", exc)

    def close_spider(self) -> None:
        self.pool.close()

    async def process_item(self, item: Any) -> Any:
        extracted = getattr(item, "extracted", None)
        if not isinstance(item, DocumentItem) or extracted is None or not extracted.needs_ocr:
            return item
        if self.engine is None:
            return item
        with tempfile.TemporaryDirectory(prefix="vigie-ocr-") as folder:
            path = Path(folder) / "scan.pdf"
            path.write_bytes(item.body)
            outcome = await ocr_pdf(self.pool, path, self.engine, self.timeout)
        # Its date, acts and type are read from the OCR text in the pool too, off the reactor.
        item.extracted = await apply_ocr_in(self.pool, extracted, outcome, item.url)
        stats = self.crawler.stats
        if outcome.error:
            logger.warning("OCR failed for %s: %s (it stays in the OCR queue)", item.url, outcome.error)
            stats.inc_value("vigie/ocr_failed")
        else:
            stats.inc_value("vigie/ocr_documents")
            stats.inc_value("vigie/ocr_pages", len(outcome.ocr_pages))
        return item
