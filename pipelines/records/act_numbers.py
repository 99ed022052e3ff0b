"""The forms an act's number is written in: in its heading ("Arrêté n° 2024-44"), in a recueil's
summary ("80-2025-10-02-00003 - Arrêté 25-663 survol drone"), on the line above it, in a
council's register or the Conseil de Paris's archive. ``heading.act_number`` chooses among them."""

from __future__ import annotations

import re

from pipelines.records.spans import STATE_ACT_ID

# "Arrêté n° 2024-00860" (its date on another line), "DÉLIBÉRATION DU CONSEIL MUNICIPAL\nN° 20160526_7",
# "Arrêté n° 2025 - 1772 /CAB/BPA", "AP n° 2026.103", "n°2024.08.DS.0656" (the Hérault's),
# an item of minutes opening with its number: "N°29 - Autoriser…".
# ("v?u": a vœu whose ligature was lost on the way.)
# The Seine-et-Marne's numbers, their words spaced: "Arrêté n° 2024 CAB BCS CIPM 644 autorisant".
_SPACED_NUMBER = r"\d{4}(?:\s(?-i:[A-Z]{2,6})){1,5}\s\d{1,5}(?!\d)"
_NUMBER = re.compile(
    r"(?:(?:arr[êe]t[ée]|d[ée]lib[ée]ration|d[ée]cision|v[œo?]e?u)[^\n]{0,40}?\s*|^\s*)n°\s*(?P<number>"
    + _SPACED_NUMBER
    # ("ARRÊTÉ n°2025 - 10 - 17 -\n0001": the Rhône's number, a day and a sequence, spaced out and
    # wrapped; not what follows another spaced number, "n° 2024 - 1234 - 12 juin 2024".)
    + r"|\d{4}\s[–-]\s\d{2}\s[–-]\s\d{2}\s[–-]\s*\d{4}\b|\d{4}\s[–-]\s\d+(?:\s?/(?-i:[A-Z]+))*|\d[\w/-]*(?:\.(?:\d+|[A-Z]{2,}(?=\.\d)))*(?:\s/\s\d+)?)",
    re.IGNORECASE,
)
# An arrêté's number, after its recueil's cover and summary too (its title about surveillance):
# "Arrêté n° CAB-BRS-2024-361 autorisant", "mériteArrêté n°PREF-CAB-BPA-2025-012Autorisant" (spaces
# lost), "ARRETE N° 2024-00109autorisant", "Arrêté n°BSIPA2024289-0001", "Arrêté
# n°Pref-BPA-2024-534Autorisant", "AP 24/785 portant",
# "AP - n°2025-1335 - caméra sur aéronef" (not a file's name: "AP PAF74 DRONE janv-fev-mars2025").
# Not an arrêté cited ("l'arrêté n°20121775 VSR 75"), a template's blank ("Arrêté n°64-2025-10-
# autorisant"), a number spaced out ("N° 2023 – 03 – 21 -001"), a day ("AP 2025-06-27") or the
# State's identifier on a recueil's summary line ("30-2025-12-22-00006 - ARRÊTÉ N°30-2025-12-22-00006"),
# which may list another act; in the act's own heading ("Arrêté n° 58-2025-05-22-00001autorisant")
# it is the number the prefecture gave it.
_ARRETE_NUMBER = re.compile(
    r"(?<![lL]['’])(?:(?:\b(?i:arr)|(?<=[a-zé])Arr)(?i:[êeé]t[ée](?:\s+pr[ée]fectoral)?\s+n\s*[°º])\s*|\bAP\s+(?:-\s+)?(?:n°\s*|(?![A-Z]+\d)))"
    # (A day, not the Rhône's "n°2025-28-05-0001"; a day spaced out too: "AP 2024 01 29 - autorisant".)
    r"(?!\d{4}-\d{2}-\d{2}\b(?!-\d))(?!\d{4}\s\d{2}\s\d{2}\b)"
    rf"(?P<number>(?>{_SPACED_NUMBER}"
    r"|(?:[A-Z][a-z]{1,4}-)?(?:[A-Z]{2,}[/-]?)*\d+(?:[/.-](?:\d+|[A-Z]{2,}(?![a-zé])))*))(?![/-]|\s+[–-]\s*\d)"
)
# The Alpes-Maritimes' number alone on the line above the word "Arrêté": "2024 - 368\nArrété\n
# autorisant la captation …", "2025- A368\nArrêté".
_NUMBER_ABOVE = re.compile(
    # (Not a span of years, "2024 - 2025", nor a year's single digit, "2025 - 3".)
    r"^[ \t]*(?P<number>\d{4}[ \t]*-[ \t]*(?!(?:19|20)\d{2}\b)A?\d{2,5})[ \t]*\n[ \t]*(?=arr[êeé]t[ée]\b)",
    re.IGNORECASE | re.MULTILINE,
)
# "Extrait du registre des délibérations du Conseil Municipal de la Ville de Montpellier\nn° 2013 / 14".
_REGISTER = re.compile(
    r"registre\s+des\s+d[ée]lib[ée]rations[\s\S]{0,100}?\bn°\s*(?P<number>\d{4}\s?/\s?\d{1,4})", re.IGNORECASE
)
# An act's identifier opening its text: the MEL's "19 C 1114 Séance du …", the Conseil de
# Paris's "2015 SG 61 - Avenant …" and "2009, DVD 215 - …", Avranches's "2013.07.01 - 5 …".
_LEADING = re.compile(
    r"\A\s*(?P<number>\d{2}\s+C\s+\d{4}(?=\s)|\d{4},?\s+[A-Z]{1,5}\.?\s+\d{1,4}(?=\s+-\s)"
    r"|\d{4}\.\d{2}\.\d{2}\s+-\s+\d{1,3}(?=\s))"
)
# The Conseil de Paris's archive of its sittings prints, under its search form, the item's title
# with its reference: "2016 DVD 40 - Maintenance des installations …", "92 - QOC 2004-225 Question
# de Mme …", "QE 2017-09 Question de Mme …".
# (Or at a line's start, its item's number glued to its dash: "16- 1997, DVD 64 - Autorisation",
# "retour Retour\n\n167 - 2003, DVD 121 - Autorisation".)
_PARIS_ITEM = re.compile(
    r"(?:Type\s+de\s+document\s+\(D[ée]bat\s*/\s*D[ée]lib[ée]ration\)\s*\n\s*|^[ \t]*)(?:\d{1,3}\s*-\s+)?"
    r"(?P<number>\d{4},?\s+[A-Z]{1,5}\.?\s+\d{1,4}(?=\s+-\s)|Q(?:E|OC|G)\s+\d{4}-\d{1,4}(?=\s+Question))",
    re.MULTILINE,
)
# The Conseil de Paris's reference in brackets: "Déliberation/ Conseil municipal/ Mai 2009 [2009 V. 163]".
_BRACKETED = re.compile(r"\[(?P<number>\d{4},?\s+[A-Z]{1,5}\.?\s+\d{1,4})\]")
# "le rapport 28", "la délibération 147": an item's number in a report of the sitting.
_ITEM = re.compile(
    r"\b(?:rapport|d[ée]lib[ée]ration)\s+(?P<number>\d{1,3})\b(?![\s,.]*(?:\d|%|€|euros?\b|cam[ée]ras?\b|ans?\b|mois\b))",
    re.IGNORECASE,
)
# A service's initials and a number, without "n°": "arrêté DC 2025-178 enregistrement des
# interventions", "Arrêté DS 2025-1526 Autorisation captation images"; a summary's line that opens
# on the number: the Aube's "- BSIPA2024148-0001 - Arrêté du 27 mai 2024 autorisant la captation".
# (And services' initials joined by slashes: "Arrêté CAB/SPAS/2024-698 portant autorisation".)
_INITIALLED = re.compile(
    # ("Arrêté n° BPA 24- 499 portant": the Yvelines' initials, its year in two digits, a space lost.)
    r"\b(?i:arr[êe]t[ée])\s+(?:n\s*°\s*(?=(?-i:[A-Z]{2,6})\s\d{2}-\s?\d))?(?!(?:DU|DE|EN|LE|AU)\s)"
    r"(?P<number>(?-i:[A-Z]{2,6})\s(?:\d{4}-|\d{2}-\s?)\d{1,5}|(?-i:[A-Z]{2,6}(?:/[A-Z]{2,6})+)/\d{4}-\d{1,5})\b"
)
_CODED_ENTRY = re.compile(
    r"^[ \t]*-\s*(?P<number>(?-i:[A-Z]{2,})\d[\w-]*\d)\s+-\s+(?=arr[êe]t[ée])", re.IGNORECASE | re.MULTILINE
)
# A recueil's summary entry naming its arrêté by a number without "n°", before the title's words:
# "80-2025-10-02-00003 - Arrêté 25-663 survol drone police", "75-2023-11-24-00004 - arrêté
# 2023-01438 autorisant la captation", "83-2025-08-28-00003 - AP-2025-BSP-OP-70 autorisant".
ENTRY_NUMBER = re.compile(
    rf"^[ \t|]*{STATE_ACT_ID}\s+-\s+(?i:arr[êe]t[ée]|AP)(?:\s+|-)"
    r"(?P<number>\d{4}(?:-[A-Z]{2,})+-\d{1,4}|\d{2,4}-\d{1,5})(?=\s+[a-zé])",
    re.MULTILINE,
)

# Each form, with how far into the text it is looked for, in the order they are tried.
NUMBER_FORMS: tuple[tuple[re.Pattern[str], int], ...] = (
    (_LEADING, 100),
    (_BRACKETED, 400),
    (_PARIS_ITEM, 400),
    (_REGISTER, 600),
    (_NUMBER, 600),
    (_NUMBER_ABOVE, 600),
    (_ARRETE_NUMBER, 4000),
    (_INITIALLED, 4000),
    (_CODED_ENTRY, 4000),
    (ENTRY_NUMBER, 4000),
    (_ITEM, 1500),
)
# "n°" and a number, after an act's word or at a line's start: an arrêté, a deliberation or an
# item (its title is looked at only when it is an arrêté's or a decision's).
NUMBER_SIGNED = _NUMBER
# The numbers a recueil's summary may give another act: taken when their title is about surveillance.
LISTED = (_NUMBER, _ARRETE_NUMBER, _INITIALLED, _CODED_ENTRY, ENTRY_NUMBER, _NUMBER_ABOVE)
# The title's first word run into the number: "ARRETE N° 2023-00455autorisant".
RUN_INTO_TITLE = re.compile(r"(?<=\d)(?:autoris|portant|relati|fixant)\w*$", re.IGNORECASE)
