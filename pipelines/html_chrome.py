"""What an HTML page shows besides its content: hidden elements and the site's chrome.

Before weighing: scripts, styles, forms' controls and the like are dropped (``ALWAYS_DROP``).
After weighing, so is what a reader never sees (``hidden``, ``aria-hidden="true"``,
``display:none``, ``visibility:hidden``), unless it wraps nearly the whole page (a page a script
reveals). Then the chrome: ``nav``, ``aside``, ``form``, ``footer`` and site ``header`` tags (a
``<header>`` inside an ``<article>`` or ``<main>`` is its own title), ARIA navigation roles,
and ids or classes naming menus, breadcrumbs, headers, footers, sidebars, cookie banners, share
bars, comments, related or promoted articles, adverts.

None that wraps nearly the whole page is chrome; nor is a ``<form>`` or an element with a
layout name (sidebar, header, menu...) that holds the page's densest block and most of its
paragraph text, unless it lies outside ``<main>``: a body inside ``<div class="article-
header">`` or ``<div class="l-sidebar-fixed">`` stays. So the content is never lost to a name
alone; the weights that decide it come from ``pipelines.html_weights``.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from pipelines.html_weights import Weights

ALWAYS_DROP = "script, style, noscript, template, svg, iframe, button, select, textarea, object, embed"
# Chrome by tag, role or name; never when it wraps nearly the whole page, nor (layout names and
# forms) when it holds the densest block and most of the paragraph text (see chrome).
_CHROME_TAGS = "nav, aside, header, footer, form"
_SITE_CHROME_TAGS = frozenset({"header"})  # inside an article or main: its own title, kept
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# One selector for every element an attribute may condemn; the values are checked in Python,
# which is cheaper than Lexbor's case-insensitive attribute-value selectors.
_ATTRIBUTE_SELECTOR = "[id], [class], [role]"
_HIDDEN_SELECTOR = "[hidden], [aria-hidden], [style*=none i], [style*=hidden i]"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Names of chrome: layout names (a page may wrap its body in a "sidebar" or "header" layout
# class) and names of what is never the content (cookie banners, share bars, comments).
_LAYOUT_NAME = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|fil-ariane|ariane|footer|pied|header|"
    r"en-tete|entete|sidebar)($|[\s_-])",
    re.I,
)
_NEVER_CONTENT_NAME = re.compile(
    r"(^|[\s_-])(cookies?|rgpd|tarteaucitron|skip|evitement|social|share|partage|newsletter|"
    r"comments?|commentaires?|related|recommended|promo|outbrain|taboola|ads?|advert|"
    r"advertisement|pub|publicite|sharing|subscribe|popular|trending)($|[\s_-])",
    re.I,
)
_KEPT_CONTAINERS = frozenset({"body", "main", "article"})  # never dropped for role, id or class
_MOST = 0.5  # "most of the page's paragraph text"
_WHOLE_PAGE = 0.9  # an element holding this much wraps the page: never hidden, never chrome
# Class and id values repeat across a site's pages: each one's verdict is kept (bounded).
_chrome_verdicts: dict[str, int] = {}
_NOT_CHROME, _LAYOUT, _NEVER_CONTENT = 0, 1, 2


def hidden(root: LexborNode, weights: Weights) -> list[LexborNode]:
    """Elements a reader never sees, unless one holds the whole page (a page a script reveals)."""
    total = weights.mass.get(root.mem_id, 0)
    found = []
    for element in root.css(_HIDDEN_SELECTOR):
        attributes = element.attributes
        if (
            "hidden" in attributes
            or (attributes.get("aria-hidden") or "").lower() == "true"
            or _HIDDEN_STYLE.search(attributes.get("style") or "")
        ) and (not total or weights.mass.get(element.mem_id, 0) < _WHOLE_PAGE * total):
            found.append(element)
    return found


def chrome(root: LexborNode, weights: Weights, densest: LexborNode | None) -> list[LexborNode]:
    """Menus, headers, footers, sidebars, banners, comments: by tag, ARIA role or id/class name.

    None that wraps (nearly) the whole page's paragraph text is chrome. Nor is an element
    with a layout name ("sidebar", "header"...) that holds the page's densest block and most
    of its paragraph text, unless it lies outside the page's ``<main>``: the body inside
    ``<div class="article-header">`` or ``<div class="l-sidebar-fixed">``. A ``<header>``
    inside an ``<article>`` or ``<main>`` is that content's own title.
    """
    mass = weights.mass
    total = mass.get(root.mem_id, 0)
    wrapper = _WHOLE_PAGE * total if total else 1  # with no paragraph text, nothing is a wrapper
    body: set[int] = set()
    if densest is not None and mass.get(densest.mem_id, 0) > 0:
        main = root.css_first("main, [role=main i]")
        body = _ancestors(densest)
        if main is not None and main.mem_id not in body:  # the densest block is outside <main>
            body = set()
    found = []
    for element in root.css(_CHROME_TAGS):
        weight = mass.get(element.mem_id, 0)
        if (
            weight < wrapper
            and not (element.tag in _SITE_CHROME_TAGS and _inside_content(element))
            # A whole-page <form> (ASP.NET pages) holds the body like a layout class may.
            and not (element.tag == "form" and element.mem_id in body and weight > _MOST * total)
        ):
            found.append(element)
    for element in root.css(_ATTRIBUTE_SELECTOR):
        if element.tag in _KEPT_CONTAINERS:  # never dropped for their role, id or class
            continue
        attributes = element.attributes
        verdict = (
            _NEVER_CONTENT
            if (attributes.get("role") or "").lower() in _CHROME_ROLES
            else _chrome_name(f"{attributes.get('id') or ''} {attributes.get('class') or ''}")
        )
        weight = mass.get(element.mem_id, 0)
        if (verdict == _NEVER_CONTENT and weight < wrapper) or (
            verdict == _LAYOUT
            and weight < wrapper
            and not (element.mem_id in body and weight > _MOST * total)
        ):
            found.append(element)
    return found


def _ancestors(element: LexborNode) -> set[int]:
    found = set()
    node: LexborNode | None = element
    while node is not None:
        found.add(node.mem_id)
        node = node.parent
    return found


def _inside_content(element: LexborNode) -> bool:
    node = element.parent
    while node is not None:
        if node.tag in ("article", "main"):
            return True
        node = node.parent
    return False


def _chrome_name(names: str) -> int:
    verdict = _chrome_verdicts.get(names)
    if verdict is None:
        if len(_chrome_verdicts) > 50_000:
            _chrome_verdicts.clear()
        verdict = _chrome_verdicts[names] = (
            _NEVER_CONTENT
            if _NEVER_CONTENT_NAME.search(names)
            else _LAYOUT
            if _LAYOUT_NAME.search(names)
            else _NOT_CHROME
        )
    return verdict
