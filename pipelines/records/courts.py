"""A court that stops a device, as a report's lead tells it: who decided a ban that a court
ordered ("le tribunal administratif de Marseille a annulé", "Le Conseil d'Etat ordonne … de
cesser"), never a court only asked to, nor one a recital cites."""

from __future__ import annotations

import re

from pipelines.records.clauses import LEAD_CHARS
from pipelines.records.spans import Found

# "le tribunal administratif de Marseille a annulé", "Le tribunal de Pau … a retoqué l'utilisation
# des drones", "Le Conseil d'Etat ordonne à l'Etat de cesser", "L'arrêté a été retoqué par le
# tribunal administratif"; not a court asked to ("demande au tribunal administratif de Nice de
# suspendre"), nor one that declines ("a rejeté la demande de suspension").
# The CNIL, which orders a town to stop or put right a device ("La Commission nationale de
# l'informatique et des libertés (Cnil) a sommé une commune", "la Cnil a mis en demeure").
_COURT = (
    r"(?:tribunal\s+administratif|tribunal(?=\s+de\s)|cour\s+administrative(?:\s+d['’]appel)?|conseil\s+d['’]\s?[ée]tat"
    r"|juges?\s+des\s+r[ée]f[ée]r[ée]s|(?:la\s+)?commission\s+nationale\s+de\s+l['’]\s?informatique\s+et\s+des\s+libert[ée]s|\bcnil\b)"
)
# A court and its place: "le tribunal administratif de Marseille".
_NAMED_COURT = rf"{_COURT}(?:\s+(?:de|d['’])\s*[A-ZÀ-Ý][\w'’-]+)?"
_COURT_STOPS = re.compile(
    rf"(?<!\bau\s)(?<!\b[àa]\sla\s)(?<!\b[àa]\s)(?P<court>{_NAMED_COURT})(?:\s*\([^)]{{0,30}}\))?"
    # ("… devant le tribunal administratif d'Amiens, lequel a suspendu la décision contestée".)
    r"(?:,[^,.]{0,40},|,\s+(?:lequel|laquelle|qui))?\s+(?:a\s+|fait\s+|vient\s+d['’]\s?)?(?:[\w'’]+\s+){0,3}?"
    r"(?:annul\w*|suspend\w*|retoqu\w*|enjoint\w*|somm(?:é|ée|és|ées)\b|m[ie]s?\s+en\s+demeure|met\s+en\s+demeure"
    r"|ordonn\w*[^.]{0,100}?\b(?:cesser|effacer|d[ée]sactiver|retirer|arr[êe]ter)"
    # ("le tribunal administratif d'Orléans ne déclare pas seulement l'ASA illégale", "a jugé illégal".)
    # (Not a court that did not: "n'a pas jugé illégal", "a jugé qu'elles n'étaient pas illégales";
    # nor the CNIL's opinion, "la CNIL juge illégales les caméras augmentées".)
    r"|(?P<illegal>(?<!\bpas\s)(?<!\bjamais\s)(?:d[ée]clar|jug)\w*\s+"
    r"(?:(?!(?:ne|n['’]\w*|non|jamais|point|pas(?!\s+seulement))\b)[\w'’]+\s+){0,4}?ill[ée]ga(?:le?s?|ux)\b))"
    rf"|\b(?:annul[ée]e?s?|suspendue?s?|retoqu[ée]e?s?)\s+par\s+(?:le|la)\s+(?P<by>{_NAMED_COURT})",
    re.IGNORECASE,
)

# The court named in one sentence, its ruling told in the next: "… le tribunal administratif a
# rappelé que de telles mesures doivent être proportionnées … Il a suspendu l'arrêté de la préfète".
_COURT_THEN_IT = re.compile(
    # (The court the subject of its sentence, opening it or after an opening clause, and the
    # pronoun of its gender: "Saisi en référé, le tribunal … Il a suspendu", not "… devant le
    # tribunal … Elle a annulé sa manifestation".)
    rf"(?:^|(?<=[.!?:\n])|(?<=,))\s*(?:le|la|l['’])\s*"
    rf"(?P<court>{_NAMED_COURT})"
    r"[^.]{0,300}\.\s+(?P<pronoun>il|elle)\s+a\s+(?:annul|suspend|retoqu)\w*",
    re.IGNORECASE,
)
_FEMININE_COURT = re.compile(r"cour|commission|cnil", re.IGNORECASE)


def _it_is_the_court(found: re.Match[str]) -> bool:
    if "pronoun" not in found.re.groupindex:
        return True
    feminine = _FEMININE_COURT.match(found["court"]) is not None
    return (found["pronoun"].lower() == "elle") == feminine


_CNIL = re.compile(r"\bcnil\b|informatique\s+et\s+des\s+libert", re.IGNORECASE)
_OF_PLACE = r"\s+(?:de|d['’])\s*(?-i:[A-ZÀ-Ý])[\w'’-]+"  # a place's capital, whatever the case of the rest
_PLACED = re.compile(_OF_PLACE + "$")

# An act's recital that cites a judgment ("Vu le jugement du tribunal administratif … annulant").
_RECITAL = re.compile(r"\s*vu\b", re.IGNORECASE)


def _in_a_recital(text: str, at: int) -> bool:
    """Whether ``at`` is in a clause ("Vu …", up to a semicolon or a line's end) of recitals."""
    clause_start = max(text.rfind(";", 0, at), text.rfind("\n", 0, at)) + 1
    return _RECITAL.match(text, clause_start, at) is not None


def court_that_stops(text: str) -> Found | None:
    """The court a report's lead says stopped a device ("le tribunal administratif de Marseille a
    annulé"), named as written: who decided a ban that a court ordered."""
    stopped = next(
        (
            found
            for pattern in (_COURT_STOPS, _COURT_THEN_IT)
            for found in pattern.finditer(text, 0, LEAD_CHARS)
            if not _in_a_recital(text, found.start())
            and _it_is_the_court(found)
            and not (found.groupdict().get("illegal") and _CNIL.search(found["court"]))
        ),
        None,
    )
    if stopped is None:
        return None
    group = "court" if stopped["court"] else "by"
    start, end = stopped.start(group), stopped.end(group)
    if not _PLACED.search(text, start, end):
        # A title's "le tribunal administratif fait suspendre", whose lead names it in full:
        # "suspendu par le tribunal administratif de Nantes".
        named = re.compile(re.escape(text[start:end]) + _OF_PLACE, re.IGNORECASE).search(
            text, end, 2 * LEAD_CHARS
        )
        if named is not None:
            start, end = named.start(), named.end()
    name = " ".join(text[start:end].split())
    if _CNIL.search(name):  # one name for the CNIL, however a page spells it
        return Found("CNIL (Commission nationale de l'informatique et des libertés)", start, end)
    return Found(name[0].upper() + name[1:], start, end)
