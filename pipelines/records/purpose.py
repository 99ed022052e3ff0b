"""Texts whose surveillance words decide nothing about a device.

What a page's cameras are for, when it is not watching people: a page about cameras that detect
forest fires, count road traffic or help lifeguards, a tourist webcam, drones that put on a
light show, film a building site or inspect a roof, a camera that films a council's sitting
for the public, or a prefect's no-fly zone, reports no decision about surveillance technology, whatever its camera or drone
words. Read in the title and lead (where a report says what it is about), and only when they
name no purpose of public safety: "Des piscines municipales sous vidéosurveillance" is still read.

Nor does a news story about a shop's own cameras ("Braquage d'une bijouterie : les images du
suspect dévoilées"), when no public authority acts anywhere in it: a private camera that filmed a
theft is evidence in a case, not a decision about public surveillance.

And a convention of coordination between a town's police and the State's forces (CSI L.512-4),
which lists "Vidéo Protection" among the missions it shares out, but neither installs, funds nor
authorises a device (the labels' convention since the seventh held-out part).

And a prefecture's page that explains how to obtain an authorisation (``explains_procedure``).
"""

from __future__ import annotations

import re

from pipelines.records.prefect_words import ACT_FORM, RECUEIL
from pipelines.records.spans import Found, sentence_in_line

# The lead a purpose is read in: a title and its first sentences.
LEAD_CHARS = 600
# A recueil's summary, where its no-fly ban is listed past the lead (a recueil that also
# authorises a flight or a system is read by the prefect's rules before this one).
_SUMMARY_CHARS = 3000

