"""The counts and durations of a decision: its cameras, how long images are kept, for how long
and over which days it is authorised."""

from __future__ import annotations

import datetime as dt
import re

from pipelines.dates import MONTH_NAMES as MONTHS
from pipelines.dates import WEEKDAY_NAMES, parse_french_date
from pipelines.records.numbers import COUNT, count_value
from pipelines.records.spans import (
    GAP,
    Found,
    decision_part,
    first_surveillance_entry,
    listed_entry,
    read_day,
    sentence_end,
    sentence_in_line,
    summary_entry,
)

_CAMERAS = re.compile(
    rf"(?<![\w,.-])(?P<count>{COUNT}){GAP}(?:nouvelles?{GAP})?(?:cam[ée]ras?|dispositifs?{GAP}de{GAP}vid[ée]o)"
    rf"(?P<kind>{GAP}(?:int[ée]rieures?|ext[ée]rieures?|(?:(?:visionnant|filmant|sur){GAP}la{GAP})?voie{GAP}publique"
    rf"|de{GAP}voie{GAP}publique|nomades?|mobiles?|pi[ée]tons?|individuelles?))?",
    re.IGNORECASE,
)
_DRONE_CAP = re.compile(
    rf"nombre{GAP}maximal{GAP}de{GAP}cam[ée]ras[^.]{{0,120}}?(?:fix[ée]{GAP}[àa]|est{GAP}de){GAP}(?P<count>{COUNT})",
    re.IGNORECASE,
)
_STANDING = re.compile(
    rf"(?:le{GAP}syst[èe]me{GAP}comporte{GAP}(?:d[ée]sormais|toujours|dor[ée]navant)|le{GAP}nombre{GAP}de{GAP}cam[ée]ras"
    rf"{GAP}reste{GAP}(?:inchang[ée]{GAP}?:?|[àa]))",
    re.IGNORECASE,
)
# "Elles passeront de 7 à 16", "porter le nombre de caméras de 28 à 35": the total afterwards.
_FROM_TO_COUNT = re.compile(
    rf"\b(?:pass\w*|port\w*(?:{GAP}le{GAP}nombre{GAP}de{GAP}cam[ée]ras)?){GAP}de{GAP}\d+{GAP}[àa]{GAP}(?P<count>\d+)\b"
    rf"(?!{GAP}(?:ans|jours|mois|heures|h\b|%|€|euros))",
    re.IGNORECASE,
)
# A drone authorisation's cameras, when no cap is written: those it says the aircraft carry ("au
# moyen d'une caméra installée sur un aéronef", "cinq caméras installées à bord d'aéronefs", "un
# aéronef équipé d'une caméra"), else its aircraft ("Un seul drone", "deux drones Mavic"). An
# article before an aircraft is no count ("un dispositif destiné à rendre inopérant un aéronef",
# "L'utilisation d'un drone"), nor is an aircraft that carries cameras of no stated number
# ("des caméras installées sur 1 drone"). A recueil's text may run the article into its noun
# ("d'unecaméra").
_CARRIED = re.compile(
    rf"(?<![\w,.])(?P<count>{COUNT}|une(?=cam))[\s ]*cam[ée]ras?(?:{GAP}(?:install[ée]es?|embarqu[ée]es?|fix[ée]es?))?"
    rf"{GAP}(?:sur|[àa]{GAP}bord){GAP}(?:d['’]\s?|des{GAP}|une?{GAP}|les{GAP})?(?:a[ée]ronef|drone)"
    rf"|(?:a[ée]ronef|drone)s?{GAP}[ée]quip[ée]s?{GAP}d['’]\s?(?P<article>une){GAP}cam[ée]ra\b",
    re.IGNORECASE,
)
_DRONES = re.compile(
    rf"(?<![\w,.])(?P<count>{COUNT}){GAP}(?:seuls?{GAP})?(?:drones?|a[ée]ronefs?)\b", re.IGNORECASE
)
_CAMERAS_ON = re.compile(r"cam[ée]ras\s+(?:\w+\s+)?(?:sur|[àa]\s+bord\s+d['’]?)\s*$", re.IGNORECASE)
# The request an arrêté recites ("la demande … visant à obtenir l'autorisation de capter … au
# moyen d'une caméra installée sur un aéronef"): what was asked, not the count authorised.
_REQUESTED = re.compile(r"visant\s+[àa]\s+obtenir[^.;]*$", re.IGNORECASE)
# "un dispositif de vidéoprotection" is a system; "une caméra" a count only when nothing says more.
_ARTICLES = ("un", "une")


