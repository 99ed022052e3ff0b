"""A document's mentions grouped by passage, for its page: a sentence that names cameras three
times, or cameras and a drone, is shown once with its three mentions marked, not three times.

Mentions (in text order) share a passage when each starts within two context widths of the
previous one's end, in the same act, and the passage stays readable (``PASSAGE_MAX_CHARS``).
The passage is cut from the document's text around them, with every mention's words marked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

# As ``pipelines.tagging.sentences.CONTEXT_CHARS``: a mention's stored context reaches this far on
# each side; two mentions closer than twice that share words of context.
CONTEXT_CHARS = 150
PASSAGE_MAX_CHARS = 900
_SPACES = re.compile(r"\s+")


class MentionLike(Protocol):
    category: str
    term: str
    matched: str
    context: str
    page: int | None
    stance: str | None
    act: str | None
    act_id: int | None
    start: int
    end: int


@dataclass(slots=True)
class PassageGroup:
    """One passage and the mentions in it; ``parts`` are its pieces, True for a mention's words."""

    mentions: list[MentionLike]
    parts: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(mention.category for mention in self.mentions))

    @property
    def terms(self) -> list[str]:
        return list(dict.fromkeys(mention.term for mention in self.mentions))

    @property
    def first(self) -> MentionLike:
        return self.mentions[0]

    @property
    def stance(self) -> str | None:
        return next((mention.stance for mention in self.mentions if mention.stance), None)


def group_mentions(text: str, mentions: Sequence[MentionLike]) -> list[PassageGroup]:
    groups: list[PassageGroup] = []
    for mention in sorted(mentions, key=lambda found: (found.start, found.end)):
        last = groups[-1] if groups else None
        if last is not None and _joins(last, mention):
            last.mentions.append(mention)
        else:
            groups.append(PassageGroup([mention]))
    for group in groups:
        group.parts = _parts(text, group.mentions)
    return groups


def _joins(group: PassageGroup, mention: MentionLike) -> bool:
    reach = max(found.end for found in group.mentions)
    return (
        mention.act_id == group.first.act_id
        and mention.start - reach <= 2 * CONTEXT_CHARS
        and mention.end - group.first.start <= PASSAGE_MAX_CHARS
    )


def _parts(text: str, mentions: list[MentionLike]) -> list[tuple[str, bool]]:
    """The passage around ``mentions`` in ``text``; their stored context when the text does not
    hold their words at their offsets (an archive whose text was read again since)."""
    if not all(_squeezed(text[m.start : m.end]) == _squeezed(m.matched) for m in mentions):
        return _context_parts(mentions[0])
    start = _word_start(text, max(0, mentions[0].start - CONTEXT_CHARS))
    end = _word_end(text, min(len(text), max(m.end for m in mentions) + CONTEXT_CHARS))
    parts: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    cursor = start
    for mention in mentions:
        if mention.end <= cursor:  # inside a mention already marked
            continue
        begin = max(mention.start, cursor)
        parts += [(_spaced(text[cursor:begin]), False), (_spaced(text[begin : mention.end]), True)]
        cursor = mention.end
    parts.append((_spaced(text[cursor:end]) + ("…" if end < len(text) else ""), False))
    return [part for part in parts if part[0]]


def _context_parts(mention: MentionLike) -> list[tuple[str, bool]]:
    context = mention.context
    words = mention.matched.split()
    found = re.search(r"\s+".join(map(re.escape, words)), context) if words else None
    if found is None:
        return [(context, False)]
    return [(context[: found.start()], False), (found.group(), True), (context[found.end() :], False)]


def _word_start(text: str, index: int) -> int:
    if index == 0 or text[index - 1].isspace():
        return index
    space = text.find(" ", index, index + 30)
    return space + 1 if space != -1 else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text) or text[index].isspace():
        return index
    space = text.rfind(" ", max(0, index - 30), index)
    return space if space != -1 else index


def _spaced(part: str) -> str:
    return _SPACES.sub(" ", part)


def _squeezed(words: str) -> str:
    return "".join(words.split()).casefold()
