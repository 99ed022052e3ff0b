"""Terms a PDF's text layer ran into the next word: "système de vidéoprotectionLE PRÉFET",
"installées sur un droneLe Préfet".

Matching needs a word's end, and a lost space leaves none; case is the only trace of it. Each
byte folds to "a" (a small letter), "A" (a capital) or " ", and "aA" is where a word may end:
the tagger scans the words before each such capital again, with a space put for the lost one.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator

from pipelines.tagging.folding import FoldedText

# A hostile text of "aBaBaB…" must not cost a scan per letter.
MAX_GLUED = 2_000
# How far back a term glued to the next word is looked for: longer than any term.
GLUED_REACH = 120

Scanner = Callable[[bytes], Iterator[tuple[int, int]]]


def _case_table() -> bytes:
    table = bytearray(b" " * 256)
    for code in range(256):
        char = chr(code)
        if char.isalpha():
            table[code] = ord("a") if char.islower() else ord("A") if char.isupper() else ord(" ")
    return bytes(table)


_CASES = _case_table()


def glued_word_ends(text: str, folded: FoldedText) -> list[int]:
    """Folded offsets where a small letter is followed by a capital (the capital's offset), at
    most ``MAX_GLUED`` of them: where a word may end though matching sees no boundary."""
    cases = text.encode("latin-1", "replace").translate(_CASES)
    capitals: list[int] = []
    at = cases.find(b"aA")
    while at >= 0 and len(capitals) < MAX_GLUED:
        capitals.append(at + 1)
        at = cases.find(b"aA", at + 1)
    return folded.folded_offsets(capitals)


def glued_terms(
    scan: Scanner, text: str, folded: FoldedText, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans of terms that end where a word ran into the next, that overlap none of
    ``spans`` (the terms the plain scan found, sorted)."""
    found: list[tuple[int, int]] = []
    for end in glued_word_ends(text, folded):
        low = max(0, end - GLUED_REACH)
        window = folded.data[low:end] + b" "
        for start, stop in scan(window):
            # A term ending at the capital, not begun inside a word the window cut.
            if stop == end - low and (start > 0 or low == 0 or not folded.data[low - 1 : low].isalnum()):
                found.append((low + start, end))
    return _not_overlapping(found, spans)


def _not_overlapping(extra: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of ``extra`` that overlap none of ``spans`` (sorted, as a scan yields them): a
    glued word's term already matched with its ending ("caméraX": the plural's "x")."""
    starts = [start for start, _end in spans]
    kept = []
    for start, end in extra:
        index = bisect.bisect_right(starts, start) - 1
        before = spans[index] if index >= 0 else None
        after = spans[index + 1] if index + 1 < len(spans) else None
        if (before is None or before[1] <= start) and (after is None or after[0] >= end):
            kept.append((start, end))
    return kept
