"""Spider tests on saved pages, as City Scrapers' ``file_response``: no reactor, no network.

A saved page (``tests/fixtures/pages/<platform>/…``) becomes the response Scrapy would have
built for it, at the URL it had on the real site and with the meta a Vigie request carries
(``VigieSpider.request``); a spider built by Scrapy's ``get_crawler`` (settings of
``crawler.settings``, no engine, no reactor running) says what it would request next::

    spider = spider_for_test("prefecture_raa", [registered("prefecture-05", "prefecture_raa", ROOT)])
    requests = followed(spider, saved_response(PAGES / "prefecture_raa/…/racine.html", ROOT, "prefecture-05"))

The spider's ``follow`` never sends anything: it returns requests, which the test reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import BaseSettings
from scrapy.utils.test import get_crawler

from crawler.linkrules import Budget, LinkKind, origin
from crawler.sources.registry import RegisteredSource
from crawler.spiders import spider_for
from crawler.spiders.base import VigieSpider

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
# Scrapy's test helper chooses the reactor settings itself: a project's would ask for one.
_REACTOR_SETTINGS = ("TWISTED_REACTOR", "ASYNCIO_EVENT_LOOP")


def registered(slug: str, platform: str, *start_urls: str, **fields: Any) -> RegisteredSource:
    """A registry entry for a real site (the test never reaches it)."""
    defaults: dict[str, Any] = {"name": f"Test {slug}", "kind": "prefecture", "registry": "test"}
    return RegisteredSource(slug=slug, platform=platform, start_urls=list(start_urls), **(defaults | fields))


def spider_for_test(
    platform: str | type[VigieSpider], sources: list[RegisteredSource], **settings: Any
) -> VigieSpider:
    """The platform's spider (by registered name, or its class) for these sources, with
    Vigie's settings; ``settings`` override them."""
    project = BaseSettings()
    project.setmodule("crawler.settings", priority="project")
    values = {name: value for name, value in project.copy_to_dict().items() if name not in _REACTOR_SETTINGS}
    spider_class = spider_for(platform) if isinstance(platform, str) else platform
    crawler = get_crawler(spider_class, values | settings)
    return spider_class.from_crawler(crawler, sources=sources)


def saved_response(
    path: str | Path | None,
    url: str,
    source: str,
    budget: Budget | None = None,
    content_type: str = "text/html; charset=utf-8",
    body: bytes | None = None,
    **meta: Any,
) -> Response:
    """The response to a Vigie request for ``url`` whose body is the saved page at ``path``
    (or ``body``, for a page written in the test).

    ``budget`` is where the request stood (the start page: ``Budget()``); ``meta`` adds to
    what ``VigieSpider.request`` puts there (``vigie_listing=…``). The response class is the
    one Scrapy picks from the content type (HTML, text, or bytes).
    """
    content = body if body is not None else Path(path or "").read_bytes()
    request = Request(
        url,
        meta={
            "vigie_source": source,
            "vigie_budget": budget if budget is not None else Budget(),
            "vigie_link_text": None,
            "vigie_start": budget is None,
            **meta,
        },
    )
    headers = {"Content-Type": content_type}
    response_class = responsetypes.from_args(headers=headers, url=url, body=content)
    return response_class(url=url, status=200, headers=headers, body=content, request=request)


def followed(spider: VigieSpider, response: Response) -> list[Request]:
    """Every request the spider makes from this response, in its order."""
    return [request for request in spider.follow(response) if isinstance(request, Request)]


def urls(requests: list[Request], kind: LinkKind | None = None) -> list[str]:
    """The URLs requested (of one kind of link), in order."""
    return [
        request.url for request in requests if kind is None or request.meta.get("vigie_link_kind") is kind
    ]


def off_site(requests: list[Request], source: RegisteredSource) -> list[str]:
    """URLs requested outside the source's sites: a test expects none."""
    sites = {origin(url) for url in source.start_urls}
    return [request.url for request in requests if origin(request.url) not in sites]
