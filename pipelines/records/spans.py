"""What every record reader shares: a value with its span (``Found``), the decision's part of an
act (its first article), and the French words a date or a phrase is made of."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pipelines.dates import MONTH_NAMES, parse_french_date

GAP = r"[\s ]+"  # words of one phrase may be split by a line wrap


@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    start: int
    end: int


# (An article opens its line: the space before it is its line's, "[^\S\n]", so that a run of blank
# lines is not read again from each of them.)
_ARTICLE_ONE = re.compile(r"^[^\S\n]*Art(?:icle|\.)?\s*(?:1|1er|premier)\b", re.IGNORECASE | re.MULTILINE)
_NEXT_ARTICLE = re.compile(r"^[^\S\n]*Art(?:icle|\.)?\s*(?:2|II)\b", re.IGNORECASE | re.MULTILINE)


def decision_part(text: str) -> tuple[int, int]:
    """Where the decision itself is written: the first article (after "ARRÊTE", "DÉCIDE"…),
    else the whole text. Counts and beneficiaries read there are the act's, not its recitals'."""
    first = _ARTICLE_ONE.search(text)
    if first is None:
        return 0, len(text)
    following = _NEXT_ARTICLE.search(text, first.end())
    return first.start(), following.start() if following else len(text)


# The State's identifier of an act in a prefecture's recueil: département-year-month-day-sequence
# ("72-2025-01-22-00013", Corsica's "2A-…").
STATE_ACT_ID = r"(?:\d{2,3}|2[AB])-\d{4}-\d{2}-\d{2}-\d{5}"
# A day an act or a sitting is dated by: "29 avril 2024", "1er mars" (its year from the document),
# "30/09/25", "03.01.2025", the Gironde's summaries' "Arrêté du 01 10 2025" (two digits each).
DAY_IN_FIGURES = r"\d{2} \d{2} \d{4}(?!\d)"
DAY = (
    rf"(?:\d{{1,2}}(?:\s?er)?\s+{MONTH_NAMES}(?:\s+\d{{4}})?|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})(?!\d)"
    rf"|{DAY_IN_FIGURES})"
)
_NUMERIC_DAY = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})|(\d{2}) (\d{2}) (\d{4})")


def read_day(written: str, document_date: dt.date | int | None = None) -> dt.date | None:
    """The date ``written`` (matched by ``DAY``) says. A day without its year takes the
    document's (``document_date``, a date or a year); when that would put it months after a dated
    document, the year before ("le conseil du 15 décembre" in an article of January; a sitting
    a few months ahead is announced, not past)."""
    numeric = _NUMERIC_DAY.fullmatch(written)
    if numeric is not None:
        day, month, year = (int(part) for part in numeric.groups() if part is not None)
        if year < 100:  # "30/09/25": this century's, but for the last decades of the previous one
            year += 2000 if year < 70 else 1900
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if re.search(r"\d{4}$", written):
        return parse_french_date(written)
    if document_date is None:
        return None
    year = document_date if isinstance(document_date, int) else document_date.year
    day = parse_french_date(f"{written} {year}")
    if (
        day is not None
        and isinstance(document_date, dt.date)
        and day > document_date + dt.timedelta(days=180)
    ):
        day = parse_french_date(f"{written} {year - 1}")
    return day


# A sentence, or a line (a heading or a title is a unit of its own); a number's full stop does not
# end it ("un marché inférieur à 80.000€").
SENTENCE = re.compile(r"[^\s.!?](?:[^.!?\n]|\.(?=\d))*(?:[.!?]+|\n|$)")


def sentence_end(text: str, start: int) -> int:
    stop = re.compile(r"\.(?:\s|$)").search(text, start)
    return stop.end() if stop else len(text)


def sentence_in_line(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, cut at line breaks too: a heading ("CONVENTION")
    or a stored web page's paragraph is a unit of its own even without a full stop."""
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    line_end = text.find("\n", end)
    return before, min(sentence_end(text, end), line_end if line_end >= 0 else len(text))


