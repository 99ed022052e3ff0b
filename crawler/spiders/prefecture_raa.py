"""Prefectures' "recueils des actes administratifs" (RAA), on the State's DSFR websites.

Every prefecture site (``www.<département>.gouv.fr``) is built with the State's design system
(DSFR). Its RAA page lists year cards (``.fr-card__title a``), which lead to month or period
cards on some sites, then to pages of downloadable recueils (``a.fr-link--download``), paged
with ``.fr-pagination__link--next``. Some download links lose their class to broken markup,
so links to ``.pdf`` files and to the CMS's ``/contenu/telechargement/`` are downloads too.

Prefectures ban bursts: this spider waits at least 5 s between requests to one site and
makes one request at a time (``--delay`` still overrides it, for tests and benchmarks).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from parsel import Selector
from scrapy import Request
from scrapy.http import Response

from crawler.linkrules import Budget, LinkKind, origin
from crawler.spiders.base import VigieSpider
from pipelines.markup_guard import tame_markup

CARD_LINKS = ".fr-card__title a::attr(href)"
DOWNLOAD_LINKS = (
    'a.fr-link--download::attr(href), a[href$=".pdf"]::attr(href), a[href$=".PDF"]::attr(href), '
    'a[href*="/contenu/telechargement/"]::attr(href)'
)
NEXT_PAGE = "a.fr-pagination__link--next::attr(href)"
RAA_DELAY = 5.0


class PrefectureRaaSpider(VigieSpider):
    name = "prefecture_raa"
    custom_settings: ClassVar[dict[str, object]] = {
        "DOWNLOAD_DELAY": RAA_DELAY,
        "AUTOTHROTTLE_START_DELAY": RAA_DELAY,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }

    def _bounded_page(self, response: Response) -> Selector:
        """The page as the link rules read it: its first characters, deep markup flattened
        (``pipelines.markup_guard``), as the generic spider's link finder reads pages."""
        text = response.text[: self.settings.getint("VIGIE_HTML_LINKS_MAX_CHARS")]
        tamed, flattened = tame_markup(text, self.settings.getint("VIGIE_HTML_MAX_DEPTH"))
        if flattened:
            self.crawler.stats.inc_value("vigie/html_flattened")
        return Selector(text=tamed)

    def follow(self, response: Response) -> Iterator[Request]:
        if not self.is_page(response):
            return
        source = response.meta.get("vigie_source", "")
        budget: Budget = response.meta.get("vigie_budget", Budget())
        page = self._bounded_page(response)
        limit = self.settings.getint("VIGIE_MAX_LINKS_PER_PAGE")
        for kind, selector in ((LinkKind.DOCUMENT, DOWNLOAD_LINKS), (LinkKind.COUNCIL, CARD_LINKS)):
            for href in list(dict.fromkeys(page.css(selector).getall()))[:limit]:
                url = response.urljoin(href.strip())
                if origin(url) in self.allowed_origins and not self.denied(source, url):
                    yield self.request(url, source, kind, budget.follow(kind))
        for href in page.css(NEXT_PAGE).getall()[:1]:
            url = response.urljoin(href.strip())
            if origin(url) in self.allowed_origins:
                # Pagination stays at the same depth: page 12 of 2019 is still 2019.
                yield self.request(url, source, LinkKind.COUNCIL, budget)
