"""Stage 900: archive each document (content-addressed) and count it into the crawl run.

Writes go through one dedicated thread (``pipelines.store_writer``), which archives the
documents that queue up while it writes in one transaction. The store, the writer and the run
are the crawl's, on its ``CrawlContext`` (``pipelines.crawl_context``), which closes them in
order when the spider closes. The run itself is started and finished by ``crawler.runner``
(one run may drive several crawlers); a crawler started another way (``scrapy crawl generic``)
gets a run of its own when this stage opens.

What each fetch means for the archive:
- a document: a new version (new, changed, duplicate) or, when the bytes are the archive's
  latest version at that URL, only "seen again" (unchanged, neither extracted nor tagged);
- 304 Not Modified: "seen again";
- 404/410 at a URL seen before: the URL is marked removed (its versions are kept); at a URL
  never seen, an error like any other.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy.crawler import Crawler
from sqlalchemy.exc import SQLAlchemyError

from archive import ArchiveError, ArchiveStore, FetchOutcome, FetchRecord
from archive.db import utcnow
from archive.records import Analysis, Fetch
from archive.runs import ARCHIVE_FAILED
from archive.versions import NEVER_SEEN, REMOVED_NOW, mark_removed, touch
from pipelines.crawl_context import CrawlContext
from pipelines.items import SKIP_KINDS, DocumentItem, FetchFailure, NotModified
from pipelines.run_recorder import RunRecorder
from pipelines.store_writer import StoreWriter

GONE_KINDS = {"http_404", "http_410"}
logger = logging.getLogger(__name__)
T = TypeVar("T")


class StoragePipeline:
    def __init__(self, crawler: Crawler, context: CrawlContext) -> None:
        self.crawler = crawler
        self.context = context
        self.location = context.location  # a wrong VIGIE_DB stops the crawl before it starts
        self.store: ArchiveStore | None = None
        self.recorder: RunRecorder | None = None
        self._writer: StoreWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler, CrawlContext.of(crawler))

    def open_spider(self) -> None:
        self.store = self.context.store
        self._writer = self.context.writer
        self.recorder = self.context.open_run(list(getattr(self.crawler.spider, "start_urls", [])))

    async def process_item(self, item: Any) -> Any:
        try:
            if isinstance(item, FetchFailure):
                await self._record_failure(item)
            elif isinstance(item, NotModified):
                await self._seen_again(item.url, item.source, item.etag, item.last_modified)
            elif isinstance(item, DocumentItem):
                if item.extracted is not None and item.extracted.unchanged:
                    await self._seen_again(item.url, item.source, item.etag, item.last_modified)
                    item.body = b""
                else:
                    await self._archive(item)
        except Exception as exc:
            # Not a database error (those are counted in _archive): a writer that failed, or a
            # bug. Scrapy would log it and go on, the document silently lost; recorded, the run
            # says NOT ARCHIVED and the crawl exits 1.
            if self.recorder is None:
                raise
            logger.error("cannot archive %s: %r", getattr(item, "url", "?"), exc)
            self.recorder.error(
                getattr(item, "source", ""), ARCHIVE_FAILED, getattr(item, "url", ""), repr(exc)
            )
        return item

    async def _write(self, work: Callable[[], T]) -> T:
        assert self._writer is not None
        return await self._writer.run(work)

    async def _record_failure(self, failure: FetchFailure) -> None:
        assert self.store is not None and self.recorder is not None
        if failure.kind in SKIP_KINDS:
            self.crawler.stats.inc_value(f"vigie/skipped/{failure.kind}")
            return
        if failure.kind in GONE_KINDS:
            store, url = self.store, failure.url
            removal = await self._write(lambda: mark_removed(store, url, utcnow()))
            if removal == REMOVED_NOW:
                self.recorder.outcome(failure.source, url, "", FetchOutcome.REMOVED, [])
            if removal != NEVER_SEEN:
                return  # removed now or before: history, not an error
        self.recorder.error(failure.source, failure.kind, failure.url, failure.message)

    async def _seen_again(self, url: str, source: str, etag: str | None, last_modified: str | None) -> None:
        assert self.store is not None and self.recorder is not None
        store = self.store
        sha256 = await self._write(lambda: touch(store, url, utcnow(), source or None, etag, last_modified))
        if sha256 is not None:
            self.recorder.outcome(source, url, sha256, FetchOutcome.UNCHANGED, [])
            self.crawler.stats.inc_value("vigie/documents/unchanged")

    async def _archive(self, item: DocumentItem) -> None:
        extracted = item.extracted
        if self.store is None or self.recorder is None or extracted is None:
            raise RuntimeError("StoragePipeline runs after ExtractionPipeline, once the spider is open")
        fetch = Fetch(
            url=item.url,
            body=item.body,
            fetched_at=item.fetched_at,
            content_type=item.content_type,
            source_slug=item.source or None,
            etag=item.etag,
            last_modified=item.last_modified,
            listing=item.listing,
        )
        record = FetchRecord(
            fetch,
            _with_listing(extracted, item.listing or {}),
            item.mentions,
            item.lexicon_version,
            item.records,
            item.records_built_with,
        )
        assert self._writer is not None
        try:
            outcome = await self._writer.record(record)
        except (ArchiveError, SQLAlchemyError) as exc:
            # Disk full, database locked for too long…: this document is lost, not the crawl.
            self.recorder.error(item.source, ARCHIVE_FAILED, item.url, str(exc).splitlines()[0])
            return
        finally:
            item.body = b""  # archived (or given up): free the memory now
        categories = [mention.category for mention in item.mentions]
        flags = {"failed": bool(extracted.error_kind), "needs_ocr": extracted.needs_ocr}
        self.recorder.outcome(item.source, item.url, extracted.sha256, outcome, categories, **flags)
        self.crawler.stats.inc_value(f"vigie/documents/{outcome.value}")
        if extracted.error_kind:
            self.recorder.error(item.source, extracted.error_kind, item.url, extracted.error or "")


def _with_listing(analysis: Analysis, listing: dict[str, str]) -> Analysis:
    """What a listing says fills what the document does not: its object line ("DELIB_OBJET")
    beats a title guessed from a file name, its date stands in when the text gives none."""
    if listing.get("title") and analysis.kind != "html":
        analysis.title = listing["title"]
    listed = _listing_date(listing)
    if analysis.date is None and listed is not None:
        analysis.date, analysis.date_source = listed, "listing"
    return analysis


def _listing_date(listing: dict[str, str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(listing.get("date") or "")
    except ValueError:
        return None
