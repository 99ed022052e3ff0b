"""The date of a sitting or act, from French text, title or file name, and where it came from.

Dates are written in many ways: "Séance du 16 décembre 2022", "le lundi 4 février 2013",
"16/12/2022", "L'an deux mil vingt-deux, le trois octobre", ``CR_reunion_20211105.pdf``.
Number words are turned into digits by text2num, dates are parsed by dateparser (French month
names, "1er", weekdays, abbreviations); this module only says where to look.

Minutes name other dates than their sitting's, and name them near the same words: the first
item of a procès-verbal approves the minutes of the previous sitting ("2014.01.27 - 1 ADOPTION
DU COMPTE-RENDU DE LA SEANCE DU 04 NOVEMBRE 2013"), the heading gives the convocation's date,
an item cites a past deliberation ("par délibération du Conseil municipal du 27 janvier
2014"). Taking the first "séance du …" took the previous sitting's date on about one minutes in
five. So the sitting's date is the one its own cues agree on:

1. ``text``: in the document's opening, every *sitting cue* votes for its date: the formula
   "L'an deux mille quatorze, le vingt-sept janvier" (weight 3: it is only ever written of the
   sitting itself), a heading "Séance du …", "Réunion du conseil municipal | du lundi …"
   (2), item numbers made of the date, "2014.01.27 - 1" (2), and the title's and the URL's date
   (1 each, as corroboration only). A cue whose date is that of minutes being approved, of a
   past deliberation, decision or letter, of the convocation, display or transmission does not
   vote. The date with the most weight wins; on a tie, the one written first.
2. ``title``: else a date in the title (often the file name of a PDF);
3. ``url``: else a date in the URL or file name (``20211105``, ``17_02_2014``, ``2013-02-04``);
4. ``text_first_date``: else the first date of the opening that is not one of those
   references (the signature date of an arrêté, say): a guess, said as such.

The sitting's own words come first: file names are sometimes wrong (Flaux publishes the minutes
of "15 Décembre 2023" as ``PV DU 15 DECEMBRE 2024``). Archives written before
``text_first_date`` existed say ``text`` for such guesses; ``vigie retag`` rewrites them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from archive.taxonomy import MONTHS as FRENCH_MONTHS
from pipelines.acts_scan import LinePattern

HEAD_CHARS = 3000
# The months spelt in full, as acts' headings write them (record and RAA readers share it).
MONTH_NAMES = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
)
# The days of the week, which dates and sittings may carry ("du lundi 4 février 2013").
WEEKDAY_NAMES = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MONTHS = (
    r"janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t|sept(?:embre)?|"
    r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?"
)
_WEEKDAY = WEEKDAY_NAMES
_DATE = rf"(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\.?\s+\d{{4}}|\d{{1,2}}\s*[/.]\s*\d{{1,2}}\s*[/.]\s*\d{{4}})"
_ANY_DATE = re.compile(_DATE, re.IGNORECASE)
# "Séance du 16 décembre 2022", "RÉUNION DU CONSEIL MUNICIPAL \n\n DU LUNDI 27 JANVIER 2014": the
# words between the cue and "du" stay on one line, but "du" may start the next line of a heading.
# The lookahead says which letters the words start with (and "ſ", a long s, as case-insensitive
# matching allows): every other position of the text fails on it at once, where trying the four
# words costs twice as much.
_SITTING = re.compile(
    r"(?=[sSſrRcC])"
    rf"(?:s[ée]ance|r[ée]union|conseil\s+(?:municipal|communautaire|m[ée]tropolitain|d[ée]partemental)|session)"
    rf"[^\n.;]{{0,60}}?\s*\b(?:du|le|en\s+date\s+du)\s+(?:{_WEEKDAY}\s+)?({_DATE})",
    re.IGNORECASE,
)
_L_AN = re.compile(rf"l['’]an\s+(\d{{4}})\s*,?\s*le\s+(\d{{1,2}})(?:er)?\s+({_MONTHS})", re.IGNORECASE)
# Agenda items numbered after the sitting's date, at the start of a line: "2014.01.27 - 1",
# "2017.12.18-I". A number after the dash is required: "N° 2016.02.16 - Subvention…" is not one.
_ITEM = re.compile(
    r"^[ \t]*((?:19|20)\d{2})[.\-/](\d{2})[.\-/](\d{2})[ \t]*[-–][ \t]*(?:\d{1,3}|[IVX]{1,4})\b",
    re.MULTILINE,
)
_ITEM_LINES = LinePattern(_ITEM)  # tried at line starts only (see pipelines.acts_scan)
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[-_.\s](\d{1,2})[-_.\s]((?:19|20)\d{2})(?!\d)")
_YEAR_FIRST = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.](\d{2})[-_.](\d{2})(?!\d)")

# --- dates that are not the sitting's ---------------------------------------------------------
# Where a sentence starts: after ". ", "; " or a blank line (items are separated by blank lines).
_CLAUSE_START = re.compile(r"[.;!?](?=\s)|\n[ \t]*\n")
# Minutes approved, in the same sentence before the date: "ADOPTION DU COMPTE-RENDU DE LA SEANCE
# DU", "il vous est proposé d'approuver le compte-rendu de la réunion de conseil en date du",
# "Approbation du compte rendu du conseil du", "le procès-verbal de la précédente séance du". (A
# title on one line, "Procès-verbal de la séance du 4 février 2013", is the sitting's own.)
_APPROVAL_BEFORE = re.compile(
    r"\b(?:adoption|approbation|approuv\w*|adopt\w*|valid\w*|pr[ée]c[ée]dent\w*|derni[eè]re?s?)\b",
    re.IGNORECASE,
)
# …or after it, before the sentence ends: "Le compte-rendu du conseil municipal du 14 novembre
# 2018 est approuvé", "… du 27 mai 2020 est validé à l'unanimité", "… a été adressé à chaque…".
_APPROVAL_AFTER = re.compile(
    r"^[^.;\n]{0,40}?\b(?:est|sont|a\s+été|ont\s+été|n['’]appelle|n['’]appellent)\s+"
    r"(?:\w+\s+)?(?:approuv|adopt|valid|accept|adress|transmis|envoy|observation|remarque)",
    re.IGNORECASE,
)
# A date that belongs to another step or act, a few words after its name. Steps label their
# date, often on the line above in forms: "Date de l'avis de convocation :  \n\n20 janvier 2014",
# "convoqué le", "Convocations du 7 décembre 2018", "Date de l'affichage du P.V. :". Acts and
# letters are cited with "du": "par délibération du Conseil municipal du 27 janvier 2014",
# "délibération no 5 du Conseil municipal du 4 juillet 2017", "Par courrier du 10 novembre 2017"
# A heading names the document's own act ("Arrêté du 3 mars 2022"), and "Liste des délibérations
# votées Le 16 MAI 2025" gives the sitting's date.
_STEP = re.compile(
    r"\b(?:convoqu[ée]e?s?|convocations?|affichage|affich[ée]e?s?|publication|publi[ée]e?s?|"
    r"envoy[ée]e?s?|envoi|re[çc]ue?s?|r[ée]ception|transmise?s?|transmission)\b",
    re.IGNORECASE,
)
_CITED = re.compile(
    r"\b(?:par|vu|la|le|les|l['’]|une?|des|cette|ce|ces|sa|son|ses|notre|leur|sur)\s*(?<=['’\s])"
    r"(?:d[ée]lib[ée]rations?|d[ée]cisions?|arr[êe]t[ée]s?|courriers?|lettres?|courriels?|"
    r"d[ée]crets?|circulaires?|ordonnances?|conventions?|contrats?)\b"
    r"(?=\s+(?:n[°o]\s*[\w/.-]+\s+)?(?:du|en\s+date\s+du)\b)",
    re.IGNORECASE,
)
# A sentence ends before a word, not before the colon of "Date de l'affichage du P.V. :".
_SENTENCE_END = re.compile(r"[.;!?]\s+[^\W\d_]")
_EXTRACT = re.compile(r"\bextraits?\s+(?:de|du|des)\s*$", re.IGNORECASE)
_SITTING_WORD = re.compile(r"\b(?:s[ée]ance|r[ée]union)s?\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")
_NEAR_WORDS = 6


@dataclass(frozen=True, slots=True)
class SittingCue:
    """A date the opening gives as its sitting's: ``kind`` is ``l_an``, ``heading`` or ``item``."""

    date: dt.date
    kind: str
    weight: int
    position: int


