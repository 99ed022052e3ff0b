"""How an act was voted: the counts, whether unanimously, and what was decided.

Once a document is cut into acts, each act's text is read for what it states of its vote
("Pour : 44 / Contre : 8 / Abstentions : 2", "3 abstentions 8 votes pour") and its decision
("Adopté à l'unanimité", "Le Conseil adopte", "après en avoir délibéré, APPROUVE…"). What the
text does not state stays None: no vote is guessed.

A document's acts are read together (``OutcomeCues``): the lines that may state a vote or a
decision, and the places where "après en avoir délibéré" may start, are found once over the
whole text, and each act tries its patterns there only, with the act's end as the text's end.
Searching each act's text with each pattern read every document four times, at the regex
engine's slowest: patterns anchored with ``^`` or case-insensitive give it nothing to skip with.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_VOTE_LINE = {
    "for": re.compile(r"^[ \t]*pour[ \t]*:[ \t]*(\d*)", re.IGNORECASE | re.MULTILINE),
    "against": re.compile(r"^[ \t]*contre[ \t]*:[ \t]*(\d*)", re.IGNORECASE | re.MULTILINE),
    "abstentions": re.compile(r"^[ \t]*abstentions?[ \t]*:[ \t]*(\d*)", re.IGNORECASE | re.MULTILINE),
}
_COUNT = r"\d+[ \t]+(?:votes?[ \t]+)?(?:pour|contre|abst?entions?|absentions?)\b"
_COUNTS_LINE = re.compile(rf"^[ \t]*{_COUNT}(?:[ \t.,;/]*{_COUNT})*[ \t.,;]*$", re.IGNORECASE | re.MULTILINE)
_COUNT_ITEM = re.compile(r"(\d+)[ \t]+(?:votes?[ \t]+)?(pour|contre|abs)", re.IGNORECASE)
# "adopte", "adopté à l'unanimité", "approuvent", "rejetée"; not "Autorisation à signer…".
_STEMS = r"adopt|approuv|autoris|rejet|refus"
_VERB = rf"(?P<verb>{_STEMS})(?:e|é|ée|és|ées|ent|te|tée)?\b"
_COUNCIL = r"(?:le[ \t]+conseil(?:[ \t]+municipal)?[ \t]+)?"
_RESULT_LINE = re.compile(rf"^[ \t]*{_COUNCIL}{_VERB}(?P<rest>[^\n]{{0,60}})$", re.IGNORECASE | re.MULTILINE)
_DELIBERATED = re.compile(
    rf"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée](?P<how>[^.;]{{0,80}}?)\b{_VERB}",
    re.IGNORECASE,
)
_DECISIONS = {
    "adopt": "adopte",
    "approuv": "approuve",
    "autoris": "autorise",
    "rejet": "rejette",
    "refus": "rejette",
}
_UNANIMOUS = re.compile(r"[àa]\s+l['’]\s?unanimit[ée]", re.IGNORECASE)
_MAJORITY = re.compile(r"[àa]\s+la\s+majorit[ée]", re.IGNORECASE)


# The lines where a vote line, a counts line or a result line may start: a newline, then the
# first words of that pattern, without what depends on the text after them (``\\b``, ``$``), so
# that it holds wherever the pattern matches in an act's text, whose end may cut a line.
_CUE = re.compile(
    rf"\n(?=[ \t]*(?:(?P<vote>pour[ \t]*:)|(?P<counts>\d+[ \t]+(?:votes?[ \t]+)?(?:pour|contre|abs))"
    rf"|(?P<result>{_COUNCIL}(?:{_STEMS}))))",
    re.IGNORECASE,
)
# Those patterns without their ``^``, matched at a line start _CUE found or at an act's start.
_AT_LINE = {
    name: re.compile(pattern.pattern.removeprefix("^"), pattern.flags)
    for name, pattern in (("vote", _VOTE_LINE["for"]), ("counts", _COUNTS_LINE), ("result", _RESULT_LINE))
}
_DELIBERATED_START = b"apr"  # how _DELIBERATED starts: three letters with no other case-folding
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_CONTINUATION = bytes(range(0x80, 0xC0))  # the bytes of a UTF-8 character after its first


class OutcomeCues:
    """A document's text and where its acts' votes and decisions may be stated."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[str, list[int]] = {"vote": [], "counts": [], "result": []}
        for cue in _CUE.finditer(text):
            self._lines[cue.lastgroup or ""].append(cue.end())
        self._deliberated: list[int] | None = None  # found when an act first needs them

    def outcome(self, start: int, end: int) -> dict[str, object]:
        """``act_outcome(text[start:end])``."""
        text = self.text
        votes: dict[str, int | None] = {"for": None, "against": None, "abstentions": None}
        first_vote = self._line("vote", start, end)
        if first_vote:
            # "Pour : 56 / Contre : / Abstentions :": the block is there, an empty count is 0.
            window = text[first_vote.start() : min(first_vote.start() + 200, end)]
            for name, pattern in _VOTE_LINE.items():
                found = pattern.search(window)
                votes[name] = int(found.group(1)) if found and found.group(1) else 0
        elif counts := self._line("counts", start, end):
            votes = {"for": 0, "against": 0, "abstentions": 0}
            for number, what in _COUNT_ITEM.findall(counts.group(0)):
                key = {"pour": "for", "contre": "against"}.get(what.lower(), "abstentions")
                votes[key] = int(number)
        decision, unanimous = None, None
        if result := self._line("result", start, end):
            decision = _DECISIONS[result.group("verb").lower()]
            unanimous = _unanimity(result.group("rest"))
        # "Après en avoir délibéré" only counts when the result line is missing or silent on
        # unanimity: most acts of minutes ("Adopté à l'unanimité") never look for it.
        if unanimous is None and (deliberated := self._deliberated_in(start, end)):
            if not result:
                decision = _DECISIONS[deliberated.group("verb").lower()]
            unanimous = _unanimity(deliberated.group("how"))
        return {
            "vote_for": votes["for"],
            "vote_against": votes["against"],
            "vote_abstentions": votes["abstentions"],
            "unanimous": unanimous,
            "decision": decision,
        }

    def _line(self, name: str, start: int, end: int) -> re.Match[str] | None:
        """The first match of a line pattern in ``text[start:end]``: at its start (a line start
        of the act's text) or at a later line start where a cue was found."""
        pattern = _AT_LINE[name]
        if match := pattern.match(self.text, start, end):
            return match
        lines = self._lines[name]
        for index in range(bisect_right(lines, start), len(lines)):
            if lines[index] >= end:
                break
            if match := pattern.match(self.text, lines[index], end):
                return match
        return None

    def _deliberated_in(self, start: int, end: int) -> re.Match[str] | None:
        """``_DELIBERATED.search(text[start:end])``: a match starts where "apr" does."""
        if self._deliberated is None:
            self._deliberated = _ascii_offsets(self.text, _DELIBERATED_START)
        offsets = self._deliberated
        for index in range(bisect_left(offsets, start), len(offsets)):
            if offsets[index] >= end:
                break
            if match := _DELIBERATED.match(self.text, offsets[index], end):
                return match
        return None


def act_outcome(body: str) -> dict[str, object]:
    """Votes, unanimity and decision stated in an act's text; None where it says nothing.

    The keys are ``ActRecord``'s fields: vote_for, vote_against, vote_abstentions, unanimous,
    decision.
    """
    return OutcomeCues(body).outcome(0, len(body))


def _ascii_offsets(text: str, needle: bytes) -> list[int]:
    """The offsets in ``text`` of ``needle`` (lower-case ASCII) in any case.

    A case-insensitive regex (or ``str.lower``) reads French text at about 130 MB/s. In C, the
    UTF-8 bytes lose their continuation bytes and their ASCII capitals in one ``translate``:
    one byte is left per character, the character itself if ASCII, so offsets are the text's.
    The needle's letters must have no other case-folding than ASCII's ("i", "k", "s" have).
    """
    folded = text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER, _CONTINUATION)
    return [found.start() for found in re.finditer(re.escape(needle), folded)]


def _unanimity(words: str) -> bool | None:
    if _UNANIMOUS.search(words):
        return True
    if _MAJORITY.search(words):
        return False
    return None
