"""Downloader middleware that keeps the crawl on its start sites, redirects included."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from crawler.linkrules import origin


class OffsiteRedirectError(IgnoreRequest):
    """A request (usually a redirect) that would leave the crawled sites."""


class SameOriginMiddleware:
    """Drop every request whose scheme, host or port is not one of the spider's sites.

    Links are filtered by the spider already; this catches redirects, which Scrapy schedules
    as new requests. Documents that a listing names are fetched where they are (but not
    redirected further). A *start* page may redirect once to another origin (``http://ville.fr``
    to ``https://www.ville.fr``): the spider then adopts that origin as the site.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SameOriginMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        allowed = getattr(spider, "allowed_origins", None)
        if allowed is None or request.url.endswith("/robots.txt") or origin(request.url) in allowed:
            return
        if request.meta.get("vigie_start") and len(request.meta.get("redirect_urls", [])) <= 3:
            return
        if request.meta.get("vigie_listed") and not request.meta.get("redirect_urls"):
            return  # a document a listing names (SCDL DELIB_URL), wherever it is hosted
        self.crawler.stats.inc_value("vigie/offsite_filtered")
        raise OffsiteRedirectError(f"left the crawled sites: {request.url}")
