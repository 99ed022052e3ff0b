"""What every record reader shares: a value with its span (``Found``), the decision's part of an
act (its first article), and the French words a date or a phrase is made of."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

GAP = r"[\s ]+"  # words of one phrase may be split by a line wrap


@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    start: int
    end: int


_ARTICLE_ONE = re.compile(r"^\s*Art(?:icle|\.)?\s*(?:1|1er|premier)\b", re.IGNORECASE | re.MULTILINE)
_NEXT_ARTICLE = re.compile(r"^\s*Art(?:icle|\.)?\s*(?:2|II)\b", re.IGNORECASE | re.MULTILINE)


def decision_part(text: str) -> tuple[int, int]:
    """Where the decision itself is written: the first article (after "ARRÊTE", "DÉCIDE"…),
    else the whole text. Counts and beneficiaries read there are the act's, not its recitals'."""
    first = _ARTICLE_ONE.search(text)
    if first is None:
        return 0, len(text)
    following = _NEXT_ARTICLE.search(text, first.end())
    return first.start(), following.start() if following else len(text)


# The State's identifier of an act in a prefecture's recueil: département-year-month-day-sequence
# ("72-2025-01-22-00013", Corsica's "2A-…").
STATE_ACT_ID = r"(?:\d{2,3}|2[AB])-\d{4}-\d{2}-\d{2}-\d{5}"
# A sentence, or a line (a heading or a title is a unit of its own); a number's full stop does not
# end it ("un marché inférieur à 80.000€").
SENTENCE = re.compile(r"[^\s.!?](?:[^.!?\n]|\.(?=\d))*(?:[.!?]+|\n|$)")


def sentence_end(text: str, start: int) -> int:
    stop = re.compile(r"\.(?:\s|$)").search(text, start)
    return stop.end() if stop else len(text)


def sentence_in_line(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, cut at line breaks too: a heading ("CONVENTION")
    or a stored web page's paragraph is a unit of its own even without a full stop."""
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    line_end = text.find("\n", end)
    return before, min(sentence_end(text, end), line_end if line_end >= 0 else len(text))
