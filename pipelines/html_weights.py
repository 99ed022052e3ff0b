"""Paragraph weights of an HTML tree: where a page's text is, measured once.

What counts as main content is the page's paragraph text, weighed. A paragraph is a ``<p>`` or
``<pre>``, or text written straight in a ``<div>``, cell or ``<br>``-broken element, counted in
characters outside its links (under 20 it weighs nothing). Each element's own paragraphs make
it a block; the densest block (its own paragraphs, plus half its children's) is the heart of
the body, and every block at least 45% as heavy is part of it (a body split by an image or an
advert). Chrome dropping (``pipelines.html_chrome``) and the choice of the container
(``pipelines.html_main_content``) both read these weights, so the tree is weighed once and the
weights of removed elements are taken out rather than weighed again.

Only the paragraphs, their ancestors and their links are visited from Python; their text is
read by Lexbor in C.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

_PARAGRAPHS = "p, pre"
_LOOSE_TEXT = "div, td, section, article, main"  # text written straight in them, between <br>s
_PARAGRAPH_TAGS = frozenset({"p", "pre"})
_MIN_PARAGRAPH = 20  # characters outside links; shorter ones (dates, bylines, buttons) weigh nothing
_DENSE = 0.45  # a block with this share of the densest one's paragraph text is part of the body


@dataclass(slots=True)
class Weights:
    """Paragraph text (characters outside links) under each element, keyed by ``mem_id``."""

    mass: dict[int, int]  # all of it
    own: dict[int, int]  # in the element's own paragraphs: its children, or straight in it
    score: dict[int, float]  # own, and half of its children's own
    nodes: dict[int, LexborNode]
    up: dict[int, int | None]  # each weighed element's parent

    def without(self, removed: list[LexborNode]) -> None:
        """Take out the weight of the blocks inside ``removed`` elements (no second weighing)."""
        gone = {element.mem_id for element in removed}
        mass, own, score, up = self.mass, self.own, self.score, self.up
        for key in [key for key in own if self._inside(key, gone)]:
            weight = own.pop(key)
            score[key] = score.get(key, 0) - weight
            parent_key = up.get(key)
            if parent_key is not None:
                score[parent_key] = score.get(parent_key, 0) - weight / 2
            node_key: int | None = key
            while node_key is not None:
                mass[node_key] = mass.get(node_key, 0) - weight
                node_key = up.get(node_key)
        for key in [key for key in score if self._inside(key, gone)]:
            del score[key]

    def _inside(self, key: int | None, gone: set[int]) -> bool:
        up = self.up
        while key is not None:
            if key in gone:
                return True
            key = up.get(key)
        return False

    def dense_blocks(self) -> list[LexborNode]:
        """The densest block (best score), and those whose own text is ``_DENSE`` of its own."""
        if not self.score:
            return []
        best = max(self.score, key=self.score.__getitem__)
        least = _DENSE * self.own.get(best, 0)
        return [self.nodes[best]] + [
            self.nodes[key] for key, own in self.own.items() if own >= least and key != best
        ]


def weigh(root: LexborNode) -> Weights:
    """Weigh the paragraphs: where the body of a page is, comments and teasers are small blocks.

    A paragraph is a ``<p>`` or ``<pre>``, or text written straight in a ``<div>`` (or cell,
    section, or whatever holds ``<br>``s); one shorter than ``_MIN_PARAGRAPH`` outside its
    links weighs nothing. Each paragraph's weight goes to its block (the ``<p>``'s parent, the
    ``<div>`` itself), then each block's to its ancestors: one walk up per block.
    """
    weights = Weights({}, {}, {}, {}, {})
    own, nodes = weights.own, weights.nodes
    link_text: dict[int, int] = {}
    for link in root.css("p a, pre a"):
        paragraph = link.parent
        while paragraph is not None and paragraph.tag not in _PARAGRAPH_TAGS:
            paragraph = paragraph.parent
        if paragraph is not None:
            key = paragraph.mem_id
            link_text[key] = link_text.get(key, 0) + len(link.text().strip())
    for paragraph in root.css(_PARAGRAPHS):
        weight = len(paragraph.text().strip()) - link_text.get(paragraph.mem_id, 0)
        block = paragraph.parent
        if weight >= _MIN_PARAGRAPH and block is not None:
            key = block.mem_id
            own[key] = own.get(key, 0) + weight
            nodes[key] = block
    loose = {element.mem_id: element for element in root.css(_LOOSE_TEXT)}
    for line_break in root.css("br"):
        parent = line_break.parent
        if parent is not None:
            loose[parent.mem_id] = parent
    for key, element in loose.items():
        weight = len(element.text(deep=False).strip())
        if weight >= _MIN_PARAGRAPH:
            own[key] = own.get(key, 0) + weight
            nodes[key] = element
    # Each ancestor is looked up once; then the weights go up the tree deepest first.
    up, depth = weights.up, {}
    for key in own:
        walk = []
        node_key: int | None = key
        node = nodes[key]
        while node_key is not None and node_key not in up:
            walk.append(node_key)
            parent = node.parent
            up[node_key] = node_key = parent.mem_id if parent is not None else None
            if parent is not None:
                nodes.setdefault(node_key, parent)  # type: ignore[arg-type]
                node = parent
        for node_key in reversed(walk):
            parent_key = up[node_key]
            depth[node_key] = depth[parent_key] + 1 if parent_key is not None else 0
    mass, score = weights.mass, weights.score
    mass.update(own)
    for key in sorted(depth, key=depth.__getitem__, reverse=True):
        parent_key = up[key]
        if parent_key is not None and key in mass:
            mass[parent_key] = mass.get(parent_key, 0) + mass[key]
    for key, weight in own.items():
        score[key] = score.get(key, 0) + weight
        parent_key = up[key]
        if parent_key is not None:  # the block's parent: half its weight
            score[parent_key] = score.get(parent_key, 0) + weight / 2
    return weights


def common_ancestor(blocks: list[LexborNode], weights: Weights) -> LexborNode:
    """The smallest element holding every block, found on the weighed elements' parent links."""
    up = weights.up
    common = _key_path(blocks[0].mem_id, up)
    for block in blocks[1:]:
        path = _key_path(block.mem_id, up)
        depth = 0
        for mine, theirs in zip(common, path, strict=False):
            if mine != theirs:
                break
            depth += 1
        common = common[:depth]
    return weights.nodes[common[-1]] if common else blocks[0]


def _key_path(key: int | None, up: dict[int, int | None]) -> list[int]:
    path = []
    while key is not None:
        path.append(key)
        key = up.get(key)
    return path[::-1]
