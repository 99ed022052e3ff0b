"""The date a page gives the decision it reports, when the text is no act with a heading: a
council's sitting named in a press article, a prefect's arrêté a town's page cites, the day a
decision was voted, a system's inauguration.

A day written without its year ("jeudi 9 décembre lors du conseil municipal") takes the
document's, or the year before when that would put it more than six months after the document
(``spans.read_day``).
"""

from __future__ import annotations

import datetime as dt
import re

from archive.records import PREFECTORAL_KINDS
from pipelines.dates import MONTH_NAMES as MONTHS
from pipelines.dates import OPTIONAL_WEEKDAY as _WEEKDAY
from pipelines.dates import WEEKDAY_NAMES
from pipelines.records.spans import DAY, NATIONAL_STANDARDS, Found, read_day

__all__ = ["reported_date"]

_SET_UP = frozenset({"deployment", "extension"})

# A prefect's arrêté a page cites by its date: "par arrêté du 10 février 2017", "par un arrêté du
# 14/06/2021", "Par arrêté pris en date du 22/07/2020", "par arrêté préfectoral numéro 2021 CAB
# BCS CIPM 643 du 1er Juillet 2021", "un arrêté préfectoral en date du 18 octobre 2021",
# "l'arrêté, pris le 28 avril, par la préfecture" (an arrêté in prose: a recueil's summary lists
# other acts' "Arrêté du …").
_PREFECT_ACT = re.compile(
    # (The number's words are capitals and digits: "2021 CAB BCS CIPM 643".)
    r"(?:\bpar\s+(?:un\s+)?|\bun\s+|\bl['’]\s*|\bcet\s+|\bson\s+)arr[êe]t[ée](?:\s+pr[ée]fectoral)?(?:\s+(?:n\s*[°º]|num[ée]ro)\s*[\w/-]+(?:\s+(?-i:[A-Z0-9][A-Z0-9/-]*)){0,5})?,?"
    rf"\s+(?:pris\s+)?(?:en\s+date\s+du|du|le)\s+{_WEEKDAY}(?P<date>{DAY})",
    re.IGNORECASE,
)
_RECUEIL = re.compile(r"recueil\s+des\s+actes", re.IGNORECASE)
_RECITAL = re.compile(r"^\s*vu\b", re.IGNORECASE | re.MULTILINE)
# What a cited arrêté is, when it is not the authorisation: another one it modifies or cites.
_OTHER_ARRETE = re.compile(r"\bvu\b|modifiant|abrogeant|compl[ée]tant|prorogeant", re.IGNORECASE)

# A council's sitting named in a report: "Le conseil municipal du lundi 26 avril", "le conseil
# municipal de Quimper, ce jeudi 15 décembre", "à l'ouverture du conseil municipal, mardi 17
# décembre", "Lors du dernier conseil municipal le 12 février 2021", "Point 7 du CM du 15 décembre
# 2021", "La commission permanente du Conseil régional des Pays de la Loire, réunie le 30
# septembre 2016".
_SITTING = re.compile(
    r"(?:\bconseil\s+(?:municipal|communautaire|m[ée]tropolitain|d[ée]partemental|r[ée]gional"
    r"|d['’]arrondissement)(?:\s+d[e']\s?[A-ZÉ][\w'’-]+(?:[\s-]+[A-ZÉ][\w'’-]+){0,2})?"
    r"|\bCM|commission\s+permanente[^.\n]{0,60}?)"
    rf"(?:,?\s+(?:du|le|ce)\s+{_WEEKDAY}|,?\s+r[ée]unie?\s+le\s+{_WEEKDAY}|,\s+{WEEKDAY_NAMES}\s+)"
    rf"(?P<date>{DAY})",
    re.IGNORECASE,
)

