"""The main content of an HTML page: the one element whose text is the page's text.

A page holds its body among menus, banners, teasers and footers; the archive wants the body
alone, so that a site-wide footer line never ends up in every document's text. This module
takes the steps in order: drop what is never content and weigh the paragraphs
(``pipelines.html_weights``), drop hidden elements and chrome (``pipelines.html_chrome``),
then choose the container.

The container is the smallest element holding the dense blocks (the densest block and every
block at least 45% as heavy); if it holds less than 30% of the page's paragraph text, the body
is spread thinner than that (one paragraph per wrapper) and the container widens until it
does, rather than silently losing the rest. So the content is never chosen by a name alone: an
empty ``#main``, a menu in ``div.primary``, a promo ``<main>`` before the real one weigh
nothing. Inside the container, the dense blocks are kept whole (a list of documents between two
paragraphs is content); around them, a branch whose words are more than a third link words
(related articles, tags, bylines, "more videos") is dropped. A page with no paragraph text at
all reads as its ``<main>``, ``<article>`` or content-named element with the most words, else
its body, chrome dropped.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from pipelines.html_chrome import ALWAYS_DROP, chrome, hidden
from pipelines.html_weights import common_ancestor, weigh

_CONTENT_NAME = re.compile(r"^(content|main|contenu|main-content|page-content|primary)$", re.I)
_LINK_DENSE = 0.35  # outside the dense blocks, a branch with more link words than this share goes
_KEPT = 0.3  # the container widens until it holds this share of the page's paragraph text


def main_content(root: LexborNode) -> LexborNode:
    """Drop what is never content, then take the container of the page's densest paragraphs.

    The tree is changed in place: what is dropped is removed from it.
    """
    _remove(root.css(ALWAYS_DROP), root)
    weights = weigh(root)
    blocks = weights.dense_blocks()
    removed = hidden(root, weights) + chrome(root, weights, blocks[0] if blocks else None)
    _remove(removed, root)
    weights.without(removed)
    blocks = weights.dense_blocks()
    if not blocks:  # no paragraph text to weigh: the page's own declaration, else the body
        return _declared_container(root)
    container = common_ancestor(blocks, weights)
    least = _KEPT * weights.mass.get(root.mem_id, 0)
    while weights.mass.get(container.mem_id, 0) < least and container.parent is not None:
        container = container.parent  # the body is spread thinner than the dense blocks: widen
    _remove(_link_lists(container, blocks), container)
    return container


def _remove(elements: list[LexborNode], root: LexborNode) -> None:
    root_id = root.mem_id
    for element in elements:
        # Removing only unlinks (the document keeps the memory), so an element inside one
        # already removed, or listed twice, is safe to remove again.
        if element.mem_id != root_id:
            element.decompose()


def _link_lists(container: LexborNode, blocks: list[LexborNode]) -> list[LexborNode]:
    """Link lists around the dense blocks (related articles, tags, "more videos", bylines).

    The dense blocks are kept whole (a list of documents between two paragraphs is content);
    the rest of the container is weighed by branch: one whose words are mostly link words
    goes.
    """
    kept = {block.mem_id for block in blocks}
    stop = container.mem_id
    if stop in kept:
        return []
    spine: set[int] = set()
    for block in blocks:
        node = block.parent
        while node is not None and node.mem_id not in spine:
            spine.add(node.mem_id)
            if node.mem_id == stop:
                break
            node = node.parent
    doomed = []
    branches = [container]
    while branches:
        for child in branches.pop().iter(include_text=False):
            key = child.mem_id
            if key in kept:
                continue
            if key in spine:
                branches.append(child)
                continue
            if child.tag == "a" or _link_dense(child):
                doomed.append(child)
    return doomed


def _link_dense(element: LexborNode) -> bool:
    words = len(element.text().split())
    return bool(words) and sum(len(link.text().split()) for link in element.css("a")) > _LINK_DENSE * words


def _declared_container(root: LexborNode) -> LexborNode:
    """With no paragraph text to weigh: of ``<main>``, ``<article>`` and the elements whose id or
    class says content, the one with the most words (an empty ``#main`` is not the content);
    else the body."""
    best, most = root, 0
    for element in root.css("main, [role=main i], article, [id], [class]"):
        if (
            element.tag not in ("main", "article")
            and (element.attributes.get("role") or "").lower() != "main"
        ):
            attributes = element.attributes
            names = [attributes.get("id") or "", *(attributes.get("class") or "").split()]
            if not any(_CONTENT_NAME.match(name) for name in names):
                continue
        words = len(element.text().split())
        if words > most:
            best, most = element, words
    return best
