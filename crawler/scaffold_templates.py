"""The files ``vigie sources new`` writes (``string.Template``: ``$name``, ``$cls``, ``$slug``)."""

from __future__ import annotations

SPIDER = '''"""The ``$name`` platform: TO FILL IN, which sites it crawls and how their pages are laid out.

Made by ``vigie sources new $name``. To finish it:

1. Save a real page of one of its sites in ``tests/fixtures/pages/$name/`` (the README there
   says how).
2. Say in ``follow`` which links of such a page lead where: pages of council business
   (``LinkKind.COUNCIL``), documents (``LinkKind.DOCUMENT``), the next page of a list (same
   budget: a page 2 is no deeper than page 1). The selectors below are placeholders.
3. Fill in ``tests/crawler/test_spider_$name.py`` (the page, its URL, the URLs it leads to) and
   remove its ``xfail`` mark.
4. Add a source on the platform: ``vigie sources add --platform $name …``.

Then replace this docstring by what the spider follows, and why.
"""

from __future__ import annotations

from collections.abc import Iterator

from scrapy import Request
from scrapy.http import Response

from crawler.linkrules import LinkKind, origin
from crawler.request_meta import VigieMeta
from crawler.spiders.base import VigieSpider

COUNCIL_LINKS = "a.to-fill-in::attr(href)"  # pages that lead to documents (years, sittings…)
DOCUMENT_LINKS = 'a[href$$=".pdf"]::attr(href)'
NEXT_PAGE = "a.to-fill-in-next::attr(href)"


class $cls(VigieSpider):
    name = "$name"

    def follow(self, response: Response) -> Iterator[Request]:
        if not self.is_page(response):
            return  # documents are leaves
        meta = VigieMeta.of(response)  # what Vigie carries on the request, typed
        source, budget = meta.source, meta.depth_budget
        for kind, selector in ((LinkKind.DOCUMENT, DOCUMENT_LINKS), (LinkKind.COUNCIL, COUNCIL_LINKS)):
            for href in dict.fromkeys(response.css(selector).getall()):
                url = response.urljoin(href.strip())
                # Stay on the source's sites, and obey its registry entry's deny rules.
                if origin(url) in self.allowed_origins and not self.denied(source, url):
                    yield self.request(url, source, kind, budget.follow(kind))
        for href in response.css(NEXT_PAGE).getall()[:1]:
            url = response.urljoin(href.strip())
            if origin(url) in self.allowed_origins:
                yield self.request(url, source, LinkKind.COUNCIL, budget)
'''

TEST = '''"""The ``$name`` spider on a saved page of a real site (``tests/fixtures/pages/$name/``).

Made by ``vigie sources new $name``: fill in the saved page, the URL it had and the URLs it
leads to, then remove ``pytestmark``. Until then every test fails, as expected: the mark is
``xfail(strict=True)`` so that the suite stays green meanwhile but turns red the day the tests
pass with the mark still on (a ``skip`` would stay silent forever).
"""

from __future__ import annotations

import pytest
from scrapy import Request

from crawler.linkrules import LinkKind
from tests.spider_pages import PAGES, followed, off_site, registered, saved_response, spider_for_test, urls

pytestmark = pytest.mark.xfail(strict=True, reason="fill in the saved page and the URLs it leads to")

# A page saved from the real site, the URL it had there, and the URLs it leads to in page order.
PAGE = PAGES / "$name" / "TO-FILL-IN.html"
URL = "https://www.example.fr/TO-FILL-IN"
COUNCIL: list[str] = []
DOCUMENTS: list[str] = []
SOURCE = registered(
    "$slug",
    "$name",
    URL,
    kind="commune",
)


def requests() -> list[Request]:
    """The saved page parsed by the platform's spider (no reactor, no network)."""
    return followed(
        spider_for_test("$name", [SOURCE]),
        saved_response(PAGE, URL, SOURCE.slug),
    )


def test_the_expectations_are_filled_in() -> None:
    assert PAGE.exists() and "TO-FILL-IN" not in URL and (COUNCIL or DOCUMENTS)


def test_council_links() -> None:
    assert urls(requests(), LinkKind.COUNCIL) == COUNCIL


def test_documents() -> None:
    assert urls(requests(), LinkKind.DOCUMENT) == DOCUMENTS


def test_every_request_carries_the_source() -> None:
    assert {request.meta["vigie_source"] for request in requests()} == {SOURCE.slug}


def test_nothing_off_site() -> None:
    assert requests() and off_site(requests(), SOURCE) == []
'''

FIXTURE_README = """# Saved pages of the `$name` platform

The spider's tests (`tests/crawler/test_spider_$name.py`) parse these pages at the URL they
had on their real site; no test ever requests that URL.

To save a page:

1. Pick a page a human would go through to reach the documents (a list of sittings, a year…).
2. Save what the server sends, not what the browser shows after its scripts ran (that is what
   the spider reads):

   ```sh
   curl -sS -A "vigie (+https://github.com/vigie-surveillance/vigie)" -o page.html 'https://…'
   ```

   or the browser's "Save page as… → Web page, HTML only". Keep the bytes as they are; cut
   only huge inline scripts or styles if the file is big (keep it under about 200 KB), and
   say so.
3. Add a row for it to `tests/fixtures/pages/SOURCES.md`: file, URL, the date you saved it,
   how, what you cut, and the site's licence (gouv.fr sites: Licence Ouverte / Etalab 2.0;
   communes: see their "Mentions légales").
4. Put its file name and URL in the test, with the URLs the page must lead to, and remove the
   test's `xfail` mark.
"""
