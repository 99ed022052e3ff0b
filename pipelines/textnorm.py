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


def _has_special(text: str) -> bool:
    """Whether ``text`` holds one of ``_REPLACEMENTS``: eleven ``in`` tests written out, because
    a generator over them costs more than the scans (most are a ``memchr``) on a 3 kB page."""
    return (
        "\f" in text
        or "\u00ad" in text
        or "\ufffe" in text
        or "\x00" in text
        or "\ufb00" in text
        or "\ufb01" in text
        or "\ufb02" in text
        or "\ufb03" in text
        or "\ufb04" in text
        or "\ufb05" in text
        or "\ufb06" in text
    )


_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")
# PDF extractors end nearly every line with one space (pypdfium2: "word \r\n"), so the trailing-space
# step runs on most pages. ``[ \t]+\n`` is tried by the regex engine at every space between words,
# three times slower than a few ``str.replace`` passes, each removing one blank before every line
# end; a run longer than that (rare, e.g. padded table cells) goes to the regex.
_REPLACE_PASSES = 3


def normalise_text(text: str) -> str:
    """The text in the archive's spelling: LF line ends, ligatures expanded, NFC, no trailing blanks.

    Every page of every document goes through here before the analysis, so each step first asks
    whether it has anything to do (a substring test is a C scan), and does its work with C-speed
    ``str`` methods where they give the same result as the regular expression.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            text = text.replace("\r", "\n")
    if _has_special(text):
        text = _SPECIAL.sub(lambda match: _REPLACEMENTS[match.group()], text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if " \n" in text or _has_tab_before_newline(text):
        text = _without_trailing_blanks(text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def _without_trailing_blanks(text: str) -> str:
    """``_TRAILING_SPACE.sub("\n", text)``: each pass removes the last blank of every run before a
    line end, so once none is left every run is gone, whatever its length was."""
    for _ in range(_REPLACE_PASSES):
        text = text.replace(" \n", "\n")
        if _has_tab_before_newline(text):
            text = text.replace("\t\n", "\n")
        if " \n" not in text and not _has_tab_before_newline(text):
            return text
    return _TRAILING_SPACE.sub("\n", text)


def _has_tab_before_newline(text: str) -> bool:
    # A tab is rare, and looked for with memchr; a two-character needle costs a slower search.
    return "\t" in text and "\t\n" in text