# "Deuxième commune de Guyane", "la première commune de Nouvelle-Calédonie à se doter": a
# territory the commune is compared within, not the commune; "cette commune du Sénégal": another,
# pointed back at.
RANKED_BEFORE = re.compile(
    r"(?:premi[èe]re|deuxi[èe]me|troisi[èe]me|seule|derni[èe]re|plus\s+\w+|\bcette)\s+$", re.IGNORECASE
)
# What a surveillance act's title is about, in its heading or its recueil's summary entry.
ABOUT_SURVEILLANCE = re.compile(
    r"vid[ée]o|cam[ée]ra|a[ée]ronef|drone|h[ée]licopt[èe]re|captation|surveillance|images|enregistrement\s+audiovisuel"
    r"|enregistrement\s+des\s+interventions",
    re.IGNORECASE,
)
# An anti-drone jammer's act names aircraft but films nothing ("un dispositif de brouillage destiné
# à rendre inopérant un aéronef"): no surveillance act's entry.
_JAMMER = re.compile(r"brouill", re.IGNORECASE)


def _about_surveillance(text: str, start: int, end: int) -> bool:
    return (
        ABOUT_SURVEILLANCE.search(text, start, end) is not None and _JAMMER.search(text, start, end) is None
    )


# A recueil's summary entry: from the State's identifier of its act, or the page number ending the
# entry before, to its pages ("… sur la commune de Melun (4 pages) Page 12").
_ENTRY_END = re.compile(r"\(\d+\s+pages?\)")
_ENTRY_START = re.compile(rf"{STATE_ACT_ID}|Page\s+\d+")


def summary_entry(text: str, at: int) -> tuple[int, int] | None:
    """The span of the recueil's summary entry that ``at`` is in, or None outside a summary."""
    end = _ENTRY_END.search(text, at, at + 400)
    if end is None:
        return None
    start = max(
        (found.end() for found in _ENTRY_START.finditer(text, max(0, at - 400), at)), default=max(0, at - 400)
    )
    return start, end.start()


# A summary that lists its acts line by line, without their pages: "SOMMAIRE … - ARRÊTÉ PRÉFECTORAL
# n° … portant fermeture de l'établissement … à SAINTE MARIE LA MER (66470)", "Arrêté n° … portant
# transfert de la parcelle … à la commune de Saint-Léger-De-Peyre."
# Spaced out too ("S O M M A I R E"); the Hérault's recueils list their acts under their cover's
# "RECUEIL DES ACTES ADMINISTRATIFS" with no "Sommaire".
_SUMMARY = re.compile(r"\bS ?O ?M ?M ?A ?I ?R ?E\b|\bSommaire\b|RECUEIL\s+DES\s+ACTES\s+ADMINISTRATIFS")
# (Not an act's deciding verb alone on its line: "ARRÊTE" or "ARRÊTE :".)
_LISTED_LINE = re.compile(
    r"^[ \t]*(?:[-–•][ \t]*)?(?:arr[êe]t[ée]|d[ée]cision)\b(?![ \t]*:?[ \t]*(?:$|article\b))",
    re.IGNORECASE | re.MULTILINE,
)


def listed_entry(text: str, at: int) -> tuple[int, int] | None:
    """The span of a summary's line-by-line entry that ``at`` is in (from its line to the next
    entry's), or None outside such a summary."""
    if _SUMMARY.search(text, 0, at) is None:
        return None
    # (An entry's line that starts at ``at`` is its own: "Arrêté …" read where it begins.)
    starts = [
        found.start()
        for found in _LISTED_LINE.finditer(text, max(0, at - 600), at + 40)
        if found.start() <= at
    ]
    if not starts:
        return None
    after = _LISTED_LINE.search(text, at + 1, at + 600)
    return starts[-1], after.start() if after is not None else min(len(text), at + 300)


# How far a summary listed line by line runs after its "SOMMAIRE".
_SUMMARY_CHARS = 1500


_NUMBERED = re.compile(r"n°\s*([\w/-]*\d[\w/-]*)", re.IGNORECASE)


def _number(text: str, start: int, end: int) -> str | None:
    """An entry's act number: the same act's heading printed again after its summary has it too."""
    found = _NUMBERED.search(text, start, end)
    return found[1] if found is not None else None


