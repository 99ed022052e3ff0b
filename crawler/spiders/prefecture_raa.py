"""Prefectures' "recueils des actes administratifs" (RAA), on the State's DSFR websites.

Every prefecture site (``www.<département>.gouv.fr``) is built with the State's design system
(DSFR). Its RAA page lists year cards (``.fr-card__title a``), which lead to month or period
cards on some sites, then to pages of downloadable recueils (``a.fr-link--download``), or of
bare card links (``a.fr-card__link``) to one detail page per recueil. Lists are paged: the
spider takes ``.fr-pagination__link--next`` and ``--last`` (Aisne and Hautes-Alpes list the
oldest recueils first, so the newest are on the last page). Some download links lose their
class to broken markup (``<a id= class="fr-link fr-link--download" …>``), so links to
``.pdf`` files and to the CMS's ``/contenu/telechargement/`` are downloads too.

``tests/crawler/test_spider_pages.py`` checks every selector on saved pages of real sites.

Prefectures ban bursts: this spider waits at least 5 s between requests to one site and
makes one request at a time (``--delay`` still overrides it, for tests and benchmarks).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from parsel import Selector
from scrapy import Request
from scrapy.http import Response

from crawler.linkrules import LinkKind, origin
from crawler.request_meta import VigieMeta
from crawler.spiders.base import VigieSpider
from pipelines.markup_guard import tame_markup

# A card's link sits in its title, or is the card's only anchor (paged lists of recueils).
CARD_LINKS = ".fr-card__title a::attr(href), a.fr-card__link::attr(href)"
DOWNLOAD_LINKS = (
    'a.fr-link--download::attr(href), a[href$=".pdf"]::attr(href), a[href$=".PDF"]::attr(href), '
    'a[href*="/contenu/telechargement/"]::attr(href)'
)
PAGINATION = ("a.fr-pagination__link--next::attr(href)", "a.fr-pagination__link--last::attr(href)")
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
        meta = VigieMeta.of(response)
        source, budget = meta.source, meta.depth_budget
        page = self._bounded_page(response)
        limit = self.settings.getint("VIGIE_MAX_LINKS_PER_PAGE")
        seen: set[str] = {response.url}  # a card that is a PDF is one request, as a document
        for kind, selector in ((LinkKind.DOCUMENT, DOWNLOAD_LINKS), (LinkKind.COUNCIL, CARD_LINKS)):
            for href in list(dict.fromkeys(page.css(selector).getall()))[:limit]:
                url = response.urljoin(href.strip())
                if url in seen or origin(url) not in self.allowed_origins or self.denied(source, url):
                    continue
                seen.add(url)
                yield self.request(url, source, kind, budget.follow(kind))
        # The first of each only: the same pagination may sit above and below the list.
        for href in [href for selector in PAGINATION for href in page.css(selector).getall()[:1]]:
            url = response.urljoin(href.strip())
            if url not in seen and origin(url) in self.allowed_origins:
                seen.add(url)
                # Pagination stays at the same depth: page 12 of 2019 is still 2019.
                yield self.request(url, source, LinkKind.COUNCIL, budget)
