"""Numbered agenda items: which numbered lines head the items of a sitting.

Minutes number their items in one numbering scheme: "1- Nouveaux temps scolaires", "2/ …",
"3. …", "N° 4 : …", "Point 5 – …", "2014.01.27 - 6  …" (the sitting's date before the number),
roman numerals "IV - …", and "15 A" / "15 B" for an item split in two. But a numbered line is
not always an item: minutes also hold lists of contents, sub-lists inside an item, tables and
annexes. This module finds the candidate lines (``_candidates``) and keeps the chain of them
numbered in sequence (``numbered_headings``).

Numbers must follow each other (1, 2, 3…, or 15 A, 15 B, 16): a restart or a jump back is a
list of contents, a sub-list inside an item, a table or an annex, never the next item. Of the
chains a document holds, the longest wins, and between chains as long, the one whose shortest
item is longer (the items proper, not their list of contents). A line that states an amount
("8 Protection incendie 1 267,60 €") is a row of a tender or budget table, not a heading; a
lone "1/4" is a page number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.acts_headings import Heading
from pipelines.acts_scan import LinePattern

# An agenda item's heading: an optional prefix that names the scheme (the sitting's date,
# "Point", "N°"), the number (arabic or roman), an optional letter ("15 A"), a separator, the
# title. Which candidates are headings is decided afterwards (_candidates, numbered_headings).
_ITEM = re.compile(
    r"^[ \t]*"
    r"(?:(?P<date>\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})[ \t]*[-–—][ \t]*"
    r"|(?P<word>(?i:point|question|affaire|dossier|rapport))[ \t]+(?:(?i:n)[°o]\.?[ \t]*)?"
    r"|(?P<no>(?i:n)[°o]\.?)[ \t]*)?"
    r"(?P<number>\d{1,3}|[IVXL]{1,7})"
    r"(?:[ \t]?(?P<suffix>[A-H])(?=[ \t]*[-–—.)/:]|[ \t]{2}|[ \t]*(?:[\n\f]|\Z)))?"
    r"(?:[ \t]*(?P<sep>[-–—.)/:]|°)|(?P<space>[ \t]+)|(?=[ \t]*(?:[\n\f]|\Z)))"
    r"[ \t]*(?P<title>[^\n\f]*)",
    re.MULTILINE,
)
# Tried only at lines that start as an item can (see pipelines.acts_scan): trying the whole of
# _ITEM at every line costs twice as much. Figures start a number of at most three digits (what
# follows it is never a digit) or a date "2014.01.27"; a line that starts with a year, "2014 …",
# is skipped. A roman numeral is followed by what may follow a number (a letter "A"–"H", a
# separator, a blank, the line's end): "Le", "Il" are skipped.
_ITEM_LINES = LinePattern(
    _ITEM,
    starts=r"[ \t]*(?:\d{1,3}(?!\d)|\d{4}[./-]|[IVXL]{1,7}(?![IVXL])(?:[ \t\-–—.)/:°A-H\n\f]|\Z)"
    r"|(?i:point|question|affaire|dossier|rapport)|(?i:n)[°o])",
)
# A title may start with a figure ("60- 88 bis avenue de Toulouse"), not with a date's rest.
_DATE_REST = re.compile(r"\d{1,4}[/.]\d")
_LETTER = re.compile(r"[^\W\d_]")
# "1 267,60 €", "12 000 euros", "335 000 € H.T": a row of a tender or budget table.
_AMOUNT = re.compile(r"\d(?:[\d \u00a0\u202f.]*\d)?(?:,\d{1,2})?[ \u00a0\u202f]*(?:€|(?i:euros?|eur)\b)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


@dataclass(slots=True)
class _Candidate:
    """A line that may head an agenda item, and how its number is written."""

    scheme: str  # the prefix ("Point", the sitting's date…), roman or arabic, separator or space
    number: int
    suffix: str  # "A", "B" of "15 A", "15 B"; "" for most
    heading: Heading


@dataclass(slots=True)
class _Link:
    """A candidate at the end of a chain of candidates numbered in sequence (see numbered_headings)."""

    candidate: _Candidate
    length: int
    previous: _Link | None


def numbered_headings(text: str) -> list[Heading]:
    """The longest chain of agenda headings numbered in sequence, in one numbering scheme.

    Each candidate extends the longest chain of its scheme that ends just before its number:
    16 follows 15 (or 15 A, 15 B), 15 B follows 15 A, and 1 starts a chain. One missing
    number is allowed (16 after 14): a heading the extraction lost (run into the line above,
    split over two lines) must not cut the chain and leave the following items uncounted.
    """
    chains: dict[str, tuple[dict[int, _Link], dict[tuple[int, str], _Link]]] = {}
    ends: list[_Link] = []
    for candidate in _candidates(text):
        number, suffix = candidate.number, candidate.suffix
        by_number, by_key = chains.setdefault(candidate.scheme, ({}, {}))
        if suffix in ("", "A"):
            previous = by_number.get(number - 1)
            skipping = by_number.get(number - 2)
            if skipping is not None and (previous is None or skipping.length > previous.length):
                previous = skipping
        else:
            previous = by_key.get((number, chr(ord(suffix) - 1)))
        if previous is None and (number != 1 or suffix not in ("", "A")):
            continue
        link = _Link(candidate, previous.length + 1 if previous else 1, previous)
        # Between chains as long, the later one: the items after their list of contents, the
        # item after a sub-list that happened to continue the numbering.
        if link.length >= getattr(by_key.get((number, suffix)), "length", 0):
            by_key[number, suffix] = link
        if link.length >= getattr(by_number.get(number), "length", 0):
            by_number[number] = link
        ends.append(link)
    longest = max((link.length for link in ends), default=0)
    runs = [_unchain(link) for link in ends if link.length == longest]
    best = max(runs, key=lambda run: _shortest_item([c.heading for c in run], len(text)), default=[])
    return [candidate.heading for candidate in best]


def _unchain(link: _Link | None) -> list[_Candidate]:
    run = []
    while link is not None:
        run.append(link.candidate)
        link = link.previous
    return run[::-1]


def _candidates(text: str) -> list[_Candidate]:
    """Lines that may head an agenda item: (scheme, number, letter, heading), in order.

    The scheme is what the number is written with: its prefix (the sitting's date, "Point",
    "N°"), roman or arabic figures, a separator or only a space. Numbers chain only within a
    scheme, so that a sub-list "1. de solliciter…" never continues "2014.01.27 - 1".
    """
    found = []
    for match in _ITEM_LINES.finditer(text):
        # One call for every group: most lines are rejected, and each call costs.
        date, word, no, digits, suffix, sep, space, title = match.group(
            "date", "word", "no", "number", "suffix", "sep", "space", "title"
        )
        prefix = date or word or no
        if digits.isdigit():
            number, scheme = int(digits), ""
        else:
            number, scheme = _roman(digits), "roman"
            if not number or space:
                continue
        if prefix:  # a prefixed number may stand alone, its title on the next line
            scheme += ":" + re.sub(r"\W", "", prefix.lower())
        elif space:  # "1 Subventions associatives": a capital, and a plain scheme
            if not title[:1].isupper():
                continue
            scheme += " "
        elif not sep:
            continue
        if title and (_DATE_REST.match(title) or not _LETTER.search(title)):
            continue  # "1/4" (a page), "12/03/2014" (a date)
        if not title and not prefix:
            continue
        if _AMOUNT.search(title):
            continue
        number_text = str(number) if digits.isdigit() else digits
        if suffix:
            number_text += " " + suffix
        if date:
            number_text = f"{date}-{number_text}"
        heading = Heading(match.start(), match.start("title"), number_text, "item")
        found.append(_Candidate(scheme, number, suffix or "", heading))
    return found


def _roman(numeral: str) -> int:
    """The value of a well-formed roman numeral (0 for "IIII", "VX", "LL"…)."""
    values = [_ROMAN_VALUES[char] for char in numeral]
    total = sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
    return total if total > 0 and _to_roman(total) == numeral else 0


def _to_roman(number: int) -> str:
    out = ""
    for value, numeral in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out += numeral * count
    return out


def _shortest_item(run: list[Heading], text_end: int) -> int:
    ends = [heading.start for heading in run[1:]] + [text_end]
    return min(end - heading.start for heading, end in zip(run, ends, strict=True))
