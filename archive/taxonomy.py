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