def find_date(title: str | None, url: str, text: str) -> tuple[dt.date | None, str | None]:
    """The sitting's (or act's) date and where it was read: see the module's docstring."""
    head = text[:HEAD_CHARS]
    named = _first_date(title or "")
    in_url = _from_name(unquote(url))
    if (date := _voted(head, named, in_url)) is not None:
        return date, "text"
    if named is not None:
        return named, "title"
    if in_url is not None:
        return in_url, "url"
    if (date := _first_date(head, skip_references=True)) is not None:
        return date, "text_first_date"
    return None, None


def sitting_cues(head: str) -> Iterator[SittingCue]:
    """Each sitting cue of the opening with its date and weight, references left out."""
    for match in _SITTING.finditer(head):
        if not _is_reference(head, match.start(1), match.end(1)) and (
            date := parse_french_date(match.group(1))
        ):
            yield SittingCue(date, "heading", 2, match.start(1))
    lowered = head.lower()
    if "l'an" in lowered or "l’an" in lowered:
        digits = _digits(head)
        for written in _L_AN.finditer(digits):
            if date := parse_french_date(f"{written.group(2)} {written.group(3)} {written.group(1)}"):
                # Offsets move a little when words become digits: close enough to order cues.
                yield SittingCue(date, "l_an", 3, min(written.start(), len(head)))
    for item in _ITEM_LINES.finditer(head):
        if date := _valid(int(item.group(1)), int(item.group(2)), int(item.group(3))):
            yield SittingCue(date, "item", 2, item.start())


