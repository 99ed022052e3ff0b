"""Sentences, pages and contexts in a document's (folded) text, for the tagger and its stance."""

from __future__ import annotations

import re

CONTEXT_CHARS = 150  # on each side: about 300 characters of context
SENTENCE_LIMIT = 400
SHORT_LOOK_BACK = 120
_SENTENCE_END = re.compile(r"[.!?;]\s|\n\s*\n")


def sentence_bounds(
    folded_text: str, start: int, end: int, ends: re.Pattern[str] = _SENTENCE_END
) -> tuple[int, int]:
    """The sentence around ``start:end``, at most ``SENTENCE_LIMIT`` characters each side."""
    lower = max(0, start - SENTENCE_LIMIT)
    sentence_start = lower
    # Most sentences are short: look back a little first, and the whole limit only when no
    # sentence ends there (the last end found is the same either way).
    for reach in (SHORT_LOOK_BACK, SENTENCE_LIMIT):
        last = None
        for found in ends.finditer(folded_text, max(lower, start - reach), start):
            last = found
        if last is not None:
            sentence_start = last.end()
            break
    after = ends.search(folded_text, end, end + SENTENCE_LIMIT)
    upper = after.start() + 1 if after else min(len(folded_text), end + SENTENCE_LIMIT)
    return sentence_start, upper


def page_offsets(text: str) -> list[int]:
    """Offsets where each page starts, when the text has page separators; else []."""
    if "\f" not in text:
        return []
    starts = [0]
    position = text.find("\f")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\f", position + 1)
    return starts


def context_around(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """About ``2 * chars`` characters around a match, cut at word boundaries, on one line."""
    left, right = max(0, start - chars), min(len(text), end + chars)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")
