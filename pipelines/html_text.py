"""Main text and title of an HTML page: decoding, parsing, and the text of the chosen block.

Decoding uses BeautifulSoup's UnicodeDammit (declared charset first, then the document's own
declaration, then detection, since Latin-1 and windows-1252 pages still exist). Parsing uses
selectolax's Lexbor parser: an HTML5 parser (it builds the tree a browser builds, so broken
markup needs no rescue path) whose CSS selectors run in C; it parses a 200 KB page in half
lxml's time (1.7 ms against 3.3 on the benchmark machine). Weighing and choosing the content
visit only the paragraphs, their ancestors and the id/class-bearing elements from Python; the
text itself is always read by Lexbor in C.

Which element is the main content is decided in ``pipelines.html_main_content`` (paragraph
weights in ``pipelines.html_weights``, hidden elements and chrome in ``pipelines.html_chrome``);
this module reads that element's text and the page's title.

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

from pipelines.html_main_content import main_content
from pipelines.textnorm import normalise_text

# Undeclared pages: valid UTF-8 is UTF-8, anything else is windows-1252. Statistical detectors
# (chardet, charset-normalizer) read short French texts as Central European code pages
# ("cśur" for "cœur"), so they only get a say when these two fail.
FRENCH_FALLBACKS = ["utf-8", "windows-1252"]
# Per the WHATWG encoding standard, browsers decode these labels as windows-1252.
_WINDOWS_1252_ALIASES = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii"}
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
    root = tree.body if tree.body is not None else tree.root
    container = main_content(root)  # type: ignore[arg-type]
    h1 = container.css_first("h1") or tree.css_first("h1")
    h1_text = _clean(h1.text()) if h1 is not None else ""
    return HtmlText(title=h1_text or page_title or None, text=_block_text(container), encoding=encoding)


def _parse(body: bytes, markup: str, encoding: str) -> LexborHTMLParser:
    """Lexbor reads UTF-8 bytes: the original bytes when they are UTF-8, else the decoded text's."""
    utf8 = encoding.lower() in ("utf-8", "ascii")
    data = body.removeprefix(_UTF8_BOM) if utf8 else markup.encode("utf-8")
    return LexborHTMLParser(_CELL_TAG.sub(b" <", _BLOCK_TAG.sub(b"\n<", data)))


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
