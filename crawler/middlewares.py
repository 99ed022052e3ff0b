"""Downloader middlewares: the crawl stays on its start sites, and redirect loops are errors."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK

from crawler.linkrules import origin
from crawler.request_meta import VigieMeta


def _is_robots_request(request: Request) -> bool:
    """A robots.txt request of Scrapy's robots middleware, for a site the crawl may fetch from.

    That middleware (after this one) asks for ``/robots.txt`` of the origin of each request this
    one let through, with ``dont_obey_robotstxt`` set and no callback. Only that exact path, with
    no query, counts; and when the robots file itself redirects, only to the same host's
    ``/robots.txt`` on its own or its scheme's default port (``http`` to ``https``). A page that redirects to ``…?x=/robots.txt`` is a
    page, and stays filtered.
    """
    parts = urlsplit(request.url)
    if parts.path != "/robots.txt" or parts.query or not request.meta.get("dont_obey_robotstxt"):
        return False
    if request.callback is not NO_CALLBACK:
        return False
    redirected_from = request.meta.get("redirect_urls") or []
    return all(_same_site_robots(urlsplit(url), parts) for url in redirected_from)


def _same_site_robots(before: SplitResult, after: SplitResult) -> bool:
    """A robots.txt redirect within the site: same host, same port or the scheme's default one
    (``http://ville.fr/robots.txt`` to ``https://ville.fr/robots.txt``), never another port."""
    if before.path != "/robots.txt" or before.hostname != after.hostname:
        return False
    return after.port in (before.port, None)


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
        if allowed is None or origin(request.url) in allowed or _is_robots_request(request):
            return
        meta = VigieMeta.of(request)
        if meta.start and len(request.meta.get("redirect_urls", [])) <= 3:
            return
        if meta.listed and not request.meta.get("redirect_urls"):
            return  # a document a listing names (SCDL DELIB_URL), wherever it is hosted
        self.crawler.stats.inc_value("vigie/offsite_filtered")
        raise OffsiteRedirectError(f"left the crawled sites: {request.url}")


class RedirectLoopError(IgnoreRequest):
    """A redirect back to a URL of the same redirect chain (``a`` → ``b`` → ``a``)."""


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, with a loop reported as an error of its own.

    Left to Scrapy, the request that closes a loop is a duplicate that the scheduler drops
    without a word, and the URL vanishes from the crawl's report. Here it fails with
    ``RedirectLoopError`` and is recorded like any other fetch failure.
    """

    def _redirect(self, redirected: Request, request: Request, reason: object) -> Request:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise RedirectLoopError(f"redirect loop: {' → '.join([*chain, redirected.url])[:500]}")
        return super()._redirect(redirected, request, reason)
