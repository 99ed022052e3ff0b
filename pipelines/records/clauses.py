"""Where a report tells its decision: the first sentence of its title or lead whose main clause
says that someone decided, did or obtained something (a decision taken), as opposed to what was
already there, wished for, or done elsewhere.

A press article or a town's news page tells one decision ("Le conseil municipal a voté l'extension
…", "La police municipale sera équipée de caméras-piétons", "Toulouse demande 7M€ à l'État") and
surrounds it with background ("Installé en 2010 et étendu en 2014 grâce au FIPD, le réseau …"),
other towns ("Alors que Nice vient de lancer …") and wishes ("le maire souhaite …"). Read with the
kinds' rules over the whole page, the background's words win as often as the decision's; read in
the sentence that tells the decision, they do not. Acts (deliberations, arrêtés) are not read
here: their heading and their articles say what they decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipelines.records.council_words import (
    COUNCIL_RULES,
    COUNCIL_RULES_BY_KIND,
    DELIBERATED,
    DEVICE_OR_CONTRACT,
    about_a_device,
)
from pipelines.records.spans import SENTENCE, Found

# What a council's own act has and a report of it has not: its deliberating formula, its register.
_COUNCIL_ACT = re.compile(
    DELIBERATED.pattern + r"|\bD[ÉE]CIDE\b|registres?\s+des\s+d[ée]lib[ée]rations"
    r"|^\s*Article\s+(?:1|1er|premier)\b|rapport\s+au\s+conseil|^\s*s[ée]ance\s+du\b|\bARR[ÊE]TE\b",
    re.MULTILINE,
)
# A report's title that names a ban, a vœu, a grant or a contract says what it reports; one that
# names an installation may name what a grant or a contract is for.
_TITLE_CHARS = 200
_TITLED_KINDS = frozenset(
    {"moratorium_ban", "motion_against", "grant_award", "grant_request", "procurement_award", "convention"}
)
# How far a report's decision is looked for: its title and lead, where news writing puts it.
LEAD_CHARS = 900

# A finite verb that tells a decision taken or an act done, in the tenses news use: the perfect
# ("a voté", "ont été installées"), the present ("vote", "s'équipe", "demande"), the near past
# ("vient d'acquérir") and the future ("va installer", "seront installées", "sera équipée").
_DONE = (
    r"vot|adopt|approuv|valid|d[ée]cid|act[ée]|attribu|retenu|choisi|sign|install|[ée]quip|acqu[ie]"
    r"|investi|lanc|d[ée]ploy|mis\w*\s+en\s+(?:place|service)|obten|obtient|re[çc]u|autoris|interdi"
    r"|renon|refus|suspend|supprim|inaugur|demand|sollicit|command|test|exp[ée]riment|renouvel"
    r"|[ée]tend|dot[ée]|financ|subventionn|accord|achet|remplac|pos[ée]|implant|branch|raccord|propos|r[ée]par"
)
_AUX = r"(?:a|ont|avons|a\s+[ée]t[ée]|ont\s+[ée]t[ée]|est|sont|sera|seront|vient\s+d['’]\s?|viennent\s+d['’]\s?|va|vont)"
# (Written as one string: a list literal is formatted one word to a line.)
_ARTICLES = "la le les un une des du de sa son ses ce cette en au aux".split()  # noqa: SIM905
_NOT_A_NOUN = "".join(rf"(?<!\b{article}\s)" for article in _ARTICLES) + r"(?<!['’])"
_TAKEN = re.compile(
    # "a voté", "ont été installées", "sera équipée", "vient d'acquérir", "va installer",
    # "s'est dotée", "est désormais équipée" (an adverb may sit between).
    rf"\b{_AUX}\s+(?:(?:d[ée]sormais|bien|officiellement|enfin|bient[ôo]t|aussi|d[ée]j[àa]|notamment)\s+)?(?:se\s+|s['’]\s?)?(?:re|r[ée])?(?:{_DONE})\w*"
    rf"|\bs['’]\s?(?:est|sont)\s+(?:\w+\s+)?(?:{_DONE})\w*"
    # The present of a decision: "Toulouse demande 7M€", "la ville s'équipe", "le conseil vote";
    # not the noun ("la demande", "un vote", "le test").
    rf"|{_NOT_A_NOUN}\b(?:se\s+dote|s['’]\s?[ée]quipe|vote|adopte|approuve|valide|d[ée]cide|attribue|signe|sign(?:era|eront)|installe|investit"
    r"|lance|d[ée]ploie|demande|sollicite|obtient|re[çc]oit|autorise|interdit|renonce|refuse|suspend|teste"
    r"|exp[ée]rimente|renouvelle|[ée]tend|acquiert|remplace|finance|subventionne|inaugure|renforce)\b"
    # ("signeront un protocole ce samedi": the future of news.) A convention "signée ce jeudi
    # 25 novembre par le maire et le préfet": signed this week.
    r"|\bsign[ée]e?s?\s+(?:ce|cette|hier|aujourd['’]\s?hui|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b"
    # "Le maire de Villeneuve-le-Roi … équipe sa commune d'un radar antibruit".
    rf"|{_NOT_A_NOUN}\b[ée]quipe(?:nt)?\s+(?:sa|son|ses|leur|leurs)\s"
    # Devices delivered on a day, or entering service: "Livrées lundi, les caméras des agents
    # entreront en service dès ce jeudi", "les caméras piétons … livrées en septembre 2021".
    r"|\bentr(?:e|ent|era|eront)\s+en\s+service\b"
    r"|\blivr[ée]e?s\s+(?:en\s+\w+|le\s+\d|ce\s|cette\s|hier\b|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)",
    re.IGNORECASE,
)
# Words that make a sentence's decision not (yet) taken: a wish, a doubt or a negation …
_WISH_DOUBT_OR_NEGATION = (
    r"\bsouhait(?:e|ent|erai\w*|[ée]e?s?)\b|\benvisag\w*|\bambition\b|\bpourrai(?:t|ent)\b|\bdevrai(?:t|ent)\b|\bsusceptibles?\b"
    r"|\br[ée]fl[ée]chi\w*|\br[ée]flexion\b|\bs['’]\s?interroge\w*|\bn['’]\s?exclu\w*|\bint[ée]ress[ée]e?s?\b"
    r"|\b(?:ne|n['’])\s?\w+\s+pas\b|\bsi\s+(?:elle|il|la|le)\b"
)
# … or a plan under study, a question, a debate.
_NOT_TAKEN = re.compile(
    _WISH_DOUBT_OR_NEGATION
    + r"|\bquestion\b|\binterpell\w*|\bd[ée]bat\w*|\bpas\s+[àa]\s+l['’]\s?ordre\s+du\s+jour"
    r"|\bprojet\s+de\b|\b[ée]tude\b|\bdemande\s+si\b",
    re.IGNORECASE,
)
_VOTED = re.compile(r"vot|adopt|approuv|valid|d[ée]cid", re.IGNORECASE)
# Before a vote's verb, a project, a study, a debate or a question is what was voted ("Le projet
# de vidéosurveillance a été adopté mercredi soir"): only a wish, a doubt or a negation is not.
_NOT_VOTED = re.compile(_WISH_DOUBT_OR_NEGATION, re.IGNORECASE)
# A sentence that says, without a verb of decision, that nothing is decided yet.
_UNDECIDED = re.compile(
    r"\bpas\s+[àa]\s+l['’]\s?ordre\s+du\s+jour|\bn['’]\s?exclu\w*\s+pas|\bs['’]\s?interroge\w*"
    r"|\best\s+int[ée]ress[ée]e?\b",
    re.IGNORECASE,
)
# A town thinking about cameras, or considering them: "la municipalité réfléchit à l'installation de
# caméras", "la commune envisage d'installer des caméras" (not towns in general: "des communes
# manchoises réfléchissent à installer de la vidéoprotection"): undecided only when no later
# sentence of the lead tells a decision ("… Lundi soir, les élus ont voté l'installation").
_CONSIDERED = re.compile(
    r"\br[ée]fl[ée]chit\s+[àa]\s+(?:l['’]\s?installation|installer|la\s+mise\s+en\s+place|l['’]\s?implantation)"
    r"|\benvisage\s+(?:d['’]\s?installer|l['’]\s?installation|de\s+s['’]\s?[ée]quiper)",
    re.IGNORECASE,
)
# What was there before the decision: "Installé en 2010", "depuis 2018", "Pour rappel", "déjà".
_BACKGROUND = re.compile(
    r"\bpour\s+rappel\b|\bdepuis\s+(?:(?:19|20)\d\d|plus\s+de|\d+\s+ans|des\s+ann[ée]es|le\s+d[ée]but)"
    # The pluperfect tells what had been done before: "l'ère Gaudin qui avait déployé 1400 caméras".
    r"|\bavai(?:t|ent)\s+(?:[ée]t[ée]\s+)?\w+[ée]e?s?\b"
    r"|^\s*(?:install|mis|[ée]tendu|cr[ée][ée])\w*\s+en\s+(?:19|20)\d\d|\bd[ée]j[àa]\s+(?:[ée]quip|install|en\s+place|existant)",
    re.IGNORECASE,
)
# A sentence that opens on what happens elsewhere ("Alors que Nice vient de lancer …, ce dispositif
# n'est pas à l'ordre du jour à Lyon") tells its own decision after the comma.
_ELSEWHERE = re.compile(r"^\s*(?:alors\s+que|tandis\s+que|apr[èe]s|comme|si)\b[^,]{0,200},", re.IGNORECASE)
_NOT_TAKEN_AFTER = 40
# A sentence addressed to the reader ("Vous souhaitez mener à bien un projet …") presents a scheme
# or a procedure, and the State's lawmakers act for the country, not for the place a report is
# about ("Le gouvernement n'a pas encore sauté le pas, mais installe … le cadre d'un déploiement"):
# neither tells the decision reported.
_NOT_LOCAL = re.compile(
    r"\bvous\b|^\s*(?:le\s+gouvernement|le\s+ministre|la\s+loi|le\s+parlement|le\s+s[ée]nat"
    r"|l['’]\s?assembl[ée]e\s+nationale|les\s+d[ée]put[ée]s)\b",
    re.IGNORECASE,
)
# What a decision is for is not what it decides: "demande au gouvernement la modification de la loi,
# afin de pouvoir lancer l'expérimentation", "une demande d'autorisation qui permettra de solliciter".
_PURPOSE = re.compile(r"\b(?:afin\s+d|en\s+vue\s+d|pour\s+pouvoir|permett\w*\s+d)", re.IGNORECASE)


_BUT = re.compile(r"\bmais\b", re.IGNORECASE)
_WISHED = re.compile(r"\bsouhait|\bveu(?:t|lent)\b|\benvisag|\bambition", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Told:
    """A sentence of a report's lead that tells a decision: ``taken`` when its main clause says
    it was taken (or will be, in the future of news), else wished for, asked or debated."""

    start: int
    end: int  # the sentence's end, or where it turns to the decision's purpose
    taken: bool


def reported_decision(text: str) -> Told | None:
    """The first sentence of a report's title and lead that tells a decision, or None."""
    considered: Told | None = None
    for start, end in _sentences(text, LEAD_CHARS):
        sentence = text[start:end]
        elsewhere = _ELSEWHERE.match(sentence)
        if elsewhere is not None:
            start, sentence = start + elsewhere.end(), sentence[elsewhere.end() :]
        if _BACKGROUND.search(sentence) or _NOT_LOCAL.search(sentence):
            continue
        taken = _TAKEN.search(sentence)
        if taken is None:
            undecided = _UNDECIDED.search(sentence)
            if undecided is not None:  # "ce dispositif n'est pas à l'ordre du jour à Lyon"
                return Told(start, end, False)
            if considered is None and _CONSIDERED.search(sentence) is not None:
                considered = Told(start, end, False)
            continue
        # A wish or a question governs the verb it precedes, or its object just after: "souhaite
        # que la ville s'équipe", "ont relancé le débat sur …"; not a purpose further on. After a
        # vote, a debate or a project is what was voted ("a adopté le projet de vidéoprotection",
        # "a voté, après un long débat, l'installation").
        voted = _VOTED.search(taken[0]) is not None
        window = sentence[: taken.start() if voted else taken.end() + _NOT_TAKEN_AFTER]
        # What a clause concedes before "mais" does not govern the verb after it: "La commune « ne
        # subit pas beaucoup de délinquance » mais investit dans 43 caméras".
        conceded = [found.end() for found in _BUT.finditer(sentence, 0, taken.start())]
        # (A wish before "mais" still governs: "Le maire souhaite, mais le budget reste serré, que …".)
        if (
            conceded
            and _NOT_VOTED.search(sentence, 0, conceded[-1]) is not None
            and _WISHED.search(sentence, 0, conceded[-1]) is None
        ):
            window = window[conceded[-1] :]
        purpose = _PURPOSE.search(sentence, taken.end())
        not_taken = (_NOT_VOTED if voted else _NOT_TAKEN).search(window)
        return Told(start, start + (purpose.start() if purpose else len(sentence)), not_taken is None)
    return considered


