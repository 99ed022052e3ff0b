"""A spider that blocks its reactor on purpose, for ``test_stall.py``.

    scrapy runspider tests/crawler/blocking_spider.py -a start=URL -a block=0.4

It holds the reactor thread for ``block`` seconds in its callback (as CPU work run in the
reactor would), and forces a full garbage collection, with Vigie's stall monitor on.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response


class BlockingSpider(scrapy.Spider):
    name = "blocking"
    custom_settings: ClassVar[dict[str, Any]] = {
        "EXTENSIONS": {"crawler.stall.ReactorStallMonitor": 500},
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "TELNETCONSOLE_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
        "VIGIE_STALL_WARN": 0.2,
    }

    def __init__(self, start: str, block: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.block = float(block)

    def parse(self, response: Response) -> Iterator[dict[str, int]]:
        time.sleep(self.block)
        gc.collect()
        yield {"status": response.status}