def cameras(text: str, drones: bool = False) -> tuple[Found | None, Found | None]:
    """(all cameras, those filming the public road) the decision states.

    A drone arrêté caps the cameras flying at once ("fixé à UN"). Otherwise the counts of the
    first article are added up ("4 caméras intérieures et 1 caméra extérieure": 5); without
    articles, the first count of the text is taken (a deliberation's "installation de 12
    caméras"). A count written as an article ("une caméra nomade") is taken only when no other
    count is written; "un dispositif de vidéoprotection" is a system, never a count. ``drones``:
    the act authorises aircraft, whose number is the count ("deux drones").
    """
    cap = _DRONE_CAP.search(text)
    if cap is not None and (value := count_value(cap["count"])) is not None:
        return Found(value, cap.start("count"), cap.end("count")), None
    if drones:
        carried = next(
            (
                m
                for m in _CARRIED.finditer(text)
                if not _REQUESTED.search(text, max(0, m.start() - 200), m.start())
            ),
            None,
        )
        group = "count" if carried is not None and carried["count"] else "article"
        if carried is not None and (value := count_value(carried[group])) is not None:
            return Found(value, carried.start(group), carried.end(group)), None
        for flown in _DRONES.finditer(text):
            written = flown["count"].lower()
            if written in _ARTICLES and not flown[0].lower().removeprefix(written).split()[0].startswith(
                "seul"
            ):
                continue
            if _CAMERAS_ON.search(text, max(0, flown.start() - 40), flown.start()):
                continue
            if (value := count_value(flown["count"])) is not None:
                return Found(value, flown.start("count"), flown.end("count")), None
        return None, None
    total = _FROM_TO_COUNT.search(text)
    if total is not None and re.search(
        r"cam[ée]ras?", text[max(0, total.start() - 200) : total.end() + 60], re.I
    ):
        return Found(int(total["count"]), total.start("count"), total.end("count")), None
    standing = _STANDING.search(text)
    if standing is not None:  # a modification says what the system holds afterwards
        start, end = standing.end(), sentence_end(text, standing.end())
        if any(count_value(m["count"]) is not None for m in _CAMERAS.finditer(text, start, end)):
            return _counted(text, start, end, every=True)
    start, end = decision_part(text)
    return _counted(text, start, end, every=start != 0 or end != len(text))


