"""The words of a prefect's acts: how a recueil, an arrêté or a report of one shows a prefect's
decision, and which of the prefect's kinds it is (``kinds`` reads them in this order: an
authorisation of cameras on aircraft first, then of a video-protection system or body cameras).
"""

from __future__ import annotations

import re

from pipelines.records.spans import STATE_ACT_ID

# The law's words for cameras, before 2011 and since: "vidéosurveillance", "vidéo-protection".
_VIDEO = r"vid[ée]o\s?-?\s?(?:protection|surveillance)"
# "la captation … d'images au moyen de caméras installées sur des aéronefs"; a report of one: "le
# préfet autorise la police à utiliser un drone", "un arrêté … le recours à des drones".
AIRCRAFT = re.compile(
    r"(?:captation|images)[^.]{0,120}?(?:a[ée]ronefs?|dr[oô]nes?|h[ée]licopt[èe]re)"
    # The law's formula for cameras on aircraft (L. 242-5), with the title cut before its
    # aircraft: "autorisant la captation, l'enregistrement et la transmission d'images au moyen de
    # caméras ins.pdf".
    r"|captation,?\s+(?:de\s+)?l['’□]?\s?enregistrement\s+et\s+(?:de\s+)?la\s+transmission\s+d['’□]?\s?images"
    # (Not a jammer that brings drones down: "un dispositif de brouillage anti drone".)
    r"|autoris\w*(?:(?!brouill)[^.]){0,120}?(?<!anti\s)(?<!anti-)\bdr[oô]nes?\b|surveillance\s+a[ée]rienne"
    r"|arr[êeé]t[ée](?:(?!brouill)[^.]){0,100}?(?<!anti\s)(?<!anti-)\bdr[oô]nes?\b"
    # A recueil's file title: "AP - n°2025-1377 - caméra sur aéronef", "AP DRONE-HALLOWEEN-"; a
    # summary's "Autorisation captation images sur drône" (the Loire's circumflex).
    r"|cam[ée]ras?\s+(?:install[ée]es?\s+)?sur\s+(?:des\s+|un\s+)?a[ée]ronefs?|\bAP\s+(?:[\w-]+\s+){0,2}?dr[oô]nes?\b",
    re.IGNORECASE,
)
PREFECT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("drone_authorisation", AIRCRAFT),
    (
        "prefectoral_authorisation",
        # "Le préfet a autorisé … par un arrêté" the body cameras of a town's police.
        re.compile(
            # (Before 2011 the law said "vidéosurveillance": "autorisation d'installation d'un
            # système de vidéosurveillance".)
            # ("… portant autorisation exploitation système vidéoprotection - Commune de BRON".)
            rf"syst[èe]mes?\s+(?:de\s+)?(?:surveillance\s+par\s+)?{_VIDEO}"
            # A recueil's summary names an authorisation by its place: "72-2025-01-22-00013 -
            # Vidéoprotection Bar-Tabac de l'Union".
            # ("47-2025-12-05-00003 - AP Autorisation vidéoprotection Eglise des Jacobins".)
            rf"|^\s*{STATE_ACT_ID}\s+-\s+(?:AP\s+)?(?:autorisation\s+(?:de\s+)?)?vid[ée]o\s?-?\s?protection\b"
            r"|pr[ée]fet\s+a\s+autoris[ée][^.]{0,80}?\barr[êe]t[ée]"
            # A report of the prefecture's authorisations: "La Préfecture de l'Allier vient ainsi
            # d'autoriser plusieurs programmes d'installations de caméras".
            # (Its own verb: not "Sans attendre l'avis du préfet, le maire vient d'autoriser".)
            r"|pr[ée]f(?:et|ecture)\b[^.,;]{0,40}?\bvient\s+(?:ainsi\s+)?d['’]\s?autoriser[^.,;]{0,80}?cam[ée]ras"
            # "la Préfecture de la Savoie a donné son autorisation pour le déploiement des caméras".
            r"|pr[ée]f(?:et|ecture)\b[^.,;]{0,40}?\ba\s+donn[ée]\s+son\s+(?:autorisation|accord)[^.,;]{0,80}?cam[ée]ras"
            # The Gard's summary: "MAIRIE BLAUZAC 2024 Arrêté préfectoral d'autorisation de vidéoprotection".
            rf"|arr[êe]t[ée]\s+pr[ée]fectoral\s+d['’]\s?autorisation\s+de\s+{_VIDEO}"
            # A municipal police's body cameras: "autorise l'enregistrement audiovisuel des
            # interventions"; the Lot's summary: "arrêté DC 2025-178 enregistrement des interventions
            # des agents de police municipale Cahors".
            r"|enregistrement\s+audiovisuel|cam[ée]ras?\s+individuelles?"
            r"|enregistrement\s+des\s+interventions\s+des\s+agents",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
]
# A recueil's summary numbers its acts: "01-Arrêté CAB/SPAS/VIDEO/25-002 du … portant".
PREFECTORAL_HEADING = re.compile(
    r"^\s*(?:\d{1,3}\s*[-–.)]\s*)?arr[êeé]t[ée]\b[^\n]{0,200}?(?:portant|autorisant|relatif)",
    re.IGNORECASE | re.MULTILINE,
)
# A prefect (his title run into his place too: "PREFETDE L'OISE"), or a prefecture named by its
# place ("Préfecture du Loiret"; not "Envoi Préfecture", the transmission stamp of a council's act).
PREFECT = re.compile(
    r"(?<![^\W_])pr[ée]f(?:et|ète)(?:\b|(?-i:(?=DE|DU)))|(?<![^\W_])pr[ée]fecture\s+(?:(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*[A-ZÀ-Ý]|\d{2,3}\b)",
    re.IGNORECASE,
)
# A page that opens on a prefect's arrêté it reports: "Un arrêté préfectoral du 6 juin 2017 acte …".
REPORTED_ARRETE = re.compile(
    r"^\s*(?:un|l['’]\s?|(?:par|dans)\s+un)\s*arr[êe]t[ée]\s+pr[ée]fectoral\b"
    # "Par arrêté préfectoral numéro … l'agent … est autorisé", "un arrêté préfectoral en date du
    # 18 octobre 2021 autorise".
    r"|\barr[êe]t[ée]\s+pr[ée]fectoral\b[^.]{0,160}?\bautoris",
    re.IGNORECASE | re.MULTILINE,
)
# A report that says what a prefect's arrêté allowed without naming the prefect: "un drone …
# sera déployé par la gendarmerie. Une mesure exceptionnelle autorisée par arrêté préfectoral".
AUTHORISED_BY_ARRETE = re.compile(
    r"\bautoris[ée]e?s?\s+par\s+(?:un\s+)?arr[êe]t[ée]\s+pr[ée]fectoral\b"
    # ("Depuis l'arrêté préfectoral du 22 janvier dernier, la nuit, un drone équipé d'une caméra …".)
    r"|\b(?:depuis|selon)\s+(?:l['’]\s?|un\s+)arr[êe]t[ée]\s+pr[ée]fectoral\s+du\b",
    re.IGNORECASE,
)
# A prefecture's recueil (its cover names the département only: "HAUTES-ALPES\nRECUEIL DES ACTES").
RECUEIL = re.compile(r"recueil\s+des\s+actes\s+administratifs", re.IGNORECASE)
# What only an act has: its heading ("Arrêté n° …"), its deciding verb ("ARRÊTE"), its first article.
ACT_FORM = re.compile(
    r"^\s*(?:\d{1,3}\s*[-–.)]\s*)?arr[êeé]t[ée]\b|\bARR[ÊE]TE\b|\bA R R [ÊE] T [ÉE]\b|(?-i:\bARR[ÊE]TE(?=[a-zé]))|\bArt(?:icle|\.)?\s*(?:1|1er|premier)\b|\barr[êe]t[ée]\s+(?:pr[ée]fectoral\s+)?n°"
    # (Run into the prefect's titles by a lost space: "…national du mériteArrêté n°PREF-CAB-BPA-2025-227".)
    r"|(?-i:(?<=[a-zéè])Arr[êe]t[ée])\s+n°"
    # (Or into its verb: "Arrétéautorisant la captation".)
    r"|\barr[êeé]t[ée](?=autorisant|portant)"
    # A report of one: "le préfet vient d'autoriser", "un arrêté du 5 novembre du préfet".
    r"|pr[ée]f(?:et|ecture)\b[^.]{0,80}?autoris|\barr[êe]t[ée]\s+(?:pr[ée]fectoral\b|du\s+\d)"
    r"|\barr[êe]t[ée]s\s+(?:pr[ée]fectoraux\s+)?autorisant|\bAP\s+(?:\S+\s+){0,2}?(?:DRONE|autorisant|portant)\b"
    # A recueil's summary line, by the State's identifier of an act: "72-2025-01-22-00013 - …", or
    # by the Corrèze's numbering: "2008-03-0214 - Implantation d'un système de vidéosurveillance …
    # (AP du 11 mars 2008)".
    rf"|^\s*{STATE_ACT_ID}\s+-\s|\b\d{{4}}-\d{{2}}-\d{{4}}\s+-\s+(?:implantation|autorisation|modification)|\(AP\s+du\s+\d"
    # Old summaries: the Nièvre's "2003-P-1344-arrêté portant autorisation", the Bas-Rhin's
    # "Autorisations de systèmes de vidéosurveillance – 26.05.2009".
    r"|(?<=-)arr[êeé]t[ée]\s+portant\b|\bautorisations?\s+de\s+syst[èe]mes?\s+de\s+vid[ée]o",
    re.IGNORECASE | re.MULTILINE,
)
SCOPES = (
    ("renewal", re.compile(r"renouvellement|reconduit", re.IGNORECASE)),
    ("modification", re.compile(r"modification|modifi[ée]", re.IGNORECASE)),
)
