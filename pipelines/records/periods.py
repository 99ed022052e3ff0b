"""Over which days a decision is authorised: a drone flight's or a trial's period, given by its
dates in the act's title, its articles or a recueil's summary entry ("le mardi 28 mai 2024 de
09h00 à 17H00", "du 1er juin au 30 septembre 2024", "les 11 et 12 août 2025")."""

from __future__ import annotations

import datetime as dt
import re

from pipelines.dates import MONTH_NAMES as MONTHS
from pipelines.dates import WEEKDAY_NAMES, parse_french_date
from pipelines.records.spans import (
    DAY_IN_FIGURES,
    GAP,
    Found,
    decision_part,
    first_surveillance_entry,
    listed_entry,
    read_day,
    summary_entry,
)

# A flight's one day with its hours: "le mardi 28 mai 2024 de 09h00 à 17H00"; a flight past
# midnight ends on the next day it names ("de 16h00 à 00h00 et le 21 septembre 2025"), and one
# that runs on for days on the day after "au" ("le lundi 29 janvier 2024 de 8 heures au vendredi
# 2 février").
_ONE_DAY = re.compile(
    rf"(?:limit[ée]e{GAP}au|le){GAP}(?:{WEEKDAY_NAMES}{GAP})?"
    rf"(?P<date>\d{{1,2}}(?:er)?{GAP}{MONTHS}{GAP}\d{{4}}){GAP}de{GAP}\d{{1,2}}\s?h"
    rf"(?:[^.;\n]{{0,30}}?\b(?:au|et{GAP}le){GAP}(?:{WEEKDAY_NAMES}{GAP})?"
    rf"(?P<end>\d{{1,2}}(?:er)?{GAP}{MONTHS}(?:{GAP}\d{{4}})?))?",
    re.IGNORECASE,
)
_WEEKDAY = rf"(?:{WEEKDAY_NAMES}{GAP})?"
# "du 1er juin au 30 septembre 2024" ("du 1 er juin 2025": its "er" set apart), "du samedi 22 février 2025 12h00 au lundi 24 février 08h00",
# "du vendredi 8 novembre 2024, 17h00 au mardi 12novembre 2024 inclus" (a lost space): one year
# may be written for both, or none (a page's "du dimanche 31 décembre, 16h, au lundi 1er janvier":
# the year the page was written in).
_FROM_TO = re.compile(
    # ("du 10 au 12 mai 2024": the start's month and year are the end's.)
    rf"du{GAP}{_WEEKDAY}(?:(?P<start>\d{{1,2}}(?:\s?er)?{GAP}{MONTHS}(?:{GAP}\d{{4}})?)|(?<!nuit\sdu\s)(?P<start_day>\d{{1,2}}(?:er)?)(?={GAP}au{GAP}{_WEEKDAY}\d)),?{GAP}"
    # ("du vendredi 19 juillet 2024, à compter de 18h00, au dimanche 21 juillet 2024".)
    rf"(?:(?:[àa]|de|[àa]{GAP}compter{GAP}de){GAP})?(?:\d{{1,2}}\s?h\s?\d{{0,2}},?{GAP})?"
    # ("du jeudi 4 avril 2024 8h00 jusqu'au dimanche 7 avril 2024 à 20h00".)
    rf"(?:jusqu['’]\s?)?au{GAP}{_WEEKDAY}(?P<end>\d{{1,2}}(?:er)?\s*{MONTHS}(?:{GAP}\d{{4}})?)",
    re.IGNORECASE,
)
# Days listed, the month and year written once: "les 11 et 12 août 2025", "les 19, 20 et 21
# janvier 2026".
_DAYS_LISTED = re.compile(
    # (Their weekdays too: "les jeudi 13 et vendredi 14\nnovembre 2025"; each day its article: "le
    # 25 et le 26 novembre 2023".)
    rf"\bles?{GAP}{_WEEKDAY}(?P<start_day>\d{{1,2}}(?:er)?)(?:,{GAP}\d{{1,2}})*{GAP}et{GAP}(?:le{GAP})?{_WEEKDAY}"
    rf"(?P<end>\d{{1,2}}{GAP}{MONTHS}{GAP}\d{{4}})",
    re.IGNORECASE,
)
# A drone arrêté's title for one day: "… au moyen de caméras installées sur des aéronefs sur la
# commune de Drap le 20 mars 2024", "… à l'occasion de manifestations à Paris le dimanche 6 octobre 2024".
# (Across one line's wrap at most, not into a recital: "… sur des drones\nVu la demande … le 2 juin".)
_AIRCRAFT_THEN = r"(?P<device>a[ée]ronefs?|drones)(?:[^.;\n]|\n(?![ \t]*(?:vu|consid))){0,120}?"
_SPELT_DAY = rf"\d{{1,2}}(?:er)?{GAP}{MONTHS}\s*\d{{4}}"
# (One day, not a range's start: "le 21 septembre 2025 au 23 septembre".)
_NOT_A_RANGE = rf"(?!\d)(?!{GAP}(?:[àa]|de|au){GAP}\d)"
_FLIGHT_DAY = re.compile(
    # ("… sur des aéronefs à Nicele mardi 19 août 2025Le préfet", "… à bordle 18 septembre 2025",
    # "… Langres levendredi 18 juillet 2025": spaces lost; the Morbihan's "l'utilisation de drones
    # au relai flamme paralympique le 25 aout 2024".)
    rf"{_AIRCRAFT_THEN}(?:\ble{GAP}|(?<=[a-zé])le(?=[\s ]*{_WEEKDAY}\d)[\s ]*)"
    # (The Gironde's summaries write it in figures: "… drones de la gendarmerie à LANGON le 02 10 2025".)
    rf"{_WEEKDAY}(?P<date>{_SPELT_DAY}|{DAY_IN_FIGURES}){_NOT_A_RANGE}",
    re.IGNORECASE,
)
# The day of the occasion the flights serve: "… dans le cadre de la mobilisation nationale du 18
# septembre 2025" (read when no flight day is).
_OCCASION_DAY = re.compile(
    rf"{_AIRCRAFT_THEN}(?:(?<=mobilisation)|(?<=manifestation)|(?<=rassemblement))s?(?:{GAP}\w+){{0,3}}{GAP}du{GAP}"
    rf"{_WEEKDAY}(?P<date>{_SPELT_DAY}){_NOT_A_RANGE}",
    re.IGNORECASE,
)