def _sentences(text: str, within: int) -> Iterator[tuple[int, int]]:
    for found in SENTENCE.finditer(text, 0, min(within, len(text))):
        if len(found[0].strip()) > 12:  # a caption, a date or a menu item is not a sentence
            yield found.start(), found.end()


def council_act(text: str) -> bool:
    """Whether ``text`` is a council's (or a prefect's) own act, by its forms ("DÉLIBÈRE", "Article
    1er", "ARRÊTE"), not a report of one: its kind is read from its own words."""
    return _COUNCIL_ACT.search(text, 0, 3000) is not None


def reported_kind(text: str) -> Found | None:
    """The kind of decision a report tells, with its span: in its title, when the title names a
    ban, a vœu, a grant or a contract; else in the first sentence of its lead that tells a
    decision (``debate_only`` when that decision is not taken). None for a council's own act, and
    for a report whose lead tells no decision a kind's words or its verb say."""
    if council_act(text):
        return None
    titled = _titled_kind(text)
    if titled is not None:
        return titled
    authorised = _AUTHORISED_TO_EQUIP.search(text, 0, LEAD_CHARS) or _PREFECT_PUBLISHED.search(
        text, 0, LEAD_CHARS
    )
    if authorised is not None:
        return Found("prefectoral_authorisation", authorised.start(), authorised.end())
    told = reported_decision(text)
    if told is None:
        return None
    if not told.taken:
        return Found("debate_only", told.start, told.end)
    found = _told_kind(text, told.start, told.end)
    if found is not None and found.value == "deployment":
        # "… l'acquisition de dix caméras mobiles. Elles s'ajouteront aux 450 caméras fixes déjà
        # installées": the next sentence says the devices join a system already there.
        added = _ADDED_TO.search(text, told.end, told.end + 300) or _titled_extension(text)
        if added is not None:
            return Found("extension", added.start(), added.end())
    return found


