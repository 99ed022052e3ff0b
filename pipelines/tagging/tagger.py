"""Find mentions of surveillance technology in a document's text.

One scan finds every candidate: all the lexicon's patterns in one alternation, run by RE2 over
the folded bytes with leftmost-longest semantics (Python's ``re`` when RE2 is not installed).
Each hit is then identified (which term), checked against its context rules and exclusions,
and turned into a ``Mention`` with offsets, page, context and stance in the original text.
Only hits cost Python time, so the scan speed is RE2's.

Stance is read by ``stance``; sentences, pages and contexts by ``sentences``.

Technologies described rather than named (the lexicon's ``described`` rules) are found by a
second RE2 scan for their anchor words; each anchor's sentence is then checked for the rule's
other words. Last, a mention of a category that ``absorbs`` another removes that other
category's mentions from its sentence: "des caméras de vidéosurveillance raccordées à des
algorithmes" is one VSA fact, not VSA and video-protection.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from archive.records import MentionRecord as Mention
from pipelines.tagging.folding import FoldedText, fold
from pipelines.tagging.glued import glued_terms
from pipelines.tagging.lexicon import Described, Lexicon, Term, load_lexicon
from pipelines.tagging.sentences import context_around, page_offsets, sentence_bounds
from pipelines.tagging.stance import StanceReader

# Cameras counted are the network itself ("le projet de 1000 caméras", "le nombre de caméras").
_COUNTED = re.compile(
    r"(?:\d[\d\s.]*|nombre\s+de|parc\s+de|centaines?\s+de|milliers?\s+de|dizaines?\s+de)\s*$"
)
MAX_SPANS_CHECKED = 16
# Items of a list ("la vidéosurveillance, la reconnaissance faciale", "moyens de vidéoprotection
# et de drones") are two devices, and neither absorbs the other: the earlier is followed by a
# separator, the later follows one (and an article).
# Quoted items ("la « vidéosurveillance », la « reconnaissance faciale »") are items too.
_LIST_AFTER = re.compile(r'\s*"?\s*(?:[,;/]|et\b|ou\b)')
_LIST_HEAD = re.compile(
    r"(?:[,;/]|\bet|\bou|\bainsi que|\bvoire)\s*(?:(?:de la|de l'|des|du|de|la|le|les|l'|d'|aux|au|a la|a l')\s*)?"
    r'(?:"\s*)?$'
)


@dataclass(frozen=True, slots=True)
class _Hit:
    """A mention before it is built: where it is in the folded text, and what it names."""

    start: int
    end: int
    category: str
    term: str
    # A described mention's evidence in its sentence (from its first word to its last): the
    # camera words it used are part of that one fact, however far apart they are.
    evidence: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Span:
    """Where an absorbing mention reaches, and whether only as a description's evidence."""

    low: int
    high: int
    absorber: _Hit
    evidence: bool


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
        anchors = "|".join(f"(?:{rule.anchor.pattern})" for rule in lexicon.described)
        self._scan_described = _compile_scanner(anchors) if anchors else None
        self._stance = StanceReader(lexicon)

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
        page_starts = page_offsets(text) or ([0] if paged else [])
        hits = []
        spans = list(self._scan(folded.data))
        for start, end in [*spans, *glued_terms(self._scan, text, folded, spans)]:
            term = self._term_at(folded_text, start, end)
            if term is not None and self._kept(term, folded_text, start, end):
                hits.append(_Hit(start, end, term.category, term.term))
        hits.sort(key=lambda hit: hit.start)
        absorbers: list[_Hit] = []
        if self._scan_described is not None:
            described, absorbers = self._described(folded, folded_text, hits)
            hits = sorted(hits + described, key=lambda hit: hit.start) if described else hits
        if self.lexicon.absorbs:
            hits = self._absorb(hits, absorbers, folded_text)
        mentions = Mentions()
        kept = hits if limit is None else hits[:limit]
        for index, hit in enumerate(kept):
            following = hits[index + 1].start if index + 1 < len(hits) else None
            mentions.append(self._mention(hit, text, folded, folded_text, page_starts, following))
        mentions.found = len(hits)
        return mentions

    def _described(
        self, folded: FoldedText, folded_text: str, named: list[_Hit]
    ) -> tuple[list[_Hit], list[_Hit]]:
        """Mentions of the ``described`` rules: one per rule and sentence, on the first anchor.

        A sentence that already names the technology (a term of the same category) needs no
        description: the named mention is the evidence, and the description's anchor only
        widens what that category absorbs (the second list).
        """
        hits: list[_Hit] = []
        absorbers: list[_Hit] = []
        done: set[tuple[str, int]] = set()
        starts = [hit.start for hit in named]
        for start, _end in self._scan_described(folded.data):  # type: ignore[misc]
            for rule in self.lexicon.described:
                # Anchors of several rules may start at one place with different lengths: the
                # scan reports the longest, and each rule checks its own from that start.
                anchor = rule.anchor.match(folded_text, start)
                if anchor is None:
                    continue
                anchor_end = anchor.end()
                sentence_start, sentence_end = sentence_bounds(folded_text, start, anchor_end)
                if (rule.id, sentence_start) in done:
                    continue
                context_start = sentence_start
                if rule.with_previous and sentence_start > 0:
                    context_start = sentence_bounds(folded_text, sentence_start - 1, sentence_start - 1)[0]
                    if context_start > 0 and folded_text[sentence_start - 2 : sentence_start - 1] == "?":
                        # An answer to a question ("comment optimiser ? En passant par l'IA"): the
                        # question's subject is in the sentence before it.
                        context_start = sentence_bounds(folded_text, context_start - 1, context_start - 1)[0]
                if not _describes(rule, folded_text, context_start, sentence_end, sentence_start):
                    continue
                done.add((rule.id, sentence_start))
                first = bisect.bisect_left(starts, sentence_start)
                last = bisect.bisect_left(starts, sentence_end)
                same = [other for other in named[first:last] if other.category == rule.category]
                if any(other.start <= start < other.end for other in same):
                    # An anchor inside a named mention ("faciale" of "reconnaissance faciale") is
                    # that mention again: it would absorb nothing more, and is no list item.
                    continue
                evidence = _evidence(rule, folded_text, sentence_start, sentence_end, start, anchor_end)
                hit = _Hit(start, anchor_end, rule.category, rule.term, evidence)
                if same:
                    absorbers.append(hit)
                else:
                    hits.append(hit)
        return hits, absorbers

    def _absorb(self, hits: list[_Hit], absorbers: list[_Hit], folded_text: str) -> list[_Hit]:
        """Drop the mentions that a more specific category's mention covers in its sentence.

        A mention covers ``absorbs_window`` characters each side, and a description also its
        own evidence. Two exceptions, checked only for covered mentions: an item of a list
        beside the absorbing device ("vidéoprotection et drones"), and cameras counted ("1000
        caméras") that only a description's evidence reaches, which is the network on its own.
        """
        absorbs, reach = self.lexicon.absorbs, self.lexicon.absorbs_window
        pool = hits + absorbers
        spans: dict[str, list[_Span]] = {}
        for hit in pool:
            absorbed_categories = absorbs.get(hit.category)
            if not absorbed_categories:
                continue
            low, high = sentence_bounds(folded_text, hit.start, hit.end)
            window = _Span(max(low, hit.start - reach), min(high, hit.end + reach), hit, False)
            reached = [window]
            if hit.evidence is not None and (hit.evidence[0] < window.low or hit.evidence[1] > window.high):
                reached.append(_Span(max(low, hit.evidence[0]), min(high, hit.evidence[1]), hit, True))
            for absorbed in absorbed_categories:
                spans.setdefault(absorbed, []).extend(reached)
        if not spans:
            return hits
        for category_spans in spans.values():
            category_spans.sort(key=lambda span: span.low)
        merged = {category: _merged([(s.low, s.high) for s in found]) for category, found in spans.items()}
        return [
            hit
            for index, hit in enumerate(hits)
            if hit.term in self.lexicon.not_absorbed
            or not _inside(hit.start, merged.get(hit.category))
            or not self._absorbed(hits, index, spans[hit.category], folded_text)
        ]

    def _absorbed(self, hits: list[_Hit], index: int, spans: list[_Span], folded_text: str) -> bool:
        """Whether a covered mention is really absorbed: by a span that no exception lifts."""
        hit = hits[index]
        in_list = _in_list(folded_text, hit)
        counted = _COUNTED.search(folded_text, max(0, hit.start - 40), hit.start) is not None
        if not in_list and not counted:
            return True
        last = bisect.bisect_right([span.low for span in spans], hit.start)
        # Real sentences have a few absorbing mentions; a page of one term repeated is cut short.
        for span in reversed(spans[max(0, last - MAX_SPANS_CHECKED) : last]):
            if span.high <= hit.start or (span.evidence and counted):
                continue
            if in_list and _list_mates(folded_text, hit, span.absorber):
                continue
            return True
        return False

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
            low, high = max(sentence_start, start - rule.window), min(sentence_end, end + rule.window)
            window = folded_text[low:high]
            if rule.across_sentences:  # the trap's words may sit in the next sentence, not its cure
                wide = folded_text[max(0, start - rule.window) : end + rule.window]
                trapped = rule.near.search(wide) is not None
            else:
                trapped = rule.near.search(window) is not None
            if trapped and not (rule.unless_near and rule.unless_near.search(window)):
                return False
        return True

    def _mention(
        self,
        hit: _Hit,
        text: str,
        folded: FoldedText,
        folded_text: str,
        page_starts: list[int],
        next_start: int | None = None,
    ) -> Mention:
        start, end = hit.start, hit.end
        original_start = folded.original_offset(start)
        original_end = folded.original_offset(end - 1) + 1
        page = bisect.bisect_right(page_starts, original_start) if page_starts else None
        return Mention(
            category=hit.category,
            term=hit.term,
            matched=text[original_start:original_end],
            start=original_start,
            end=original_end,
            page=page,
            context=context_around(text, original_start, original_end),
            stance=self._stance.stance(folded_text, start, end, next_start),
        )


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Overlapping spans joined, as sorted starts and their ends (for a bisection per hit)."""
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted(spans):
        if ends and low <= ends[-1]:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


def _inside(position: int, merged: tuple[list[int], list[int]] | None) -> bool:
    if merged is None:
        return False
    starts, ends = merged
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < ends[index]


def _in_list(folded_text: str, hit: _Hit) -> bool:
    """The mention heads an item of a list, or is followed by the next item's separator."""
    return bool(
        _LIST_AFTER.match(folded_text, hit.end)
        or _LIST_HEAD.search(folded_text, max(0, hit.start - 20), hit.start)
    )


