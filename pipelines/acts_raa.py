"""The arrêtés of a prefecture's "recueil des actes administratifs" (RAA).

A recueil opens with its summary ("S O M M A I R E"): one line per act, its heading followed by
dot leaders and a page number, sometimes wrapped over two lines. The same headings then head
the acts themselves. So an RAA's acts are its heading lines that are not summary entries:
"Arrêté n° 2024-44 du 29 avril 2024 portant …", and the arrêtés published without a number,
"Arrêté du 12 mars 2025 autorisant …" (the Manche's cabinet), "Décision n° …".
"""

from __future__ import annotations

import re

from pipelines.acts_headings import Heading, tidy_number
from pipelines.acts_scan import LinePattern
from pipelines.dates import MONTH_NAMES as _MONTHS

_HEADING = re.compile(
    # Capitalised, as a heading is: a sentence wrapped before "arrêté préfectoral du …" is not.
    r"^[ \t]*(?=(?-i:[AD]))(?P<kind>arr[êe]t[ée](?:[ \t]+(?:pr[ée]fectoral|inter-?pr[ée]fectoral|pr[ée]fectoral[ \t]+modificatif))?|d[ée]cision)"
    r"(?:[ \t]+(?:n[°o]|num[ée]ro)\.?[ \t]*(?P<number>[\w./-]+))?"
    rf"[ \t]+(?:du|en[ \t]+date[ \t]+du)[ \t]+\d{{1,2}}(?:er)?[ \t]+{_MONTHS}(?:[ \t]+\d{{4}})?\b[ \t]*(?P<title>[^,\n\f][^\n\f]*)",
    re.IGNORECASE | re.MULTILINE,
)
_HEADING_LINES = LinePattern(_HEADING)
# A summary entry ends, on its line or the next one or two, with dot leaders and a page number.
_SUMMARY_END = re.compile(r"(?:\.{4,}|…{2,})[ \t]*\d{1,4}[ \t]*$", re.MULTILINE)
_SUMMARY_LINES = 3


def raa_headings(lines: str) -> list[Heading]:
    """The heading of every act of a recueil (``lines``: its text, form feeds as line breaks)."""
    headings = []
    for match in _HEADING_LINES.finditer(lines):
        if _in_summary(lines, match.start()):
            continue
        number = match.group("number")
        kind = "arrete" if match.group("kind").lower().startswith("arr") else "deliberation"
        headings.append(
            Heading(match.start(), match.start("title"), tidy_number(number) if number else None, kind)
        )
    return headings


def outside_summary(lines: str, headings: list[Heading]) -> list[Heading]:
    """The headings that are not entries of the recueil's summary."""
    return [heading for heading in headings if not _in_summary(lines, heading.start)]


def _in_summary(lines: str, start: int) -> bool:
    end = start
    for _ in range(_SUMMARY_LINES):
        newline = lines.find("\n", end)
        end = len(lines) if newline < 0 else newline
        if _SUMMARY_END.search(lines, start, end):
            return True
        if newline < 0:
            return False
        end += 1
    return False
