"""The crawl's link finder finds what Scrapy's LinkExtractor finds (fragments and non-web links aside)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from crawler.demo import DEMO_SITE
from crawler.links import LinkFinder

TRICKY = """<html><head><meta charset="windows-1252"><base href="/sous-dossier/"></head><body>
<a href="seance.html#ordre-du-jour">Séance <b>du 4 février</b></a>
<a href="  /deliberations/2024.pdf
">Délibérations 2024</a>
<a href="seance.html#vote">même page</a>
<a href="mailto:mairie@ville.fr">écrire</a><a href="javascript:void(0)">menu</a><a href="tel:+33400">tél.</a>
<a href="http://[bogus">cassé</a><a href="">vide</a><a>sans href</a>
<a href="procès-verbal é.pdf">PV accentué</a><area href="/plan.html" alt="plan">
<a href="//autre.fr/x">protocole relatif</a><a href="https://autre.fr/y">autre site</a>
<a href="?page=2">page 2</a><a href="../haut.html">au-dessus</a>
</body></html>"""


def extractor_links(response: HtmlResponse) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for link in LinkExtractor(deny_extensions=[], unique=True).extract_links(response):
        url = urldefrag(link.url).url
        if url.startswith(("http://", "https://")):
            found.setdefault(url, link.text)
    return list(found.items())


def finder_links(response: HtmlResponse, finder: LinkFinder | None = None) -> list[tuple[str, str]]:
    return [(link.url, link.text) for link in (finder or LinkFinder()).links(response)]


def page(path: str, body: bytes, encoding: str | None = None) -> HtmlResponse:
    return HtmlResponse(f"http://127.0.0.1:8754/{path}", body=body, encoding=encoding)


@pytest.mark.parametrize(
    "path", sorted(str(p.relative_to(DEMO_SITE)) for p in DEMO_SITE.rglob("*.html")), ids=str
)
def test_same_links_as_scrapy_on_the_demo_site(path: str) -> None:
    response = page(path, (DEMO_SITE / path).read_bytes())
    links = finder_links(response)
    assert links == extractor_links(response)
    assert len(links) >= 1


def test_same_links_as_scrapy_on_a_tricky_page() -> None:
    response = page("actualites/page.html", TRICKY.encode("cp1252"))
    links = finder_links(response)
    assert links == extractor_links(response)
    urls = [url for url, _ in links]
    assert urls[:2] == [
        "http://127.0.0.1:8754/sous-dossier/seance.html",
        "http://127.0.0.1:8754/deliberations/2024.pdf",
    ]
    assert links[0][1].split() == ["Séance", "du", "4", "février"]
    assert "http://127.0.0.1:8754/sous-dossier/proc%C3%A8s-verbal%20%C3%A9.pdf" in urls  # paths in UTF-8
    assert not any(url.startswith(("mailto", "javascript", "tel")) for url in urls)


def test_resolved_hrefs_are_remembered_per_page_base() -> None:
    """One finder for the whole crawl: a relative href means something else on another page."""
    finder = LinkFinder()
    body = b'<a href="suite.html">suite</a><a href="/accueil.html">accueil</a>'
    first = finder_links(page("a/index.html", body), finder)
    second = finder_links(page("b/index.html", body), finder)
    assert first == [
        ("http://127.0.0.1:8754/a/suite.html", "suite"),
        ("http://127.0.0.1:8754/accueil.html", "accueil"),
    ]
    assert second == [
        ("http://127.0.0.1:8754/b/suite.html", "suite"),
        ("http://127.0.0.1:8754/accueil.html", "accueil"),
    ]
    other_site = HtmlResponse("http://localhost:9/x/", body=body, encoding="utf-8")
    assert finder_links(other_site, finder)[1] == ("http://localhost:9/accueil.html", "accueil")


def test_links_already_requested_are_skipped() -> None:
    body = b'<a href="/a.html">a</a><a href="/b.html">b</a><a href="/a.html">a encore</a>'
    response = page("index.html", body)
    requested = {"http://127.0.0.1:8754/a.html"}
    assert [link.url for link in LinkFinder().links(response, skip=requested)] == [
        "http://127.0.0.1:8754/b.html"
    ]


def test_every_demo_page_is_checked() -> None:
    assert len(list(Path(DEMO_SITE).rglob("*.html"))) >= 8


def test_links_below_100000_nested_divs_are_found_flat() -> None:
    from tests.hostile_site import nested_page

    response = HtmlResponse("http://v.fr/deep.html", body=nested_page(), encoding="utf-8")
    finder = LinkFinder()
    assert [link.url for link in finder.links(response)] == ["http://v.fr/conseil/apres-profond.html"]
    assert finder.flattened == 1


def test_a_page_gives_at_most_max_links_new_links() -> None:
    body = "".join(f'<a href="/p{i}">p</a>' for i in range(50)).encode()
    finder = LinkFinder(max_links=10)
    assert len(list(finder.links(HtmlResponse("http://v.fr/", body=body, encoding="utf-8")))) == 10
    assert finder.truncated == 1


def test_anchors_that_lead_nowhere_are_bounded_too() -> None:
    """5 MB of ``<a href='x:N'>`` (no http link at all) once cost the reactor 5 s of resolving."""
    body = "".join(f"<a href='x:{i}'>x</a>" for i in range(1000)).encode()
    finder = LinkFinder(max_links=10)
    assert list(finder.links(HtmlResponse("http://v.fr/", body=body, encoding="utf-8"))) == []
    assert finder.truncated == 1  # stopped after 4 × 10 anchors, not 1,000
