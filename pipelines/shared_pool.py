"""One worker pool per crawl, shared by the extraction and tagging stages."""

from __future__ import annotations

import weakref

from scrapy.crawler import Crawler

from pipelines.worker_pool import WorkerPool

_POOLS: weakref.WeakKeyDictionary[Crawler, WorkerPool] = weakref.WeakKeyDictionary()


def pool_for(crawler: Crawler) -> WorkerPool:
    if crawler not in _POOLS:
        settings = crawler.settings
        _POOLS[crawler] = WorkerPool(
            workers=settings.getint("VIGIE_EXTRACT_WORKERS", 2),
            timeout=settings.getfloat("VIGIE_EXTRACT_TIMEOUT", 300.0),
        )
    return _POOLS[crawler]