def _titled_extension(text: str) -> re.Match[str] | None:
    """A title that names an extension ("Extension du réseau de vidéosurveillance", "de nouvelles
    caméras vont être installées") over a lead that tells the cameras installed."""
    title = _title(text)
    if title is None:
        return None
    return about_a_device("extension", COUNCIL_RULES_BY_KIND["extension"].finditer(text, *title), text)


def _title(text: str) -> tuple[int, int] | None:
    """Where a report's title is: its first line, when that is short (a paragraph is no title)."""
    at = len(text) - len(text.lstrip())
    line_end = text.find("\n", at)
    if line_end < 0 or line_end - at > _TITLE_CHARS:
        return None
    return at, line_end


# Devices that join a system already there.
_ADDED_TO = re.compile(
    r"s['’]\s?ajout\w*\s+(?:aux|à)|(?:viendront|venant|vient)\s+compl[ée]ter|compl[ée]ter?\s+(?:le|les)\s+(?:\d+\s+)?(?:r[ée]seau|dispositif|parc|cam[ée]ras)"
    r"|en\s+plus\s+des\s+\d+|port(?:er|era|ant)\s+(?:le\s+(?:nombre|total|parc)|[àa]\s+\d+)",
    re.IGNORECASE,
)


def _titled_kind(text: str) -> Found | None:
    where = _title(text)
    if where is None:
        return None
    at, line_end = where
    title = text[at:line_end]
    for kind, pattern in COUNCIL_RULES:
        if kind not in _TITLED_KINDS:
            continue
        match = about_a_device(kind, pattern.finditer(title), title)
        if match is not None:
            return Found(kind, at + match.start(), at + match.end())
    return None


