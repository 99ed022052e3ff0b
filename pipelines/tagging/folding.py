"""Fold document text for matching, keeping a way back to the original offsets.

Matching runs on a folded copy of the text: lower case, no accents, one kind of apostrophe,
hyphen and space, every other character replaced by ``?``, as ASCII bytes so that RE2 can scan
it at hundreds of MB/s. Folding is one character for one character, so offsets carry over,
with one exception: words split across a line break ("reconnais-\\nsance", "VIDEO-\\n\\nPROTECTION")
are joined, and the few cuts this makes are recorded to map offsets back.

All steps are C-speed string operations (``str.replace``, ``encode``, ``bytes.translate``); Python-level loops only touch the rare hyphenated line breaks.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

# Characters outside Latin-1 that matter in French documents, each to one character.
_WIDE_REPLACEMENTS = [
    ("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2032", "'"),
    ("\u0153", "o"), ("\u0152", "O"),  # œ: "vœu" folds to "vou"; patterns say v(?:o|oe)u
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'),  # quotes, not "?": "?" ends a sentence
    ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
    ("\u202f", " "), ("\u2009", " "), ("\u2007", " "), ("\u200b", " "),
    ("\ufb01", "f"), ("\ufb02", "f"),  # ligatures should be expanded already; keep 1:1 anyway
]  # fmt: skip


def _byte_table() -> bytes:
    table = bytearray(range(256))
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    for code in range(0x80, 0x100):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0].lower()
        table[code] = ord(base) if base.isascii() and base.isalnum() else ord("?")
    table[0xA0] = ord(" ")  # no-break space
    table[0xAD] = ord("-")  # soft hyphen
    table[0xB4] = ord("'")  # acute accent used as an apostrophe
    table[0xAB] = table[0xBB] = ord('"')  # « » quote words; as "?" they would end sentences
    table[0xE6] = ord("a")  # æ
    table[0xDF] = ord("s")  # ß
    for code in (0x09, 0x0B, 0x0D):
        table[code] = ord(" ")
    table[0x0C] = ord("\n")  # page separator: a line break for matching
    return bytes(table)


_TABLE = _byte_table()
_LINE_BREAK_HYPHEN = re.compile(rb"-[ \t]*\n[ \t\n]*")


@dataclass(slots=True)
class FoldedText:
    """The folded bytes, and the cuts that map folded offsets back to the original text."""

    data: bytes
    _cut_at: list[int]  # folded offsets where characters were removed…
    _removed: list[int]  # …and how many were removed up to and including each cut

    def original_offset(self, folded_offset: int) -> int:
        index = bisect.bisect_right(self._cut_at, folded_offset)
        return folded_offset + (self._removed[index - 1] if index else 0)

    def folded_offsets(self, original_offsets: list[int]) -> list[int]:
        """The folded offsets of original ones (outside the characters a join removed)."""
        if not self._cut_at:
            return original_offsets
        # Where each removed run starts in the original text.
        starts = [cut + (self._removed[index - 1] if index else 0) for index, cut in enumerate(self._cut_at)]
        folded = []
        for offset in original_offsets:
            index = bisect.bisect_right(starts, offset)
            folded.append(offset - (self._removed[index - 1] if index else 0))
        return folded

    @property
    def text(self) -> str:
        return self.data.decode("ascii")


def fold(text: str) -> FoldedText:
    for wide, narrow in _WIDE_REPLACEMENTS:
        if wide in text:
            text = text.replace(wide, narrow)
    # Lower-casing happens in the byte table: str.lower() would halve the speed.
    data = text.encode("latin-1", "replace").translate(_TABLE)
    return _join_split_words(data)


def fold_phrase(phrase: str) -> str:
    """Fold a lexicon phrase the same way as document text (no offsets needed)."""
    return fold(unicodedata.normalize("NFC", phrase)).text


def _join_split_words(data: bytes) -> FoldedText:
    cut_at: list[int] = []
    removed: list[int] = []
    pieces: list[bytes] = []
    last = 0
    total = 0
    for match in _LINE_BREAK_HYPHEN.finditer(data):
        start, end = match.span()
        # Only a letter, a hyphen, a line break and a letter: a word split by the layout.
        if (
            start == 0
            or end >= len(data)
            or not (data[start - 1 : start].isalpha() and data[end : end + 1].isalpha())
        ):
            continue
        pieces.append(data[last:start])
        total += end - start
        cut_at.append(start - (total - (end - start)))
        removed.append(total)
        last = end
    if not pieces:
        return FoldedText(data, [], [])
    pieces.append(data[last:])
    return FoldedText(b"".join(pieces), cut_at, removed)
