"""The links of an HTML page: what Scrapy's ``LinkExtractor`` finds, at a fraction of the cost.

Municipal pages carry 100 to 300 links, most of them the same menus and footers on every page,
and the crawl benchmark showed link extraction to be the crawl's main cost in the reactor
thread. ``LinkExtractor`` joins, checks and escapes every link of every page again. Here each
``href`` is resolved once per site and remembered, and a link the crawl has already requested
is skipped before its anchor text is even read. The page is parsed with selectolax's Lexbor
parser (an HTML5 parser in C: the tree a browser builds) rather than through
``response.selector``: in the crawl benchmark's profile, parsel alone took about 0.9 ms to
build the tree of an 18 KB page, which Lexbor parses in about 0.25. The generic spider reads
nothing else from the page's tree.

Hostile pages are bounded before they are parsed (``pipelines.markup_guard``): markup nested
deeper than ``max_depth`` is flattened (an HTML5 parser's cost grows with the square of the
depth), only the first ``max_chars`` characters of a page are read for links, and at most
``max_links`` new links come out of one page. ``flattened`` and ``truncated`` count the pages
each limit changed, for the crawl's stats.

The rules are ``LinkExtractor``'s (``<a>`` and ``<area>`` ``href``, HTML5 whitespace stripped,
joined on the page's ``<base>`` or URL, escaped with the page's encoding), with two changes that
change no crawl: the fragment is dropped (Scrapy's duplicate filter ignores it anyway), and only
http(s) links come out (the crawl never follows others).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from scrapy.http import TextResponse
from scrapy.utils.response import get_base_url
from selectolax.lexbor import LexborHTMLParser
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from pipelines.markup_guard import DEFAULT_MAX_DEPTH, tame_markup

# Resolved hrefs kept per crawl; a site has far fewer distinct links than this.
_CACHE_LIMIT = 200_000
DEFAULT_MAX_CHARS = 5_000_000  # VIGIE_HTML_LINKS_MAX_CHARS (crawler/settings.py reads these)
DEFAULT_MAX_LINKS = 5_000  # VIGIE_MAX_LINKS_PER_PAGE
_EXAMINED_PER_LINK = 4  # anchors looked at, at most, per link a page may give


@dataclass(frozen=True, slots=True)
class PageLink:
    url: str
    text: str  # the anchor's text, as the page has it


class LinkFinder:
    """Finds the new links of each page of one crawl, remembering how each href resolved."""

    def __init__(
        self,
        max_depth: int = DEFAULT_MAX_DEPTH,
        max_chars: int = DEFAULT_MAX_CHARS,
        max_links: int = DEFAULT_MAX_LINKS,
    ) -> None:
        self._resolved: dict[tuple[str, str, str], str | None] = {}
        self.max_depth, self.max_chars, self.max_links = max_depth, max_chars, max_links
        self.flattened = 0  # pages whose markup was flattened
        self.truncated = 0  # pages read only in part, or whose links were cut at max_links

    def links(self, response: TextResponse, skip: Container[str] = ()) -> Iterator[PageLink]:
        """Each http(s) link of the page once, in page order, except the URLs in ``skip``."""
        base = get_base_url(response)
        parts = urlsplit(base)
        site = f"{parts.scheme}://{parts.netloc}"
        encoding = response.encoding
        seen: set[str] = set()
        markup = response.text
        if len(markup) > self.max_chars:
            markup = markup[: self.max_chars]
            self.truncated += 1
        markup, flattened = tame_markup(markup, self.max_depth)
        self.flattened += flattened
        for examined, element in enumerate(LexborHTMLParser(markup).css("a[href], area[href]")):
            if examined >= _EXAMINED_PER_LINK * self.max_links:
                # Anchors that lead nowhere (mailto:, javascript:, repeats) cost a resolve each:
                # their number is bounded too, not only the links kept.
                self.truncated += 1
                return
            href = element.attributes.get("href") or ""  # a bare ``<a href>`` is the page itself
            # An href from the site's root ("/x") means the same on every page of the site; a
            # relative one depends on the page.
            key = (site if href.startswith("/") and not href.startswith("//") else base, href, encoding)
            try:
                url = self._resolved[key]
            except KeyError:
                url = self._resolved[key] = _resolve(base, href, encoding)
                if len(self._resolved) > _CACHE_LIMIT:
                    self._resolved.clear()
            if url is None or url in seen or url in skip:
                continue
            if len(seen) >= self.max_links:
                self.truncated += 1
                return
            seen.add(url)
            yield PageLink(url, element.text(deep=True) or "")


def _resolve(base: str, href: str, encoding: str) -> str | None:
    try:
        url = safe_url_string(urljoin(base, strip_html5_whitespace(href)), encoding=encoding)
    except ValueError:
        return None  # a bogus link ("http://[x"), skipped as LinkExtractor skips it
    if not url.startswith(("http://", "https://")):
        return None
    return urldefrag(url).url
