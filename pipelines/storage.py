"""Stage 900: archive each document (content-addressed) and record the crawl run.

Writes go through one dedicated thread: SQLite wants one writer, and the reactor thread must
not wait on disk. The run's row is created when the spider opens and completed when it
closes, with its counts, errors by kind and close reason.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from sqlalchemy.exc import SQLAlchemyError

from archive import ArchiveError, ArchiveStore, FetchOutcome, FetchRecord, resolve_location
from archive.store import RunTally
from crawler.fetch import SKIP_KINDS
from crawler.items import DocumentItem, FetchFailure
from search import ensure_index

# Scrapy's close reasons that mean the crawl did what it was asked to do.
COMPLETED_REASONS = {"finished", "closespider_pagecount", "closespider_itemcount", "closespider_timeout"}


class StoragePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.location = resolve_location(settings.get("VIGIE_DB"), settings.get("VIGIE_FILES_DIR"))
        self.store: ArchiveStore | None = None
        self.tally = RunTally()
        self.run_id: int | None = None
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vigie-store")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        pipeline = cls(crawler)
        # Pipelines are closed without the close reason; the spider_closed signal has it.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.store = ArchiveStore(self.location)
        if self.location.is_sqlite:
            ensure_index(self.store.engine)  # the index's triggers then follow every write
        spider = self.crawler.spider
        self.run_id = self.store.start_run(list(getattr(spider, "start_urls", [])))
        self.crawler.stats.set_value("vigie/run_id", self.run_id)

    def close_spider(self) -> None:
        self._writer.shutdown(wait=True)

    def spider_closed(self, reason: str) -> None:
        if self.store is None or self.run_id is None:
            return
        status = "completed" if reason in COMPLETED_REASONS else "interrupted"
        stats = self.crawler.stats
        robots = stats.get_value("robotstxt/response_count", 0)
        self.tally.pages_fetched = stats.get_value("response_received_count", 0) - robots
        self.store.finish_run(self.run_id, self.tally, status, reason)
        self.store.close()

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchFailure):
            self._record_failure(item)
        elif isinstance(item, DocumentItem):
            await self._archive(item)
        return item

    def _record_failure(self, failure: FetchFailure) -> None:
        if failure.kind in SKIP_KINDS:
            self.crawler.stats.inc_value(f"vigie/skipped/{failure.kind}")
            return
        self.tally.add_error(failure.kind, failure.url, failure.message)

    async def _archive(self, item: DocumentItem) -> None:
        extracted = item.extracted
        if self.store is None or extracted is None:
            raise RuntimeError("StoragePipeline runs after ExtractionPipeline, once the spider is open")
        record = FetchRecord(
            url=item.url,
            body=item.body,
            sha256=extracted.sha256,
            kind=extracted.kind,
            content_type=item.content_type,
            fetched_at=item.fetched_at,
            pages=extracted.pages,
            title=extracted.title,
            filename=extracted.filename,
            doc_type=extracted.doc_type,
            date=extracted.date,
            date_source=extracted.date_source,
            extraction=extracted.extraction,
            needs_ocr=extracted.needs_ocr,
            error=extracted.error,
            mentions=item.mentions,
            lexicon_version=item.lexicon_version,
            actes=extracted.actes,
            acts=extracted.acts,
            ocr_engine=extracted.ocr_engine,
            ocr_confidence=extracted.ocr_confidence,
            ocr_error=extracted.ocr_error,
        )
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(self._writer, self.store.record, record)
        except (ArchiveError, SQLAlchemyError) as exc:
            # Disk full, database locked for too long…: this document is lost, not the crawl.
            self.tally.add_error("archive_failed", item.url, str(exc).splitlines()[0])
            return
        finally:
            item.body = b""  # archived (or given up): free the memory now
        self.tally.outcomes[outcome] += 1
        if outcome in (FetchOutcome.NEW, FetchOutcome.CHANGED):
            self.tally.mentions.update(mention.category for mention in item.mentions)
        self.crawler.stats.inc_value(f"vigie/documents/{outcome.value}")
        if extracted.needs_ocr:
            self.tally.needs_ocr += 1
        if extracted.error_kind:
            self.tally.documents_failed += 1
            self.tally.add_error(extracted.error_kind, item.url, extracted.error or "")