# A count of what is there already ("Déjà équipée de 28 caméras", "La commune dispose déjà de
# 43 caméras", "Depuis 2021, cinq caméras sont placées"), in the same sentence before it: the
# decision is about what is added.
_EXISTING_BEFORE = re.compile(
    r"(?:\bd[ée]j[àa]\b|\bdepuis\s+(?:\d{4}|[\w-]+\s+ans)\b|\bactuellement\b)[^.;:!?]*$", re.IGNORECASE
)
# "Six à huit caméras", "8 ou 10 caméras", "8-10 caméras", "entre sept et huit caméras": a range,
# no count ("Lot 2 - 12 caméras" is one).
_RANGE_BEFORE = re.compile(
    r"\b(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt)\s(?:à|ou)\s+$|\b\d+-$"
    r"|\bentre\s+\w+\s+et\s+$",
    re.IGNORECASE,
)
# Not an exact count: "presque 50 caméras", "environ 40", "plus de 100", "à terme 600" ("pas moins
# de 29 nouvelles caméras" is 29); nor the whole park some are taken from ("49 des 368 caméras",
# "10 de ses 89 caméras"), nor a park already there ("le réseau des 76 caméras", "la ville compte
# pas moins de 122 caméras", "les 53 caméras existantes").
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\bpresque|\benviron|\bpr[èe]s\s+de|\b[àa]\s+peu\s+pr[èe]s|\b(?<!pas\s)moins\s+de|\bplus\s+de|\bau\s+moins|\bjusqu['’]\s?[àa]"
    r"|\b[àa]\s+terme|\bquelque|\b\d+\s+des"
    # A town's park, of which a decision takes a part: "dix de ses 89 caméras", "Sur les 55
    # caméras mises en service".
    r"|\bde\s+ses|\bsur\s+les|\bparmi\s+les"
    r"|(?:\br[ée]seau\s+des|\bparc\s+des|\bcompte|\bposs[èe]de|\bdispose\s+d)(?:e|['’]|\s+pas\s+moins\s+de)?"
    # "la ville de Lyon compte aujourd'hui 571 caméras", "composé pour l'heure de 22 caméras", "Le
    # dispositif initial comportait 12 caméras", "assure la gestion de 426 caméras" (not a new
    # system "composé de 17 caméras").
    r"|\bcompte\s+(?:aujourd['’]\s?hui|actuellement|d[ée]sormais)|\bcompos[ée]e?\s+(?:pour\s+l['’]\s?heure|[àa]\s+ce\s+jour|actuellement)\s+de"
    r"|\bcomportai(?:t|ent)|\bgestion\s+de|\bprovenance\s+de)\s*$",
    re.IGNORECASE,
)
# The park as it stands (read right after the count: a pattern with "^" never matches at a
# search's start position): "les 53 caméras existantes", "145 caméras opérationnelles", "250 caméras
# recensées", "Les 28 caméras sont réparties sur l'ensemble de la commune".
_NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:existantes|actuelles|d[ée]j[àa]|op[ée]rationnelles|en\s+service|recens[ée]es"
    r"|(?:sont\s+)?r[ée]parties\s+sur\s+l['’]ensemble)\b"
    # A town's park named as such: "les 1.600 caméras de vidéosurveillance de la Ville", "les 350
    # caméras de la vidéoprotection à Toulouse", "215 caméras de vidéosurveillance dans les rues".
    r"|\s*de\s+(?:la\s+)?vid[ée]o[\w-]*\s+(?:de\s+la\s+ville|dans\s+les\s+rues)|\s*de\s+la\s+vid[ée]o[\w-]*\s+[àa]\s+[A-ZÀ-Ý]",
    re.IGNORECASE,
)
# "une caméra nomade", "une caméra supplémentaire": an article counts when it says which camera,
# or when a verb installs it ("a installé, fin janvier 2018, une caméra").
_WHICH_CAMERA = re.compile(
    rf"{GAP}(?:nomade|mobile|pi[ée]ton|individuelle|suppl[ée]mentaire|d[ée]pla[çc]able|d['’]ambiance)",
    re.IGNORECASE,
)
_INSTALLED_BEFORE = re.compile(
    r"\b(?:install(?:er|[ée]e?s?)|pos(?:er|[ée]e?s?)|plac(?:er|[ée]e?s?)|acquis|command[ée]e?s?)\b[^.;:!?]{0,40}$",
    re.IGNORECASE,
)


def _named_or_installed(part: str, match: re.Match[str]) -> bool:
    return bool(
        match["kind"]
        or _WHICH_CAMERA.match(part, match.end())
        or _INSTALLED_BEFORE.search(part, max(0, match.start() - 60), match.start())
    )


def _counted(text: str, start: int, end: int, every: bool) -> tuple[Found | None, Found | None]:
    """The cameras counted between ``start`` and ``end``: all of them added up (``every``), or
    the first count only."""
    part = text[start:end]
    matches = [
        match
        for match in _CAMERAS.finditer(part)
        if count_value(match["count"]) is not None
        and not (match["count"].lower() in _ARTICLES and "dispositif" in match[0].lower())
        and not _EXISTING_BEFORE.search(part, max(0, match.start() - 60), match.start())
        and not _RANGE_BEFORE.search(part, max(0, match.start() - 25), match.start())
        and not _NOT_A_COUNT_BEFORE.search(part, max(0, match.start() - 30), match.start())
        and not _NOT_A_COUNT_AFTER.match(part, match.end(), match.end() + 30)
        # In a page, "une caméra" is a camera spoken of ("d'une caméra positionnée devant une
        # crèche"); in an act's article, or named for what it is, it is one camera decided.
        and (every or match["count"].lower() not in _ARTICLES or _named_or_installed(part, match))
    ]
    if not matches:
        return None, None
    if not every:
        counted = [match for match in matches if match["count"].lower() not in _ARTICLES]
        matches = counted[:1] or matches[:1]
    total = sum(count_value(match["count"]) or 0 for match in matches)
    span = Found(total, start + matches[0].start(), start + matches[-1].end())
    public = [match for match in matches if match["kind"] and "voie" in match["kind"].lower()]
    road = None
    if public:
        road = Found(
            sum(count_value(match["count"]) or 0 for match in public),
            start + public[0].start(),
            start + public[-1].end(),
        )
    return span, road