# Only a prefect authorises cameras on aircraft: "La règlementation autorise les militaires de la
# gendarmerie nationale à déployer des drones".
_DRONES_AUTHORISED = re.compile(r"autoris\w*[^.]{0,80}?\bdrones?\b", re.IGNORECASE)
# … where the State is named: a council that "autorise le maire à signer le marché d'acquisition de
# deux drones" buys them.
_BY_THE_STATE = re.compile(
    r"pr[ée]f|arr[êe]t[ée]|gendarmerie|police\s+nationale|r[èe]glementation|\bloi\b", re.IGNORECASE
)
# A town the prefect "vient d'être autorisée (page 109) à s'équiper de caméras": what a recueil
# published is the prefect's authorisation (by the law, only he gives it).
_AUTHORISED_TO_EQUIP = re.compile(
    r"\b(?:[ée]t[ée]|[êe]tre)\s+autoris[ée]e?s?\s+(?:\([^)]{0,30}\)\s+)?[àa]\s+(?:s['’]\s?[ée]quiper|installer)"
    r"[^.]{0,40}?(?:cam[ée]ras?|vid[ée]o)",
    re.IGNORECASE,
)
# What a page read in a prefecture's recueil: "Selon le recueil d'arrêtés du 30 octobre de la
# préfecture du Finistère, cinq d'entre elles vont être équipées".
_PREFECT_PUBLISHED = re.compile(
    r"\bselon\s+le\s+recueil\s+(?:d['’]\s?arr[êe]t[ée]s|des\s+actes\s+administratifs)[^.]{0,80}?\bpr[ée]fecture\b"
    r"(?![^.]{0,200}?(?:a[ée]ronef|drone|h[ée]licopt))",
    re.IGNORECASE,
)
_TO_SIGN = re.compile(
    r"autoris\w*\s+(?:le|la|M\.|Mme|Monsieur|Madame)\s+(?:maire|pr[ée]sident)", re.IGNORECASE
)
# "les travaux de pose de caméras": a report's word for an installation, read with the kinds'.
_POSE = ("deployment", re.compile(r"\bpose\s+d", re.IGNORECASE))
_SUM = r"\d\s?(?:M?€|millions?|euros)"
# What a sentence's verb tells when no kind's words are in it.
_BY_VERB: list[tuple[str, re.Pattern[str]]] = [
    # "Nous avons retenu le dossier de l'entreprise Cegelec": a contractor chosen.
    (
        "procurement_award",
        re.compile(
            r"\b(?:retenu|choisi|s[ée]lectionn[ée])e?s?\s+[^.]{0,40}?(?:l['’]\s?entreprise|la\s+soci[ée]t[ée]|le\s+prestataire"
            r"|l['’]\s?offre|le\s+groupement|le\s+dossier\s+de)",
            re.IGNORECASE,
        ),
    ),
    # "Toulouse demande 7M€ à l'Etat".
    (
        "grant_request",
        re.compile(
            rf"\b(?:demand|sollicit)\w*\s+[^.]{{0,40}}?(?:{_SUM}|[ée]tat\b|financement)", re.IGNORECASE
        ),
    ),
    # "Nous avons acquis 3 drones", "la ville va installer des caméras".
    (
        "deployment",
        re.compile(
            # "a décidé de mettre en place un dispositif", "de doter les 4 communes de caméras",
            # "Les maires ont adopté ces dispositifs".
            r"\b(?:acqu[ie]s|acquiert|achet|install|[ée]quip|dot[ée]|d[ée]ploy|implant|mis\w*\s+en\s+place"
            r"|mett\w*\s+en\s+place|adopt)\w*"
            r"\s+(?:de\s+|d['’]\s?)?(?:\d+|une?|des|deux|trois|quatre|cinq|six|plusieurs|nouvea\w*|nouvelles?|ses|son|sa|les|le|la"
            r"|ces|ce|cet|cette)?"
            r"\s*(?:[\w'’]+\s+){0,3}?(?:cam[ée]ras?|drones?|dispositifs?|syst[èe]mes?|vid[ée]o|capteurs?|lecteurs?|LAPI|pi[èe]ges?)"
            # The passive, the devices first: "Aux Mureaux, neuf caméras ont été mises en place"; and
            # devices delivered or entering service: "les caméras des agents entreront en service".
            r"|\b(?:cam[ée]ras?|drones?|dispositifs?|syst[èe]mes?|capteurs?|lecteurs?)\s+(?:[\w'’]+\s+){0,3}?"
            r"(?:ont\s+[ée]t[ée]|a\s+[ée]t[ée]|sont|seront|est|sera)\s+(?:mise?s?\s+en\s+place|install[ée]e?s?|d[ée]ploy[ée]e?s?|implant[ée]e?s?)"
            r"|\b(?:cam[ée]ras?|capteurs?|lecteurs?)\s+(?:[\w'’-]+\s+){0,3}?(?:entr(?:e|ent|era|eront)\s+en\s+service|livr[ée]e?s\b)",
            re.IGNORECASE,
        ),
    ),
    # "la commune a obtenu 40 000 euros".
    (
        "grant_award",
        re.compile(
            rf"\b(?:obten|obtient|re[çc]oi|re[çc]u|per[çc]oi|per[çc]u)\w*\s+[^.]{{0,40}}?(?:{_SUM}|subvention|aide|financement)",
            re.IGNORECASE,
        ),
    ),
]


