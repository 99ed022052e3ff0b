"""The generic focused spider: any municipal site, council business first.

    vigie crawl https://www.ville.fr/
    vigie crawl --source villejuif          (a registry entry on the ``generic`` platform)

It stays on the origins (scheme, host, port) of its start pages, archives every HTML page
and document it fetches, and follows links within the budgets of ``crawler.linkrules``. A
registry entry's ``link_rules`` add URL patterns to follow as council links, or to never fetch.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.linkextractors import IGNORED_EXTENSIONS

from crawler.linkrules import LinkKind, classify_link, origin
from crawler.links import LinkFinder
from crawler.request_meta import VigieMeta
from crawler.spiders.base import VigieSpider
from pipelines.items import FetchFailure

_DOCUMENT_EXTENSIONS = {"pdf", "doc", "docx", "odt", "csv", "txt"}
# Images, media, archives…: never fetched. Checked here by one set look-up on the new links only:
# the link extractor's own check tries every extension on every link of every page.
_IGNORED_EXTENSIONS = frozenset(f".{ext}" for ext in IGNORED_EXTENSIONS if ext not in _DOCUMENT_EXTENSIONS)
_IGNORED_DOUBLE = tuple(f".{ext}" for ext in IGNORED_EXTENSIONS if "." in ext)  # "tar.gz"


def ignored_extension(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return posixpath.splitext(path)[1] in _IGNORED_EXTENSIONS or path.endswith(_IGNORED_DOUBLE)


class GenericSpider(VigieSpider):
    name = "generic"

    def __init__(
        self,
        max_depth: int | str | None = None,
        shallow_depth: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._max_depth = int(max_depth) if max_depth is not None else None
        self._shallow_depth = int(shallow_depth) if shallow_depth is not None else None
        self.link_finder = LinkFinder()
        self._never: set[str] = set()  # links of no source's business: images, other sites

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> GenericSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.link_finder = LinkFinder(
            max_depth=settings.getint("VIGIE_HTML_MAX_DEPTH"),
            max_chars=settings.getint("VIGIE_HTML_LINKS_MAX_CHARS"),
            max_links=settings.getint("VIGIE_MAX_LINKS_PER_PAGE"),
        )
        return spider  # type: ignore[return-value]

    @property
    def max_depth(self) -> int:
        return self._max_depth if self._max_depth is not None else self.settings.getint("VIGIE_MAX_DEPTH")

    @property
    def shallow_depth(self) -> int:
        if self._shallow_depth is not None:
            return self._shallow_depth
        return self.settings.getint("VIGIE_SHALLOW_DEPTH")

    def follow(self, response: Response) -> Iterator[Request | FetchFailure]:
        if not self.is_page(response):
            return
        meta = VigieMeta.of(response)
        source, budget = meta.source, meta.depth_budget
        # Menus and footers repeat the same links on every page: Scrapy's duplicate filter would
        # drop them, but only after building and fingerprinting a request for each.
        finder = self.link_finder
        flattened, truncated = finder.flattened, finder.truncated
        url_limit = self.settings.getint("URLLENGTH_LIMIT")
        for link in finder.links(response, skip=self._requested):  # type: ignore[arg-type]
            if link.url in self._never:
                continue
            if url_limit and len(link.url) > url_limit:
                # Scrapy would drop it without a word (UrlLengthMiddleware): say so once.
                self._never.add(link.url)
                yield FetchFailure(  # type: ignore[misc]
                    url=link.url[:300] + "…",
                    kind="url_too_long",
                    message=f"link of {len(link.url)} characters (URLLENGTH_LIMIT {url_limit}) "
                    f"on {response.url[:300]}",
                    source=source,
                )
                continue
            if ignored_extension(link.url):
                self._never.add(link.url)
                continue
            if origin(link.url) not in self.allowed_origins:
                self._never.add(link.url)
                self.crawler.stats.inc_value("vigie/offsite_links")  # distinct URLs
                continue
            if self.denied(source, link.url):
                self.crawler.stats.inc_value("vigie/links_denied")
                continue
            kind = classify_link(link.url, link.text)
            if kind is LinkKind.OTHER and self.marked_council(source, link.url):
                kind = LinkKind.COUNCIL
            child = budget.follow(kind)
            # Documents are leaves: one hop past the depth budget is still worth fetching.
            max_depth = self.max_depth + (1 if kind is LinkKind.DOCUMENT else 0)
            if not child.allows(max_depth, self.shallow_depth):
                self.crawler.stats.inc_value(f"vigie/links_over_budget/{kind.value}")
                continue
            yield self.request(link.url, source, kind, child, link_text=link.text.strip() or None)
        stats = self.crawler.stats
        if finder.flattened > flattened:
            stats.inc_value("vigie/html_flattened")  # nested deeper than VIGIE_HTML_MAX_DEPTH
        if finder.truncated > truncated:
            stats.inc_value("vigie/html_links_truncated")
