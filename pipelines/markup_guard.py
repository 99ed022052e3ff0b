"""Keep hostile HTML from costing more than its size: flatten markup nested too deep.

An HTML5 parser checks its stack of open elements at every tag, so the time to parse grows
with the square of the nesting depth: Lexbor takes about 0.1 s for 10,000 nested ``<div>``,
0.45 s for 20,000 and over a minute for the 100,000 of a 1 MB hostile page, while the same
bytes laid flat parse in a millisecond. No real page nests more than a few dozen levels.

``tame_markup`` is run before every parse of a fetched page, in the crawl's reactor thread
(the link finder) and in the extraction workers (the page's text). Pages with few tags pass
untouched at the cost of one ``str.count`` (their depth cannot exceed their tag count); others
get their nesting measured in one linear scan, and those deeper than ``max_depth`` are
flattened: scripts and styles dropped, block tags turned into ``<br>`` (a void element),
links, ``<area>``, ``<base>`` and ``<title>`` kept, every other tag removed. The flat page keeps
its text, line structure and links, and parses in linear time; its main-content choice is lost
(it reads as one body), which is the right trade for a page that is broken or hostile.
"""

from __future__ import annotations

import re

DEFAULT_MAX_DEPTH = 512  # VIGIE_HTML_MAX_DEPTH
# Below this many "<", a page cannot nest deep enough to matter (Lexbor: ~5 ms at 2,000 levels).
_SCAN_FROM = 2_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
# Elements that never hold others, or that the parser closes by itself when the next one
# starts: counting them would take a page of unclosed <p> or <li> for a deep one.
_NOT_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rt",
        "rp",
    ]
)
_RAW_TEXT = re.compile(r"<(script|style|template|noscript|textarea|xmp)\b", re.I)
_CLOSE = {
    name: re.compile(f"</{name}", re.I)
    for name in ["script", "style", "template", "noscript", "textarea", "xmp"]
}
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>?")
_KEPT = frozenset({"a", "area", "base", "title"})
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "dl",
        "hr",
        "address",
        "figure",
        "figcaption",
        "caption",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
    ]
)


def nesting_depth(markup: str, stop_above: int) -> int:
    """The deepest nesting of elements in ``markup``, counted until it passes ``stop_above``.

    Counted the way an HTML parser builds its tree: an end tag closes the nearest open element
    of its name (and those opened inside it), and an end tag with no open element of its name
    closes nothing: a page of ``<div></i>`` repeated nests as deep as its ``<div>``. Comments
    are skipped. Each element is opened and closed once: linear in the page.
    """
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    for match in _TAG.finditer(_without_comments(markup)):
        name = match.group(2).lower()
        if name in _NOT_NESTING:
            continue
        if not match.group(1):
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest > stop_above:
                    break
        elif open_count.get(name):
            while stack:
                closed = stack.pop()
                open_count[closed] -= 1
                if closed == name:
                    break
    return deepest


def _without_comments(markup: str) -> str:
    """``markup`` without its ``<!-- … -->`` comments, in one pass (an unclosed one runs to the end)."""
    if "<!--" not in markup:
        return markup
    parts: list[str] = []
    position = 0
    while (start := markup.find("<!--", position)) != -1:
        parts.append(markup[position:start])
        end = markup.find("-->", start + 4)
        if end == -1:
            position = len(markup)
            break
        position = end + 3
    parts.append(markup[position:])
    return " ".join(parts)


def has_tags_enough(markup: str | bytes, max_depth: int = DEFAULT_MAX_DEPTH) -> bool:
    """Whether ``markup`` has tags enough to nest deeper than ``max_depth`` (one C count)."""
    count = markup.count(b"<") if isinstance(markup, bytes) else markup.count("<")
    return count > max(_SCAN_FROM, max_depth)


def is_too_deep(markup: str, max_depth: int = DEFAULT_MAX_DEPTH) -> bool:
    return has_tags_enough(markup, max_depth) and nesting_depth(markup, max_depth) > max_depth


def flatten_markup(markup: str) -> str:
    """The page with no nesting left: its text, line breaks and links (see the module doc)."""
    return _ANY_TAG.sub(_flat_tag, _without_raw_text(markup))


def tame_markup(markup: str, max_depth: int = DEFAULT_MAX_DEPTH) -> tuple[str, bool]:
    """``markup`` as it is, or flattened when nested deeper than ``max_depth``; and whether it was."""
    if is_too_deep(markup, max_depth):
        return flatten_markup(markup), True
    return markup, False


def _flat_tag(match: re.Match[str]) -> str:
    name = match.group(2).lower()
    if name in _KEPT:
        return match.group(0) if match.group(0).endswith(">") else match.group(0) + ">"
    return "<br>" if name in _BLOCKS else " "


def _without_raw_text(markup: str) -> str:
    """``markup`` without the content of scripts, styles and the like, in one pass.

    Each element is searched for its end tag from where it starts, and the next one from
    where that ends: linear however many unclosed ``<script>`` a page holds.
    """
    parts: list[str] = []
    position = 0
    while (found := _RAW_TEXT.search(markup, position)) is not None:
        parts.append(markup[position : found.start()])
        close = _CLOSE[found.group(1).lower()].search(markup, found.end())
        if close is None:
            position = len(markup)
            break
        end = markup.find(">", close.end())
        position = len(markup) if end == -1 else end + 1
    parts.append(markup[position:])
    return " ".join(parts)
