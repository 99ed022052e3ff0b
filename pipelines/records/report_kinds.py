"""What a report of a town's cameras tells further than its lead, which may change the kind the
rules read there (``kinds.decision_kind`` asks it for a report's deployment or extension): that
the prefect authorised the devices (the decision reported is the prefect's), that a funder pays
for them (a grant), or that the cameras replace a system already there (a renewal)."""

from __future__ import annotations

import re

from pipelines.records.prefect_words import AIRCRAFT
from pipelines.records.spans import Found, sentence_in_line

# How far into a report its decision is still told (a title, a lead and the paragraphs after).
_TOLD_WITHIN = 3000
# "le préfet de l'Hérault qui, par onze arrêtés du 21 mars 2023, a autorisé l'implantation de
# plusieurs centaines de caméras", "le préfet des Pyrénées-Atlantiques autorise, pour une durée de
# cinq ans …": the prefect its subject, not a mayor's act told beside the prefect's opinion ("Sans
# attendre l'avis du préfet, le maire vient d'autoriser"). Not a refusal ("n'a pas autorisé"), nor
# a recital ("Vu l'arrêté du préfet … autorisant": an act's own kind is read from its own words).
_PREFECT_AUTHORISES = re.compile(
    r"\b(?:le|la)\s+pr[ée]f(?:et|[èe]te)\b(?:(?!\bmaire\b|\bconseil\b)[^.]){0,120}?\bautoris\w*",
    re.IGNORECASE,
)
_NOT_AUTHORISED = re.compile(r"\bpas\b|\bjamais\b|\brefus", re.IGNORECASE)
_AIRCRAFT_WORD = re.compile(r"\b(?:dr[oô]nes?|a[ée]ronefs?|h[ée]licopt[èe]res?)\b", re.IGNORECASE)
# A system replaced or rebuilt: "Ces 38 caméras, aujourd'hui analogiques, vont être remplacées",
# "procéder à la refonte totale de son système de vidéoprotection", "la rénovation du dispositif de
# vidéoprotection", "a décidé de revoir intégralement le dispositif". Not when new cameras come
# with the replaced ones ("Celles existantes seront remplacées … et de nouvelles …": the rules'
# deployment or extension stands), nor a system of something else ("le renouvellement des
# systèmes de radio-communications").
_REPLACED = re.compile(
    r"(?:vont|seront|doivent|ont\s+[ée]t[ée]|sont)\s+(?:[\w-]+\s+)?remplac[ée]e?s\b"
    r"(?![^.]{0,200}\b(?:nouvelles|suppl[ée]mentaires)\b)"
    r"|\b(?:refonte|r[ée]novation|modernisation|renouvellement)\s+(?:compl[èe]te\s+|int[ée]grale\s+|totale\s+)?"
    r"(?:du|de\s+(?:la|l['’]|son|leur)|des)\s+"
    r"(?:(?:syst[èe]me|dispositif|r[ée]seau|parc)s?\s+(?:de\s+|d['’]\s?)?(?:vid[ée]o|cam[ée]ras)|cam[ée]ras)"
    r"|revoir\s+int[ée]gralement",
    re.IGNORECASE,
)

# A funder that pays for the cameras, in the lead: "la province Sud a attribué à la commune de
# Dumbéa une subvention", "Un fonds britannique … finance l'installation de quatre caméras", "86
# nouvelles communes … bénéficient de financements". Not a funder told in a clause of a past debate
# ("les crédits de l'Etat, qui finance le dispositif").
_FUNDED = re.compile(
    r"\b(?:la\s+r[ée]gion|le\s+d[ée]partement|l['’]\s?[ée]tat|la\s+province|un\s+fonds|le\s+fonds"
    r"|le\s+conseil\s+(?:r[ée]gional|d[ée]partemental|g[ée]n[ée]ral))\b(?:(?!\bqui\b)[^.]){0,60}?"
    r"\b(?:finance|subventionne|s['’]\s?engage\s+[àa]\s+hauteur|a\s+d[ée]bloqu[ée]|attribu[ée]|a\s+accord[ée]|octroie|verse)\b"
    r"|b[ée]n[ée]ficient\s+de\s+(?:financements|subventions|l['’]\s?aide)",
    re.IGNORECASE,
)
_LEAD = 900


def refined(kind: Found, text: str) -> Found:
    """A report's deployment or extension as the rest of the report tells it: the prefect's
    authorisation (``drone_authorisation`` when its sentence names aircraft); for a deployment, a
    funder that pays for it in the lead (a grant) or a system replaced (a renewal); else ``kind``
    unchanged."""
    if kind.value not in {"deployment", "extension"}:
        return kind
    for match in _PREFECT_AUTHORISES.finditer(text, 0, _TOLD_WITHIN):
        start, end = sentence_in_line(text, match.start(), match.end())
        if text[start:end].lstrip().startswith("Vu") or _NOT_AUTHORISED.search(match[0]):
            continue
        aircraft = _AIRCRAFT_WORD.search(text, start, end) or AIRCRAFT.search(text, start, end)
        authorised = "drone_authorisation" if aircraft else "prefectoral_authorisation"
        return Found(authorised, match.start(), match.end())
    if kind.value != "deployment":
        return kind
    if (funded := _FUNDED.search(text, 0, _LEAD)) is not None:
        return Found("grant_award", funded.start(), funded.end())
    replaced = _REPLACED.search(text, 0, _TOLD_WITHIN)
    return Found("renewal", replaced.start(), replaced.end()) if replaced is not None else kind
