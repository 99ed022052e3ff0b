"""Measure how long the reactor thread is kept from running: the crawl's responsiveness.

Everything a crawl does waits on one thread, the Twisted reactor: downloads, timeouts,
scheduling. CPU-heavy work (PDF parsing, OCR, tagging) must therefore run elsewhere (worker
processes, the writer thread). This extension checks that it does: a timer asks to run every
``INTERVAL`` seconds, and how late it runs is how long something held the thread. The longest
delay goes into the crawl's stats (``vigie/reactor/longest_stall_ms``), with the count of stalls
over ``VIGIE_STALL_WARN`` seconds; the longest is logged as a warning when it passes that.

It also times Python's garbage collections (``gc.callbacks``), which hold every thread: the
longest one goes into ``vigie/gc/longest_ms`` (with ``vigie/gc/full_collections``, the count of
oldest-generation ones), so that a stall can be told from a collection.

It costs one timer call per ``INTERVAL`` and two callbacks per collection; it is on for every
crawl, and the crawl benchmark reads its figures.
"""

from __future__ import annotations

import gc
import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import task

INTERVAL = 0.05
logger = logging.getLogger(__name__)


class ReactorStallMonitor:
    def __init__(self, crawler: Crawler, warn_after: float) -> None:
        self.crawler = crawler
        self.warn_after = warn_after
        self.longest = 0.0
        self.stalls = 0
        self._last = 0.0
        self._timer = task.LoopingCall(self._tick)
        self._gc_started = 0.0
        self.longest_gc = 0.0
        self.full_collections = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReactorStallMonitor:
        monitor = cls(crawler, crawler.settings.getfloat("VIGIE_STALL_WARN", 1.0))
        crawler.signals.connect(monitor.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(monitor.spider_closed, signal=signals.spider_closed)
        return monitor

    def spider_opened(self) -> None:
        self._last = time.perf_counter()
        self._timer.start(INTERVAL, now=False)
        gc.callbacks.append(self._collection)

    def _collection(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
            return
        self.longest_gc = max(self.longest_gc, time.perf_counter() - self._gc_started)
        if info["generation"] == 2:
            self.full_collections += 1

    def _tick(self) -> None:
        now = time.perf_counter()
        late = max(0.0, now - self._last - INTERVAL)
        self._last = now
        if late > self.longest:
            self.longest = late
        if late > self.warn_after:
            self.stalls += 1

    def spider_closed(self) -> None:
        if self._timer.running:
            self._timer.stop()
            gc.callbacks.remove(self._collection)
        stats = self.crawler.stats
        stats.set_value("vigie/reactor/longest_stall_ms", round(self.longest * 1000, 1))
        stats.set_value("vigie/reactor/stalls_over_warn", self.stalls)
        stats.set_value("vigie/gc/longest_ms", round(self.longest_gc * 1000, 1))
        stats.set_value("vigie/gc/full_collections", self.full_collections)
        if self.longest > self.warn_after:
            logger.warning(
                "the crawl's reactor thread was blocked for up to %.1f s (%d times over %.1f s)",
                self.longest,
                self.stalls,
                self.warn_after,
            )
