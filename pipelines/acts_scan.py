"""Patterns anchored at line starts, tried at line starts only.

Python's regex engine tries a pattern that starts with ``^`` (multi-line) at every position of
the text: nothing in ``^`` lets it skip ahead, and over 40 MB of minutes that costs about a
third of a second per pattern. A pattern that starts with a literal character is scanned for in
C instead, about five times faster: ``"\\n"`` followed by a lookahead on the pattern itself finds
the lines where the pattern matches, and the pattern is then matched there. ``LinePattern``
gives exactly the matches ``finditer`` gives.

A pattern that is slow to try at every line (many optional prefixes) may be given a cheaper
lookahead, ``starts``: any expression that holds wherever the pattern matches (the line's first
characters, say); the pattern is then matched at the lines it marks, and the others skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class LinePattern:
    """A ``^``-anchored multi-line pattern, with a ``finditer`` that only visits matching lines.

    The pattern must start with ``^``, have no other top-level alternative (``^a|b``), and
    never match the empty string: then every match starts at the text's start or just after a
    newline, and ``"\\n(?=rest)"`` marks exactly the lines where one starts. ``starts``, if
    given, must hold at every line start where the pattern matches (with the pattern's flags).
    """

    def __init__(self, pattern: re.Pattern[str], starts: str | None = None) -> None:
        if not pattern.pattern.startswith("^") or not pattern.flags & re.MULTILINE:
            raise ValueError(f"not anchored at line starts: {pattern.pattern!r}")
        self.pattern = pattern
        lookahead = pattern.pattern[1:] if starts is None else starts
        self._locator = re.compile(rf"\n(?=(?:{lookahead}))", pattern.flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``self.pattern.finditer(text)``."""
        match_at = self.pattern.match
        match = match_at(text)
        first = 0  # the first newline after which the next match may start
        if match is not None:
            yield match
            first = match.end() - 1
        for newline in self._locator.finditer(text, first):
            start = newline.end()  # the lookahead is empty: the line starts after the newline
            if start <= first:  # inside the previous match (it ran over several lines)
                continue
            match = match_at(text, start)
            if match is not None:  # else a line ``starts`` let through
                yield match
                first = match.end() - 1
