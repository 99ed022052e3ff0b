"""Main text and title of an HTML page.

Decoding uses BeautifulSoup's UnicodeDammit (declared charset first, then the document's own
declaration, then detection, since Latin-1 and windows-1252 pages still exist). Parsing uses
selectolax's Lexbor parser: an HTML5 parser (it builds the tree a browser builds, so broken
markup needs no rescue path) whose CSS selectors run in C; it parses a 200 KB page in half
lxml's time (1.7 ms against 3.3 on the benchmark machine), and dropping the chrome takes about
1.7 ms more, where walking lxml's tree with XPath and Python took over 10 ms.

What counts as main content: ``<main>`` (or ``role="main"``), else a single ``<article>``, else
a container whose id or class says content, else ``<body>``. Navigation, asides, scripts and
forms are dropped; site chrome (headers, footers, menus, breadcrumbs, cookie banners, share
buttons) is dropped by tag, ARIA role and id/class name, so that a site-wide footer line never
ends up in every document's text.

Block text: before parsing, a line break is put in the markup before every opening and closing
block tag (a space before table cells), so that the tree's text comes out one block per line
in one C call: the same lines as walking the blocks in Python, at a tenth of the cost. The
breaks are whitespace, which HTML parsing keeps as text and never treats as content elsewhere
(in ``<script>`` or an attribute value it lands where nothing is read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import UnicodeDammit
from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipelines.textnorm import normalise_text

# Undeclared pages: valid UTF-8 is UTF-8, anything else is windows-1252. Statistical detectors
# (chardet, charset-normalizer) read short French texts as Central European code pages
# ("cśur" for "cœur"), so they only get a say when these two fail.
FRENCH_FALLBACKS = ["utf-8", "windows-1252"]
# Per the WHATWG encoding standard, browsers decode these labels as windows-1252.
_WINDOWS_1252_ALIASES = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii"}
_ALWAYS_DROP = "script, style, noscript, template, svg, nav, aside, form, iframe, button, select"
_CHROME_TAGS = "header, footer"
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# One selector for every element an attribute may condemn; the values are checked in Python,
# which is cheaper than Lexbor's case-insensitive attribute-value selectors.
_ATTRIBUTE_SELECTOR = "[id], [class], [role], [aria-hidden]"
_CHROME_NAME = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|fil-ariane|ariane|footer|pied|header|"
    r"en-tete|entete|sidebar|cookies?|rgpd|tarteaucitron|skip|evitement|social|share|partage|"
    r"newsletter)($|[\s_-])",
    re.I,
)
_CONTENT_NAME = re.compile(r"^(content|main|contenu|main-content|page-content|primary)$", re.I)
_KEPT_CONTAINERS = frozenset({"body", "main", "article"})  # never dropped for their id or class
# Block tags get a line break before their opening and closing tags; table cells a space, so
# that a table row reads as one line. Tags are matched on the raw bytes, case-insensitively.
_BLOCK_TAG = re.compile(
    rb"<(?=/?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|main|blockquote|pre|dt|dd|dl|"
    rb"hr|address|figure|figcaption|caption|header|footer)[\s>/])",
    re.I,
)
_CELL_TAG = re.compile(rb"<(?=/?t[dh][\s>/])", re.I)
_OTHER_SPACES = ("\t", "\u00a0", "\u202f")  # read as plain spaces
_UTF8_BOM = b"\xef\xbb\xbf"
# Class and id values repeat across a site's pages: each one's verdict is kept (bounded).
_chrome_verdicts: dict[str, bool] = {}


@dataclass(slots=True)
class HtmlText:
    title: str | None
    text: str
    encoding: str


def decode_html(body: bytes, declared_encoding: str | None = None) -> tuple[str, str]:
    """Decode ``body`` with the HTTP charset, else a BOM or the document's own, else a fallback."""
    known = []
    if declared_encoding:
        label = declared_encoding.strip().lower()
        known.append("windows-1252" if label in _WINDOWS_1252_ALIASES else label)
    dammit = UnicodeDammit(
        body, known_definite_encodings=known, user_encodings=FRENCH_FALLBACKS, is_html=True
    )
    if dammit.unicode_markup is None:
        return body.decode("windows-1252", errors="replace"), "windows-1252"
    encoding = dammit.original_encoding or "utf-8"
    text = dammit.unicode_markup
    if encoding.lower() in _WINDOWS_1252_ALIASES:
        # The bytes were latin-1-compatible; read them as browsers do (’ and œ live in 0x80-0x9f).
        text, encoding = body.decode("windows-1252", errors="replace"), "windows-1252"
    return text, encoding