_RETENTION = re.compile(
    rf"(?:d[ée]truits{GAP}dans{GAP}un{GAP}d[ée]lai{GAP}(?:maximum{GAP})?de|conservation{GAP}des{GAP}images"
    rf"{GAP}(?:[àa]|de|est{GAP}(?:fix[ée]e{GAP}[àa]|de))|conserv[ée]e?s{GAP}(?:pendant|durant|au{GAP}maximum)"
    rf"|dur[ée]e{GAP}(?:maximale{GAP})?de{GAP}conservation[^.\d]{{0,40}}?)"
    rf"{GAP}(?P<count>{COUNT}){GAP}jours",
    re.IGNORECASE,
)
# A report's words for it: the images "conservées quinze jours", "stockées en haute qualité pendant
# 30 jours", "gardons les images pendant quinze jours", "détruites au bout de 30 jours", "conservées
# pour une durée maximale de 30 jours", "ne peuvent être conservés plus d'un mois". (Not
# "enregistrées … depuis 30 jours", nor a delay to do something else.)
_KEPT_FOR = re.compile(
    r"\b(?:conserv(?:[ée]e?s?|er)|stock[ée]e?s|gard(?:ons|ent|er|era|erons|eront|[ée]e?s)|d[ée]truite?s|effac[ée]e?s"
    r"|enregistr(?:[ée]e?s|ement))\b"
    # Directly ("conservées quinze jours", "stockées en haute qualité pendant 30 jours") …
    rf"(?:(?:{GAP}(?:en{GAP}haute{GAP}qualit[ée]|automatiquement|ensuite|les{GAP}images))?{GAP}"
    # … or after a few words, by a word of duration ("stockées dans un bureau dédié pour une durée
    # maximum de 30 jours", "l'enregistrement des images sur une durée de 30 jours").
    rf"|[^.;\d]{{0,60}}?{GAP}(?=pendant|durant|pour{GAP}une|sur{GAP}une|dans{GAP}un|plus{GAP}d))"
    rf"(?:(?:pendant|durant|au{GAP}bout{GAP}de|au{GAP}maximum|maximum"
    rf"|(?:pour|sur|pendant){GAP}une{GAP}dur[ée]e(?:{GAP}(?:maximale|maximum|l[ée]gale))*{GAP}de"
    rf"|dans{GAP}une?{GAP}(?:d[ée]lai|fen[êe]tre)(?:{GAP}(?:maximale?|maximum))?{GAP}de){GAP}|(?:plus|au{GAP}bout){GAP}d['’]\s?)?"
    rf"(?P<count>{COUNT}|une?){GAP}(?P<unit>jours|mois|ans?|ann[ée]es?)\b",
    re.IGNORECASE,
)
# A month is counted 30 days and a year 365, as the law's "un mois" is read (CSI L.252-5).
_DAYS_IN = {"j": 1, "m": 30, "a": 365}
_RECORDED = re.compile(r"\bimages?\b|enregistrements?|\bdonn[ée]es\b|\bvid[ée]os?\b|\bsons\b", re.IGNORECASE)
_YEARS = re.compile(
    rf"pour{GAP}une{GAP}dur[ée]e{GAP}(?:maximale{GAP})?de{GAP}(?P<count>{COUNT}){GAP}ans", re.IGNORECASE
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
# "du 1er juin au 30 septembre 2024", "du samedi 22 février 2025 12h00 au lundi 24 février 08h00",
# "du vendredi 8 novembre 2024, 17h00 au mardi 12novembre 2024 inclus" (a lost space): one year
# may be written for both, or none (a page's "du dimanche 31 décembre, 16h, au lundi 1er janvier":
# the year the page was written in).
_FROM_TO = re.compile(
    # ("du 10 au 12 mai 2024": the start's month and year are the end's.)
    rf"du{GAP}{_WEEKDAY}(?:(?P<start>\d{{1,2}}(?:er)?{GAP}{MONTHS}(?:{GAP}\d{{4}})?)|(?<!nuit\sdu\s)(?P<start_day>\d{{1,2}}(?:er)?)(?={GAP}au{GAP}{_WEEKDAY}\d)),?{GAP}"
    # ("du vendredi 19 juillet 2024, à compter de 18h00, au dimanche 21 juillet 2024".)
    rf"(?:(?:[àa]|de|[àa]{GAP}compter{GAP}de){GAP})?(?:\d{{1,2}}\s?h\s?\d{{0,2}},?{GAP})?"
    rf"au{GAP}{_WEEKDAY}(?P<end>\d{{1,2}}(?:er)?\s*{MONTHS}(?:{GAP}\d{{4}})?)",
    re.IGNORECASE,
)
# A drone arrêté's title for one day: "… au moyen de caméras installées sur des aéronefs sur la
# commune de Drap le 20 mars 2024", "… à l'occasion de manifestations à Paris le dimanche 6 octobre 2024".
_FLIGHT_DAY = re.compile(
    # ("… sur des aéronefs à Nicele mardi 19 août 2025": a space lost.)
    rf"a[ée]ronefs[^.;]{{0,120}}?(?:\ble|(?<=[a-zé])le(?={_WEEKDAY}\d)){GAP}{_WEEKDAY}(?P<date>\d{{1,2}}(?:er)?{GAP}{MONTHS}{GAP}\d{{4}})\b"
    rf"(?!{GAP}(?:[àa]|de){GAP}\d)",
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


def retention_days(text: str) -> Found | None:
    """How long the images are kept, in days: an arrêté's "conservation des images est fixée à 15
    jours", else a report's "Les images sont conservées quinze jours", "stockées pendant 30 jours",
    "détruites au bout de 30 jours", "conservés durant 6 mois" (180 days), "ne peuvent être
    conservés plus d'un mois" (30), in a sentence about the images or the recordings."""
    match = _RETENTION.search(text)
    if match is not None and (value := count_value(match["count"])) is not None:
        return Found(value, match.start("count"), match.end())
    for kept in _KEPT_FOR.finditer(text):
        start, end = sentence_in_line(text, kept.start(), kept.end())
        # (Or the sentence before, which "Elles seront conservées 30 jours" points back to.)
        if not _RECORDED.search(text, max(0, start - 200), end):
            continue
        count = 1 if kept["count"].lower() in ("un", "une") else count_value(kept["count"])
        if count is not None:
            return Found(count * _DAYS_IN[kept["unit"][:1].lower()], kept.start("count"), kept.end())
    return None


def period_years(text: str) -> Found | None:
    match = _YEARS.search(text)
    if match is None or (value := count_value(match["count"])) is None:
        return None
    return Found(value, match.start(), match.end())


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
        day = next(
            (m for m in _FLIGHT_DAY.finditer(text, 0, 3000) if _the_period(text, m.start("date"))), None
        )
        if day is None or (date := parse_french_date(day["date"])) is None:
            return None, None
        found = Found(date, day.start("date"), day.end("date"))
        return found, found
    group = "start" if span["start"] else "start_day"
    written = span["start"] or f"{span['start_day']} {span['end'].split(maxsplit=1)[1]}"
    first, last = _years_given(written, span["end"], document_date)
    if first is None or last is None or first > last:
        return None, None
    return (
        Found(first, start + span.start(group), start + span.end(group)),
        Found(last, start + span.start("end"), start + span.end("end")),
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
    return entry is None or (
        _ABOUT_DEVICES.search(text, *entry) is not None and first_surveillance_entry(text, at)
    )
