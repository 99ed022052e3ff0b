"""What one Scrapy crawler shares: the archive, the run's recorder, the worker pool, the writer.

One ``CrawlContext`` per crawler, stored on the crawler object itself and reached with
``CrawlContext.of(crawler)`` from any component's ``from_crawler`` (the stages, the
conditional-request middleware, the spiders); the first call builds it. There is no registry:
two crawlers in one process never see each other's context.

- The archive: one ``ArchiveStore`` (one database engine) for the whole crawl, opened when first
  used. ``crawler.runner`` hands in its own store, so a ``vigie crawl`` of several platforms
  opens one engine in all; a crawler started another way (``scrapy crawl generic``) opens its own.
- The run: ``crawler.runner`` drives several crawlers (one per platform) for one run, so it
  gives each context the run's ``RunRecorder`` before crawling (``CrawlContext.attach``) and
  finishes the run itself once all are done. A crawler without one starts a run of its own when
  the storage stage opens (``open_run``), and finishes it when it closes.
- The worker pool (extraction and tagging) and the archive's writer thread, built when first used.

The context itself is the one owner of what it holds: ``attach`` connects ``close`` to Scrapy's
``spider_closed`` signal, which comes after every item has passed every stage (the stages'
``close_spider``) and carries the close reason. ``close`` then closes, in this order:

1. the worker pool (no document is left to extract or tag);
2. the writer (every queued write is committed);
3. the run: the close reason is recorded and, for a run of its own, the run's row is finished
   and its journal closed (a shared run is finished by ``crawler.runner``);
4. the store, when the context opened it (a store handed in is closed by whoever opened it).
"""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler

from archive import ArchiveStore, DatabaseLocation, resolve_location
from archive.runs import finish_run, start_run
from pipelines.run_recorder import RunRecorder
from pipelines.store_writer import StoreWriter
from pipelines.worker_pool import WorkerPool

# Scrapy's close reasons that mean the crawl did what it was asked to do.
COMPLETED_REASONS = {"finished", "closespider_pagecount", "closespider_itemcount", "closespider_timeout"}
_ATTRIBUTE = "vigie_context"


class CrawlContext:
    def __init__(
        self,
        crawler: Crawler,
        store: ArchiveStore | None = None,
        recorder: RunRecorder | None = None,
    ) -> None:
        self.crawler = crawler
        self.recorder = recorder
        self._location = store.location if store is not None else None
        self._store = store
        self._owns_store = store is None
        self._owns_run = recorder is None
        self._pool: WorkerPool | None = None
        self._writer: StoreWriter | None = None
        self._closed = False

    @classmethod
    def of(cls, crawler: Crawler) -> CrawlContext:
        """The crawler's context, built on first use (with a run of its own)."""
        context = getattr(crawler, _ATTRIBUTE, None)
        return context if isinstance(context, CrawlContext) else cls.attach(crawler)

    @classmethod
    def attach(
        cls, crawler: Crawler, store: ArchiveStore | None = None, recorder: RunRecorder | None = None
    ) -> CrawlContext:
        """Give a crawler its context, before it crawls; the runner hands in its store and run."""
        if getattr(crawler, _ATTRIBUTE, None) is not None:
            raise RuntimeError("this crawler already has its crawl context")
        context = cls(crawler, store, recorder)
        setattr(crawler, _ATTRIBUTE, context)
        crawler.signals.connect(context.close, signal=signals.spider_closed)
        return context

    # -- what the crawl shares ---------------------------------------------------------------

    @property
    def location(self) -> DatabaseLocation:
        """The archive (``VIGIE_DB``, ``VIGIE_FILES_DIR``), or the store's when one was handed in."""
        if self._location is None:
            settings = self.crawler.settings
            self._location = resolve_location(settings.get("VIGIE_DB"), settings.get("VIGIE_FILES_DIR"))
        return self._location

    @property
    def store(self) -> ArchiveStore:
        if self._store is None:
            self._store = ArchiveStore(self.location)
        return self._store

    @property
    def pool(self) -> WorkerPool:
        if self._pool is None:
            settings = self.crawler.settings
            self._pool = WorkerPool(
                workers=settings.getint("VIGIE_EXTRACT_WORKERS", 2),
                timeout=settings.getfloat("VIGIE_EXTRACT_TIMEOUT", 300.0),
            )
        return self._pool

    @property
    def writer(self) -> StoreWriter:
        if self._writer is None:
            self._writer = StoreWriter(self.store)
        return self._writer

    def open_run(self, start_urls: list[str]) -> RunRecorder:
        """The run this crawler counts into: the one handed in, else a new one of its own."""
        if self.recorder is None:
            self.recorder = RunRecorder(start_run(self.store, start_urls, []))
        self.crawler.stats.set_value("vigie/run_id", self.recorder.run_id)
        return self.recorder

    # -- the end -----------------------------------------------------------------------------

    def close(self, reason: str) -> None:
        """Close what the crawl shares, in order (see the module's docstring); once."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._pool is not None:
                self._pool.close()
            if self._writer is not None:
                self._writer.close()
                self.crawler.stats.set_value("vigie/archive_transactions", self._writer.batches)
            if self.recorder is not None:
                self.recorder.close_reasons.append(reason)
                if self._owns_run:
                    status = "completed" if reason in COMPLETED_REASONS else "interrupted"
                    finish_run(self.store, self.recorder.run_id, self.recorder.tally, status, reason)
                    self.recorder.close()
        finally:
            if self._owns_store and self._store is not None:
                self._store.close()