def _years_given(
    start: str, end: str, document_date: dt.date | int | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """The two dates of "du … au …", the year written once given to both (the end's to the
    start; else the start's to the end, a year later if the end would come first); written for
    neither, the start is a day of the document's (``read_day``)."""
    end_year = re.search(r"\d{4}$", end)
    if end_year is None:
        first = read_day(" ".join(start.split()), document_date)
        if first is None:
            return None, None
        last = parse_french_date(f"{' '.join(end.split())} {first.year}")
        if last is not None and last < first:
            last = parse_french_date(f"{' '.join(end.split())} {first.year + 1}")
        return first, last
    last = parse_french_date(end)
    if last is not None and not re.search(r"\d{4}$", start):
        start = f"{start} {last.year}"
    return parse_french_date(start), last


# The kinds whose decision is for days named by their dates: a drone flight, a trial.
_DATED_KINDS = frozenset({"drone_authorisation", "experiment"})
# Where a date is not the period's: a recital ("Considérant que le 12 mars 2025, lors d'une
# patrouille", quoted in a page too), an arrêté's place and date ("Dzaoudzi, le 06 septembre 2024").
_NOT_THE_PERIOD = re.compile(r"\bconsid[ée]rant\b[^.;]*$|^\s*vu\b|^[^\n,]{2,40},\s*le\s*$", re.IGNORECASE)


def authorised_period(
    text: str, kind: str | None = "drone_authorisation", document_date: dt.date | int | None = None
) -> tuple[Found | None, Found | None]:
    """(start, end) of a period given by its dates, for a drone flight or a trial (``kind``): one
    day with its hours, or "du 1er juin au 30 septembre 2024" (days without their year in the
    document's, ``document_date`` a date or a year). Not a date of a recital, of the arrêté's signature, or of another act's
    entry in its recueil's summary (a road's works, a festival's police measures)."""
    if kind not in _DATED_KINDS:
        return None, None
    start, _ = decision_part(text)
    part = text[start:]
    one_day = next((m for m in _ONE_DAY.finditer(part) if _the_period(text, start + m.start())), None)
    if one_day is not None and (date := parse_french_date(one_day["date"])) is not None:
        found = Found(date, start + one_day.start("date"), start + one_day.end("date"))
        if one_day["end"] is None:
            return found, found
        first, last = _years_given(one_day["date"], one_day["end"])
        if first is None or last is None or first > last:
            return found, found
        return found, Found(last, start + one_day.start("end"), start + one_day.end("end"))
    span = next((m for m in _FROM_TO.finditer(part) if _the_period(text, start + m.start())), None)
    if span is None:
        span = next((m for m in _DAYS_LISTED.finditer(part) if _the_period(text, start + m.start())), None)
    if span is None:
        day = next(
            (
                m
                for pattern in (_FLIGHT_DAY, _OCCASION_DAY)
                for m in pattern.finditer(text, 0, 3000)
                if _the_period(text, m.start("date"))
                # (Drones are an aircraft authorisation's; a trial's page names the police's drones
                # of another day.)
                and (kind == "drone_authorisation" or m["device"].lower() != "drones")
                and not _ANOTHER_DAY.search(text, max(0, m.start("date") - 40), m.start("date"))
            ),
            None,
        )
        if day is None or (date := read_day(" ".join(day["date"].split()))) is None:
            return None, None
        found = Found(date, day.start("date"), day.end("date"))
        return found, found
    written = span.groupdict().get("start")
    group = "start" if written else "start_day"
    written = written or f"{span['start_day']} {span['end'].split(maxsplit=1)[1]}"
    first, last = _years_given(written, span["end"], document_date)
    if first is None or last is None or first > last:
        return None, None
    return (
        Found(first, start + span.start(group), start + span.end(group)),
        Found(last, start + span.start("end"), start + span.end("end")),
    )


# A day that is not the flight's: what went before ("depuis le 11 février 2026"), or another act's
# or a request's ("modifiant l'arrêté pris le 3 mars 2025", "transmise le 2 juin", "a annoncé le 3 mai").
_ANOTHER_DAY = re.compile(
    r"\b(?:depuis|pris|publi[ée]e?s?|re[çc]ue?s?|transmise?s?|pr[ée]sent[ée]e?s?|d[ée]pos[ée]e?s?|annonc[ée]e?s?"
    r"|sign[ée]e?s?|sollicit[ée]e?s?)\s+le\s*(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A flight's or a trial's entry names its devices; "une mission de surveillance et de gardiennage
# du 28 novembre 2024 au 6 janvier 2025" is private guards'.
_ABOUT_DEVICES = re.compile(r"a[ée]ronef|drone|cam[ée]ra|captation|images|vid[ée]o", re.IGNORECASE)


def _the_period(text: str, at: int) -> bool:
    """Whether dates read at ``at`` may be the act's period: not in a recital nor an arrêté's place
    and date, and, in a recueil's summary, in an entry about devices."""
    line_start = text.rfind("\n", 0, at) + 1
    if _NOT_THE_PERIOD.search(text[line_start:at]):
        return False
    entry = summary_entry(text, at) or listed_entry(text, at)
    # (In a summary, the entry of the recueil's first act about surveillance: a later entry's
    # days are another act's, such as a neighbouring prefecture's flights.)
    # (Nor a jammer's entry: "un dispositif de brouillage destiné à rendre inopérant un aéronef …
    # les 5 et 6 septembre 2025" is not the flights of the next one; ``first_surveillance_entry``
    # passes it over.)
    return entry is None or (
        _ABOUT_DEVICES.search(text, *entry) is not None and first_surveillance_entry(text, at)
    )
