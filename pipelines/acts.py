"""Split minutes, lists of deliberations and RAA bulletins into their acts.

A 255-page procès-verbal holds a hundred deliberations; a researcher wants to know which one
mentions the cameras, when it was voted and how. An act starts at a heading line and ends
where the next one starts. Four heading styles are recognised, and a document uses the one
that finds the most headings (a PV's items may cite "délibération n° 2012/68" in passing):

- ``explicit``: "Délibération n° 2013/14 : …", "Délibération D2018-66", "Arrêté n° 2024-00493
  portant …" (``pipelines.acts_headings``);
- ``numbered``: "2013-19 : …", "028/18 : …" (the register's number, then a colon; also
  ``pipelines.acts_headings``);
- ``agenda``: numbered items in one numbering scheme: "1- Nouveaux temps scolaires", "Point 5
  – …", roman numerals "IV - …", "15 A" / "15 B"…, numbered in sequence
  (``pipelines.acts_numbering``);
- ``raa``: a prefecture's recueil: its "Arrêté n° … du …" and "Arrêté du …" lines that are not
  entries of its summary (``pipelines.acts_raa``);
- ``listed``: an "Ordre du jour" of unnumbered lines, each found again, in order, as the
  heading of its item further down (``pipelines.acts_agenda_list``).

Lists of deliberations also split on their bullets. A deliberation or arrêté published on its
own is one act: its number comes from "n° 2013 / 14" in its heading, its object from an
"Objet :" line or from the lines above "… rapporte :". Other document types (agendas, web
pages…) are not split: their numbered lists are not acts.

This module chooses the heading style, cuts the text into acts, and reads each act's title and
pages. The vote and the decision are read by ``pipelines.acts_outcome``, the ACTES identifier
by ``pipelines.actes``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from archive.records import ActesInfo, ActRecord
from pipelines.actes import find_all_actes
from pipelines.acts_agenda_list import MAX_LISTED_ITEMS, MAX_LISTED_LINE, listed_headings
from pipelines.acts_headings import (
    Heading,
    bullet_headings,
    explicit_headings,
    increasing,
    register_headings,
    tidy_number,
)
from pipelines.acts_numbering import numbered_headings
from pipelines.acts_outcome import OutcomeCues, act_outcome
from pipelines.acts_raa import outside_summary, raa_headings

__all__ = [
    "MAX_LISTED_ITEMS",
    "MAX_LISTED_LINE",
    "MAX_TITLE_CHARS",
    "SINGLE_ACT_TYPES",
    "SPLIT_TYPES",
    "split_acts",
]

SPLIT_TYPES = {"proces_verbal", "compte_rendu", "liste_deliberations", "raa"}
SINGLE_ACT_TYPES = {"deliberation", "arrete"}
MAX_TITLE_CHARS = 300

_FORM_FEED = re.compile("\f")
_OWN_NUMBER = re.compile(r"\bn[°o]\s*(\d{1,4}(?:\s*[/-]\s*\d{1,5})+)\b", re.IGNORECASE)
_OBJECT_LABEL = re.compile(r"^objet\s*:\s*", re.IGNORECASE)  # "Délibération D2018-66\nObjet : …"
_OBJECT = re.compile(r"^[ \t]*objet[ \t]*:[ \t]*(\S.*)$", re.IGNORECASE | re.MULTILINE)
_REPORTER = re.compile(r"^.{0,80}\brapporte\s*:\s*$", re.IGNORECASE | re.MULTILINE)
_NAME = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ'’-]+)*\s+[A-ZÀ-Ý'’ -]{2,}"
_NAMES_LINE = re.compile(rf"^\s*{_NAME}(?:\s*,\s*(?:{_NAME})?)*[\s.,]*$")
_SPEAKER = re.compile(r"^.{2,60}\s:\s*$")
_TITLE_GLUE = re.compile(
    r"(?:\b(?:de|du|des|la|le|les|pour|par|avec|dans|entre|vers|et|ou|à|au|aux|en|sur|une?|d['’]|l['’])|[-–,])$",
    re.IGNORECASE,
)


def split_acts(text: str, doc_type: str, title: str | None = None, paged: bool = True) -> list[ActRecord]:
    """The acts of a document's text (pages separated by form feeds), in order."""
    if doc_type in SINGLE_ACT_TYPES:
        return [_single_act(text, doc_type, title, paged)] if text.strip() else []
    if doc_type not in SPLIT_TYPES:
        return []
    # A heading starts a line or a page (pdftotext puts the form feed right before the page's
    # first line): headings are looked for with form feeds as line breaks, offsets unchanged.
    lines = text.replace("\f", "\n")
    explicit, register = explicit_headings(lines), register_headings(lines)
    if doc_type != "raa":  # an RAA gathers several series; minutes number theirs in order
        explicit, register = increasing(explicit), increasing(register)
    else:  # its summary lists the headings once more, and some arrêtés have no number
        explicit = max(raa_headings(lines), outside_summary(lines, explicit), key=len)
    # Between styles as long, the first: own numbers before agenda numbers before listed lines.
    headings = max(
        (
            explicit,
            register,
            numbered_headings(lines),
            listed_headings(lines),
            bullet_headings(lines) if doc_type == "liste_deliberations" else [],
        ),
        key=len,
    )
    if not headings:
        return []
    stamps = find_all_actes(text)
    breaks = [match.start() for match in _FORM_FEED.finditer(text)]
    cues = OutcomeCues(text)  # read once for all the acts
    acts = []
    for seq, heading in enumerate(headings, start=1):
        end = headings[seq].start if seq < len(headings) else len(text)
        acts.append(_act(cues, seq, heading, end, breaks if paged else None, stamps))
    return acts


