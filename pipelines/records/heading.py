"""An act's own number and date, from its heading, else from the sitting that passed it."""

from __future__ import annotations

import re

from pipelines.dates import MONTH_NAMES as MONTHS
from pipelines.dates import WEEKDAY_NAMES, parse_french_date
from pipelines.records.spans import STATE_ACT_ID, Found

_WEEKDAY = rf"(?:{WEEKDAY_NAMES}\s+)?"
# "Arrêté n° 2024-44 du 29 avril 2024", "Délibération 2-3 du Vendredi 23 janvier 2009" (a number
# without "n°" is digits and separators only).
_HEADING = re.compile(
    rf"(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision|\bAP)(?:\s+(?:pr[ée]fectoral|municipal))?"
    # A service's reference: "Arrêté CAB/SPAS/VIDEO/25-002 du 18 février 2025".
    rf"(?:\s+(?:n°\s*(?P<number>[\w./-]+)|(?P<bare>\d+(?:[./-]\d+)+|[A-Z]{{2,}}(?:/[\w-]+)+)))?\s+du\s+{_WEEKDAY}"
    rf"(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}(?:\s+\d{{4}})?)",
    re.IGNORECASE,
)
# "Arrêté n° 2024-00860" (its date on another line), "DÉLIBÉRATION DU CONSEIL MUNICIPAL\nN° 20160526_7",
# an item of minutes opening with its number: "N°29 - Autoriser…".
# ("v?u": a vœu whose ligature was lost on the way.)
_NUMBER = re.compile(
    r"(?:(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision|v[œo?]e?u)[^\n]{0,40}?\s*|^\s*)n°\s*(?P<number>\d[\w/-]*(?:\s/\s\d+)?)",
    re.IGNORECASE,
)
# "Extrait du registre des délibérations du Conseil Municipal de la Ville de Montpellier\nn° 2013 / 14".
_REGISTER = re.compile(
    r"registre\s+des\s+d[ée]lib[ée]rations[\s\S]{0,100}?\bn°\s*(?P<number>\d{4}\s?/\s?\d{1,4})", re.IGNORECASE
)
# An act's identifier opening its text: the MEL's "19 C 1114 Séance du …", the Conseil de
# Paris's "2015 SG 61 - Avenant …" and "2009, DVD 215 - …", Avranches's "2013.07.01 - 5 …".
_LEADING = re.compile(
    r"\A\s*(?P<number>\d{2}\s+C\s+\d{4}(?=\s)|\d{4},?\s+[A-Z]{1,5}\.?\s+\d{1,4}(?=\s+-\s)"
    r"|\d{4}\.\d{2}\.\d{2}\s+-\s+\d{1,3}(?=\s))"
)
# The Conseil de Paris's reference in brackets: "Déliberation/ Conseil municipal/ Mai 2009 [2009 V. 163]".
_BRACKETED = re.compile(r"\[(?P<number>\d{4},?\s+[A-Z]{1,5}\.?\s+\d{1,4})\]")
# A prefecture's identifier of an act in its recueil (the State's "DS" numbering:
# département-year-month-day-sequence), on a line of its own or before the act's title.
_RECUEIL_ID = re.compile(rf"^\s*-?\s*(?P<number>{STATE_ACT_ID})\b", re.MULTILINE)
# "le rapport 28", "la délibération 147": an item's number in a report of the sitting.
_ITEM = re.compile(
    r"\b(?:rapport|d[ée]lib[ée]ration)\s+(?P<number>\d{1,3})\b(?![\s,.]*(?:\d|%|€|euros?\b|cam[ée]ras?\b|ans?\b|mois\b))",
    re.IGNORECASE,
)
# The sitting that passed the act, when its heading has no date: "N° 20160526_7 du 26 mai 2016",
# "séance (publique) du lundi 4 février 2013", "conseil municipal du 22 septembre 2015".
_SITTING_DATE = re.compile(
    rf"(?:(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision)[^\n]{{0,40}}?n°\s*[\w/-]+|s[ée]ance(?:\s+publique)?"
    # A département's or a région's sitting: "Assemblée plénière auvergnate et rhônalpine du …".
    rf"|(?:assembl[ée]e|session)\s+pl[ée]ni[èe]re(?:\s+[\wéèô-]+){{0,3}}?"
    rf"|conseil\s+municipal|r[ée]union)\s+du\s+"
    rf"{_WEEKDAY}(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}\s+\d{{4}})",
    re.IGNORECASE,
)


# A decision reported with its date: "approuvé le 3 février 2023 par le conseil", "La Région a
# voté … ce 28 janvier 2022", "ce que confirme le Conseil municipal … le 27 juin 2017".
_REPORTED = re.compile(
    # "Le Conseil de Paris a donné son feu vert, lundi 23 novembre 2009, à …".
    rf"\b(?:approuv|vot[ée]|adopt|d[ée]cid|confirm|d[ée]lib[ée]r|feu\s+vert)\w*[^.\n]{{0,80}}?"
    rf"(?:\b(?:le|ce|du)\s+{_WEEKDAY}|,\s+{WEEKDAY_NAMES}\s+)"
    rf"(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}\s+\d{{4}})",
    re.IGNORECASE,
)
# Another act cited in the recitals or the history: "Vu la délibération adoptée le …".
_CITED = re.compile(
    r"\bvu\b|pr[ée]c[ée]demment|par\s+(?:la\s+|une\s+)?d[ée]lib[ée]ration|ant[ée]rieure?|habilit",
    re.IGNORECASE,
)


