"""The generic focused spider: any municipal site, council business first.

    scrapy crawl generic -a start_urls=https://www.ville.fr/,https://www.ville.fr/conseil
    vigie crawl https://www.ville.fr/

It stays on the origins (scheme, host, port) of its start pages, archives every HTML page
and document it fetches, and follows links within the budgets of ``crawler.linkrules``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from twisted.python.failure import Failure

from crawler.fetch import document_item, failure_kind, failure_message, is_archivable
from crawler.items import FetchFailure
from crawler.linkrules import PRIORITY, Budget, LinkKind, classify_link, origin

_DOCUMENT_EXTENSIONS = {"pdf", "doc", "docx", "odt", "csv", "txt"}


class GenericSpider(Spider):
    name = "generic"

    def __init__(
        self,
        start_urls: str | list[str] | None = None,
        max_depth: int | str | None = None,
        shallow_depth: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if isinstance(start_urls, str):
            start_urls = [url.strip() for url in start_urls.split(",") if url.strip()]
        self.start_urls = list(start_urls or [])
        self._max_depth = int(max_depth) if max_depth is not None else None
        self._shallow_depth = int(shallow_depth) if shallow_depth is not None else None
        self.allowed_origins = {origin(url) for url in self.start_urls}
        self.link_extractor = LinkExtractor(
            deny_extensions=[ext for ext in IGNORED_EXTENSIONS if ext not in _DOCUMENT_EXTENSIONS],
            unique=True,
        )

    @property
    def max_depth(self) -> int:
        return self._max_depth if self._max_depth is not None else self.settings.getint("VIGIE_MAX_DEPTH")

    @property
    def shallow_depth(self) -> int:
        if self._shallow_depth is not None:
            return self._shallow_depth
        return self.settings.getint("VIGIE_SHALLOW_DEPTH")

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls:
            yield Request(
                url,
                callback=self.parse,
                errback=self.on_error,
                meta={"vigie_budget": Budget(), "vigie_start": True},
                priority=PRIORITY[LinkKind.COUNCIL],
            )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        meta = response.meta
        if meta.get("vigie_start") and origin(response.url) not in self.allowed_origins:
            # The start page redirected (http→https, bare domain→www): that is the site.
            self.allowed_origins.add(origin(response.url))
        kind = is_archivable(response)
        if kind is None:
            self.crawler.stats.inc_value("vigie/skipped_content_type")
            return
        yield document_item(response, link_text=meta.get("vigie_link_text"))
        if kind == "html" and isinstance(response, TextResponse):
            yield from self._follow_links(response, meta.get("vigie_budget", Budget()))

    def _follow_links(self, response: TextResponse, budget: Budget) -> Iterator[Request]:
        for link in self.link_extractor.extract_links(response):
            if origin(link.url) not in self.allowed_origins:
                self.crawler.stats.inc_value("vigie/offsite_links")
                continue
            kind = classify_link(link.url, link.text)
            child = budget.follow(kind)
            # Documents are leaves: one hop past the depth budget is still worth fetching.
            max_depth = self.max_depth + (1 if kind is LinkKind.DOCUMENT else 0)
            if not child.allows(max_depth, self.shallow_depth):
                self.crawler.stats.inc_value(f"vigie/links_over_budget/{kind.value}")
                continue
            yield Request(
                link.url,
                callback=self.parse,
                errback=self.on_error,
                priority=PRIORITY[kind] - child.depth,
                meta={"vigie_budget": child, "vigie_link_text": link.text.strip() or None},
            )

    def on_error(self, failure: Failure) -> Iterator[FetchFailure]:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        kind = failure_kind(failure)
        self.crawler.stats.inc_value(f"vigie/fetch_failed/{kind}")
        yield FetchFailure(url=url, kind=kind, message=failure_message(failure))
