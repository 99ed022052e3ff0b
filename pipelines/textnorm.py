"""One spelling for extracted text, whichever tool produced it.

PDF tools disagree on details: pypdfium2 expands the ligature ﬁ to "fi" and marks hyphens
with U+FFFE, pdfminer keeps ﬁ, Windows tools end lines with CRLF. The archive stores the text
in NFC with Latin ligatures expanded, so that tagging, search and comparisons between backends
see the same characters. Typographic apostrophes, guillemets and non-breaking spaces are kept:
they are what the document says, and the tagger folds them itself.
"""

from __future__ import annotations

import re
import unicodedata

_REPLACEMENTS = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\ufffe": "-",  # pypdfium2's mark for a hyphen
    "\u00ad": "",  # soft hyphen: invisible in the document
    "\x00": "",
    "\f": "\n",  # the archive uses form feeds as page separators only
}
# str.translate with a mapping looks up every character in Python (about 30 ns each); these
# characters are rare, so ``in`` (a C scan per character) tells whether the regex is needed at all.
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")
_SPECIAL_CHARS = tuple(_REPLACEMENTS)
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    # Each step first asks whether it has anything to do: a substring test is a C scan, many
    # times faster than a regex that tries a match at every space of a 100 KB text.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(char in text for char in _SPECIAL_CHARS):
        text = _SPECIAL.sub(lambda match: _REPLACEMENTS[match.group()], text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()
