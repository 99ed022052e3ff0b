"""A stop that is asked for (Ctrl-C, SIGTERM from cron or systemd) waits only for the requests
already on the wire.

Scrapy's graceful stop lets every request it has handed to the downloader finish. Behind a
polite delay, up to ``CONCURRENT_REQUESTS`` of them wait in a site's queue and leave it one per
delay: at the default delay of one second, a crawl kept fetching for 20 seconds after Ctrl-C.

This extension looks every ``INTERVAL`` seconds whether its crawler's engine is stopping. Once it
is, it takes the requests still waiting in the downloader's queues (never sent), puts each back
into the scheduler, and ends its wait with ``PutBack``, which the spider does not record as a
failure. With ``--job-dir`` the scheduler keeps them on disk, so the resumed run fetches them;
they go back with ``dont_filter``, since the duplicates filter has already seen them. Requests
being transferred finish as before, bounded by ``DOWNLOAD_TIMEOUT``.

A spider closed for another reason (nothing left, the page limit) is left as Scrapy closes it.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from twisted.internet import task
from twisted.python.failure import Failure

INTERVAL = 0.1
logger = logging.getLogger(__name__)


class PutBack(IgnoreRequest):
    """A request taken out of the downloader's queue at a stop and put back into the scheduler."""


class PromptStop:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._timer = task.LoopingCall(self._check)
        self._started = False
        self.put_back = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PromptStop:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self._timer.start(INTERVAL, now=False)

    def spider_closed(self) -> None:
        if self._timer.running:
            self._timer.stop()
        if self.put_back:
            self.crawler.stats.set_value("vigie/stop/requests_put_back", self.put_back)

    def _check(self) -> None:
        engine = self.crawler.engine
        if engine is None or engine.scheduler is None:
            return
        if engine.running:
            self._started = True
            return
        if not self._started:
            return  # the spider is open, the engine not started yet: nothing is stopping
        self._timer.stop()  # once: the engine does not start again
        scheduler = engine.scheduler
        for slot in engine.downloader.slots.values():
            while slot.queue:
                request, waiting = slot.queue.popleft()
                scheduler.enqueue_request(request.replace(dont_filter=True))
                waiting.errback(Failure(PutBack(f"put back at the stop: {request.url}")))
                self.put_back += 1
        if self.put_back:
            logger.info("Stopping: %d request(s) not yet sent put back for the next run", self.put_back)
