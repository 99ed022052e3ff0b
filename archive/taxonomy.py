"""The enumerations that are public contracts: exports, search filters, feeds and users' scripts
use these ids. Extend them; never rename."""

from __future__ import annotations

import datetime as dt

CATEGORY_IDS = (
    "reconnaissance_faciale",
    "vsa",
    "videoprotection",
    "drone",
    "lapi",
    "audiosurveillance",
    "biometrie",
    "donnees_securitaires",
)

# How the web interface and reports name each category, in French. The shipped lexicon gives its
# categories the same labels (a test holds them together); a user's lexicon changes terms, not
# these names.
CATEGORY_LABELS = {
    "reconnaissance_faciale": "Reconnaissance faciale",
    "vsa": "Vidéosurveillance algorithmique (VSA)",
    "videoprotection": "Vidéoprotection (caméras)",
    "drone": "Drones et caméras aéroportées",
    "lapi": "Lecture automatisée des plaques d'immatriculation (LAPI)",
    "audiosurveillance": "Audiosurveillance (capteurs sonores)",
    "biometrie": "Autres techniques biométriques",
    "donnees_securitaires": "Plateformes de données sécuritaires",
}

DOC_TYPES = (
    "deliberation",
    "proces_verbal",
    "compte_rendu",
    "liste_deliberations",
    "ordre_du_jour",
    "raa",
    "arrete",
    "other",
)
# Their French names, as the pages and the display titles write them.
DOC_TYPE_LABELS = {
    "deliberation": "Délibération",
    "proces_verbal": "Procès-verbal",
    "compte_rendu": "Compte rendu",
    "liste_deliberations": "Liste des délibérations",
    "ordre_du_jour": "Ordre du jour",
    "raa": "Recueil des actes administratifs",
    "arrete": "Arrêté",
    "other": "Autre document",
}


def read_from(doc_type: str | None) -> str:
    """What a decision record was read from (``read_from``, a public field), by its document's
    type: ``act``, the text of an act itself (a deliberation, minutes, a recueil, an arrêté), or
    ``report``, a page that reports one (a press article, a town's news page: type "other"). The
    kind read from a report is right about half the time on pages no reader was tuned on, against
    nearly always for a prefect's arrêté (README, "Decision records"): a lead to check."""
    return "report" if doc_type in (None, "other") else "act"


MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_day(date: dt.date) -> str:
    """ "1er février 2013", "17 février 2014": a date as French prose writes it."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"


STANCES = ("opposition",)

# The nature of an act in its ACTES identifier: délibération, acte réglementaire, acte
# individuel, contrat/convention, document budgétaire et financier, autre.
ACTES_NATURES = {
    "DE": "deliberation",
    "AR": "acte_reglementaire",
    "AI": "acte_individuel",
    "CC": "contrat_convention",
    "BF": "budgetaire_financier",
    "AU": "autre",
}

ACT_KINDS = ("deliberation", "arrete", "item")
DECISIONS = ("adopte", "approuve", "autorise", "rejette")