def act_number(head: str) -> Found | None:
    match = next((found for found in _HEADING.finditer(head, 0, 400) if _its_own(head, found)), None)
    if match is not None and (match["number"] or match["bare"]):
        group = "number" if match["number"] else "bare"
        return Found(match[group].rstrip(".,"), match.start(group), match.end(group))
    for pattern, limit in (
        (_LEADING, 100),
        (_BRACKETED, 400),
        (_REGISTER, 600),
        (_NUMBER, 600),
        (_RECUEIL_ID, 1500),
        (_ITEM, 1500),
    ):
        numbered = next(
            (found for found in pattern.finditer(head, 0, limit) if not _in_recital(head, found)), None
        )
        if numbered is not None:
            return Found(numbered["number"].rstrip(".,-"), numbered.start("number"), numbered.end("number"))
    return None


def act_date(head: str, year_hint: int | None = None) -> Found | None:
    """The date in the act's heading ("Arrêté n° 2024-44 du 29 avril 2024"); a heading without
    its year ("Arrêté du 12 mars portant…") takes the year of the recueil (``year_hint``); else
    the date of the sitting that passed it ("séance publique du lundi 4 février 2013")."""
    match = next((found for found in _HEADING.finditer(head, 0, 400) if _its_own(head, found)), None)
    if match is None:
        return _sitting_date(head) or _council_day(head, year_hint)
    return _dated(match, year_hint)


# An arrêté cited, not this one: in a recital ("Vu l'arrêté n° … du 15 juillet 2025 portant
# délégation de signature"), or the one a modification modifies ("modifiant l'arrêté n° … du").
_CITED_ARRETE = re.compile(
    r"(?:\bvu\b|modifiant|abrogeant|compl[ée]tant|prorogeant)[^\n]{0,40}$", re.IGNORECASE
)
# What a surveillance arrêté's title is about; a recueil's summary lists other acts before it
# ("Arrêté n° 987/2025 du 21 mai 2025 mettant en demeure la société …").
_ABOUT_SURVEILLANCE = re.compile(
    r"vid[ée]o|cam[ée]ra|a[ée]ronef|drone|captation|surveillance|images|enregistrement\s+audiovisuel",
    re.IGNORECASE,
)


_AN_ARRETE = re.compile(r"arr|AP", re.IGNORECASE)
_NEXT_ARRETE = re.compile(r"arr[êe]t[ée]\s", re.IGNORECASE)


def _in_recital(head: str, found: re.Match[str]) -> bool:
    """Whether ``found`` is in a recital ("Vu l'arrêté n° …"): an act cited, not this one."""
    line_start = head.rfind("\n", 0, found.start()) + 1
    return _CITED_ARRETE.search(head, line_start, found.start()) is not None


def _its_own(head: str, heading: re.Match[str]) -> bool:
    """Whether a dated heading is the act's own: not cited, and, for an arrêté, about surveillance
    in its title (the words up to the next act's heading)."""
    if _in_recital(head, heading):
        return False
    if not _AN_ARRETE.match(heading[0]):
        return True
    title_end = _NEXT_ARRETE.search(head, heading.end(), heading.end() + 250)
    return (
        _ABOUT_SURVEILLANCE.search(
            head, heading.end(), title_end.start() if title_end else heading.end() + 250
        )
        is not None
    )


def _sitting_date(head: str) -> Found | None:
    match = next((found for found in _SITTING_DATE.finditer(head, 0, 3000) if _its_own(head, found)), None)
    if match is None:
        return _reported_date(head)
    date = parse_french_date(match["date"])
    return Found(date, match.start("date"), match.end("date")) if date else None


def _reported_date(text: str) -> Found | None:
    """The date a report gives its decision, when the text has no heading or sitting."""
    for match in _REPORTED.finditer(text, 0, 3000):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _CITED.search(text, max(line_start, match.start() - 100), match.start("date")):
            continue
        date = parse_french_date(match["date"])
        if date is not None:
            return Found(date, match.start("date"), match.end("date"))
    return None


# The day a report says the council sat, next to it: "Le 6 juillet 2011, le conseil municipal",
# "Le 8 octobre, le conseil municipal validait", "jeudi 9 décembre lors du conseil municipal",
# "entérinée le 19 juillet par le conseil municipal", "Vendredi 21 février dernier, les élus
# municipaux". Without its year, the day takes the document's (``year_hint``).
_COUNCIL_DAY = re.compile(
    rf"(?<!convoqu[ée]\s)(?<!convoqu[ée]\sle\s)\b{_WEEKDAY}(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}(?:\s+\d{{4}})?)"
    r"(?:\s+dernier)?[ \t]*,?[ \t]+"
    r"(?:lors\s+du\s+|par\s+le\s+|le\s+|les\s+)?(?:conseil\s+municipal|[ée]lus\s+municipaux)",
    re.IGNORECASE,
)


def _council_day(text: str, year_hint: int | None) -> Found | None:
    match = next(
        (
            found
            for found in _COUNCIL_DAY.finditer(text, 0, 3000)
            if not re.search(r"convoqu", text[max(0, found.start() - 25) : found.start()], re.IGNORECASE)
        ),
        None,
    )
    if match is None:
        return None
    return _dated(match, year_hint)


def _dated(match: re.Match[str], year_hint: int | None) -> Found | None:
    """The date of ``match``'s ``date`` group; written without its year, with ``year_hint``'s."""
    written = match["date"]
    if not re.search(r"\d{4}$", written):
        if year_hint is None:
            return None
        written = f"{written} {year_hint}"
    date = parse_french_date(written)
    return Found(date, match.start("date"), match.end("date")) if date else None
