"""What a report of a town's cameras tells beside the installation its lead reads, which may
change the kind the rules read there (``kinds.decision_kind`` asks it for every text read without
a title): that the prefect authorised the cameras (the decision reported is the prefect's), that
a funder pays for them, in the lead (a grant), or that they replace a system already there (a
renewal); a study launched may be followed by the prefect's act. A council's own act is left to
its own words; what is told undone (denied, asked, still to come), or as a recital, changes
nothing."""

from __future__ import annotations

import re

from pipelines.records.clauses import A_STUDY, council_act
from pipelines.records.prefect_words import AIRCRAFT
from pipelines.records.spans import Found, sentence_in_line

# How far into a report its decision is still told (a title, a lead and the paragraphs after).
_TOLD_WITHIN = 3000
# Where a report names who pays, when the payment is what it reports: its title and lead.
_LEAD = 900
# What the authorisation, the payment or the replacement is about, in its own sentence.
_CAMERAS = re.compile(r"cam[ée]ra|vid[ée]o|dispositif|syst[èe]me|implantation|captation", re.IGNORECASE)
# Told undone: a negation, a modal or a future still to come, a question ("n'autorise toujours
# pas", "pourrait autoriser", "doit encore autoriser", "autorisera-t-il …?", "sans autorisation").
_UNDONE = re.compile(
    r"\bn['’]|\bne\b|\bpas\b|\bjamais\b|\bplus\s+de\b|\baucune?\b|\bsans\b|refus|rejet"
    r"|\b(?:pourrait|pourra|devrait|devra|doit|va|peut)\b|-t-(?:il|elle)\b|\?",
    re.IGNORECASE,
)
# A recital, whatever its case or its mark: "Vu …", "VU …", "; vu …", "- Vu …", "Considérant …".
_RECITAL = re.compile(r"(?:^|;)\s*(?:[-–•]\s*)?(?:vu|consid[ée]rant)\b", re.IGNORECASE | re.MULTILINE)
# The prefect the subject of a verb that authorises, in one line: "le préfet de l'Hérault qui, par
# onze arrêtés du 21 mars 2023, a autorisé l'implantation de plusieurs centaines de caméras", "le
# préfet des Pyrénées-Atlantiques, Gilbert Payet, autorise, pour une durée de cinq ans …". Not the
# noun ("solliciter auprès de Monsieur le Préfet l'autorisation"), nor a mayor's act told beside
# the prefect ("Sans attendre l'avis du préfet, le maire vient d'autoriser").
_PREFECT_AUTHORISES = re.compile(
    r"\b(?:le|la)\s+pr[ée]f(?:et|[èe]te)\b(?:(?!\bmaire\b|\bconseil\b)[^.\n]){0,120}?"
    r"\b(?:a\s+autoris[ée]|avait\s+autoris[ée]|vient\s+d['’]\s?autoriser|autorise"
    r"|a\s+(?:ainsi\s+)?pris\s+un\s+arr[êe]t[ée][^.\n]{0,60}?portant\s+autorisation)\b"
    # The prefect's act the subject: "Un arrêté préfectoral autorisera la captation … d'images".
    r"|\b(?:un|l['’])\s?arr[êe]t[ée]\s+pr[ée]fectoral\s+(?:autorise|autorisera|a\s+autoris[ée])\b",
    re.IGNORECASE,
)
# A funder that pays for the cameras: "la province Sud a attribué à la commune de Dumbéa une
# subvention", "Un fonds britannique … finance l'installation de quatre caméras". Not a funder
# told in a clause ("les crédits de l'Etat, qui finance le dispositif"), nor one named as a place
# ("villes de la région, Lunel finance …"), nor a contract or staff it gives ("a attribué le
# marché", "a accordé deux policiers").
_FUNDED = re.compile(
    r"(?<!de\s)(?<!dans\s)\b(?:la\s+r[ée]gion|le\s+d[ée]partement|l['’]\s?[ée]tat|la\s+province|un\s+fonds"
    r"|le\s+fonds(?!\s+de\s+commerce)|le\s+conseil\s+(?:r[ée]gional|d[ée]partemental|g[ée]n[ée]ral))\b"
    r"(?:(?!\bqui\b)[^.\n]){0,60}?"
    r"\b(?:finance|subventionne|s['’]\s?engage\s+[àa]\s+hauteur|a\s+d[ée]bloqu[ée]"
    r"|(?:a\s+)?(?:attribu[ée]|accord[ée]|octroie|verse)\s+(?:[\w'’]+\s+){0,6}?(?:subvention|aide|financement|dotation))\b"
    # Towns funded: "86 nouvelles communes … bénéficient de financements pour l'installation …".
    r"|\bb[ée]n[ée]ficient\s+de\s+(?:financements|subventions)\b",
    re.IGNORECASE,
)
# What brings drones down is no camera ("un dispositif anti-drones", "le brouillage des drones").
_NO_CAMERA = re.compile(r"anti[\s-]?drones?|brouill", re.IGNORECASE)
# "Un arrêté préfectoral autorisera la captation et la transmission d'images", in a report whose
# drones were named before (not an anti-drone system).
_CAPTATION = re.compile(r"\bcaptation\b", re.IGNORECASE)
_DRONES = re.compile(r"(?<!anti)(?<!anti-)(?<!anti\s)\bdrones?\b", re.IGNORECASE)
# Cameras replaced or a system rebuilt: "Ces 38 caméras, aujourd'hui analogiques, vont être
# remplacées", "procéder à la refonte totale de son système de videoprotection", "a décidé de revoir
# intégralement le dispositif de vidéosurveillance" (not lampposts replaced, nor a traffic plan).
_REPLACED = re.compile(
    r"\bcam[ée]ras\b[^.\n]{0,80}?(?:vont|seront|doivent|ont\s+[ée]t[ée]|sont)\s+(?:[\w-]+\s+)?remplac[ée]e?s\b"
    r"|\b(?:refonte|r[ée]novation|modernisation|renouvellement)\s+(?:compl[èe]te\s+|int[ée]grale\s+|totale\s+)?"
    r"(?:du|de\s+(?:la|l['’]|son|leur)|des)\s+"
    r"(?:(?:syst[èe]me|dispositif|r[ée]seau|parc)s?\s+(?:de\s+|d['’]\s?)?(?:vid[ée]o|cam[ée]ras)|cam[ée]ras)"
    r"|revoir\s+int[ée]gralement\s+(?:le|son)\s+(?:dispositif|syst[èe]me)",
    re.IGNORECASE,
)
# New cameras beside the replaced ones: the rules' deployment (or an extension) stands ("Celles
# existantes seront remplacées … et de nouvelles …", "24 caméras supplémentaires").
_NEW_ONES = re.compile(r"\b(?:nouvelles|nouveaux|suppl[ée]mentaires|de\s+plus)\b", re.IGNORECASE)


