"""What every Vigie spider shares: sources, provenance, errors, revisits and replays.

A spider crawls one or more registered sources (``crawler.sources.registry``) of its platform;
a crawl of bare URLs (``vigie crawl URL…``) makes one ad-hoc source per site, named by its
host. Every request carries its source's slug, so that each archived URL and each count of
the run belongs to a source.

Platform spiders subclass ``VigieSpider`` and only say which links to follow (``parse``), as
City Scrapers' agency spiders do on their shared bases.

Incremental re-crawls: when the site is done, the spider requests once more every document
of its sources that the archive holds but that no page linked to this time
(``archive.versions.known_document_urls``); a 404/410 there is how a deliberation silently
taken down is noticed. Those requests are conditional, like all the others
(``crawler.incremental``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.fetch import document_item, failure_kind, failure_message, header, is_archivable
from crawler.linkrules import PRIORITY, Budget, LinkKind, origin
from crawler.prompt_stop import PutBack
from crawler.request_meta import VigieMeta
from crawler.sources.registry import RegisteredSource
from pipelines.items import FetchFailure, NotModified

if TYPE_CHECKING:
    from pipelines.run_recorder import RunRecorder

NOT_MODIFIED, REPLAYED = "not_modified", "replayed"  # response flags set by crawler.incremental


def adhoc_sources(start_urls: list[str]) -> list[RegisteredSource]:
    """One source per site of bare start URLs, its slug the host (``www.ville.fr``)."""
    by_host: dict[str, list[str]] = {}
    for url in start_urls:
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    return [
        RegisteredSource(
            slug=host, name=host, kind="commune", platform="generic", start_urls=urls, registry=""
        )
        for host, urls in by_host.items()
    ]


class VigieSpider(Spider):
    name = "vigie"

    def __init__(
        self,
        sources: list[RegisteredSource] | None = None,
        start_urls: str | list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if isinstance(start_urls, str):
            start_urls = [url.strip() for url in start_urls.split(",") if url.strip()]
        self.sources = {source.slug: source for source in (sources or adhoc_sources(list(start_urls or [])))}
        self.start_urls = [url for source in self.sources.values() for url in source.start_urls]
        self.allowed_origins = {origin(url) for url in self.start_urls}
        self.pages: Counter[str] = Counter()
        self._requested: set[str] = set()
        self._revisited = False
        self._deny = {
            slug: [re.compile(rule) for rule in source.link_rules.get("deny", [])]
            for slug, source in self.sources.items()
        }
        self._follow = {
            slug: [re.compile(rule) for rule in source.link_rules.get("follow", [])]
            for slug, source in self.sources.items()
        }

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> VigieSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.revisit_known_documents, signal=signals.spider_idle)
        return spider

    # -- requests ----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for source in self.sources.values():
            for url in source.start_urls:
                yield self.request(url, source.slug, LinkKind.COUNCIL, Budget(), start=True)

    def request(
        self,
        url: str,
        source: str,
        kind: LinkKind,
        budget: Budget,
        link_text: str | None = None,
        start: bool = False,
        listing: dict[str, str] | None = None,
        listed: bool = False,
    ) -> Request:
        self._requested.add(url)
        return Request(
            url,
            callback=self.parse,
            errback=self.on_error,
            priority=PRIORITY[kind] - budget.depth,
            meta=VigieMeta(source, kind, budget, link_text, start, listing, listed).to_meta(),
        )

    def denied(self, source: str, url: str) -> bool:
        return any(rule.search(url) for rule in self._deny.get(source, []))

    def marked_council(self, source: str, url: str) -> bool:
        return any(rule.search(url) for rule in self._follow.get(source, []))

    # -- responses ---------------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Archive the response (unless it is a replay), then follow what the platform says."""
        meta = VigieMeta.of(response)
        source = meta.source
        if meta.start and origin(response.url) not in self.allowed_origins:
            # The start page redirected (http→https, bare domain→www): that is the site.
            self.allowed_origins.add(origin(response.url))
        if REPLAYED not in response.flags:
            self.count_page(source)
        if NOT_MODIFIED in response.flags:
            yield NotModified(
                response.url, source, header(response, "ETag"), header(response, "Last-Modified")
            )
        elif REPLAYED not in response.flags:
            kind = is_archivable(response)
            if kind is None:
                self.crawler.stats.inc_value("vigie/skipped_content_type")
                return
            yield self.document(response)
        if self.pages[source] >= self.settings.getint("VIGIE_MAX_PAGES"):
            self.crawler.stats.inc_value(f"vigie/source_page_limit/{source}")
            return  # this source's page budget is spent; the other sources go on
        yield from self.follow(response)

    def document(self, response: Response) -> Any:
        meta = VigieMeta.of(response)
        item = document_item(response, link_text=meta.link_text)
        item.source = meta.source
        item.etag = header(response, "ETag")
        item.last_modified = header(response, "Last-Modified")
        item.previous_sha256 = meta.previous.sha256 if meta.previous is not None else None
        item.listing = meta.listing
        return item

    def follow(self, response: Response) -> Iterator[Request]:
        """The requests a response leads to; platform spiders override this."""
        return iter(())

    @staticmethod
    def is_page(response: Response) -> bool:
        """An HTML page, whose links may be followed (documents are leaves)."""
        return isinstance(response, TextResponse) and is_archivable(response) == "html"

    def count_page(self, source: str) -> None:
        self.pages[source] += 1
        recorder = self.recorder()
        if recorder is not None:
            recorder.page(source)

    def recorder(self) -> RunRecorder | None:
        from pipelines.crawl_context import CrawlContext

        return CrawlContext.of(self.crawler).recorder

    def on_error(self, failure: Failure) -> Iterator[FetchFailure]:
        if failure.check(PutBack):
            return  # not sent: back in the scheduler for the next run (crawler.prompt_stop)
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        meta = VigieMeta.of(request) if request is not None else VigieMeta()
        source = meta.source
        kind = failure_kind(failure)
        if kind.startswith("http_"):
            self.count_page(source)
        recorder = self.recorder()
        if meta.start and recorder is not None:
            recorder.start_failed(source)
        self.crawler.stats.inc_value(f"vigie/fetch_failed/{kind}")
        yield FetchFailure(url=url, kind=kind, message=failure_message(failure), source=source)

    # -- revisits ----------------------------------------------------------------------------

    def revisit_known_documents(self) -> None:
        """Once the site is done: request the archived documents no page linked to this time."""
        if self._revisited or not self.settings.getbool("VIGIE_REVISIT", True):
            return
        self._revisited = True
        from archive.versions import known_document_urls
        from pipelines.crawl_context import CrawlContext

        store = CrawlContext.of(self.crawler).store
        requests = []
        for slug, source in self.sources.items():
            hosts = [urlsplit(url).netloc.lower() for url in source.start_urls] if not source.registry else []
            for url in known_document_urls(store, None if hosts else slug, hosts):
                if url not in self._requested:
                    requests.append(self.request(url, slug, LinkKind.DOCUMENT, Budget(), listed=True))
        for request in requests:
            self.crawler.engine.crawl(request)
        self.crawler.stats.set_value("vigie/revisited", len(requests))
        if requests:
            raise DontCloseSpider