# A study voted or launched as the decision ("a voté … une étude sur l'efficacité et l'installation
# de la vidéoprotection"): not a project still "à l'étude", nor a study a vote then follows ("Suite
# à une étude de la gendarmerie, le conseil a voté l'installation de 12 caméras").
A_STUDY = re.compile(r"(?<![àa]\s)\b(?:une|d['’]\s?une|l['’]\s?)\s*[ée]tude\b", re.IGNORECASE)


def _told_kind(text: str, start: int, end: int) -> Found | None:
    """The kind of the decision a report's sentence tells: the first kind's words in it (the main
    clause's object comes first: "a validé l'attribution du marché pour … l'extension"; a study
    before an installation's words is a debate), else what its verb says."""
    drones = _DRONES_AUTHORISED.search(text, start, end)
    if (
        drones is not None
        and _BY_THE_STATE.search(text, start, end)
        and not _TO_SIGN.search(text, start, end)
    ):
        return Found("drone_authorisation", drones.start(), drones.end())
    first: Found | None = None
    for kind, pattern in [*COUNCIL_RULES, _POSE]:
        match = about_a_device(kind, pattern.finditer(text, start, end), text)
        if match is not None and (first is None or match.start() < first.start):
            first = Found(kind, match.start(), match.end())
    if first is not None and first.value == "deployment":
        study = A_STUDY.search(text, start, first.start)
        if study is not None and _VOTED.search(text, study.end(), first.start) is None:
            return Found("debate_only", study.start(), study.end())
        if DEVICE_OR_CONTRACT.search(text, start, end) is None:
            return None  # "la police municipale se dote d'un nouvel arsenal": of what, the next sentences say
        # "le déploiement de 500 nouvelles caméras": more cameras for a system already there.
        more = COUNCIL_RULES_BY_KIND["extension"].search(text, first.start, end)
        if more is not None:
            return Found("extension", more.start(), more.end())
    if first is not None:
        return first
    for kind, pattern in _BY_VERB:
        match = pattern.search(text, start, end)
        if match is not None:
            return Found(kind, match.start(), match.end())
    return None