def _title_start(text: str, at: int) -> str:
    """An entry's first words, its layout and case set aside: the same act's title printed twice."""
    return "".join(text[at : at + 120].split())[:40].casefold()


def first_surveillance_entry(text: str, at: int) -> bool:
    """Whether what is read at ``at`` may be the act's: outside a summary, or in the summary's first
    entry about surveillance (a labelled act is its recueil's first surveillance act; the entries
    after it list other acts), or in a summary listed line by line, its first entry about
    surveillance."""
    entry = summary_entry(text, at)
    if entry is None:
        listed = listed_entry(text, at)
        if listed is None:
            return True
        if not _about_surveillance(text, *listed):
            return False
        # (Nor, in a summary listed line by line, a later entry than the first about surveillance:
        # read within the summary only, its first lines after "SOMMAIRE", where the acts' own
        # headings and articles further on are not entries; an act's heading printed again is the
        # same act; in a recueil whose summary gives pages, the entries are read by them.)
        summary = _SUMMARY.search(text, 0, listed[0])
        if (
            summary is None
            or listed[0] > summary.end() + _SUMMARY_CHARS
            or _ENTRY_END.search(text) is not None
        ):
            return True
        own = _title_start(text, listed[0]), _number(text, *listed)
        return not any(
            _about_surveillance(text, *before)
            and _title_start(text, before[0]) != own[0]
            and (own[1] is None or _number(text, *before) != own[1])
            for line in _LISTED_LINE.finditer(text, summary.end(), listed[0])
            if (before := listed_entry(text, line.start())) is not None and before[0] < listed[0]
        )
    if not _about_surveillance(text, *entry):
        return False
    for earlier in _ENTRY_END.finditer(text, 0, entry[0]):
        before = summary_entry(text, max(0, earlier.start() - 1))
        if before is not None and _about_surveillance(text, *before):
            return False
    return True


# A word in small letters after a name in capitals: "MAIRIE DE SAINT PAUL Inauguration du Centre".
_SMALL_AFTER_CAPITALS = re.compile(r"\s+[A-ZÀ-Ý][a-zà-ÿ]")


def in_one_case(name: str) -> str:
    """A name written in capitals ends where words in small letters begin (a page's title run on
    after it: "SAINT PAUL Inauguration du Centre de Supervision"); a name in small letters keeps
    all its capitalised words ("Saint-Paul-Trois-Châteaux", "Vallée de l'Oise")."""
    first = re.match(r"[^\W\d_]+", name)
    if first is None or len(first[0]) < 2 or not first[0].isupper():
        return name
    change = _SMALL_AFTER_CAPITALS.search(name)
    return name[: change.start()] if change else name


# The ministers' order of 3 August 2007 on video-protection's technical standards, which pages
# and acts cite ("l'arrêté n° IOCD0762353A du 3 août 2007 qui prescrit les exigences techniques",
# "L'arrêté du 3 août 2007 portant définition des normes techniques"): a national text's number
# (its NOR) or its subject, never a local act.
NATIONAL_STANDARDS = re.compile(r"\b[A-Z]{4}\d{7}[A-Z]\b|(?:normes|exigences)\s+techniques", re.IGNORECASE)


# The Val-de-Marne's summary, a table of number, date and title, its cells run together in the
# text layer: "2025/04651 19/11/2025 portant autorisation d'un système de vidéoprotection …",
# "2024/0380806/11/2024portant autorisation …".
_TABLE_ROW = re.compile(
    r"^[ \t]*(?P<number>\d{4}/\d{4,5}?)[ \t]?(?P<date>\d{2}/\d{2}/\d{4})[ \t]?(?=[a-zéèà])", re.MULTILINE
)


def surveillance_row(text: str) -> tuple[re.Match[str], int] | None:
    """The first row of such a table whose title (up to the next row) is about surveillance, and
    where its title ends."""
    rows = list(_TABLE_ROW.finditer(text, 0, 4000))
    for row, following in zip(rows, [*rows[1:], None], strict=False):
        end = following.start() if following is not None else row.end() + 250
        if ABOUT_SURVEILLANCE.search(text, row.end(), end) is not None:
            return row, end
    return None
