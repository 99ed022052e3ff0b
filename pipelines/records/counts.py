"""The counts and durations of a decision: its cameras, how long images are kept, for how many
years it is authorised (the days it is authorised over: ``periods``)."""

from __future__ import annotations

import re

from pipelines.records.numbers import COUNT, count_value
from pipelines.records.spans import (
    GAP,
    Found,
    decision_part,
    sentence_end,
    sentence_in_line,
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
# aéronef équipé d'une caméra", "une caméra installée sur un hélicoptère"), else its aircraft
# ("Un seul drone", "deux drones Mavic"). An article before an aircraft is no count ("un
# dispositif destiné à rendre inopérant un aéronef", "L'utilisation d'un drone"), nor is an
# aircraft that carries cameras of no stated number ("des caméras installées sur 1 drone"). A
# recueil's text may run the article into its noun ("d'unecaméra").
_CARRIED = re.compile(
    rf"(?<![\w,.])(?P<count>{COUNT}|une(?=cam))[\s ]*cam[ée]ras?(?:{GAP}(?:install[ée]es?|embarqu[ée]es?|fix[ée]es?))?"
    rf"{GAP}(?:sur|[àa]{GAP}bord){GAP}(?:d['’]\s?|des{GAP}|une?{GAP}|les{GAP})?(?:a[ée]ronef|drone|h[ée]licopt[èe]re)"
    rf"|(?:a[ée]ronef|drone)s?{GAP}[ée]quip[ée]s?{GAP}d['’]\s?(?P<article>une){GAP}cam[ée]ra\b",
    re.IGNORECASE,
)
# (Not an act's number before its title: "AP 2026-111 Drone DIPN"; nor a service's département
# between its acronym and a file title's capitalised word, "AP DIPN 76 Drones JNA"; a title in
# capitals still counts, "AU MOYEN DE 2 DRONES".)
_DRONES = re.compile(
    rf"(?<![\w,./-])(?!(?<=(?-i:[A-Z]{{2}})\s)\d+{GAP}(?-i:[DA][a-zé]))"
    rf"(?P<count>{COUNT}){GAP}(?:seuls?{GAP})?(?:drones?|a[ée]ronefs?)\b",
    re.IGNORECASE,
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
    r"(?:\bd[ée]j[àa]\b|\bdepuis\s+(?:\d{4}|[\w-]+\s+ans)\b|\bactuellement\b|(?:\b[àa]\s+ce\s+jour\b|\baujourd['’]\s?hui\b"
    r"|\b[àa]\s+la\s+date\s+actuelle\b)(?![^.;:!?]*\b(?:install|acqu[éiu]|approuv|autoris|pr[ée]voi|pr[ée]vu|vot|d[ée]ploy|achat|achet|command|ajout|propos|implant|nouvelles?\b)))[^.;:!?]*$",
    re.IGNORECASE,
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
    r"|(?:\br[ée]seau\s+des|\bparc\s+des|\bcompte|\bposs[èe]de|\bdispose\s+(?:d[ée]sormais\s+)?d)(?:e|['’]|\s+pas\s+moins\s+de)?"
    # "la ville de Lyon compte aujourd'hui 571 caméras", "composé pour l'heure de 22 caméras", "Le
    # dispositif initial comportait 12 caméras", "assure la gestion de 426 caméras" (not a new
    # system "composé de 17 caméras").
    r"|\bcompte\s+(?:aujourd['’]\s?hui|actuellement|d[ée]sormais)|\bcompos[ée]e?\s+(?:pour\s+l['’]\s?heure|[àa]\s+ce\s+jour|actuellement)\s+de"
    r"|\bcomportai(?:t|ent)|\bgestion\s+de|\bprovenance\s+de"
    # "Initialement composé de 9 caméras en 2004, le dispositif en compte aujourd'hui 114".
    r"|\binitialement\s+(?:(?:compos|[ée]quip|dot)[ée]e?s?\s+)?(?:de|d['’])"
    # "À l'heure actuelle, 65 caméras sont implantées sur 35 sites" (what there is).
    r"|\b[àa]\s+l['’]\s?heure\s+actuelle,?)\s*$",
    re.IGNORECASE,
)
# The park as it stands (read right after the count: a pattern with "^" never matches at a
# search's start position): "les 53 caméras existantes", "145 caméras opérationnelles", "250 caméras
# recensées", "Les 28 caméras sont réparties sur l'ensemble de la commune".
_NOT_A_COUNT_AFTER = re.compile(
    # (Not cameras to come: "onze caméras seront en service avant Noël".)
    r"\s*(?!(?:seront|sera)\s)(?:\w+\s+)?(?:existantes|actuelles|d[ée]j[àa]|op[ée]rationnelles|en\s+service|recens[ée]es"
    r"|(?:sont\s+)?r[ée]parties\s+sur\s+l['’]ensemble|effectives|que\s+compte(?!\s+(?:install|acqu[éeiu]|d[ée]ploy|mettre|implant|poser|ajout|financ|remplac)\w*))\b"
    # A town's park named as such: "les 1.600 caméras de vidéosurveillance de la Ville", "les 350
    # caméras de la vidéoprotection à Toulouse", "215 caméras de vidéosurveillance dans les rues".
    r"|\s*de\s+(?:la\s+)?vid[ée]o[\w-]*\s+(?:de\s+la\s+ville|dans\s+les\s+rues)|\s*de\s+la\s+vid[ée]o[\w-]*\s+[àa]\s+[A-ZÀ-Ý]",
    re.IGNORECASE,
)
# The total a park will reach some day, not what a decision adds: "… et passera à 120 caméras
# d'ici à 2026" (a decided extension's "qui passera à 45 caméras" is its total).
# ("La SNCF vise 2000 caméras-piétons pour ses agents d'ici la fin de l'année": a goal too.)
# (A total "passera à" reaches "d'ici" right after it; a goal's "d'ici" may come after its
# cameras' kind and whose they are. "… qui passera à 45 caméras, dont la mise en service d'ici
# juin" is a decided extension's total.)
_WILL_REACH_BEFORE = re.compile(r"\bpasser(?:a|ont)\s+[àa]\s*$", re.IGNORECASE)
_AIMED_AT_BEFORE = re.compile(r"\bvis(?:e|ent)\s+$", re.IGNORECASE)
_BY_THEN_AFTER = re.compile(r"[^.;]{0,20}?\bd['’]\s?ici\b", re.IGNORECASE)
_BY_THEN_LATER = re.compile(r"[^.;]{0,40}?\bd['’]\s?ici\b", re.IGNORECASE)


def _a_target(part: str, start: int, end: int) -> bool:
    reaches = _WILL_REACH_BEFORE.search(part, max(0, start - 20), start) and _BY_THEN_AFTER.match(
        part, end, end + 40
    )
    aims = _AIMED_AT_BEFORE.search(part, max(0, start - 20), start) and _BY_THEN_LATER.match(
        part, end, end + 40
    )
    return bool(reaches or aims)


# A count per vehicle or per agent is not the decision's total: "équipés de trois caméras
# chacun", "chacun de ces bus a été équipé de trois caméras", "deux caméras par bus".
_VEHICLES = r"(?:bus|v[ée]hicules?|rames?|voitures?|wagons?|cars?|trains?|agents?|policiers?)"
_EACH_AFTER = re.compile(rf"[^.;]{{0,25}}?(?:\bchacune?\b|\bpar\s+{_VEHICLES}\b)", re.IGNORECASE)
_EACH_BEFORE = re.compile(
    rf"\bchacune?\s+de\s+(?:ces|ses|leurs|nos)\s+{_VEHICLES}\b[^.;]{{0,60}}$", re.IGNORECASE
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
        and not _a_target(part, match.start(), match.end())
        and not _EACH_AFTER.match(part, match.end(), match.end() + 40)
        and not _EACH_BEFORE.search(part, max(0, match.start() - 90), match.start())
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
# pour une durée maximale de 30 jours", "enregistrées sur une période de 30 jours maximum", "ne
# peuvent être conservés plus d'un mois". (Not
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
    rf"|(?:pour|sur|pendant){GAP}une{GAP}(?:dur[ée]e|p[ée]riode)(?:{GAP}(?:maximale|maximum|l[ée]gale))*{GAP}de"
    rf"|dans{GAP}une?{GAP}(?:d[ée]lai|fen[êe]tre)(?:{GAP}(?:maximale?|maximum))?{GAP}de){GAP}|(?:plus|au{GAP}bout){GAP}d['’]\s?)?"
    rf"(?P<count>{COUNT}|une?){GAP}(?P<unit>jours|mois|ans?|ann[ée]es?)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"p[ée]riode", re.IGNORECASE)
# A month is counted 30 days and a year 365, as the law's "un mois" is read (CSI L.252-5).
_DAYS_IN = {"j": 1, "m": 30, "a": 365}
_RECORDED = re.compile(r"\bimages?\b|enregistrements?|\bdonn[ée]es\b|\bvid[ée]os?\b|\bsons\b", re.IGNORECASE)
_YEARS = re.compile(
    rf"pour{GAP}une{GAP}dur[ée]e{GAP}(?:maximale{GAP})?de{GAP}(?P<count>{COUNT}){GAP}ans", re.IGNORECASE
)


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
        # ("sur une période de 4 ans" is a contract's term or a statistic's span, in days a retention.)
        if _PERIOD.search(kept[0]) and not kept["unit"].lower().startswith("j"):
            continue
        if count is not None:
            return Found(count * _DAYS_IN[kept["unit"][:1].lower()], kept.start("count"), kept.end())
    return None


def period_years(text: str) -> Found | None:
    match = _YEARS.search(text)
    if match is None or (value := count_value(match["count"])) is None:
        return None
    return Found(value, match.start(), match.end())
