"""The enumerations that are public contracts: exports, search filters, feeds and users' scripts
use these ids. Extend them; never rename."""

from __future__ import annotations

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