def _act(
    cues: OutcomeCues,
    seq: int,
    heading: Heading,
    end: int,
    breaks: list[int] | None,
    stamps: list[tuple[int, ActesInfo]],
) -> ActRecord:
    """The act from its heading to ``end``; ``breaks``: the form feeds' offsets, None if unpaged."""
    text = cues.text
    actes = next((info for offset, info in stamps if heading.start <= offset < end), ActesInfo())
    return ActRecord(
        seq=seq,
        kind=heading.kind,
        number=heading.number,
        title=_heading_title(text, heading.title_start, end),
        start=heading.start,
        end=end,
        page_start=bisect_right(breaks, heading.start) + 1 if breaks is not None else None,
        page_end=bisect_right(breaks, max(heading.start, end - 1)) + 1 if breaks is not None else None,
        actes=actes,
        **cues.outcome(heading.start, end),
    )


def _single_act(text: str, doc_type: str, title: str | None, paged: bool) -> ActRecord:
    head = text[:3000]
    number = _OWN_NUMBER.search(head)
    stamps = find_all_actes(text)
    return ActRecord(
        seq=1,
        kind=doc_type,
        number=tidy_number(number.group(1)) if number else None,
        title=_own_object(head) or title,
        start=0,
        end=len(text),
        page_start=1 if paged else None,
        page_end=text.count("\f") + 1 if paged else None,
        actes=stamps[0][1] if stamps else ActesInfo(),
        **act_outcome(text),
    )


def _heading_title(text: str, start: int, limit: int) -> str | None:
    """The heading's words, with the lines that continue it ("… du\\nsecteur sauvegardé").

    A heading that is only a number ("2014.09.15 - 5") has its title on the next line.
    """
    head = text[start : min(limit, start + 4 * MAX_TITLE_CHARS)]
    lines = head[len(head) - len(head.lstrip(" \t\n")) :].split("\n", 4)
    words = [lines[0].strip()]
    for line in lines[1:4]:
        line = line.strip()
        if not line or "\f" in line or _SPEAKER.match(line) or not _continues(words[-1], line):
            break
        words.append(line)
    title = _OBJECT_LABEL.sub("", " ".join(" ".join(words).split())).rstrip(" :")
    return title[:MAX_TITLE_CHARS] or None


def _continues(previous: str, line: str) -> bool:
    return line[0].islower() or bool(_TITLE_GLUE.search(previous))


def _own_object(head: str) -> str | None:
    """The object of a deliberation published on its own."""
    found = _OBJECT.search(head)
    if found:
        return _heading_title(head, found.start(1), len(head))
    reporter = _REPORTER.search(head)
    if reporter is None:
        return None
    lines = head[: reporter.start()].rstrip("\n").split("\n")
    block: list[str] = []
    for line in reversed(lines[-5:]):
        if not line.strip() or line.rstrip().endswith(":") or _NAMES_LINE.match(line):
            break
        block.insert(0, " ".join(line.split()))
    title = ""
    for line in block:  # lines that continue a phrase are joined, separate phrases get a dash
        title += (" " if title and _continues(title, line) else " – " if title else "") + line
    return title[:MAX_TITLE_CHARS] or None
