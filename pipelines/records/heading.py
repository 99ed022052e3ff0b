"""An act's own number and date, from its heading, else from the sitting that passed it."""

from __future__ import annotations

import re

from pipelines.dates import MONTH_NAMES as MONTHS
from pipelines.dates import parse_french_date
from pipelines.records.spans import Found

_HEADING = re.compile(
    rf"(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision)(?:\s+(?:pr[ée]fectoral|municipal))?"
    rf"(?:\s+n°\s*(?P<number>[\w./-]+))?\s+du\s+(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}(?:\s+\d{{4}})?)",
    re.IGNORECASE,
)
# "Arrêté n° 2024-00860" (its date on another line), "DÉLIBÉRATION DU CONSEIL MUNICIPAL\nN° 20160526_7",
# an item of minutes opening with its number: "N°29 - Autoriser…".
_NUMBER = re.compile(
    r"(?:(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision)[^\n]{0,40}?\s*|^\s*)n°\s*(?P<number>\d[\w/-]*(?:\s/\s\d+)?)",
    re.IGNORECASE,
)
# The sitting that passed the act, when its heading has no date: "N° 20160526_7 du 26 mai 2016",
# "séance (publique) du lundi 4 février 2013", "conseil municipal du 22 septembre 2015".
_SITTING_DATE = re.compile(
    rf"(?:(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision)[^\n]{{0,40}}?n°\s*[\w/-]+|s[ée]ance(?:\s+publique)?"
    rf"|conseil\s+municipal|r[ée]union)\s+du\s+"
    rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}\s+\d{{4}})",
    re.IGNORECASE,
)


def act_number(head: str) -> Found | None:
    match = _HEADING.search(head[:400])
    if match is not None and match["number"]:
        return Found(match["number"].rstrip(".,"), match.start("number"), match.end("number"))
    numbered = _NUMBER.search(head[:600])
    if numbered is None:
        return None
    return Found(numbered["number"].rstrip(".,-"), numbered.start("number"), numbered.end("number"))


def act_date(head: str, year_hint: int | None = None) -> Found | None:
    """The date in the act's heading ("Arrêté n° 2024-44 du 29 avril 2024"); a heading without
    its year ("Arrêté du 12 mars portant…") takes the year of the recueil (``year_hint``); else
    the date of the sitting that passed it ("séance publique du lundi 4 février 2013")."""
    match = _HEADING.search(head[:400])
    if match is None:
        return _sitting_date(head)
    written = match["date"]
    if not re.search(r"\d{4}$", written):
        if year_hint is None:
            return None
        written = f"{written} {year_hint}"
    date = parse_french_date(written)
    return Found(date, match.start("date"), match.end("date")) if date else None


def _sitting_date(head: str) -> Found | None:
    match = _SITTING_DATE.search(head[:3000])
    if match is None:
        return None
    date = parse_french_date(match["date"])
    return Found(date, match.start("date"), match.end("date")) if date else None
