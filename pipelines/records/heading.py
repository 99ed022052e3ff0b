"""An act's own number and date, from its heading, else from the sitting that passed it."""

from __future__ import annotations

import datetime as dt
import re

from pipelines.dates import MONTH_NAMES as MONTHS
from pipelines.dates import OPTIONAL_WEEKDAY as _WEEKDAY
from pipelines.dates import parse_french_date
from pipelines.records.act_numbers import ENTRY_NUMBER, LISTED, NUMBER_FORMS, NUMBER_SIGNED, RUN_INTO_TITLE
from pipelines.records.reported_dates import reported_date
from pipelines.records.spans import (
    ABOUT_SURVEILLANCE,
    DAY,
    NATIONAL_STANDARDS,
    STATE_ACT_ID,
    Found,
    first_surveillance_entry,
    read_day,
    summary_entry,
    surveillance_row,
)

# What an act does to another it names: "modifiant l'arrêté n° …", "abrogeant l'arrêté du …".
_AMENDING_WORDS = ("modifiant", "abrogeant", "compl[ée]tant", "prorogeant")
_AMENDING = "(?:" + "|".join(_AMENDING_WORDS) + ")"
# (Lookbehinds of one width each: an arrêté named after "modifiant l'" is the amended one.)
_NOT_AMENDED = "".join(rf"(?<!{word}\sl['’])" for word in _AMENDING_WORDS)
# "n°", its look-alike "nº", or a bare "n" before the number ("Arrêté n 2011/067/BA").
_NUMBER_SIGN = r"(?:n\s*[°º]|n(?=\s+\d))"
# "Arrêté n° 2024-44 du 29 avril 2024", "Délibération 2-3 du Vendredi 23 janvier 2009" (a number
# without "n°" is digits and separators only), "ARRÊTÉ PRÉFECTORAL Nº PREF-CAB-BS-2026-005-998
# EN DATE DU 05 JANVIER 2026", "Arrêté n° 2025-450-BOPSI du 30/09/25".
_HEADING = re.compile(
    # ("A R R E T E n° 2013 – 429 du 5 avril 2013": a heading spaced out, its number too.)
    # (Not an act another one cites: "Arrêté préfectoral modifiant l'arrêté n°31-2024-05-13-00005 du
    # 13 mai 2024".)
    rf"(?:{_NOT_AMENDED}arr[êeé]t[ée]|A R R [ÊE] T [ÉE]|d[ée]lib[ée]ration|d[ée]cision|\bAP)(?:\s+(?:pr[ée]fectoral|municipal))?"
    # A service's reference: "Arrêté CAB/SPAS/VIDEO/25-002 du 18 février 2025", "Arrété
    # 25/CAB/DS/PPA-VIDEO n° 136 du 19 mai 2025".
    # ("N° 2024-PREF-DCSIPC-BSIOP n°055 du 22 janvier 2024": a service's reference, then its number.)
    # ("Arrêté CAB-BOPSI n°2025-619 du 21 octobre 2025": a service's initials before "n°".)
    rf"(?:\s+(?:(?:(?-i:[A-Z]{{2,}}(?:[-/][A-Z]{{2,}})*)\s+)?{_NUMBER_SIGN}\s*(?P<number>\d{{4}}\s[–-]\s\d+|[\w./-]+(?:\s+n\s*[°º]\s*\d+)?)|(?P<bare>\d+(?:[./-]\d+)+|\d{{6,}}"
    # ("Arrêté PREF-DCSIPC-BSIOP-032 du 15 janvier 2024": services' initials and a number.)
    rf"|(?:\d{{2}}/)?[A-Z]{{2,}}(?:/[\w-]+)+(?:\s+n°\s*\d+)?|(?-i:[A-Z]{{2,}}(?:-[A-Z]{{2,}})+-\d+))))?\s+(?:en\s+date\s+)?du\s+{_WEEKDAY}"
    rf"(?P<date>{DAY})",
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
# An arrêté's place and date above its heading: "Montpellier, le 21 mai 2024", "Le lundi 13
# janvier 2025" (run into the prefect's titles in a text layer); not a recueil's "PUBLIÉ LE".
_PLACE_AND_DATE = re.compile(
    rf"(?:\w,\s+le|(?-i:\bLe))\s+{_WEEKDAY}(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}\s+\d{{4}})", re.IGNORECASE
)
_ARRETE_HEADING = re.compile(r"ARR[ÊE]T[ÉE]|A R R Ê T É|Arr[êeé]t[ée] n\s*[°º]")
# A recueil's summary line that dates its act: the Hauts-de-Seine's "N°2025-00010 03.01.2025
# Arrêté autorisant la captation", the Dordogne's file names "VIDEOPROTECTION-Commune de
# CAMPSEGRET-arrêté-2018-14082025". (The day in the State's identifier, "45-2025-03-05-00001",
# is not read: the labels count as written only a date spelt as one.)
_SUMMARY_LINE = re.compile(r"N°\s*[\w-]+\s+(?P<date>\d{2}\.\d{2}\.\d{4})\s+Arr[êe]t[ée]", re.IGNORECASE)
_FILE_NAME = re.compile(r"arr[êe]t[ée]-\d+-(?P<day>\d{2})(?P<month>\d{2})(?P<year>\d{4})\b", re.IGNORECASE)
# Arrêtés published together with their day of signature: "arrêtés signés le 19 décembre 2025",
# "Signature au 11 juillet 2025".
_SIGNED = re.compile(
    rf"(?:arr[êe]t[ée]s\s+sign[ée]s\s+le|signature\s+au)\s+(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}\s+\d{{4}})",
    re.IGNORECASE,
)


# The number of the act another one amends: "Arrêté préfectoral modifiant l'arrêté n°31-2024-05-13-00005".
_AMENDED_BEFORE = re.compile(
    rf"{_AMENDING}\s+l['’]\s?arr[êe]t[ée](?:\s+pr[ée]fectoral)?\s+n\s*[°º]?\s*$", re.IGNORECASE
)


def act_number(head: str) -> Found | None:
    """The act's number: its dated heading's, else the first of ``NUMBER_FORMS`` found where it
    may be the act's own (not in a recital, not another act's in a recueil's summary)."""
    match = _own_heading(head)
    if match is not None and (match["number"] or match["bare"]):
        group = "number" if match["number"] else "bare"
        return Found(match[group].rstrip(".,"), match.start(group), match.end(group))
    for pattern, limit in NUMBER_FORMS:
        numbered = next(
            (
                found
                for found in pattern.finditer(head, 0, limit + 100)  # not a number cut at the limit
                if found.start() < limit
                and not found["number"].endswith("-")  # spaced out: "n° 2024- 0109"
                and not _in_recital(head, found)
                and not _AMENDED_BEFORE.search(
                    head, max(0, found.start("number") - 40), found.start("number")
                )
                and (pattern not in LISTED or _about_its_title(head, found, pattern is not NUMBER_SIGNED))
                and (pattern is not ENTRY_NUMBER or first_surveillance_entry(head, found.start()))
                and not _on_a_summary_line(head, found)
            ),
            None,
        )
        if numbered is not None:
            number = RUN_INTO_TITLE.sub("", numbered["number"]).rstrip(".,-")
            return Found(number, numbered.start("number"), numbered.start("number") + len(number))
    row = surveillance_row(head)
    return Found(row[0]["number"], row[0].start("number"), row[0].end("number")) if row is not None else None


def act_date(head: str, document_date: dt.date | int | None = None, kind: str | None = None) -> Found | None:
    """The date in the act's heading ("Arrêté n° 2024-44 du 29 avril 2024"), above it
    ("Montpellier, le 21 mai 2024"), or in its recueil's summary; a heading without its year
    ("Arrêté du 12 mars portant…") takes the year of the recueil (``document_date``, a date or a
    year); else the date of the sitting that passed it ("séance publique du lundi 4 février
    2013"); else the date a page gives the decision it reports (``reported_dates``, by ``kind``)."""
    match = _own_heading(head)
    if match is not None:
        return _dated(match, document_date)
    return (
        _signed_date(head)
        or _sitting_date(head)
        or _listing_row(head)
        or reported_date(head, kind, document_date)
    )


def _own_heading(head: str) -> re.Match[str] | None:
    """The act's own dated heading: near the top, or for an arrêté after its recueil's summary (a
    deliberation's "délibération du …" further on is another one the text cites)."""
    return next(
        (
            found
            for found in _HEADING.finditer(head, 0, 4000)
            if (found.start() < 400 or _AN_ARRETE.match(found[0]))
            and _its_own(head, found)
            and not _RELIED_ON.search(head, max(0, found.start() - 12), found.start())
        ),
        None,
    )


def _signed_date(head: str) -> Found | None:
    """The day an arrêté was signed, from its place and date, its line in a recueil's summary,
    or the day a recueil says its arrêtés were signed."""
    for place in _PLACE_AND_DATE.finditer(head, 0, 4000):
        if summary_entry(head, place.end()) is not None:
            continue  # another act's title in the summary: "… à Poitiers, le mercredi 03 décembre 2025 … (5 pages)"
        following = _ARRETE_HEADING.search(head, place.end(), place.end() + 400)
        if (
            following is not None
            and not re.search(r"\bvu\b", head[place.end() : following.start()], re.I)
            # (Not the date of another act a recueil prints before this one: "Grenoble, le 27
            # octobre 2025 Arrêté n° Portant composition du conseil communautaire".)
            and ABOUT_SURVEILLANCE.search(head, following.start(), following.end() + 300) is not None
        ):
            return _dated(place, None)
    named = next((match for match in _FILE_NAME.finditer(head, 0, 4000) if _about(head, match)), None)
    if named is not None:
        day = read_day(f"{named['day']}/{named['month']}/{named['year']}")
        return Found(day, named.start("day"), named.end("year")) if day else None
    for pattern in (_SUMMARY_LINE, _SIGNED):
        found = next((match for match in pattern.finditer(head, 0, 4000) if _about(head, match)), None)
        if found is not None:
            return _dated(found, None)
    row = surveillance_row(head)
    return _dated(row[0], None) if row is not None else None


def _about(head: str, match: re.Match[str]) -> bool:
    return (
        ABOUT_SURVEILLANCE.search(head, match.start() - 200 if match.start() > 200 else 0, match.end() + 200)
        is not None
    )


# An arrêté cited, not this one: in a recital ("Vu l'arrêté n° … du 15 juillet 2025 portant
# délégation de signature"), or the one a modification modifies ("modifiant l'arrêté n° … du").
_CITED_ARRETE = re.compile(
    # ("'u l'arrêté": a "Vu" whose V the OCR lost.)
    r"(?:\bvu\b|['’]u\s+l['’]|modifiant|abrogeant|compl[ée]tant|prorogeant|abrogation\s+de)[^\n]{0,40}$",
    re.IGNORECASE,
)
# "par délibération en date du 26 mars 2012": an earlier act the text relies on, whose date is not
# this act's (its number may be, in a page that reports "par une délibération n°18-893").
_RELIED_ON = re.compile(r"\bpar(?:\s+(?:la|une|sa|son|un))?\s*$", re.IGNORECASE)
_AN_ARRETE = re.compile(r"arr|A R R|AP", re.IGNORECASE)
# Where an arrêté's title ends in a recueil's summary: at the next act's heading or identifier.
# ("l'arrêté n° … du 27 mars 2023" in a title is the act it repeals or modifies, not the next one.)
_NEXT_TITLE = re.compile(
    rf"(?<![lL]['’])arr[êe]t[ée]\s|^\s*-?\s*{STATE_ACT_ID}", re.IGNORECASE | re.MULTILINE
)


def _in_recital(head: str, found: re.Match[str]) -> bool:
    """Whether ``found`` is in a recital ("Vu l'arrêté n° …"): an act cited, not this one."""
    line_start = head.rfind("\n", 0, found.start()) + 1
    cited = _CITED_ARRETE.search(head, line_start, found.start())
    # ("VuArrété n°2A-2025-01-17-00001 du 17 janvier 2025": the visas' "Vu" the text layer moved
    # into a column before the act's own heading, run into it.)
    return cited is not None and not (cited.end() == found.start() and cited[0].casefold() == "vu")


# An act a recueil's summary may list before this one: another arrêté or a director's decision
# ("décision du directeur n°42-2025 portant délégation de signature").
_A_LISTED_ACT = re.compile(r"arr|A R R|AP|d[ée]cision", re.IGNORECASE)


# A recueil's summary entry, at its line's start: "30-2025-12-22-00006 - ARRÊTÉ …".
_ENTRY_START = rf"[ \t|]*({STATE_ACT_ID})\s+-\s"
_SUMMARY_ENTRY = re.compile(_ENTRY_START)
_LISTED_ACT = re.compile("^" + _ENTRY_START, re.MULTILINE)


def _on_a_summary_line(head: str, numbered: re.Match[str]) -> bool:
    """Whether a State's identifier read as a number is on a recueil's summary line."""
    if not re.fullmatch(STATE_ACT_ID, numbered["number"]):
        return False
    return _SUMMARY_ENTRY.match(head, head.rfind("\n", 0, numbered.start()) + 1) is not None


def _about_its_title(head: str, numbered: re.Match[str], an_arrete: bool) -> bool:
    """Whether a numbered arrêté or decision (``an_arrete``: read by an arrêté's pattern, else
    by its words) is about surveillance in its title; a deliberation's or an item's number needs
    no such title. (A number alone on its line has its title on the next: "Arrêté CAB/BSI/PA n°
    25/563 / Arrêté autorisant la captation".)"""
    if not an_arrete and not _A_LISTED_ACT.match(numbered[0]):
        return True
    return _titled_about_surveillance(head, numbered.end(), title_on_next_line=True)


def _its_own(head: str, heading: re.Match[str]) -> bool:
    """Whether a dated heading is the act's own: not cited, and, for an arrêté, about surveillance
    in its title."""
    if _in_recital(head, heading) or NATIONAL_STANDARDS.search(head, heading.start(), heading.end() + 120):
        return False
    # A deliberation's heading is its own; an arrêté's, or any act's in a recueil's summary
    # ("Décision N°-30-01-6 du 24 Novembre portant affectation des agents"), when its title is
    # about surveillance.
    entry = summary_entry(head, heading.start())
    if not _AN_ARRETE.match(heading[0]) and entry is None:
        return True
    # A recueil of one act: its entry is this act's, whatever its title ("33-2026-02-19-00002 -
    # arrêté du 19 février 2026 (1)", the arrêté's own heading garbled: "Arrêté du 1 g FEV. 2026").
    if entry is not None and len(set(_LISTED_ACT.findall(head))) == 1:
        return True
    # In a summary, the first entry about surveillance is the act's: a later one's date is another
    # act's ("Arrêté préfectoral du 28 avril 2025 autorisant … un dispositif de brouillage").
    if not first_surveillance_entry(head, heading.start()):
        return False
    return _titled_about_surveillance(head, heading.end(), title_on_next_line=False)


# What may stand between a number and its title on the next line: a table's rule ("| Arrêté").
_RULED = " \t\n|"


def _titled_about_surveillance(head: str, after: int, title_on_next_line: bool) -> bool:
    """Whether the title that follows a heading at ``after`` (its words up to the next act's
    heading, 250 characters at most) is about surveillance; with ``title_on_next_line``, a next
    heading right after this one is the title's own first word, not the next act's."""
    end = next(
        (
            found.start()
            for found in _NEXT_TITLE.finditer(head, after, after + 250)
            if not title_on_next_line or head[after : found.start()].strip(_RULED)
        ),
        after + 250,
    )
    return ABOUT_SURVEILLANCE.search(head, after, end) is not None


# The minutes of an earlier sitting, approved at this one: "le compte rendu de la séance du 8
# décembre 2021 est approuvé".
_EARLIER_MINUTES = re.compile(r"(?:compte[\s-]rendu|proc[èe]s[\s-]verbal)\s+de\s+la\s+$", re.IGNORECASE)


_AMENDS = re.compile(rf"\b{_AMENDING}\b", re.IGNORECASE)


def _sitting_date(head: str) -> Found | None:
    match = next(
        (
            found
            for found in _SITTING_DATE.finditer(head, 0, 3000)
            if _its_own(head, found)
            and not _EARLIER_MINUTES.search(head, max(0, found.start() - 30), found.start())
            # ("Par délibération n°2015-0019 du 27 janvier 2015, le conseil municipal a adopté":
            # an earlier act the report relies on.)
            and not _RELIED_ON.search(head, max(0, found.start() - 12), found.start())
            # ("Arrêté n°2025-00790 modifiant l'arrêté n°2025-00747 du 16 juin 2025": the date of
            # the act it modifies.)
            and not _AMENDS.search(found[0])
        ),
        None,
    )
    if match is None:
        return None
    date = parse_french_date(match["date"])
    return Found(date, match.start("date"), match.end("date")) if date else None


# A row of a council's open-data listing of its deliberations, its date first: Montpellier's
# "2012-07-23;Marche de Maintenance de la Videoprotection Urbaine;;;…".
_LISTING_ROW = re.compile(r"\A\s*(?P<date>\d{4}-\d{2}-\d{2});")


def _listing_row(head: str) -> Found | None:
    row = _LISTING_ROW.match(head)
    if row is None:
        return None
    try:
        day = dt.date.fromisoformat(row["date"])
    except ValueError:
        return None
    return Found(day, row.start("date"), row.end("date"))


def _dated(match: re.Match[str], document_date: dt.date | int | None) -> Found | None:
    """The date of ``match``'s ``date`` group; written without its year, with the document's."""
    date = read_day(" ".join(match["date"].split()), document_date)
    return Found(date, match.start("date"), match.end("date")) if date else None