def _voted(head: str, named: dt.date | None, in_url: dt.date | None) -> dt.date | None:
    """The date the opening's sitting cues agree on; the title and URL only add to a cue's date.

    A kind of cue counts once per date (thirteen items numbered "2014.01.27 - N" are one cue),
    so that repetition does not outweigh agreement between different cues.
    """
    weights: dict[dt.date, dict[str, int]] = {}
    first_seen: dict[dt.date, int] = {}
    for cue in sitting_cues(head):
        weights.setdefault(cue.date, {})[cue.kind] = cue.weight
        first_seen[cue.date] = min(first_seen.get(cue.date, cue.position), cue.position)
    if not weights:
        return None
    totals = {
        date: sum(kinds.values()) + (date == named) + (date == in_url) for date, kinds in weights.items()
    }
    return max(totals, key=lambda date: (totals[date], -first_seen[date]))


def _is_reference(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` is another sitting's, act's or step's."""
    before = text[max(0, start - 200) : start]
    clause = before[m.end() :] if (m := _last(_CLAUSE_START, before)) else before
    if _APPROVAL_BEFORE.search(clause) or _APPROVAL_AFTER.search(text[end : end + 120]):
        return True
    near = before[-100:]
    for pattern in (_STEP, _CITED):
        if (named := _last(pattern, near)) is None:
            continue
        gap = near[named.end() :]
        if len(_WORD.findall(gap)) > _NEAR_WORDS or _SENTENCE_END.search(gap):
            continue
        # A line wrap may sit between a name and its date, but a new line that starts a sitting
        # heading ("DELIBERATION du CONSEIL MUNICIPAL\nSéance du lundi 1 février 2016") is not a
        # continuation; nor is a step's date when a sitting is named in between ("convocation
        # pour la séance du…").
        last_line = gap.rsplit("\n", 1)[-1]
        if "\n" in gap and _SITTING_WORD.match(last_line.lstrip()):
            continue
        if pattern is _STEP and _SITTING_WORD.search(gap):
            continue
        if pattern is _CITED and _EXTRACT.search(near[: named.start()]):
            continue  # "Extrait de l'arrêté n° 2936/24 du 26 décembre 2024": the document's own act
        return True
    return False


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


def _first_date(text: str, skip_references: bool = False) -> dt.date | None:
    for match in _ANY_DATE.finditer(text):
        if skip_references and _is_reference(text, match.start(), match.end()):
            continue
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


_MONTHS = {
    spelling: number
    for number, name in enumerate(FRENCH_MONTHS, start=1)
    for spelling in {name, name.replace("é", "e").replace("û", "u")}
}
# A day of the week a date may open with ("lundi 4 février 2013"), or none.
OPTIONAL_WEEKDAY = rf"(?:{WEEKDAY_NAMES}\s+)?"
_PLAIN_NUMERIC = re.compile(r"([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})")
_PLAIN_WORDS = re.compile(OPTIONAL_WEEKDAY + r"([0-9]{1,2})\s+([^\W\d]{3,9})\s+([0-9]{4})", re.IGNORECASE)


@lru_cache(maxsize=8192)
def parse_french_date(fragment: str) -> dt.date | None:
    """A full date (day, month, year) written in French, or None.

    Plain dates ("04/02/2013", "lundi 4 février 2013", "1er mars 2014") are read here; anything
    else goes to dateparser, which costs about 2 ms a call, and so does a plain date whose
    parts this reading does not accept, so that dateparser keeps the last word. Results are
    cached: stamps and headings repeat the same few dates.
    """
    text = " ".join(fragment.replace("1er", "1").split())
    plain = _plain_date(text)
    return read_with_dateparser(text) if plain is False else plain


def read_with_dateparser(text: str) -> dt.date | None:
    """The date dateparser reads in ``text`` (the slow path, and the reference of the fast one)."""
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["fr"],
        settings={
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past",
        },
    )
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


def _plain_date(text: str) -> dt.date | bool | None:
    """The date of a plain spelling (None when its day, month or year is impossible), or False
    when the spelling is not plain and dateparser must read it. Over every plain spelling tried
    (tests/pipelines/test_dates.py) the answers are dateparser's."""
    numeric = _PLAIN_NUMERIC.fullmatch(text)
    if numeric is not None:
        day, month, year = (int(part) for part in numeric.groups())
        if not 1 <= month <= 12:
            return False  # dateparser swaps day and month then ("08/14/2026")
    else:
        words = _PLAIN_WORDS.fullmatch(text)
        if words is None:
            return False
        month = _MONTHS.get(words.group(2).lower(), 0)
        if not month:
            return False  # "4 févr. 2013", or not a month at all: dateparser decides
        day, year = int(words.group(1)), int(words.group(3))
    if not 1 <= month <= 12:
        return None
    return _valid(year, month, day)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if 1950 <= year <= dt.date.today().year + 1 else None