# (A nest's camera too: "les images en temps réel du nid du couple de cigognes"; not cameras near
# a nest against people who stone it.)
_OTHER_PURPOSE = re.compile(
    # (The fire service's: "Les pompiers vont aussi bénéficier de caméras afin de mieux lutter contre
    # les incendies", "détecter … l'apparition de fumées"; not cameras against arson, "pour lutter
    # contre les incendies de véhicules".)
    r"\bfeux?\s+de\s+for[êe]ts?\b|\bd[ée]parts?\s+de\s+feux?\b|\bapparition\s+de\s+fum[ée]es\b"
    r"|\b(?:pompiers|SDIS)\b[^.]{0,60}?\bcam[ée]ras\b[^.]{0,60}?\bincendies\b(?!\s+de\s+(?:v[ée]hicules|voitures|poubelles))|\bcomptage\s+(?:routier|du\s+trafic|des\s+v[ée]hicules)\b"
    r"|\bnoyades?\b|\bma[îi]tres?[\s-]nageurs?\b|\bwebcams?\b|\bimages\b[^.]{0,40}?\bdu\s+nid\b|\brelev[ée]s?\s+(?:topographiques?|avant\s+travaux)\b"
    # A river's level watched for its floods: "une station hydrologique … afin de surveiller le niveau
    # d'eau", "La rivière l'Indre est soumise à des crues fréquentes".
    r"|\bstations?\s+hydrologiques?\b|\bniveau\s+d['’]eau\b|\bcrues\b|\binondations?\b"
    # Drones that entertain, advertise or survey buildings. Not "prises de vues aériennes", the
    # words of a prefect's authorisation to film people from the air.
    r"|\bspectacles?\s+de\s+drones\b|\bdrones?\s+lumineux\b|\bthermographi|\btimelapses?\b"
    r"|\binspection\s+(?:visuelle\s+)?(?:de\s+la\s+|des\s+)?toitures?\b"
    r"|\b(?:photographies|vid[ée]os?)\s+a[ée]riennes?\b"
    # A town's own views of itself: "des prises de vue aériennes de la ville et de son territoire".
    r"|\bprises?\s+de\s+vues?\s+a[ée]riennes?\s+(?:de\s+la\s+ville|de\s+la\s+commune|du\s+patrimoine|du\s+territoire)\b"
    # A council's sittings filmed or streamed for the public: "Les séances du conseil municipal
    # bientôt en live streaming", "la vidéo de la séance".
    r"|\b(?:retransmi\w*|diffus\w*|filme\w*|enregistr\w*|vid[ée]o)\s+(?:en\s+direct\s+)?(?:de\s+|des\s+)?(?:la\s+|les\s+)?s[ée]ances?\b"
    r"|\bs[ée]ances?\s+(?:du\s+conseil(?:\s+municipal)?\s+)?(?:sont\s+|est\s+|bient[ôo]t\s+)?(?:film[ée]e?s?|retransmise?s?|en\s+live|en\s+direct)"
    r"|\blive\s+streaming\b",
    re.IGNORECASE,
)
# A prefect's no-fly zone: "portant création d'une zone d'interdiction temporaire de survol",
# "interdiction temporaire de survol par des aéronefs télépilotés", "portant interdiction des
# survols d'aéronefs télépilotés sans équipage à bord sur le parcours de la flamme olympique",
# "portant interdiction temporaire d'exploitation et d'évolution d'aéronefs circulant sans équipage
# à bord (drones)"; not in a lead that tells a decision of cameras beside it ("La Ville a voté
# l'installation de 12 nouvelles caméras … Le préfet a pris un arrêté portant interdiction des
# survols de drones").
# (And an aviation waiver, no camera's: "autorisant à titre dérogatoire le survol de nuit d'un
# aéronef télépiloté", "autorisation de survol à basse hauteur en travail aérien", "portant
# dérogation à l'interdiction de vol de nuit par aéronef télépiloté", "… de voler de nuit", "…
# l'interdiction aux aéronefs télépilotés d'évoluer la nuit".)
_NO_FLY = re.compile(
    r"\binterdiction\s+(?:temporaire\s+)?d(?:e|es)\s+survols?\b|\bzone\s+interdite\s+de\s+vol\b"
    r"|\binterdiction\s+(?:temporaire\s+)?d['’](?:exploitation|[ée]volution|utilisation)\s+(?:et\s+d['’]\w+\s+)?d['’]a[ée]ronefs\b"
    r"|\bsurvol\s+(?:de\s+nuit|[àa]\s+basse\s+hauteur)\b"
    # (A flight's, not a theft's: "Après un vol de nuit à l'atelier municipal".)
    r"|\binterdiction\s+de\s+vol(?:er)?\s+de\s+nuit\b|\binterdiction\s+aux\s+a[ée]ronefs\s+t[ée]l[ée]pilot[ée]s\s+d['’]\s?[ée]voluer\s+la\s+nuit\b|\bvol\s+de\s+nuit\s+(?:par|d['’]\s?(?:un|une)|des?)\s+(?:a[ée]ronef|drone)",
    re.IGNORECASE,
)
# Fires watched for, and traffic counted, where the cameras watch nothing else: "des détecteurs …
# des départs d'incendie", "une société spécialisée dans les services de protection des biens
# face aux incendies", "Nous voulions réaliser du comptage de vélos", "des caméras … pour analyser
# le trafic routier". Not arson, nor red lights ("les auteurs des incendies de voitures", "les
# véhicules qui franchissent les feux rouges"), nor a second use of a town's cameras ("permettront
# aussi de détecter les départs d'incendies", a lead that names its video surveillance).
_FIRES_OR_TRAFFIC = re.compile(
    r"(?:\bd[ée]tect\w*(?:(?!\bauteurs?\b)[^.]){0,40}?\b(?:incendies?|feux|fum[ée]es)\b|\bface\s+aux\s+incendies\b)"
    r"(?!\s+(?:de\s+|d[eu]s?\s+)?(?:v[ée]hicules|voitures|poubelles|rouges|tricolores|criminels))"
    r"|\bcomptage\s+des?\s+(?:v[ée]los|cyclistes|pi[ée]tons)\b|\banalyser\s+le\s+trafic\b",
    re.IGNORECASE,
)
_SECOND_USE = re.compile(r"\baussi\b|\b[ée]galement\b", re.IGNORECASE)
_SURVEILLANCE_NAMED = re.compile(
    r"vid[ée]o\s?-?\s?surveillance|lecture\s+(?:automatis[ée]e\s+)?des?\s+plaques|\bLAPI\b", re.IGNORECASE
)
_CAMERAS_DECIDED = re.compile(r"\bvot[ée]|d[ée]lib[ée]r|\binstall|d[ée]ploi", re.IGNORECASE)
# A shop whose own cameras a news story is about, and what a public authority deciding says.
_PRIVATE_PREMISES = re.compile(
    r"\bbijouteries?\b|\bjoailleries?\b|\bboulangeri|\bburalistes?\b|\bcommer[çc]ants?\b"
    r"|\bboutiques?\b|\bmagasins?\b|\bsup[ée]rettes?\b|\bpharmacies?\b|\bcaf[ée]s?\b|\brestaurants?\b",
    re.IGNORECASE,
)
_PUBLIC_AUTHORITY = re.compile(
    r"\bmairies?\b|\bmaires?\b|municipa|\bconseil|\bcommunes?\b|pr[ée]fe|recueil\s+des\s+actes|intercommun|m[ée]tropole"
    r"|\b[ée]lue?s?\b|agglom[ée]ration|\bville\s+de\b|\binstall|\bd[ée]ploi",
    re.IGNORECASE,
)
# What says the cameras watch people after all: crime, dumping, the police, public space, crowds,
# algorithms, the law's word for public cameras (a "caméras de vidéosurveillance" alone does not:
# on water towers for forest fires, in swimming pools against drowning).
_PEOPLE_WATCHED = re.compile(
    r"d[ée]linquan|s[ée]curit[ée]\s+publique|tranquillit[ée]|algorithm|\bfoules?\b|\bpolice\b|gendarmerie"
    r"|vandalis|d[ée]gradation|incivilit|cambriol|voie\s+publique|espace\s+public|d[ée]p[ôo]ts?\s+sauvages?"
    r"|verbalis|vid[ée]o\s?-?\s?protection",
    re.IGNORECASE,
)


