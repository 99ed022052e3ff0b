"""The date of a sitting or act, from French text, title or file name, and where it came from.

Dates are written in many ways: "Séance du 16 décembre 2022", "le lundi 4 février 2013",
"16/12/2022", "L'an deux mil vingt-deux, le trois octobre", ``CR_reunion_20211105.pdf``.
Number words are turned into digits by text2num, dates are parsed by dateparser (French month
names, "1er", weekdays, abbreviations); this module only says where to look, in this order:

1. ``text``: the date after a sitting cue ("séance", "réunion", "conseil municipal du…") or in
   the formula "L'an …, le …" in the document's opening;
2. ``title``: a date in the title (often the file name of a PDF);
3. ``url``: a date in the URL or file name (``20211105``, ``17_02_2014``, ``2013-02-04``);
4. ``text``: else the first date in the opening (the signature date of an arrêté, say).

The sitting's own words come first: file names are sometimes wrong (Flaux publishes the minutes
of "15 Décembre 2023" as ``PV DU 15 DECEMBRE 2024``).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

HEAD_CHARS = 3000
_MONTHS = (
    r"janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t|sept(?:embre)?|"
    r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?"
)
_DATE = rf"(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\.?\s+\d{{4}}|\d{{1,2}}\s*[/.]\s*\d{{1,2}}\s*[/.]\s*\d{{4}})"
_ANY_DATE = re.compile(_DATE, re.IGNORECASE)
_SITTING = re.compile(
    rf"(?:s[ée]ance|r[ée]union|conseil\s+(?:municipal|communautaire|m[ée]tropolitain|d[ée]partemental)|session)"
    rf"[^\n.;]{{0,60}}?\b(?:du|le|en date du)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?({_DATE})",
    re.IGNORECASE,
)
_L_AN = re.compile(rf"l['’]an\s+(\d{{4}})\s*,?\s*le\s+(\d{{1,2}})(?:er)?\s+({_MONTHS})", re.IGNORECASE)
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[-_.\s](\d{1,2})[-_.\s]((?:19|20)\d{2})(?!\d)")
_YEAR_FIRST = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.](\d{2})[-_.](\d{2})(?!\d)")


def find_date(title: str | None, url: str, text: str) -> tuple[dt.date | None, str | None]:
    head = text[:HEAD_CHARS]
    for found, source in (
        (lambda: _from_cues(head), "text"),
        (lambda: _first_date(title or ""), "title"),
        (lambda: _from_name(unquote(url)), "url"),
        (lambda: _first_date(head), "text"),
    ):
        date = found()
        if date is not None:
            return date, source
    return None, None


def _from_cues(head: str) -> dt.date | None:
    match = _SITTING.search(head)
    if match and (date := parse_french_date(match.group(1))):
        return date
    if "l'an" in head.lower() or "l’an" in head.lower():
        written = _L_AN.search(_digits(head))
        if written and (
            date := parse_french_date(f"{written.group(2)} {written.group(3)} {written.group(1)}")
        ):
            return date
    return None


def _first_date(text: str) -> dt.date | None:
    for match in _ANY_DATE.finditer(text):
        if date := parse_french_date(match.group(0)):
            return date
    return None


def _from_name(url: str) -> dt.date | None:
    name = url.split("://", 1)[-1].partition("/")[2]
    for pattern, order in ((_COMPACT, "ymd"), (_YEAR_FIRST, "ymd"), (_DAY_FIRST, "dmy")):
        for match in pattern.finditer(name):
            parts = [int(group) for group in match.groups()]
            year, month, day = parts if order == "ymd" else parts[::-1]
            if date := _valid(year, month, day):
                return date
    return _first_date(name.replace("_", " ").replace("-", " "))


def _digits(text: str) -> str:
    """Number words as digits: "L'an deux mil vingt-deux, le trois" → "L'an 2022, le 3"."""
    from text_to_num import alpha2digit

    text = re.sub(r"\bpremier\b", "1er", text, flags=re.IGNORECASE)
    return alpha2digit(text.replace("deux mil ", "deux mille "), "fr")


def parse_french_date(fragment: str) -> dt.date | None:
    """A full date (day, month, year) written in French, or None."""
    import dateparser

    parsed = dateparser.parse(
        " ".join(fragment.replace("1er", "1").split()),
        languages=["fr"],
        settings={
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past",
        },
    )
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if 1950 <= year <= dt.date.today().year + 1 else None
