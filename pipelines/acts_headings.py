"""Act headings that carry their own number or bullet: the simple styles of ``pipelines.acts``.

An act starts at a heading line. This module holds what a heading is (``Heading``) and the
styles that need no numbering chain to be recognised, because the line says it heads an act:

- ``explicit``: "Délibération n° 2013/14 : …", "Délibération D2018-66", "Arrêté n° 2024-00493
  portant …";
- ``register``: "2013-19 : …", "028/18 : …" (the register's number, then a colon);
- ``bullets``: the bullets of a list of deliberations.

Register numbers in minutes must increase: "délibération D2018-39" at the head of a line after
D2018-82 is a citation, and ``increasing`` keeps the longest run that increases. Numbered agenda
items are in ``pipelines.acts_numbering``, unnumbered ones in ``pipelines.acts_agenda_list``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.acts_scan import LinePattern

_NUMBER = r"\d[\w]*(?:\s*[/.-]\s*\w+)*"
_EXPLICIT = re.compile(
    rf"^[ \t]*(?P<kind>d[ée]lib[ée]ration|arr[êe]t[ée](?:\s+(?:municipal|pr[ée]fectoral|du\s+maire))?)"
    # "n° 2013/14", or a register code without "n°": "D2018-66", "A2018-406".
    rf"\s*(?:(?:n[°o]|num[ée]ro)\.?\s*(?P<number>{_NUMBER})|(?P<code>[A-Z]{{1,3}}\d{{2,4}}[-/.]\d{{1,5}}))"
    rf"\b[ \t]*(?:[:–—-][ \t]*)?(?P<title>[^\n\f]*)",
    re.IGNORECASE | re.MULTILINE,
)
_REGISTER = re.compile(
    r"^[ \t]*(?P<number>\d{2,4}[ \t]*[-/][ \t]*\d{1,4})[ \t]*:[ \t]*(?P<title>[^\n\f]*)",
    re.MULTILINE,
)
BULLETS = "\uf0a7\uf0b7\uf0d7\uf0d8\u2022\u25aa\u25cf\u25a0\u27a2\u2013*-"
_BULLET = re.compile(rf"^[ \t]*[{BULLETS}][ \t]+(?P<title>[^\s][^\n\f]*)", re.MULTILINE)
# Tried at line starts only (see ``pipelines.acts_scan``).
_EXPLICIT_LINES, _REGISTER_LINES, _BULLET_LINES = (LinePattern(p) for p in (_EXPLICIT, _REGISTER, _BULLET))


@dataclass(slots=True)
class Heading:
    """Where an act starts, where its title starts, its number if it has one, and its kind."""

    start: int
    title_start: int
    number: str | None
    kind: str


def explicit_headings(text: str) -> list[Heading]:
    """Lines naming the act: "Délibération n° …", "Arrêté n° …", "Délibération D2018-66"."""
    return [
        Heading(
            match.start(),
            match.start("title"),
            tidy_number(match.group("number") or match.group("code")),
            "arrete" if match.group("kind").lower().startswith("arr") else "deliberation",
        )
        for match in _EXPLICIT_LINES.finditer(text)
    ]


def register_headings(text: str) -> list[Heading]:
    """Lines that start with a register number and a colon: "2013-19 : …"."""
    return [
        Heading(match.start(), match.start("title"), tidy_number(match.group("number")), "deliberation")
        for match in _REGISTER_LINES.finditer(text)
    ]


def bullet_headings(text: str) -> list[Heading]:
    """The bullets of a list of deliberations."""
    return [
        Heading(match.start(), match.start("title"), None, "item") for match in _BULLET_LINES.finditer(text)
    ]


def increasing(headings: list[Heading]) -> list[Heading]:
    """The longest subsequence of register numbers that increases (the others are citations)."""
    keys = [tuple(int(part) for part in re.findall(r"\d+", heading.number or "")) for heading in headings]
    tails: list[int] = []  # tails[k]: index of the smallest end of an increasing run of k + 1
    previous: list[int | None] = []
    for index, key in enumerate(keys):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if keys[tails[middle]] < key:
                low = middle + 1
            else:
                high = middle
        previous.append(tails[low - 1] if low else None)
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    kept: list[Heading] = []
    at = tails[-1] if tails else None
    while at is not None:
        kept.append(headings[at])
        at = previous[at]
    return kept[::-1]


def tidy_number(number: str) -> str:
    """The number without its spaces: "2013 / 14" is "2013/14"."""
    return re.sub(r"\s+", "", number)