# Drones that film or watch, which a no-fly ban's page may tell of beside the ban.
_DRONES_FILM = re.compile(r"\bdrones?\b[^.]{0,60}?(?:\bfilm\w*|\bsurveill\w*|\bcam[ée]ras?\b)", re.IGNORECASE)
# A no-fly ban's prefecture named by its police ("Préfecture de Police des Bouches-du-Rhône"): no
# police watching people.
_PREFECTURE_OF_POLICE = re.compile(r"\bpr[ée]f(?:ecture|[èe]te|et)\s+de\s+police\b", re.IGNORECASE)


def other_purpose(text: str) -> Found | None:
    """The words that say a text's cameras serve another purpose than watching people, or None."""
    lead = text[:LEAD_CHARS]
    found = _OTHER_PURPOSE.search(lead)
    if found is None and (fires := _FIRES_OR_TRAFFIC.search(lead)) is not None:
        second_use = _SECOND_USE.search(lead, *sentence_in_line(lead, fires.start(), fires.end()))
        if second_use is None and _SURVEILLANCE_NAMED.search(lead) is None:
            found = fires
    watched = lead
    if found is None and _CAMERAS_DECIDED.search(lead) is None:
        found = _NO_FLY.search(text, 0, _SUMMARY_CHARS if RECUEIL.search(lead) else LEAD_CHARS)
        # (Not when drones of its own film the crowd: "Ses propres drones, équipés de caméras,
        # surveilleront le cortège".)
        watched = lead if _DRONES_FILM.search(lead) else _PREFECTURE_OF_POLICE.sub(" ", lead)
    if found is not None and _PEOPLE_WATCHED.search(watched) is None:
        return Found("none", found.start(), found.end())
    shop = _PRIVATE_PREMISES.search(lead)
    if shop is not None and _PUBLIC_AUTHORITY.search(text) is None:
        return Found("none", shop.start(), shop.end())
    return None


# "CONVENTION DE COORDINATION DE LA POLICE MUNICIPALE ET DES FORCES DE SECURITE DE L'ETAT",
# "convention communale de coordination".
_COORDINATION = re.compile(r"convention\s+(?:communale\s+)?de\s+coordination\b", re.IGNORECASE)


def coordination_only(text: str, kind: Found) -> Found | None:
    """A convention read as the decision that is a convention of coordination: no decision."""
    if kind.value != "convention":
        return None
    found = _COORDINATION.search(text, 0, 3000)
    return Found("none", found.start(), found.end()) if found is not None else None


# A prefecture's page that explains how to obtain an authorisation ("L'installation … est soumise
# à autorisation du préfet", "le dossier doit comprendre") decides nothing.
_PROCEDURE = re.compile(
    r"soumise?s?\s+[àa]\s+(?:une\s+)?autorisation(?:\s+pr[ée]alable)?(?:\s+pr[ée]fectorale|\s+du\s+pr[ée]fet)"
    r"|autorisation[^.]{0,60}?(?:d[ée]livr[ée]e\s+par\s+la\s+pr[ée]fecture)[^.]{0,40}?obligatoire"
    r"|peu(?:ven)?t\s+[êe]tre\s+autoris[ée]e?s?\s+par\s+le\s+pr[ée]fet",
    re.IGNORECASE,
)
# What a deliberation, an arrêté or a report of one has, and a procedure page has not.
_DECIDING = re.compile(
    r"conseil\s+(?:municipal|communautaire|m[ée]tropolitain|d[ée]partemental|r[ée]gional|de\s+Paris)"
    r"|d[ée]lib[ée]r|\bd[ée]cid|\bapprouv|\bvot[ée]|\bs[ée]ance\b|\bARR[ÊE]TE\b",
    re.IGNORECASE,
)


def explains_procedure(text: str) -> bool:
    """Whether a text without acts is a page about the authorisation procedure, not a decision."""
    return (
        _PROCEDURE.search(text) is not None
        and _DECIDING.search(text) is None
        and ACT_FORM.search(text, 0, 3000) is None
    )
