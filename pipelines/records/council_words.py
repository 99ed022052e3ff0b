"""The words of a council's decisions, kind by kind: what a deliberation's title or decision, or a
report of one, says when it decides a grant, a contract, a convention, an installation….

``COUNCIL_RULES`` is ordered: where one text holds the words of several kinds, the first kind
listed is the more specific (a grant for an installation is a grant). ``kinds`` reads acts with
it; ``clauses`` reads the sentence of a report that tells its decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipelines.records.spans import sentence_in_line

COUNCIL_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "moratorium_ban",
        re.compile(
            # (Not a ban of something else: "zone d'interdiction temporaire de survol", "interdiction
            # de manifester", "portant interdiction temporaire de la navigation".)
            r"\bmoratoire\b|\binterdi(?:ction|re)\b(?!\s+(?:temporaire\s+)?(?:de\s+|du\s+|d['’]\s?|des\s+)?(?:la\s+|le\s+|les\s+)?"
            r"(?:survol|navigation|circul|manifest|rassembl|stationn|vente|consomm|acc[èe]s|baignade|p[êe]che|chasse))"
            r"|arr[êe]ter\s+le\s+d[ée]ploiement"
            r"|n['’]\s?installerons\s+pas"
            # A court's "Une intercommunalité ne peut pas recourir à des caméras augmentées".
            r"|ne\s+peu(?:t|vent)\s+pas\s+(?:recourir|utiliser|installer|d[ée]ployer)"
            # A trial given up, a device switched off: "a renoncé ce mardi 29 octobre à son
            # expérimentation de capteurs de sons", "doit prochainement désactiver un dispositif".
            r"|renonc\w*\s+(?:[^.]{0,40}?\s)?[àa]\s+(?:son|sa|ses|leur|l['’]\s?|la|le|les|ce|cette)\s*"
            r"(?:exp[ée]rimentation|projet|dispositif|d[ée]ploiement|installation|utilisation)"
            r"|d[ée]sactiver\s+(?:un|le|les|ce|ces|son|ses)\s+(?:dispositif|syst[èe]me|cam[ée]ras)",
            re.IGNORECASE,
        ),
    ),
    ("motion_against", re.compile(r"\b(?:v[œo]e?u|motion)\b", re.IGNORECASE)),
    # An experiment made permanent is a deployment.
    ("deployment", re.compile(r"\bp[ée]rennis", re.IGNORECASE)),
    (
        "experiment",
        re.compile(
            # (Not a decree's title: "décret … relatif aux conditions de l'expérimentation de
            # l'usage de caméras individuelles", the law a device now in use is "conforme" to.)
            # (Nor a trial elsewhere or long ago: "D'autres communes l'ont déjà expérimenté",
            # "Expérimenté en France depuis 2007", "a été expérimenté par … la gendarmerie dès 2012".)
            r"(?<!terrain\sd['’])(?<!conditions\sde\sl['’])(?<!relatif\s[àa]\sl['’])(?<!d[ée]j[àa]\s)exp[ée]riment"
            r"(?![ée]e?s?\s+en\s+France|[ée]e?s?\b[^.]{0,80}?\b(?:depuis|d[èe]s)\s+(?:19|20)\d\d)|\btest(?:er|e|ent|[ée]e?s?|era|eront)\b|\bessayer\b(?!\s+de\b|\s+d['’])|\b[àa]\s+l['’]essai\b",
            re.IGNORECASE,
        ),
    ),
    (
        "grant_award",
        re.compile(
            r"attribution\s+d['’]une\s+subvention|subvention\s+(?:attribu|accord)|fonds\s+de\s+concours"
            r"|\ba\s+attribu[ée]\s+\d[\d  .,]*\s?(?:euros|€)"
            # A département's or région's scheme that funds the communes' devices ("il apporte une
            # aide aux communes").
            r"|(?:propos|accord|vers|apport)\w*\s+(?:des\s+|une\s+)?aides?\s+(?:financi[èe]res?\s+)?aux\s+(?:communes|collectivit)"
            r"|modalit[ée]s\s+de\s+soutien|aider\s+les\s+(?:collectivit|communes|villages)"
            r"|soutien[ts]?\s+(?:financi\w+\s+)?(?:les|aux)\s+(?:collectivit|communes)|plafond\s+de\s+(?:la\s+)?subvention"
            # "propose aux communes … un soutien financier", "apporter une subvention aux projets … portés
            # par les communes", "bénéficieront d'une enveloppe de l'Etat".
            r"|propos\w*(?:[^.]|\.(?=\d)){0,60}?soutien\s+financier|subvention\s+aux\s+projets|b[ée]n[ée]ficie\w*\s+d['’]une\s+enveloppe"
            # "cette aide financière octroyé à la commune de Dardilly", "a permis de débloquer des fonds
            # de l'Etat" (not "a débloqué de nouveaux fonds pour la sécurisation des sites", a plan).
            r"|(?:aides?|subventions?|financements?)\s+(?:financi\w+\s+)?(?:octroy|accord|attribu|vers)\w*\s+"
            r"(?:[àa]\s+la\s+(?:commune|ville)|aux\s+communes)"
            r"|d[ée]bloqu\w*\s+(?:des|les|une|un)\s+(?:fonds|subventions?|cr[ée]dits|enveloppes?|aides?)\b"
            # "La municipalité a bénéficié d'une subvention d'Etat" (not "a déjà bénéficié": before).
            r"|(?<!d[ée]j[àa]\s)\b(?:a|ont)\s+b[ée]n[ée]fici[ée]\s+d['’]une\s+(?:subvention|aide)\b"
            # "la Région a décidé d'accompagner financièrement les communes", "en les aidant à financer
            # l'acquisition … de caméras".
            r"|accompagner\s+financi[èe]rement\s+(?:les\s+)?(?:communes|collectivit)|\baid(?:er|ant)\s+[àa]\s+financer\b"
            r"|\baides?\s+(?:d[ée]partementales?|r[ée]gionales?)\b|programmation\s+(?:\w+\s+){0,3}?(?:DETR|DSIL)\b"
            # "L'Etat via le Fonds Interministériel de Prévention de la Délinquance financera à hauteur
            # d'un demi-million d'euros l'installation de caméras".
            r"|(?:\bFIPD|\bDETR|\bDSIL|fonds\s+interminist\w+|\bl['’]\s?[ÉE]tat|la\s+r[ée]gion|le\s+d[ée]partement)"
            r"[^.]{0,80}?\b(?:financ(?:era|eront|e|ent)\s+(?:[àa]\s+hauteur|l['’]\s?(?:installation|achat|acquisition))"
            r"|soutien[ts]?\s+l['’]\s?(?:installation|achat|acquisition))"
            # "la province Sud a attribué à la commune de Dumbéa", "sont soutenues pour l'équipement de
            # leurs forces", "l'État s'engage à accompagner toutes les communes", "une délibération visant
            # à financer le déploiement", "diverses subventions à l'installation de caméras".
            r"|\ba\s+attribu[ée]\s+(?:[àa]\s+la\s+commune|aux\s+communes)|\bsont\s+soutenue?s\s+pour\b"
            r"|s['’]\s?engage\s+[àa]\s+accompagner\s+(?:toutes\s+)?les\s+communes|\bvisant\s+[àa]\s+financer\b"
            r"|(?<!demande\sde\s)\bsubventions?\s+[àa]\s+l['’]\s?installation",
            re.IGNORECASE,
        ),
    ),
    (
        "grant_request",
        re.compile(
            r"demande\s+(?:de|d['’]une)\s+subvention|sollicit\w*\s+(?:une\s+|la\s+|l['’]\s*)?(?:\w+\s+){0,3}?(?:aide|subvention)"
            r"|\bFIPD\b|\bDETR\b|\bDSIL\b|fonds\s+interminist[ée]riel"
            # "l'argent que nous demandons à l'Etat", "les 500 000 demandés … au Ministre de l'Intérieur".
            r"|\bdemand(?:e|ons|ent|[ée]e?s?)\s+(?:[^.;]{0,40}?\s)?(?:[àa]\s+l['’]\s?[ÉEé]tat|au\s+[Mm]inist[èe]re?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "procurement_award",
        re.compile(
            r"attribution\s+d(?:u|es)\s+march[ée]s?|march[ée]s?\s+(?:public\s+|unique\s+)?(?:a\s+[ée]t[ée]\s+|est\s+)?(?:attribu|pass[ée])"
            r"|attribution\s+de\s+l['’]\s?accord[\s-]cadre|accord[\s-]cadre[^.]{0,80}?(?:attribu|conclu|sign|pass[ée]\s+avec|notifi)"
            r"|avis\s+d['’]attribution|attributaire|titulaire\s+du\s+march[ée]"
            r"|march[ée][^.]{0,80}?(?:sign[ée]|conclu)\s+avec"
            # "La Ville a signé pour l'installation d'un dispositif", "a signé un contrat avec".
            r"|\ba\s+sign[ée]\s+(?:pour\s+l['’]\s?(?:installation|achat|acquisition)|un\s+contrat\b)"
            r"|(?:achat|acquisition)[^.]{0,120}\bsoci[ée]t[ée]\s+[A-ZÀ-Ý]"
            # "a décidé de faire appel à Bouygues Energies & Services et Axione pour l'installation".
            r"|(?:fait|faire)\s+appel\s+[àa]\s+(?:la\s+soci[ée]t[ée]\s+|l['’]\s?entreprise\s+)?(?-i:[A-ZÀ-Ý][\w&-]+)",
            re.IGNORECASE,
        ),
    ),
    # "elles ont été réparées ou remplacées": upkeep.
    (
        "maintenance",
        # (Not an interview: "Entretien avec Nathalie Morgant, maire".)
        re.compile(
            r"\bmaintenance\b|\bentretien\b(?!\s+avec\b)|\br[ée]par(?:[ée]e?s|ation)\b", re.IGNORECASE
        ),
    ),
    (
        "convention",
        # Not the European Convention on Human Rights, which acts cite among their grounds.
        # "un accord entre l'État et la mairie autorise les policiers à consulter ces images".
        re.compile(
            # (Not one signed years ago that a text recalls: "la convention de coopération
            # gendarmerie-police municipale signée le 10 mai 2006".)
            r"\bconvention\b(?!\s+europ[ée]enne)(?![^.;]{0,80}?\bsign[ée]e\s+le\s+\d)"
            r"|mise\s+[àa]\s+disposition|\baccord\s+entre\b"
            # The State's and a town's "contrat de sécurité intégrée" (since 2021); a protocol
            # signed ("signeront un protocole ce samedi 1er octobre 2016").
            r"|\bcontrats?\s+de\s+s[ée]curit[ée]\s+int[ée]gr[ée]e|\bsign\w*\s+(?:un|le|ce)\s+protocole\b"
            # A commune joining an intercommunal supervision centre: "l'adhésion de la commune au
            # Centre de Supervision Urbain (CSU) de Nantes Métropole".
            r"|\badh[ée]sion\s+(?:de\s+la\s+(?:commune|ville)\s+)?au\s+(?:centre\s+de\s+supervision|CSU)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "renewal",
        re.compile(
            r"renouv[eèé]l+ement|renouvel(?:le|lent|er)\s+(?:son|le|leur|ses|les)\s+(?:parc|syst[èe]me|dispositif|contrat|march[ée])",
            re.IGNORECASE,
        ),
    ),
    # A study of feasibility decides nothing about a device yet.
    ("debate_only", re.compile(r"[ée]tude\s+(?:de\s+faisabilit[ée]|visant|pr[ée]alable)", re.IGNORECASE)),
    (
        "extension",
        re.compile(
            r"\bextension\b|nouvel(?:le)?s?\s+cam[ée]ras?|d[ée]ploiement\s+compl[ée]mentaire"
            # "de nouveaux espaces publics sont désormais concernés", "Aux 1 000 déjà actives sur Nice,
            # 50 nouvelles seront installées".
            r"|\bnouveaux\s+(?:espaces|secteurs|quartiers|sites|lieux)\b|\baux\s+\d[\d\s]*(?:cam[ée]ras\s+)?d[ée]j[àa]\b"
            r"|cam[ée]ras\s+(?:de\s+[\w-]+\s+)?suppl[ée]mentaires?|davantage\s+de\s+cam[ée]ras"
            # "33 caméras de surveillance de plus", "Gap va passer de 87 à 120 caméras".
            r"|cam[ée]ras\s+(?:de\s+[\w-]+\s+)?de\s+plus\b|\bpasser\s+de\s+\d+\s+[àa]\s+\d+\s+cam[ée]ras"
            # "La vidéo-verbalisation … vient d'être étendue à toute la ville".
            r"|\b[ée]tendue?s?\s+[àa]\s+(?:toute|tout\s+le|l['’]ensemble)"
            # "la troisième tranche de vidéoprotection", "augmenter son parc de caméras".
            # "étendre le parc de caméras", "étend son réseau".
            r"|\b[ée]tend(?:re|u|ue|us|ues|ra)?\s+(?:le|la|les|son|sa|ses|leur)\s+(?:parc|r[ée]seau|syst[èe]me|dispositif|vid[ée]o)"
            r"|(?:deuxi[èe]me|troisi[èe]me|quatri[èe]me|cinqui[èe]me|nouvelle|(?<!\d)\d{1,2}e)\s+tranche\b"
            r"|\b(?:seconde|deuxi[èe]me|troisi[èe]me)\s+phase\s+du\s+(?:dispositif|syst[èe]me|r[ée]seau|programme)"
            r"|augment\w*\s+(?:de\s+[^.]{0,30}?)?(?:le\s+nombre\s+de|son\s+parc\s+de|le\s+parc\s+de)\s+cam[ée]ras"
            # "a décidé de compléter son réseau … par l'achat de cinq caméras", "Huit caméras venant
            # compléter les trois autres".
            r"|compl[ée]t\w*\s+(?:le|les|son|ses|notre|leur)\s+(?:[\w-]+\s+){0,2}?(?:r[ée]seau|dispositif|parc|syst[èe]me|cam[ée]ras|autres\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "deployment",
        re.compile(
            r"\binstallation\b|mise\s+en\s+place|acquisition|d[ée]ploiement|\bachat\b|implantation"
            r"|\binstall(?:er|[ée]e?s?)\b|\bdispos[ée]es?\b|inaugur|(?<!se\s)\bd[ée]ploy(?:er|[ée]e?s?)\b"
            # "La police municipale se dote de caméras piétons", "la Ville s'est équipée de".
            r"|\bse\s+dot(?:e|ent|er)\s+d|s['’]\s?(?:est\s+)?[ée]quip|\bmise?s?\s+en\s+service"
            r"|\b(?:est|sont)\s+(?:d[ée]sormais\s+)?[ée]quip[ée]e?s?\s+(?:de|d['’])"
            # "la police municipale … est dotée d'un nouvel équipement", "Chaque agent … est muni d'une
            # caméra portative", "une voiture électrique équipée de 4 caméras".
            r"|\b(?:est|sont)\s+(?:d[ée]sormais\s+)?dot[ée]e?s?\s+d|\bmunie?s?\s+d['’]\s?une?\s+cam[ée]ra"
            r"|[ée]quip[ée]e?s?\s+(?:de|d['’])\s?(?:\d+|une?|deux|trois|quatre|cinq|six|huit|dix)\s+cam[ée]ras?"
            # "17 caméras ont été placées sur 12 sites", "doter la commune de Bora Bora d'un système".
            r"|\b(?:ont\s+[ée]t[ée]|sont|seront|a\s+[ée]t[ée]|est|sera)\s+plac[ée]e?s?\s+(?:sur|dans|[àa]|aux?|en)\b"
            r"|\bdot(?:er|[ée]e?s?)\s+[^.;]{0,40}?\bd['’]\s?(?:un|une)\s+(?:syst[èe]me|dispositif|r[ée]seau)",
            re.IGNORECASE,
        ),
    ),
]
COUNCIL_RULES_BY_KIND = dict(COUNCIL_RULES)

# Words that say what a renewal or an upkeep is of: a device, or the contract for one. Without
# one in its line, "le renouvellement du label" or an "Entretien avec" the vice-president (an
# interview) is not about the cameras.
_GENERIC = frozenset({"renewal", "maintenance", "experiment"})
DEVICE_OR_CONTRACT = re.compile(
    r"\b(?:cam[ée]ra|vid[ée]o|syst[èe]me|dispositif|[ée]quipement|mat[ée]riel|logiciel|drone|LAPI|capteur"
    r"|contrat|march[ée]|convention|protocole|autorisation|r[ée]seau)",
    re.IGNORECASE,
)

# A council's deliberation, by its own forms (a prefect's arrêté "ARRÊTE"; a council "DÉLIBÈRE").
DELIBERATED = re.compile(r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r|\bD[ÉE]LIB[ÈE]RE\b")


# What else a trial is of, in its sentence: a trap, a microphone, an algorithm, a face's
# comparison ("une expérimentation de « comparaison faciale »", "teste une solution basée sur l'IA").
_TRIED = re.compile(
    r"pi[èe]ges?|micros?\b|verbalisation|\bIA\b|intelligence\s+artificielle|facial|algorithm|solution|capteur",
    re.IGNORECASE,
)


# Funds a cost "pourrait être pris en charge par", "pourrait bénéficier de": a hope, not a
# request or an award.
_FUNDING = frozenset({"grant_request", "grant_award"})
_MAYBE = re.compile(r"\bpourr(?:ait|aient)\b[^.;]*$", re.IGNORECASE)


# Upkeep counted among a device's costs ("se rajoutent aux coûts d'investissement le coût
# d'entretien, maintenance et de personnel") is no contract for it.
_A_COST = re.compile(r"\bco[ûu]ts?\b[^.;]{0,30}$", re.IGNORECASE)


# What a contract is for, when it is not a surveillance device: "contrat d'acquisition et de
# maintenance pour l'utilisation de l'application mobile IntraMuros".
# The first mark that ends the sentence a kind's words are in.
_ENDS = re.compile(r"[?!.](?!\d)")
_ANOTHER_OBJECT = re.compile(r"\bapplication\s+mobile\b", re.IGNORECASE)


def in_a_question(text: str, match: re.Match[str]) -> bool:
    """Whether a kind's words are in a question ("êtes-vous pour la mise en place de la
    vidéoprotection sur la commune ?"), which decides nothing."""
    ends = _ENDS.search(text, match.end(), sentence_in_line(text, match.start(), match.end())[1] + 2)
    return ends is not None and ends[0] == "?"


def about_a_device(kind: str, matches: Iterator[re.Match[str]], text: str) -> re.Match[str] | None:
    """The first match of a kind's words; for a renewal or an upkeep, the first whose line (or
    sentence) names what is renewed or kept up, and an upkeep not named as a cost."""
    for match in matches:
        if kind in _FUNDING and _MAYBE.search(text, max(0, match.start() - 60), match.start()):
            continue
        if in_a_question(text, match):
            continue
        if kind == "maintenance" and _A_COST.search(text, max(0, match.start() - 40), match.start()):
            continue
        if kind not in _GENERIC:
            return match
        start, end = sentence_in_line(text, match.start(), match.end())
        # A trial's device may be named in the sentence before or after ("Des micros installés
        # sur du mobilier urbain analyseront les bruits" after "… une expérimentation inédite").
        around = (max(0, start - 150), end + 150) if kind == "experiment" else (start, end)
        named = DEVICE_OR_CONTRACT.search(text, *around) or (
            kind == "experiment" and _TRIED.search(text, *around)
        )
        if named and not _ANOTHER_OBJECT.search(text, start, end):
            return match
    return None
