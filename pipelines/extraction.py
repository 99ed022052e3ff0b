"""Stage 300: extract text and guess the document type, in worker processes.

The pool is the crawl's (``CrawlContext.pool``), shared with the tagging stage and closed by
the context when the spider closes.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from pipelines.crawl_context import CrawlContext
from pipelines.extraction_input import ExtractionInput
from pipelines.items import DocumentItem
from pipelines.limits import DocumentLimits
from pipelines.pdf_text import BACKENDS
from pipelines.worker_pool import WorkerPool


class ExtractionPipeline:
    def __init__(self, crawler: Crawler, pool: WorkerPool, pdf_backend: str) -> None:
        self.crawler = crawler
        self.pool = pool
        self.pdf_backend = pdf_backend
        self.limits = DocumentLimits.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPipeline:
        backend = crawler.settings.get("VIGIE_PDF_BACKEND", "pdfium")
        if backend not in BACKENDS:
            raise ValueError(f"VIGIE_PDF_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")
        return cls(crawler, CrawlContext.of(crawler).pool, backend)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, DocumentItem):
            return item
        item.extracted = await self.pool.extract(
            ExtractionInput(
                url=item.url,
                body=item.body,
                content_type=item.content_type,
                content_disposition=item.content_disposition,
                declared_encoding=item.declared_encoding,
                pdf_backend=self.pdf_backend,
                known_sha256=item.previous_sha256,
                limits=self.limits,
            )
        )
        if item.extracted.unchanged:
            self.crawler.stats.inc_value("vigie/unchanged_bytes")
            return item
        stats = self.crawler.stats
        stats.inc_value(f"vigie/extracted/{item.extracted.kind}")
        if item.extracted.error_kind:
            stats.inc_value(f"vigie/extraction_failed/{item.extracted.error_kind}")
        if item.extracted.needs_ocr:
            stats.inc_value("vigie/needs_ocr")
        return item
