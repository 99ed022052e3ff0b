"""The crawl benchmark's anchor: a bare Scrapy spider that only fetches.

    scrapy runspider tests/benchmarks/bare_spider.py -a start=http://127.0.0.1:PORT/index.html [-a dedupe=1]

It follows every link of every HTML page on the start page's host and keeps nothing: no
extraction, tagging or storage. By default it is the idiomatic spider, ``response.follow`` on
every link, leaving repeated links to Scrapy's duplicate filter; with ``dedupe=1`` it first
skips the URLs it has already followed, as Vigie's spider does, so that the comparison does not
rest on the cost of repeated menu links alone. It runs with the settings the benchmark gives
Vigie (same concurrency, same tasks per response, no delay, robots.txt obeyed, the asyncio
reactor) and the same reactor-stall monitor, so the two crawls differ only by what Vigie does
with each response.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings: ClassVar[dict[str, Any]] = {
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "CONCURRENT_ITEMS": 16,  # Vigie's setting (crawler/settings.py): fewer idle tasks per response
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "EXTENSIONS": {"crawler.stall.ReactorStallMonitor": 500},
        "LOG_LEVEL": "INFO",
    }

    def __init__(self, start: str, dedupe: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.allowed_domains = [urlsplit(start).hostname or ""]
        self.dedupe = bool(dedupe)
        self.followed: set[str] = set()

    def parse(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        for href in response.css("a::attr(href)").getall():
            if self.dedupe:
                url = response.urljoin(href)
                if url in self.followed:
                    continue
                self.followed.add(url)
            yield response.follow(href, self.parse)