# A decision reported with its date: "approuvé le 3 février 2023 par le conseil", "La Région a
# voté … ce 28 janvier 2022", "ce que confirme le Conseil municipal … le 27 juin 2017",
# "a validé ce mardi 20 février l'installation de caméras".
_VOTED = re.compile(
    # "Le Conseil de Paris a donné son feu vert, lundi 23 novembre 2009, à …".
    r"\b(?:approuv|vot[ée]|adopt|d[ée]cid|confirm|d[ée]lib[ée]r|feu\s+vert|(?:a|ont)\s+valid[ée]|ent[ée]rin)\w*[^.\n]{0,80}?"
    rf"(?:\b(?:le|ce|du)\s+{_WEEKDAY}|,\s+{WEEKDAY_NAMES}\s+)"
    rf"(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}(?:\s+\d{{4}})?)",
    re.IGNORECASE,
)
# The day first, the decision after: "Le 28 février 2022, la Ville a alors attribué un contrat",
# "Le 6 juillet 2011, le conseil municipal", "jeudi 9 décembre lors du conseil municipal",
# "entérinée le 19 juillet par le conseil municipal", "Vendredi 21 février dernier, les élus
# municipaux".
_DAY_THEN_COUNCIL = re.compile(
    rf"(?<!convoqu[ée]\s)(?<!convoqu[ée]\sle\s)\b{_WEEKDAY}(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}(?:\s+\d{{4}})?)"
    r"(?:\s+dernier)?[ \t]*,?[ \t]+"
    r"(?:(?:lors\s+du\s+|par\s+le\s+|le\s+|les\s+)?(?:conseil\s+municipal|[ée]lus\s+municipaux)"
    r"|(?:la\s+ville|la\s+commune|la\s+municipalit[ée]|le\s+maire)\s+(?:a|avait)\s+(?:alors\s+)?"
    r"(?:approuv|vot|adopt|d[ée]cid|attribu|sign|valid|accept|autoris))",
    re.IGNORECASE,
)
# Another act or sitting cited in the history: "Vu la délibération adoptée le …", "Comme évoqué
# en séance du …", "convoqué le …".
_CITED = re.compile(
    r"\bvu\b|pr[ée]c[ée]demment|par\s+(?:la\s+|une\s+)?d[ée]lib[ée]ration|ant[ée]rieure?|habilit"
    r"|comme\s+[ée]voqu|convoqu",
    re.IGNORECASE,
)
# A system's inauguration, the day a page gives to what was set up: "Inauguré le 22 mars 2018",
# "Nîmes a inauguré, le 13 novembre 2023, son « hyperviseur »", "a été inauguré le 5 avril
# dernier".
_INAUGURATED = re.compile(
    rf"\binaugur[ée]\w*,?\s+(?:le|ce)\s+{_WEEKDAY}(?P<date>\d{{1,2}}(?:er)?\s+{MONTHS}(?:\s+\d{{4}})?)",
    re.IGNORECASE,
)


def reported_date(text: str, kind: str | None, document_date: dt.date | int | None) -> Found | None:
    """The date of the decision ``text`` reports, by its ``kind``: a prefect's authorisation is
    dated by the arrêté a page cites, a council's decision by its sitting or its vote."""
    if kind in PREFECTORAL_KINDS:
        # An arrêté's own text (its recitals: "Vu …") or a recueil cites other arrêtés only.
        if _RECITAL.search(text) or _RECUEIL.search(text):
            return None
        return _first(text, _PREFECT_ACT, document_date, cited=_OTHER_ARRETE)
    found = (
        _first(text, _SITTING, document_date)
        or _first(text, _VOTED, document_date)
        or _first(text, _DAY_THEN_COUNCIL, document_date)
    )
    if found is None and kind in _SET_UP:
        found = _first(text, _INAUGURATED, document_date)
    return found


def _first(
    text: str, pattern: re.Pattern[str], document_date: dt.date | int | None, cited: re.Pattern[str] = _CITED
) -> Found | None:
    for match in pattern.finditer(text, 0, 3000):
        line_start = text.rfind("\n", 0, match.start()) + 1
        # A sentence wrapped at a line's end is read whole: "Par la\ndélibération n°2010-0016 du …".
        previous = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        if line_start and not text[previous:line_start].rstrip().endswith((".", ";", ":")):
            line_start = previous
        if cited.search(text, max(line_start, match.start() - 100), match.start("date")):
            continue
        if NATIONAL_STANDARDS.search(text, match.start(), match.end() + 120):
            continue
        day = read_day(" ".join(match["date"].split()), document_date)
        if day is not None:
            return Found(day, match.start("date"), match.end("date"))
    return None
