"""Which robots.txt requests may leave the crawled sites (issue 17, item 1), without a crawl."""

from __future__ import annotations

from scrapy import Request
from scrapy.http.request import NO_CALLBACK

from crawler.middlewares import _is_robots_request


def robots(url: str, redirected_from: list[str] | None = None, **meta: object) -> Request:
    return Request(
        url,
        callback=NO_CALLBACK,
        meta={
            "dont_obey_robotstxt": True,
            **({"redirect_urls": redirected_from} if redirected_from else {}),
            **meta,
        },
    )


def test_only_scrapy_s_own_robots_requests_count() -> None:
    assert _is_robots_request(robots("http://ville.fr/robots.txt"))
    assert not _is_robots_request(robots("http://other:81/secret-admin?x=/robots.txt"))
    assert not _is_robots_request(robots("http://ville.fr/robots.txt?x=1"))
    page = Request("http://other:81/robots.txt", meta={"redirect_urls": ["http://ville.fr/page"]})
    assert not _is_robots_request(page)  # a page redirected there keeps its own meta and callback


def test_a_robots_redirect_stays_on_its_host_and_port() -> None:
    assert _is_robots_request(robots("https://ville.fr/robots.txt", ["http://ville.fr/robots.txt"]))
    assert not _is_robots_request(robots("http://ville.fr:9999/robots.txt", ["http://ville.fr/robots.txt"]))
    assert not _is_robots_request(robots("http://other.fr/robots.txt", ["http://ville.fr/robots.txt"]))
