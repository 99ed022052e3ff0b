"""Unnumbered agenda items: an "Ordre du jour" list whose lines are found again as headings.

Small communes list the agenda as plain lines, with no number, and head each item further down
with the same words, or nearly ("Désignations des délégués commissions municipales" in the list,
"Désignation des commissions municipales" below). With no number to chain, the list itself says
what the headings are: this module reads the list and looks for each entry below it, in order,
by the words they share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pipelines.acts_headings import BULLETS, Heading
from pipelines.acts_scan import LinePattern
from pipelines.doctype import without_marks

MAX_LISTED_ITEMS = 60  # lines of an unnumbered "Ordre du jour"
MAX_LISTED_LINE = 150  # longer lines are sentences, not an item's heading

_AGENDA_HEAD = re.compile(
    r"^[ \t]*ordre[ \t]+du[ \t]+jour[ \t]*:?[ \t]*(?=[\n\f]|\Z)", re.IGNORECASE | re.MULTILINE
)
_AGENDA_HEAD_LINES = LinePattern(_AGENDA_HEAD)  # tried at line starts only (see pipelines.acts_scan)
_WORD = re.compile(r"[^\W_]{3,}")
_STOP_WORDS = frozenset(["les", "des", "aux", "pour", "par", "une", "dans", "avec", "sur", "entre", "vers"])


def listed_headings(text: str) -> list[Heading]:
    """Items named by an unnumbered "Ordre du jour" list, found again in order below it.

    Each entry is looked for after the previous one was found; an entry found nowhere is
    skipped, not guessed. Of several lists, the one with the most entries found wins.
    """
    best: list[Heading] = []
    for head in _AGENDA_HEAD_LINES.finditer(text):
        entries, after = _agenda_entries(text, head.end())
        if len(entries) < 2:
            continue
        lines = [(start, line) for start, line in _line_texts(text, after) if _short_line(line)]
        # A line's words cost more than the rest: they are read the first time a line is compared.
        line_words: list[frozenset[str] | None] = [None] * len(lines)
        found, at = [], 0
        for entry in entries:
            for index in range(at, len(lines)):
                start, line = lines[index]
                words = line_words[index]
                if words is None:
                    words = line_words[index] = _line_words(line)
                if _same_item(entry, words):
                    found.append(Heading(start, start + _indent(text, start), None, "item"))
                    at = index + 1
                    break
        if len(found) >= 2 and len(found) > len(best):
            best = found
    return best


def _agenda_entries(text: str, position: int) -> tuple[list[frozenset[str]], int]:
    """The words of each line of the list that follows "Ordre du jour", and where it ends.

    The list ends at a blank line, a sentence, a long line, or a line already listed (the
    first item's heading, when no blank line separates the list from the items).
    """
    entries: list[frozenset[str]] = []
    for start, line, words in _lines(text, position):
        if len(entries) >= MAX_LISTED_ITEMS:
            return entries, start
        if not line.strip():
            if entries:
                return entries, start
            continue
        if not _short_line(line) or not words or words in entries:
            return entries, start
        entries.append(words)
    return entries, len(text)


def _lines(text: str, position: int) -> Iterator[tuple[int, str, frozenset[str]]]:
    """Each line from ``position`` on: its start, its text, its significant words."""
    for start, line in _line_texts(text, position):
        yield start, line, _line_words(line)


def _line_texts(text: str, position: int) -> Iterator[tuple[int, str]]:
    """Each line from ``position`` on: its start and its text."""
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        yield position, text[position:end]
        position = end + 1


def _line_words(line: str) -> frozenset[str]:
    return _words(line) if len(line) <= MAX_LISTED_LINE else frozenset()


def _short_line(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= MAX_LISTED_LINE and not stripped.endswith((".", ",", ";"))


def _words(line: str) -> frozenset[str]:
    """Words of three letters or more, without accents, case, stop words nor plural marks."""
    folded = unicodedata.normalize("NFKD", line.casefold())
    words = set()
    for word in _WORD.findall(without_marks(folded)):
        if word not in _STOP_WORDS:
            word = word.removesuffix("s").removesuffix("x")
            words.add(word.removesuffix("e") if len(word) > 3 else word)
    return frozenset(words)


def _same_item(entry: frozenset[str], line: frozenset[str]) -> bool:
    """Two thirds of the entry's words in the line, and they make half of the line's."""
    shared = len(entry & line)
    return shared > 0 and 3 * shared >= 2 * len(entry) and 2 * shared >= len(line)


def _indent(text: str, start: int) -> int:
    return len(text[start : start + 200]) - len(text[start : start + 200].lstrip(" \t\u00a0" + BULLETS))
