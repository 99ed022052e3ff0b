"""Find mentions of surveillance technology in a document's text.

One scan finds every candidate: all the lexicon's patterns in one alternation, run by RE2 over
the folded bytes with leftmost-longest semantics (Python's ``re`` when RE2 is not installed).
Each hit is then identified (which term), checked against its context rules and exclusions,
and turned into a ``Mention`` with offsets, page, context and stance in the original text.
Only hits cost Python time, so the scan speed is RE2's.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from pathlib import Path
from typing import Any

from archive.records import MentionRecord as Mention
from pipelines.tagging.folding import FoldedText, fold
from pipelines.tagging.lexicon import Lexicon, Term, load_lexicon

CONTEXT_CHARS = 150  # on each side: about 300 characters of context
SENTENCE_LIMIT = 400
_SENTENCE_END = re.compile(r"[.!?;]\s|\n\s*\n")
_CLAUSE_BREAK = re.compile(r",|\s(?:et|mais|puis|ainsi que)\s")


class Mentions(list[Mention]):
    """The mentions kept, in text order; ``found`` counts them all, kept or over the limit."""

    found: int = 0


class Tagger:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.version = lexicon.version
        terms = lexicon.terms
        alternation = "|".join(f"(?:{term.regex})" for term in terms)
        self._identify = re.compile("|".join(f"(?P<t{i}>{term.regex})" for i, term in enumerate(terms)))
        self._scan = _compile_scanner(rf"\b(?:{alternation})\b")

    def tag(self, text: str, paged: bool = False, limit: int | None = None) -> Mentions:
        """Mentions in ``text``, in order; at most ``limit`` of them (all are counted in ``found``).

        ``paged`` texts (PDFs) have pages separated by form feeds, and mentions get a 1-based
        page number; other texts get one when they contain form feeds. Past ``limit`` a hit is
        still identified and checked against the rules, so that ``found`` is exact, but no
        mention (context, stance, page) is built for it: a hostile page of one term repeated
        400,000 times costs a count, not 400,000 rows.
        """
        folded = fold(text)
        folded_text = folded.text
        page_starts = _page_starts(text) or ([0] if paged else [])
        mentions = Mentions()
        found = 0
        for start, end in self._scan(folded.data):
            term = self._term_at(folded_text, start, end)
            if term is None or not self._kept(term, folded_text, start, end):
                continue
            found += 1
            if limit is None or found <= limit:
                mentions.append(self._mention(term, text, folded, folded_text, start, end, page_starts))
        mentions.found = found
        return mentions

    def _term_at(self, folded_text: str, start: int, end: int) -> Term | None:
        match = self._identify.fullmatch(folded_text, start, end)
        if match is None or match.lastgroup is None:
            return None
        return self.lexicon.terms[int(match.lastgroup[1:])]

    def _kept(self, term: Term, folded_text: str, start: int, end: int) -> bool:
        if term.require_near is not None:
            window = folded_text[max(0, start - term.window) : end + term.window]
            if not term.require_near.search(
                _without(window, start - max(0, start - term.window), end - start)
            ):
                return False
        sentence_start, sentence_end = sentence_bounds(folded_text, start, end)
        for rule in self.lexicon.exclusions:
            if not rule.applies_to(term):
                continue
            # Exclusions look within the sentence: the next sentence may be about something else.
            window = folded_text[
                max(sentence_start, start - rule.window) : min(sentence_end, end + rule.window)
            ]
            if rule.near.search(window) and not (rule.unless_near and rule.unless_near.search(window)):
                return False
        return True

    def _mention(
        self,
        term: Term,
        text: str,
        folded: FoldedText,
        folded_text: str,
        start: int,
        end: int,
        page_starts: list[int],
    ) -> Mention:
        original_start = folded.original_offset(start)
        original_end = folded.original_offset(end - 1) + 1
        page = bisect.bisect_right(page_starts, original_start) if page_starts else None
        return Mention(
            category=term.category,
            term=term.term,
            matched=text[original_start:original_end],
            start=original_start,
            end=original_end,
            page=page,
            context=context_around(text, original_start, original_end),
            stance=self._stance(folded_text, start, end),
        )

    def _stance(self, folded_text: str, start: int, end: int) -> str | None:
        """``opposition`` when the sentence bans or refuses what the mention names.

        A cue counts before the mention anywhere in its sentence ("le conseil refuse … la
        reconnaissance faciale"), and after it only within its clause ("la reconnaissance
        faciale est interdite", but not "approuve la vidéoprotection et refuse les drones").
        """
        cues = self.lexicon.opposition
        if cues is None:
            return None
        sentence_start, sentence_end = sentence_bounds(folded_text, start, end)
        after = folded_text[end:sentence_end]
        clause_break = _CLAUSE_BREAK.search(after)
        after = after[: clause_break.start()] if clause_break else after
        if cues.search(folded_text, sentence_start, start) or cues.search(after):
            return "opposition"
        return None


def sentence_bounds(folded_text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start:end``, at most ``SENTENCE_LIMIT`` characters each side."""
    lower = max(0, start - SENTENCE_LIMIT)
    before = [m.end() for m in _SENTENCE_END.finditer(folded_text, lower, start)]
    after = _SENTENCE_END.search(folded_text, end, end + SENTENCE_LIMIT)
    upper = after.start() + 1 if after else min(len(folded_text), end + SENTENCE_LIMIT)
    return (before[-1] if before else lower), upper


def _without(window: str, offset: int, length: int) -> str:
    """The window with the match itself blanked out: a term is not its own context."""
    return window[:offset] + " " * length + window[offset + length :]


def _page_starts(text: str) -> list[int]:
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


def _compile_scanner(pattern: str) -> Any:
    try:
        import re2
    except ImportError:  # pure-Python fallback: same results, about 20× slower
        compiled = re.compile(pattern.encode())
        return lambda data: (match.span() for match in compiled.finditer(data))
    options = re2.Options()
    options.longest_match = True  # "vidéoprotection intelligente" beats "vidéoprotection"
    options.max_mem = 256 << 20
    scanner = re2.compile(pattern.encode(), options)
    return lambda data: (match.span() for match in scanner.finditer(data))


@cache
def get_tagger(lexicon_path: Path | None = None) -> Tagger:
    """One tagger per lexicon file and process (workers build theirs once)."""
    return Tagger(load_lexicon(lexicon_path))
