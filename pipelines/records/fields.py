"""The figures of a decision, each read with the span it comes from: French patterns, no guess.

Every reader takes the act's text and returns ``Found`` (value, start, end) or None. A reader
that is not sure finds nothing: an empty field is honest, an invented one is not evidence.
The patterns come from prefectoral arrêtés (video-protection under CSI L.251-1 and following,
drones under L.242-1 and following) and council deliberations (grants, contracts, deployments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipelines.dates import parse_french_date
from pipelines.records.numbers import COUNT, amounts, count_value, percents

_MONTHS = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
_GAP = r"[\s ]+"  # words of one phrase may be split by a line wrap


@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    start: int
    end: int


# -- the act's own number and date -----------------------------------------------------------

_HEADING = re.compile(
    rf"(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision)(?:\s+(?:pr[ée]fectoral|municipal))?"
    rf"(?:\s+n°\s*(?P<number>[\w./-]+))?\s+du\s+(?P<date>\d{{1,2}}(?:er)?\s+{_MONTHS}(?:\s+\d{{4}})?)",
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
    rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?P<date>\d{{1,2}}(?:er)?\s+{_MONTHS}\s+\d{{4}})",
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


# -- cameras ------------------------------------------------------------------------------------

_CAMERAS = re.compile(
    rf"(?<![\w,.])(?P<count>{COUNT}){_GAP}(?:nouvelles?{_GAP})?(?:cam[ée]ras?|dispositifs?{_GAP}de{_GAP}vid[ée]o)"
    rf"(?P<kind>{_GAP}(?:int[ée]rieures?|ext[ée]rieures?|(?:(?:visionnant|filmant|sur){_GAP}la{_GAP})?voie{_GAP}publique"
    rf"|de{_GAP}voie{_GAP}publique|nomades?|mobiles?|pi[ée]tons?|individuelles?))?",
    re.IGNORECASE,
)
_DRONE_CAP = re.compile(
    rf"nombre{_GAP}maximal{_GAP}de{_GAP}cam[ée]ras[^.]{{0,120}}?(?:fix[ée]{_GAP}[àa]|est{_GAP}de){_GAP}(?P<count>{COUNT})",
    re.IGNORECASE,
)
_STANDING = re.compile(
    rf"(?:le{_GAP}syst[èe]me{_GAP}comporte{_GAP}(?:d[ée]sormais|toujours|dor[ée]navant)|le{_GAP}nombre{_GAP}de{_GAP}cam[ée]ras"
    rf"{_GAP}reste{_GAP}inchang[ée]{_GAP}?:?)",
    re.IGNORECASE,
)
_ARTICLE_ONE = re.compile(r"^\s*Art(?:icle|\.)?\s*(?:1|1er|premier)\b", re.IGNORECASE | re.MULTILINE)
_NEXT_ARTICLE = re.compile(r"^\s*Art(?:icle|\.)?\s*(?:2|II)\b", re.IGNORECASE | re.MULTILINE)


def decision_part(text: str) -> tuple[int, int]:
    """Where the decision itself is written: the first article (after "ARRÊTE", "DÉCIDE"…),
    else the whole text. Counts and beneficiaries read there are the act's, not its recitals'."""
    first = _ARTICLE_ONE.search(text)
    if first is None:
        return 0, len(text)
    following = _NEXT_ARTICLE.search(text, first.end())
    return first.start(), following.start() if following else len(text)


def cameras(text: str) -> tuple[Found | None, Found | None]:
    """(all cameras, those filming the public road) the decision states.

    A drone arrêté caps the cameras flying at once ("fixé à UN"). Otherwise the counts of the
    first article are added up ("4 caméras intérieures et 1 caméra extérieure": 5); without
    articles, the first count of the text is taken (a deliberation's "installation de 12
    caméras").
    """
    cap = _DRONE_CAP.search(text)
    if cap is not None and (value := count_value(cap["count"])) is not None:
        return Found(value, cap.start("count"), cap.end("count")), None
    standing = _STANDING.search(text)
    if standing is not None:  # a modification says what the system holds afterwards
        start, end = standing.end(), _sentence_end(text, standing.end())
        if any(count_value(m["count"]) is not None for m in _CAMERAS.finditer(text, start, end)):
            return _counted(text, start, end, every=True)
    start, end = decision_part(text)
    return _counted(text, start, end, every=start != 0 or end != len(text))


def _sentence_end(text: str, start: int) -> int:
    stop = re.compile(r"\.(?:\s|$)").search(text, start)
    return stop.end() if stop else len(text)


def _counted(text: str, start: int, end: int, every: bool) -> tuple[Found | None, Found | None]:
    """The cameras counted between ``start`` and ``end``: all of them added up (``every``), or
    the first count only."""
    part = text[start:end]
    matches = [match for match in _CAMERAS.finditer(part) if count_value(match["count"]) is not None]
    if not matches:
        return None, None
    if not every:
        matches = matches[:1]
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


# -- retention, period ----------------------------------------------------------------------

_RETENTION = re.compile(
    rf"(?:d[ée]truits{_GAP}dans{_GAP}un{_GAP}d[ée]lai{_GAP}(?:maximum{_GAP})?de|conservation{_GAP}des{_GAP}images"
    rf"{_GAP}(?:[àa]|de|est{_GAP}(?:fix[ée]e{_GAP}[àa]|de))|conserv[ée]e?s{_GAP}(?:pendant|durant|au{_GAP}maximum)"
    rf"|dur[ée]e{_GAP}(?:maximale{_GAP})?de{_GAP}conservation[^.\d]{{0,40}}?)"
    rf"{_GAP}(?P<count>{COUNT}){_GAP}jours",
    re.IGNORECASE,
)
_YEARS = re.compile(
    rf"pour{_GAP}une{_GAP}dur[ée]e{_GAP}(?:maximale{_GAP})?de{_GAP}(?P<count>{COUNT}){_GAP}ans", re.IGNORECASE
)
_ONE_DAY = re.compile(
    rf"(?:limit[ée]e{_GAP}au|le){_GAP}(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche){_GAP})?"
    rf"(?P<date>\d{{1,2}}(?:er)?{_GAP}{_MONTHS}{_GAP}\d{{4}}){_GAP}de{_GAP}\d{{1,2}}\s?h",
    re.IGNORECASE,
)
_FROM_TO = re.compile(
    rf"du{_GAP}(?P<start>\d{{1,2}}(?:er)?{_GAP}{_MONTHS}(?:{_GAP}\d{{4}})?){_GAP}(?:[àa]{_GAP}\d{{1,2}}\s?h\d{{0,2}}{_GAP})?"
    rf"au{_GAP}(?P<end>\d{{1,2}}(?:er)?{_GAP}{_MONTHS}{_GAP}\d{{4}})",
    re.IGNORECASE,
)


def retention_days(text: str) -> Found | None:
    match = _RETENTION.search(text)
    if match is None or (value := count_value(match["count"])) is None:
        return None
    return Found(value, match.start("count"), match.end())


def period_years(text: str) -> Found | None:
    match = _YEARS.search(text)
    if match is None or (value := count_value(match["count"])) is None:
        return None
    return Found(value, match.start(), match.end())


def authorised_period(text: str) -> tuple[Found | None, Found | None]:
    """(start, end) of a period given by its dates: one day with its hours (a drone flight),
    or "du 1er juin au 30 septembre 2024"."""
    start, _ = decision_part(text)
    part = text[start:]
    one_day = _ONE_DAY.search(part)
    if one_day is not None and (date := parse_french_date(one_day["date"])) is not None:
        found = Found(date, start + one_day.start("date"), start + one_day.end("date"))
        return found, found
    span = _FROM_TO.search(part)
    if span is None:
        return None, None
    last = parse_french_date(span["end"])
    first_written = span["start"]
    if last is not None and not re.search(r"\d{4}$", first_written):
        first_written = f"{first_written} {last.year}"
    first = parse_french_date(first_written)
    if first is None or last is None or first > last:
        return None, None
    return (
        Found(first, start + span.start("start"), start + span.end("start")),
        Found(last, start + span.start("end"), start + span.end("end")),
    )


# -- who -------------------------------------------------------------------------------------

_AUTHORISED = re.compile(
    rf"(?P<who>[^:\n.;]{{3,160}}?),?{_GAP}(?:est|sont){_GAP}autoris[ée]e?s?\b",
    re.IGNORECASE,
)
_BY_WHOM = re.compile(
    rf"par{_GAP}(?P<who>(?:le|la|les|l['’])[^,;:]{{3,120}}?),?{_GAP}(?:est|sont){_GAP}autoris[ée]e?s?",
    re.IGNORECASE,
)
_RENEWED_TO = re.compile(
    rf",{_GAP}(?:au|à{_GAP}la|à{_GAP}l['’]|aux){_GAP}(?P<who>[^,]{{3,120}}?),{_GAP}(?:est|sont){_GAP}(?:reconduite?s?|modifi[ée]e?s?)",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*(?:Art(?:icle|\.)?\s*(?:1|1er|premier)\s*(?:er)?\s*[:.–-]*\s*:?\s*)", re.IGNORECASE)


def beneficiary(text: str) -> Found | None:
    """Who the decision authorises: "Art. 1 : Monsieur X est autorisé", "la captation … par le
    groupement de gendarmerie …, sont autorisés", "…, au chargé de sécurité, est reconduite"."""
    start, end = decision_part(text)
    part = text[start:end]
    for pattern in (_BY_WHOM, _RENEWED_TO, _AUTHORISED):
        match = pattern.search(part)
        if match is None:
            continue
        who = match["who"]
        lead = _LEAD.match(who)
        offset = lead.end() if lead else 0
        value = " ".join(who[offset:].split()).strip(" ,")
        if pattern is _AUTHORISED and re.search(r"\b(captation|enregistrement|transmission)\b", value, re.I):
            continue  # "La captation … est autorisée": the act, not who
        if len(value) >= 3:
            return Found(value, start + match.start("who") + offset, start + match.end("who"))
    return None


# "50700 VALOGNES"; the Manche's bulletins also print "50 CARENTAN-LES-MARAIS" (not "21 SEPTEMBRE").
_POSTCODE_TOWN = re.compile(
    rf"\b(?:\d{{5}}|\d{{2}})\s+(?!(?i:{_MONTHS})\b)(?P<town>[A-ZÀ-Ý][A-ZÀ-Ý' -]{{2,60}}[A-ZÀ-Ý])\b"
)
_TOWN_WORDS = r"[A-ZÀ-Ý][\w'’]+(?:[ -](?:(?:sur|en|de|du|la|le|les|l['’]|d['’]|LE|LA|LES|SUR|EN|DE)[ -]?)?[A-ZÀ-Ý][\w'’]+)*"
_OF_THE_COMMUNE = re.compile(
    rf"(?:(?i:commune){_GAP}(?:(?i:de){_GAP}|(?i:d)['’])|(?i:maire){_GAP}(?:(?i:de){_GAP}|(?i:d)['’]))(?P<town>{_TOWN_WORDS})"
)
_TOWN_DEPARTEMENT = re.compile(r"\b[àa]\s+(?P<town>[A-ZÀ-Ý][\w'’ -]{2,40}?)\s+\((?:\d{2}|2A|2B)\)")


def commune(text: str) -> Found | None:
    """The commune where the system is: "50700 VALOGNES", "à Avranches (50)"."""
    start, end = decision_part(text)
    part = text[start:end]
    match = _POSTCODE_TOWN.search(part) or _TOWN_DEPARTEMENT.search(part) or _OF_THE_COMMUNE.search(part)
    if match is None:
        return None
    town = " ".join(match["town"].split()).strip(" -")
    return Found(
        town.title() if town.isupper() else town, start + match.start("town"), start + match.end("town")
    )


# -- money, contractors, law ---------------------------------------------------------------------

_GRANT_WORDS = re.compile(r"subvention|taux|financ|FIPD|DETR|DSIL|aide|participation", re.IGNORECASE)


def amount(text: str) -> tuple[Found | None, Found | None]:
    """(the decision's amount in euros, "HT"/"TTC"): the largest amount stated, its basis."""
    found = amounts(text)
    if not found:
        return None, None
    value, basis, start, end = max(found, key=lambda item: item[0])
    return Found(value, start, end), Found(basis, start, end) if basis else None


def funding_rate(text: str) -> Found | None:
    """A grant's rate: a percentage with a funding word close before it."""
    for value, start, end in percents(text):
        if _GRANT_WORDS.search(text, max(0, start - 120), start):
            return Found(value, start, end)
    return None


_COMPANY = r"[A-ZÀ-Ý0-9][\w&'’.-]*(?:[ \t]+[A-ZÀ-Ý0-9&][\w&'’.-]*){0,4}"
_VENDOR = re.compile(
    # "attribué à la société X", "marché attribué à STURNO TELECOM SA", "la société suresnoise XXII
    # Group", "titulaire : X": a company is named with capitals, a common noun is not.
    r"(?:(?:attribu[ée]e?s?|confi[ée]e?s?)\s+(?:[àa]|au\s+profit\s+de)\s+(?:la\s+soci[ée]t[ée]\s+|l['’]entreprise\s+|le\s+groupement\s+)?"
    r"|titulaire\s*:\s*|(?:la|de\s+la|avec\s+la|par\s+la)\s+soci[ée]t[ée]\s+(?:[a-zé]+\s+)?|l['’]entreprise\s+)"
    rf"(?P<name>{_COMPANY})"
)


def vendor(text: str) -> Found | None:
    match = _VENDOR.search(text)
    if match is None:
        return None
    return Found(match["name"].rstrip(".,"), match.start("name"), match.end("name"))


_ARTICLE_NUMBER = r"[LR]\s?\.?\s?\d{3,4}-\d+(?:-\d+)?"
# An article, or a range of them ("L.252-1 à L.252-6"), kept whole as the act cites it.
_ARTICLE = re.compile(rf"\b(?P<first>{_ARTICLE_NUMBER})(?:\s+(?:à|au)\s+(?P<last>{_ARTICLE_NUMBER}))?\b")
_CODE_NAMES = (
    ("CSI", re.compile(r"code\s+de\s+la\s+s[ée]curit[ée]\s+int[ée]rieure", re.IGNORECASE)),
    ("CGCT", re.compile(r"code\s+g[ée]n[ée]ral\s+des\s+collectivit[ée]s\s+territoriales", re.IGNORECASE)),
    ("CCP", re.compile(r"code\s+de\s+la\s+commande\s+publique", re.IGNORECASE)),
)
_JO_LAW = re.compile(r"loi\s+n°\s*2023-380\b", re.IGNORECASE)


def _article(written: str) -> str:
    """ "L. 242-5", "L242-5", "L.242-5" → "L.242-5"."""
    compact = re.sub(r"[\s.]", "", written)
    return f"{compact[0]}.{compact[1:]}"


def legal_basis(text: str) -> Found | None:
    """The statutes cited, normalised ("CSI L.251-1"): each article followed, within the same
    sentence, by the name of its code; and the 2023 Olympic Games law (VSA experiments)."""
    cited: list[str] = []
    first, last = len(text), 0
    for match in _ARTICLE.finditer(text):
        stops = [at for at in (text.find(stop, match.end()) for stop in (";", ".\n", ". ")) if at >= 0]
        window = text[match.end() : min([*stops, match.end() + 300])]
        code = next((name for name, pattern in _CODE_NAMES if pattern.search(window)), None)
        if code is None:
            continue
        reference = f"{code} {_article(match['first'])}"
        if match["last"]:
            reference += f" à {_article(match['last'])}"
        if reference not in cited:
            cited.append(reference)
        first, last = min(first, match.start()), max(last, match.end())
    law = _JO_LAW.search(text)
    if law is not None:
        cited.append("loi 2023-380")
        first, last = min(first, law.start()), max(last, law.end())
    return Found(cited, first, last) if cited else None


_PLACE = r"(?P<place>[A-ZÀ-Ý][\w'’]+(?:[ -](?:(?:sur|en|de|la|le|les|l['’]|d['’])[ -])?[A-ZÀ-Ý][\w'’]+)*)"
_PREFECTURE = re.compile(
    r"(?i:pr[ée]fet|pr[ée]fecture|recueil\s+des\s+actes\s+administratifs)\s+"
    rf"(?P<link>(?i:de\s+la|de\s+l['’]|des|du|de))\s*{_PLACE}"
)
_COUNCIL = re.compile(
    r"(?i:conseil\s+municipal\s+de\s+la\s+(?:ville|commune)\s+d['’]|conseil\s+municipal\s+de\s+la\s+(?:ville|commune)\s+de"
    rf"|conseil\s+municipal\s+d['’]|conseil\s+municipal\s+de|(?:mairie|ville|commune)\s+(?:de|d['’]))\s*{_PLACE}"
)


COUNCIL_OF = "Conseil municipal de "


def authority(text: str) -> Found | None:
    """Who took the acts of a document, from its opening: "PRÉFET DE LA MANCHE", "RECUEIL DES
    ACTES ADMINISTRATIFS DE LA MANCHE" (a prefecture), "Conseil Municipal de la Ville de
    Montpellier", "COMMUNE DE …" (a commune). The place must be capitalised, as names are."""
    head = text[:1500]
    prefecture = _PREFECTURE.search(head)
    if prefecture is not None:
        link = " ".join(prefecture["link"].lower().split())
        link = link if link.endswith(("'", "’")) else link + " "
        return Found(f"Préfecture {link}{_named(prefecture['place'])}", prefecture.start(), prefecture.end())
    council = _COUNCIL.search(head)
    if council is not None:
        return Found(f"{COUNCIL_OF}{_named(council['place'])}", council.start(), council.end())
    return None


def _named(place: str) -> str:
    """A place as it is written in a sentence: "MANCHE" → "Manche", "Montpellier" unchanged."""
    return place.title() if place.isupper() else place
