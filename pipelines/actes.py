"""ACTES identifiers and the prefecture's stamp.

Acts sent to the prefecture through ACTES (the State's electronic transmission of local acts)
carry an identifier, ``034-213401722-20130204-0000061100-DE``: département, SIREN of the
authority, date of the act, the authority's internal number, and the nature of the act. The
transmission platform stamps the document with it and with dates, written in several layouts:

- "Envoyé en préfecture le 19/06/2023 / Reçu en préfecture le 19/06/2023 / Publié le … /
  ID : 030-213001100-20230609-PV31032023-DE" (S²LOW, Berger-Levrault…), one label and its date
  per line;
- "Envoi Préfecture : / Réception en Préfecture : / 06/02/2013 06/02/2013 034-…-DE"
  (Montpellier), the labels first and then the dates in the same order.

``strip_stamps`` removes these lines, so that a scan whose only text is the stamp is still
seen as a scan (``pdf_text``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from archive.records import ActesInfo
from archive.taxonomy import ACTES_NATURES
from pipelines.dates import parse_french_date

# OCR may put spaces around the hyphens; the nature is matched before any glued text ("-DEen").
ACTES_ID = re.compile(
    r"(?<![\w-])(\d{2}[\dAB])\s?-\s?(\d{9})\s?-\s?(\d{8})\s?-\s?([A-Za-z0-9_]{1,30})\s?-\s?"
    rf"({'|'.join(ACTES_NATURES)})(?![a-z0-9])"
)
_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}(?:er)?\s+[^\W\d]{3,9}\.?\s+\d{4}"
_LABELS: dict[str, str] = {
    "prefecture_sent_on": r"envoy[ée]e?\s+en\s+pr[ée]fecture(?:\s+le)?|envoi\s+(?:en\s+)?pr[ée]fecture"
    r"|transmise?\s+(?:en|à\s+la)\s+pr[ée]fecture(?:\s+le)?|date\s+d['’]envoi",
    "prefecture_received_on": r"re[çc]ue?\s+en\s+pr[ée]fecture(?:\s+le)?|r[ée]ception\s+(?:en\s+)?pr[ée]fecture"
    r"|date\s+de\s+r[ée]ception(?:\s+en\s+pr[ée]fecture)?",
    "published_on": r"publi[ée]e?\s+le|affich[ée]e?\s+le|date\s+de\s+publication|mise?\s+en\s+ligne\s+le",
}
_LABEL = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in _LABELS.items()),
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(
    rf"^[ \t]*(?:{_LABEL.pattern})[ \t:]*(?:le[ \t]+)?(?P<date>{_DATE})[ \t.]*$", re.IGNORECASE | re.MULTILINE
)
_DATE_AFTER_LABEL = re.compile(rf"[\s:]*(?:le\s+)?({_DATE})", re.IGNORECASE)
_DATES = re.compile(_DATE, re.IGNORECASE)
# The lines a stamp is made of, for strip_stamps.
_STAMP_LINE = re.compile(
    rf"^[ \t]*(?:(?:{'|'.join(_LABELS.values())})\b.*|id\s*:.*|accus[ée]\s+de\s+r[ée]ception.*"
    rf"|acte\s+certifi[ée]\s+ex[ée]cutoire.*|(?:(?:{_DATE})\s*)+.*)$",
    re.IGNORECASE | re.MULTILINE,
)
STAMP_WINDOW = 400  # characters around an identifier where its stamp's dates are looked for

# Where to look, found at C speed. Python's regex engine tries ``ACTES_ID`` and ``_LABEL_LINE``
# at every position of the text (a lookbehind or ``^`` first gives it nothing to skip ahead
# with), about 20 MB/s on a 40 MB corpus; a pattern that starts with a literal character is
# scanned for in C. Every identifier has its SIREN between two hyphens, and every label line
# follows a newline: these locators find the few places where the full patterns are tried, and
# ``_actes_ids``/``_label_lines`` give exactly the matches ``finditer`` would.
# Each label starts with one of the letters e, t, d, r, p, a, m, whose only other case is ASCII's:
# a newline before any other letter (most lines) is passed over without trying the labels.
_SIREN_HYPHEN = re.compile(r"-(?=\s?\d{9}\s?-)")
_LABEL_AFTER_NEWLINE = re.compile(rf"\n(?=[ \t]*[etdrpam])[ \t]*(?:{_LABEL.pattern})", re.IGNORECASE)


def find_actes(text: str) -> ActesInfo:
    """The first ACTES identifier of ``text`` and the dates of the stamp around it.

    A date the stamp lacks is also taken from a line of its own anywhere in the document
    ("Publiée le : 05 février 2013" under the signature), never from running text.
    """
    match = next(_actes_ids(text), None)
    info = ActesInfo()
    if match is not None:
        around = text[max(0, match.start() - STAMP_WINDOW) : match.end() + STAMP_WINDOW]
        info = _with_dates(parse_actes_id(match), around)
    missing = {}
    for line in _label_lines(text):
        name = next(name for name, value in line.groupdict().items() if value and name in _LABELS)
        if getattr(info, name) is None and name not in missing:
            missing[name] = parse_french_date(line.group("date"))
    return replace(info, **{name: date for name, date in missing.items() if date is not None})


def find_all_actes(text: str) -> list[tuple[int, ActesInfo]]:
    """Every ACTES identifier with its offset, for acts inside a longer document."""
    found = []
    for match in _actes_ids(text):
        around = text[max(0, match.start() - STAMP_WINDOW) : match.end() + STAMP_WINDOW]
        found.append((match.start(), _with_dates(parse_actes_id(match), around)))
    return found


def _actes_ids(text: str) -> Iterator[re.Match[str]]:
    """``ACTES_ID.finditer(text)``, the pattern tried only just before a hyphen and a SIREN.

    An identifier's first hyphen comes after its three-character department and at most one
    space, so a match starts 4 or 3 characters before a hyphen the locator finds; trying those
    in order, never before the end of the previous match, gives the leftmost matches.
    """
    end = 0
    for hyphen in _SIREN_HYPHEN.finditer(text):
        for start in (hyphen.start() - 4, hyphen.start() - 3):
            if start >= end:
                match = ACTES_ID.match(text, start)
                if match is not None:
                    yield match
                    end = match.end()
                    break


def _label_lines(text: str) -> Iterator[re.Match[str]]:
    """``_LABEL_LINE.finditer(text)``, the pattern tried only at lines that start with a label.

    ``^`` matches at the start of the text and after a newline only, and a match never ends just
    after a newline (it ends on a date, blanks or a full stop), so the next one starts at a later
    newline.
    """
    match = _LABEL_LINE.match(text)
    position = 0
    if match is not None:
        yield match
        position = match.end()
    while (newline := _LABEL_AFTER_NEWLINE.search(text, position)) is not None:
        position = newline.start() + 1
        match = _LABEL_LINE.match(text, position)
        if match is not None:
            yield match
            position = match.end()


def parse_actes_id(match: re.Match[str]) -> ActesInfo:
    department, siren, date, number, nature = match.groups()
    return ActesInfo(
        actes_id=f"{department}-{siren}-{date}-{number}-{nature}",
        actes_department=department,
        actes_siren=siren,
        actes_date=_compact_date(date),
        actes_number=number,
        actes_nature=nature,
    )


def strip_stamps(text: str) -> str:
    """The text without its prefecture-stamp lines (labels, their dates, the ID)."""
    return _STAMP_LINE.sub("", ACTES_ID.sub("", text))


def _with_dates(info: ActesInfo, text: str) -> ActesInfo:
    dates: dict[str, dt.date | None] = {}
    waiting: list[str] = []  # labels whose date comes later (labels first, dates after)
    position = 0
    for label in _LABEL.finditer(text):
        if label.start() < position:
            continue
        name = label.lastgroup or ""
        after = _DATE_AFTER_LABEL.match(text, label.end())
        line_end = text.find("\n", label.end())
        if after and (line_end == -1 or after.start(1) < line_end):
            dates.setdefault(name, parse_french_date(after.group(1)))
            position = after.end()
        else:
            waiting.append(name)
            position = label.end()
    if waiting:
        for name, found in zip(waiting, _DATES.finditer(text, position), strict=False):
            dates.setdefault(name, parse_french_date(found.group(0)))
    return replace(info, **{name: date for name, date in dates.items() if date is not None})


def _compact_date(value: str) -> dt.date | None:
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None