def refined(kind: Found, text: str) -> Found:
    """A report's deployment or extension (or a study it reads as a debate) as the rest of the report
    tells it: the prefect's authorisation (``drone_authorisation`` when its sentence names aircraft); for
    a deployment, a funder that pays for it in the lead (a grant) or cameras replaced (a renewal);
    else ``kind`` unchanged."""
    # (A study launched, which a report reads as a debate, may be followed by the prefect's act.)
    read_debate = kind.value == "debate_only" and A_STUDY.fullmatch(text, kind.start, kind.end) is not None
    if (kind.value not in {"deployment", "extension"} and not read_debate) or council_act(text):
        return kind
    for match in _PREFECT_AUTHORISES.finditer(text, 0, _TOLD_WITHIN):
        sentence = sentence_in_line(text, match.start(), match.end())
        if _told_done(text, match.start(), match.end()) and not _NO_CAMERA.search(text, *sentence):
            authorised = "drone_authorisation" if _aircraft(text, match) else "prefectoral_authorisation"
            return Found(authorised, match.start(), match.end())
    if kind.value != "deployment":
        return kind
    for funded in _FUNDED.finditer(text):
        if funded.start() >= _LEAD:
            break
        if _told_done(text, funded.start(), funded.end()):
            return Found("grant_award", funded.start(), funded.end())
    for replaced in _REPLACED.finditer(text, 0, _TOLD_WITHIN):
        end = sentence_in_line(text, replaced.start(), replaced.end())[1]
        undone = _UNDONE.search(text, replaced.start(), min(end, replaced.end() + 30))
        if undone is None and _NEW_ONES.search(text, 0, max(_LEAD, end)) is None:
            return Found("renewal", replaced.start(), replaced.end())
    return kind


def _aircraft(text: str, authorised: re.Match[str]) -> bool:
    """Whether the prefect authorised cameras on aircraft: its sentence says so, or captures images
    (the law's word for aircraft cameras, L. 242-5) in a report about drones."""
    start, end = sentence_in_line(text, authorised.start(), authorised.end())
    if AIRCRAFT.search(text, start, end) is not None:
        return True
    return (
        _CAPTATION.search(text, start, end) is not None and _DRONES.search(text, 0, _TOLD_WITHIN) is not None
    )


def _told_done(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is told as done about the cameras: not undone in its own clause
    (from its subject to a few words past its verb), not in a question, not in a recital."""
    sentence_start, sentence_end = sentence_in_line(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    return (
        _UNDONE.search(text, start, min(sentence_end, end + 30)) is None
        and "?" not in text[sentence_start : sentence_end + 1]
        and _RECITAL.search(text, line_start, start) is None
        and _CAMERAS.search(text, sentence_start, sentence_end) is not None
    )