def extract_html(body: bytes, declared_encoding: str | None = None) -> HtmlText:
    markup, encoding = decode_html(body, declared_encoding)
    tree = _parse(body, markup, encoding)
    title_node = tree.css_first("title")
    page_title = _clean(title_node.text()) if title_node is not None else ""
    container, is_body = _main_container(tree)
    _drop_chrome(container, include_site_chrome=is_body)
    h1 = container.css_first("h1") or tree.css_first("h1")
    h1_text = _clean(h1.text()) if h1 is not None else ""
    return HtmlText(title=h1_text or page_title or None, text=_block_text(container), encoding=encoding)


def _parse(body: bytes, markup: str, encoding: str) -> LexborHTMLParser:
    """Lexbor reads UTF-8 bytes: the original bytes when they are UTF-8, else the decoded text's."""
    utf8 = encoding.lower() in ("utf-8", "ascii")
    data = body.removeprefix(_UTF8_BOM) if utf8 else markup.encode("utf-8")
    return LexborHTMLParser(_CELL_TAG.sub(b" <", _BLOCK_TAG.sub(b"\n<", data)))


def _main_container(tree: LexborHTMLParser) -> tuple[LexborNode, bool]:
    found = tree.css_first("main") or tree.css_first("[role=main i]")
    if found is not None:
        return found, False
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0], False
    for element in tree.css("body [id], body [class]"):  # document order
        attributes = element.attributes
        names = [attributes.get("id") or "", *(attributes.get("class") or "").split()]
        if any(_CONTENT_NAME.match(name) for name in names):
            return element, False
    body = tree.body
    return (body if body is not None else tree.root), True  # type: ignore[return-value]


def _drop_chrome(container: LexborNode, include_site_chrome: bool) -> None:
    doomed = container.css(f"{_ALWAYS_DROP}, {_CHROME_TAGS}" if include_site_chrome else _ALWAYS_DROP)
    for element in container.css(_ATTRIBUTE_SELECTOR):
        attributes = element.attributes
        if (
            (attributes.get("role") or "").lower() in _CHROME_ROLES
            or (attributes.get("aria-hidden") or "").lower() == "true"
            or (
                element.tag not in _KEPT_CONTAINERS
                and _is_chrome_name(f"{attributes.get('id') or ''} {attributes.get('class') or ''}")
            )
        ):
            doomed.append(element)
    container_id = container.mem_id
    for element in doomed:
        # Removing only unlinks (the document keeps the memory), so an element inside one
        # already removed, or listed twice, is safe to remove again.
        if element.mem_id != container_id:
            element.decompose()


def _is_chrome_name(names: str) -> bool:
    verdict = _chrome_verdicts.get(names)
    if verdict is None:
        if len(_chrome_verdicts) > 50_000:
            _chrome_verdicts.clear()
        verdict = _chrome_verdicts[names] = _CHROME_NAME.search(names) is not None
    return verdict


def _block_text(container: LexborNode) -> str:
    text = container.text(deep=True)
    for space in _OTHER_SPACES:
        if space in text:
            text = text.replace(space, " ")
    # One block per line; blank lines are only the source's indentation.
    text = "\n".join(filter(None, map(str.strip, text.splitlines())))
    while "  " in text:  # runs of spaces inside a line: a few C passes, where a regex took ms
        text = text.replace("  ", " ")
    return normalise_text(text)


def _clean(text: str) -> str:
    return " ".join(text.split())