def _list_mates(folded_text: str, hit: _Hit, absorber: _Hit) -> bool:
    """Two named devices in one list ("la vidéosurveillance, la reconnaissance faciale, les
    micros d'ambiance dans les rues, les drones", "des moyens de vidéoprotection et de drones").

    "des caméras installées sur des drones" is one device, and a description's words ("des
    caméras et des algorithmes") are the analysed cameras themselves: neither is a list.
    """
    if absorber.evidence is not None:
        return False
    earlier, later = (hit, absorber) if hit.start < absorber.start else (absorber, hit)
    return bool(
        _LIST_AFTER.match(folded_text, earlier.end)
        and _LIST_HEAD.search(folded_text, max(0, later.start - 20), later.start)
    )


def _evidence(
    rule: Described, folded_text: str, start: int, end: int, anchor_start: int, anchor_end: int
) -> tuple[int, int]:
    """From the first to the last word of the description in its own sentence ``start:end``."""
    first, last = anchor_start, anchor_end
    for group in rule.others:
        found = group.search(folded_text, start, end)
        if found is not None:
            first, last = min(first, found.start()), max(last, found.end())
    return first, last


def _describes(rule: Described, folded_text: str, start: int, end: int, own_start: int) -> bool:
    """One word of each other group in ``start:end``; ``unless`` looks in the own sentence only."""
    if rule.unless is not None and rule.unless.search(folded_text, own_start, end):
        return False
    context = folded_text[start:end]
    return all(group.search(context) for group in rule.others)


def _without(window: str, offset: int, length: int) -> str:
    """The window with the match itself blanked out: a term is not its own context."""
    return window[:offset] + " " * length + window[offset + length :]


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
