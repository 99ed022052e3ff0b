"""Main text and title of an HTML page.

Decoding uses BeautifulSoup's UnicodeDammit (declared charset first, then the document's own
declaration, then detection, since Latin-1 and windows-1252 pages still exist). Parsing uses
lxml directly, which is an order of magnitude faster than building a BeautifulSoup tree; only
markup that lxml cannot make sense of goes through BeautifulSoup's lxml parser to be rescued.

What counts as main content: ``<main>`` (or ``role="main"``), else a single ``<article>``, else
a container whose id or class says content, else ``<body>``. Navigation, asides, scripts and
forms are dropped; site chrome (headers, footers, menus, breadcrumbs, cookie banners, share
buttons) is dropped by tag, ARIA role and id/class name, so that a site-wide footer line never
ends up in every document's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from bs4 import UnicodeDammit
from lxml import etree

from pipelines.textnorm import normalise_text

# Undeclared pages: valid UTF-8 is UTF-8, anything else is windows-1252. Statistical detectors
# (chardet, charset-normalizer) read short French texts as Central European code pages
# ("cśur" for "cœur"), so they only get a say when these two fail.
FRENCH_FALLBACKS = ["utf-8", "windows-1252"]
# Per the WHATWG encoding standard, browsers decode these labels as windows-1252.
_WINDOWS_1252_ALIASES = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii"}
_ALWAYS_DROP = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
]
_CHROME_TAGS = ["header", "footer"]
_CHROME_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search")
_CHROME_NAME = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|fil-ariane|ariane|footer|pied|header|"
    r"en-tete|entete|sidebar|cookies?|rgpd|tarteaucitron|skip|evitement|social|share|partage|"
    r"newsletter)($|[\s_-])",
    re.I,
)
_CONTENT_NAME = re.compile(r"^(content|main|contenu|main-content|page-content|primary)$", re.I)
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "main", "blockquote", "pre", "dt", "dd", "dl", "hr", "address",
    "figure", "figcaption", "td", "th", "caption", "header", "footer",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")


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
    root = _parse(markup)
    page_title = _clean(root.findtext(".//title") or "")
    container, is_body = _main_container(root)
    _drop_chrome(container, include_site_chrome=is_body)
    h1 = container.find(".//h1")
    if h1 is None:
        h1 = root.find(".//h1")
    h1_text = _clean(h1.text_content()) if h1 is not None else ""
    return HtmlText(title=h1_text or page_title or None, text=_block_text(container), encoding=encoding)


def _parse(markup: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that carries an XML encoding declaration.
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    try:
        root = lxml.html.document_fromstring(markup)
        if root.find(".//body") is not None or not markup.strip():
            return root
    except (etree.ParserError, ValueError):
        pass
    from bs4 import BeautifulSoup  # rescue path only: slow, but copes with broken markup

    return lxml.html.document_fromstring(str(BeautifulSoup(markup, "lxml")) or "<html></html>")


def _main_container(root: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, bool]:
    for xpath in ("//main", "//*[@role='main']"):
        found = root.xpath(xpath)
        if found:
            return found[0], False
    articles = root.xpath("//article")
    if len(articles) == 1:
        return articles[0], False
    for element in root.xpath("//body//*[@id or @class]"):
        names = [element.get("id", ""), *element.get("class", "").split()]
        if any(_CONTENT_NAME.match(name) for name in names):
            return element, False
    body = root.find(".//body")
    return (body if body is not None else root), True


def _drop_chrome(container: lxml.html.HtmlElement, include_site_chrome: bool) -> None:
    doomed = container.xpath(".//" + " | .//".join(_ALWAYS_DROP))
    role_test = " or ".join(f"@role='{role}'" for role in _CHROME_ROLES)
    doomed += container.xpath(f".//*[{role_test}] | .//*[@aria-hidden='true']")
    if include_site_chrome:
        doomed += container.xpath(".//" + " | .//".join(_CHROME_TAGS))
    for element in container.xpath(".//*[@id or @class]"):
        names = f"{element.get('id', '')} {element.get('class', '')}"
        if _CHROME_NAME.search(names) and element.tag not in ("body", "main", "article"):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def _block_text(container: lxml.html.HtmlElement) -> str:
    for element in container.iter(*_BLOCKS):  # lxml filters the tags in C
        separator = " " if element.tag in ("td", "th") else "\n"
        element.tail = separator + (element.tail or "")
    # One regex pass over the whole text, not one per line: a long page has thousands of lines.
    lines = (line.strip() for line in _SPACES.sub(" ", container.text_content()).splitlines())
    # One block per line; blank lines are only the source's indentation.
    return normalise_text("\n".join(line for line in lines if line))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", " ".join(text.split())).strip()
