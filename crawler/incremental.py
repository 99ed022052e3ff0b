"""Incremental re-crawls: conditional requests, 304s answered from the archive, and replays.

``ConditionalRequestMiddleware`` is a downloader middleware:

- Before a request, it asks the archive what it last saw at the URL, when the URL is in the
  snapshot of archived URLs taken at the first request (``KnownUrls``); both reads run in a
  thread, never on the reactor's. If it knows the URL, the
  request carries ``If-None-Match`` (the stored ETag) and ``If-Modified-Since`` (the stored
  Last-Modified), and 304 is let through to the spider.
- On ``304 Not Modified`` it hands the spider the archived version instead, flagged
  ``not_modified``: the spider records "seen again" and, for an HTML page, still follows its
  links (new deliberations appear on unchanged-looking index pages only if the server says the
  page changed, but a 304 index page's links may lead to documents that changed themselves).
- A URL the current run already archived before it was killed (the run's journal, see
  ``pipelines.run_recorder``) is answered from the archive at once, flagged ``replayed``: a
  resumed run walks the site again without fetching it again.

This is Scrapy's HTTP cache idea with the archive as the cache: the archive already keeps
every original file, so nothing is stored twice. It reads the crawl's own store and run, on its
``CrawlContext`` (``pipelines.crawl_context``), which closes them.
"""

from __future__ import annotations

import asyncio

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.http.headers import Headers

from archive import ArchiveStore
from archive.versions import KnownUrls, previous_version
from crawler.request_meta import VigieMeta, has_previous, with_previous
from crawler.spiders.base import NOT_MODIFIED, REPLAYED
from pipelines.crawl_context import CrawlContext


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler, context: CrawlContext) -> None:
        self.crawler = crawler
        self.context = context
        self._known: KnownUrls | None = None
        self._known_read: asyncio.Future[KnownUrls] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler, CrawlContext.of(crawler))

    @property
    def store(self) -> ArchiveStore:
        return self.context.store

    async def known(self) -> KnownUrls:
        """The snapshot of archived URLs, read once, in a thread (a big archive's takes a while)."""
        if self._known is None:
            if self._known_read is None:
                self._known_read = asyncio.ensure_future(asyncio.to_thread(KnownUrls.of, self.store))
            known = await self._known_read
            if self._known is None:
                self._known = known
                self.crawler.stats.set_value("vigie/known_urls", len(known))
        return self._known

    async def process_request(self, request: Request, spider: Spider | None = None) -> Response | None:
        if request.url.endswith("/robots.txt") or has_previous(request):
            return None
        recorder = self.context.recorder
        if recorder is not None and request.url in recorder.done:
            self.crawler.stats.inc_value("vigie/replayed")
            return self._archived(request, recorder.done[request.url], REPLAYED, Headers())
        if request.url not in await self.known():
            return None
        # The archive is asked in a thread: a query on the reactor thread would hold every
        # download of the crawl while SQLite waits for a writer.
        previous = await asyncio.to_thread(previous_version, self.store, request.url)
        if previous is None or previous.removed:
            return None
        with_previous(request, previous)
        if previous.etag:
            request.headers["If-None-Match"] = previous.etag
        if previous.last_modified:
            request.headers["If-Modified-Since"] = previous.last_modified
        request.meta["handle_httpstatus_list"] = [*request.meta.get("handle_httpstatus_list", []), 304]
        self.crawler.stats.inc_value("vigie/conditional_requests")
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        previous = VigieMeta.of(request).previous
        if response.status != 304 or previous is None:
            return response
        self.crawler.stats.inc_value("vigie/not_modified")
        return self._archived(request, previous.sha256, NOT_MODIFIED, response.headers, previous.kind)

    def _archived(
        self, request: Request, sha256: str, flag: str, headers: Headers, kind: str | None = None
    ) -> Response:
        """The archived version as a response: the body only for HTML (its links are followed)."""
        if kind is None:
            previous = previous_version(self.store, request.url)
            kind = previous.kind if previous is not None else "other"
        if kind != "html":
            return Response(request.url, status=200, headers=headers, body=b"", flags=[flag], request=request)
        try:
            body = self.store.files.get(sha256)
        except OSError:
            body = b""  # the original file is gone from the store: nothing to follow
        html_headers = Headers(headers)
        html_headers["Content-Type"] = "text/html"
        return HtmlResponse(
            request.url, status=200, headers=html_headers, body=body, flags=[flag], request=request
        )
