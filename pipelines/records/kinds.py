"""What kind of decision an act is, from its heading and its decision: a documented list.

| kind | what the act does |
|---|---|
| `prefectoral_authorisation` | a prefect authorises a video-protection system (CSI L.252-1), or a municipal police's body cameras (L.241-2); `scope` says `new`, `renewal` or `modification` |
| `drone_authorisation` | a prefect authorises image capture from aircraft (CSI L.242-5) |
| `experiment` | an experiment of algorithmic processing (loi 2023-380, art. 10) |
| `grant_request` / `grant_award` | a request for, or the award of, a subsidy (FIPD, DETR, DSIL, région, département) |
| `procurement_award` | a public contract awarded (attribution d'un marché) |
| `maintenance` | a maintenance contract |
| `convention` | a convention (with the State's police or gendarmerie, an EPCI, a partner) |
| `renewal` | a council renews its own system or contract |
| `extension` | more cameras or sites added to an existing system |
| `deployment` | installing a system (mise en place, installation, acquisition) |
| `motion_against` | a vœu or motion against a technology |
| `moratorium_ban` | a moratorium or ban |
| `debate_only` | a question, a debate, information: nothing decided |

The first rule that matches wins, in the order of the table: a prefect's arrêté is read by its
heading (``prefect_words``); a report of a decision (a press article, a town's news) by what its title or the
first sentence of its lead tells (``clauses``); a council's act by the most specific words of its
title, then of its decision (``council_words``). A
renewal or an upkeep must name what it is of in its line ("le renouvellement du label" is not
the cameras'); a device only wished for in its sentence ("souhaite expérimenter", "il est
envisagé d'installer", "le Rassemblement national demande la mise en place") and a body or a
vote that oversees or consults (``_undecided``) make a debate. A report's installation on a page
that tells of the town's system already there ("la commune compte aujourd'hui 33 caméras", "a
mis en place en 2012 un système") is an extension of it; one that tells the prefect authorised
the cameras, a funder pays for them or they replace a system, the prefect's act, a grant or a
renewal (``report_kinds``).
"""

from __future__ import annotations

import re

from archive.records import PREFECTORAL_KINDS
from pipelines.records import learnt_kind, report_kinds
from pipelines.records.clauses import reported_kind
from pipelines.records.council_words import COUNCIL_RULES, DELIBERATED, about_a_device, in_a_question
from pipelines.records.courts import court_that_stops
from pipelines.records.prefect_words import (
    ACT_FORM,
    AIRCRAFT,
    AUTHORISED_BY_ARRETE,
    PREFECT,
    PREFECT_RULES,
    PREFECTORAL_HEADING,
    RECUEIL,
    REPORTED_ARRETE,
    SCOPES,
)
from pipelines.records.purpose import coordination_only, other_purpose
from pipelines.records.spans import (
    Found,
    decision_part,
    listed_entry,
    sentence_in_line,
    summary_entry,
)

_EXPERIMENT = re.compile(
    r"loi\s+n°\s*2023-380|traitement\s+algorithmique\s+(?:des|sur\s+des|d['’])\s*images", re.IGNORECASE
)
# The law named by its date or without its "n°" ("l'article 10 de la loi du 19 mai 2023 prévoit que
# l'emploi du traitement algorithmique est autorisé par le préfet"): an experiment only with its
# algorithms or its trial named beside it (the same law lets transport agents view images and
# stadiums scan bodies).
_EXPERIMENT_LAW = re.compile(r"loi\s+2023-380|loi\s+du\s+19\s+mai\s+2023", re.IGNORECASE)
_ITS_TRIAL = re.compile(r"algorithm|\bVSA\b|exp[ée]riment|article\s+10\b", re.IGNORECASE)
_A_WISH = re.compile(r"\bv[œo]e?ux?\b|\bmotion\b", re.IGNORECASE)
# A vœu or a motion is against a technology only when it says so; one that asks for more
# cameras or plate readers is a debate.
_AGAINST = re.compile(
    r"oppos|refus|interdi|abandon|renonc|moratoire|\bhors\b|\bnon\s+[àa]\b|suspen|retrait|\bstop\b"
    r"|atteintes?\s+(?:aux|à\s+la)\s+(?:libert|vie\s+priv)|d[ée]rives?\b"
    r"|\bcontre\s+(?:la|le|les|l['’]|toute?s?)\s+(?:\w+\s+){0,3}?(?:vid[ée]o|reconnaissance|surveillance|cam[ée]ra|drone|VSA|algorithm|LAPI)",
    re.IGNORECASE,
)


# Nothing decided about a device yet: a body or a charter that oversees one (an ethics
# committee, college or charter), residents consulted or called to vote on it, a project still to
# be decided ("si elle est actée"). Read in the title and the opening, where a page says so.
_OVERSIGHT_OR_CONSULTATION = re.compile(
    r"(?:comit[ée]|coll[èe]ge|charte)\s+(?:d['’]\s?|de\s+l['’]\s?)?[ée]thique"
    r"|charte\s+(?:de\s+)?d[ée]ontologi"
    r"|consult\w*[\s»”\"]+(?:les\s+|la\s+|ses\s+)?(?:habitant|population|riverain|citoyen)"
    r"|appel[ée]s\s+[àa]\s+(?:aller\s+)?voter|\br[ée]f[ée]rendum\b|\bvotation\b|\bvote\s+citoyen"
    r"|\bsi\s+(?:elle|il)\s+est\s+act[ée]|\b(?:le\s+sujet|la\s+question)\s+a\s+[ée]t[ée]\s+(?:abord|[ée]voqu)"
    # A report presented to the council for its information ("dans un rapport d'information"), a
    # budget's orientation debate ("Le Débat d'orientation budgétaire … a été l'occasion … de faire
    # le point"), a councillor's written or oral question.
    r"|\brapport\s+d['’]information\b|\bd[ée]bat\s+d['’]\s?orientations?\s+budg[ée]taires?\b"
    r"|\bquestions?\s+(?:[ée]crites?|orales?)\b"
    # A member's question to the mayor: the Conseil de Paris's "QE 2017-09 Question de Mme … à Mme
    # la Maire de Paris relative à la mise en service des 165 nouvelles caméras".
    r"|\bquestion\s+(?:de|d['’])\s*(?:M\.|MM\.|Mmes?\b|Monsieur|Madame)",
    re.IGNORECASE,
)
# "Projet de vidéoprotection" as a heading, and nothing decided in the text.
_PROJECT = re.compile(r"\bprojet\s+de\s+vid[ée]o", re.IGNORECASE)
_DECIDED = re.compile(
    r"\b(?:approuv|d[ée]cid|autoris|adopt|valid|attribu|sollicit)\w*|\bvot[ée]e?s?\b|[àa]\s+l['’]\s?unanimit",
    re.IGNORECASE,
)
_REJECTED = re.compile(
    r"\b(?:repouss|rejet)[ée]e?s?\b[^.;]{0,60}?\bvote\s+contre|\bconseil\s+municipal\s+a\s+(?:rejet|refus)[ée]",
    re.IGNORECASE,
)
# What such a page may otherwise be read as, from its words about the device.
_OVERRIDDEN = frozenset({"deployment", "extension", "convention", "renewal", "maintenance", "experiment"})


def _undecided(text: str, named: str) -> Found | None:
    """A page or act about a device on which nothing is decided: its span, or None."""
    # Not in the vœux tabled with a deliberation ("Vœu déposé … relatif au comité d'éthique").
    own = _TABLED_WITH.split(named, maxsplit=1)[0]
    tabled = _TABLED_WITH.search(text, 0, 400)
    opening = text[: tabled.start() if tabled else 400]
    found = _OVERSIGHT_OR_CONSULTATION.search(own) or _OVERSIGHT_OR_CONSULTATION.search(opening)
    if found is not None:
        where = text.find(found[0])
        return Found("debate_only", max(where, 0), max(where, 0) + len(found[0]))
    # A project the council voted down ("le projet d'installation de caméras avait été repoussé
    # suite à un vote contre du conseil municipal") decided nothing to install.
    rejected = _REJECTED.search(text, 0, 600)
    if rejected is not None:
        return Found("debate_only", rejected.start(), rejected.end())
    # A project named in passing ("était abordé un projet de vidéo protection") is the act's
    # object; one that heads the page, with nothing decided, is not yet a decision.
    project = _PROJECT.search(own.strip().split("\n", 1)[0])
    if project is not None and _DECIDED.search(text) is None:
        where = text.find(project[0])
        return Found("debate_only", max(where, 0), max(where, 0) + len(project[0]))
    return None


# "L'autorisation préfectorale couvre deux périmètres": a report of one.
_REPEALS = re.compile(r"\babrog", re.IGNORECASE)
# "portant modification et renouvellement de l'autorisation": two scopes in one act.
_BOTH = re.compile(
    r"modification\s+et\s+(?:de\s+)?renouvellement|renouvellement\s+et\s+(?:de\s+)?modification",
    re.IGNORECASE,
)
_AUTHORISES = re.compile(r"autoris|implantation|installation", re.IGNORECASE)
_PREFECTORAL_AUTHORISATION = re.compile(r"autorisation\s+pr[ée]fectorale", re.IGNORECASE)
_NOT_GRANTED = re.compile(
    r"refus|demande|absence|\bsans\b|attente|\bpas\b|ill[ée]gal|annul|suspen", re.IGNORECASE
)
_AIRCRAFT_AUTHORISATION_TITLE = re.compile(
    r"\s*[^\n]{0,80}?(?P<what>autorisation[^\n]{0,40}?cam[ée]ras?[^\n]{0,40}?(?:drones?|a[ée]ronefs?))",
    re.IGNORECASE,
)


def _cited(text: str, at: int) -> bool:
    """Whether ``at`` is in a recital ("Vu la loi n° 2023-380 …"): a law an act cites is not what
    it does (a prefect's video-protection arrêté cites the Olympic Games law among its grounds)."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return re.match(r"\s*vu\b", line, re.IGNORECASE) is not None


def _uncited(pattern: re.Pattern[str], text: str, within: int) -> re.Match[str] | None:
    """The first match of ``pattern`` in the first ``within`` characters that no recital cites."""
    return next(
        (found for found in pattern.finditer(text, 0, within) if not _cited(text, found.start())), None
    )


_TABLED_WITH = re.compile(r"\.\s+(?=V[œo]e?ux?\s+d[ée]pos[ée])", re.IGNORECASE)


def decision_kind(text: str, title: str | None = None) -> tuple[Found | None, Found | None]:
    """(kind, scope) with the span they were read from; scope only for prefectoral authorisations.
    A prefect's act is read by the rules alone; a council's act or a report by the rules, and by
    the learnt model (``learnt_kind``) where no rule reads a kind, never as a prefect's kind."""
    head = text[:600]
    # A court that struck a device down, as a report's lead tells it: a ban, even of a prefect's.
    if title is None and not PREFECTORAL_HEADING.search(head) and (court := court_that_stops(text)):
        return Found("moratorium_ban", court.start, court.end), None
    prefects = _prefects_kind(text, head)
    if prefects is not None:
        return prefects
    if title is None and (watching_no_one := other_purpose(text)) is not None:
        return watching_no_one, None
    kind = _councils_kind(text, title, head)
    if title is None:  # a report: what it tells past its lead (``report_kinds``), of the rules' kind
        kind = report_kinds.refined(kind, text)
    kind = _or_learnt(kind, text)
    return coordination_only(title or text, kind) or kind, None


# What only the rules read: a prefect's forms and the 2023 law (an authorisation has its scope,
# which the model does not read).
_RULES_ONLY = frozenset({*PREFECTORAL_KINDS, "experiment"})
# The kind of a text that decides nothing: read_record gives it, records_for drops the record.
NO_DECISION = "none"


def _or_learnt(ruled: Found, text: str) -> Found:
    """The rules' kind where a rule read one; where none did (the rules' "debate_only" is then a
    default, with no evidence), the learnt model's, sure or not, and its "none" is a text that
    decides nothing (kind "none": no record). A vœu the model reads is still a debate unless it
    says something against a technology."""
    if ruled.end > ruled.start:
        return ruled
    learnt = learnt_kind.learnt_kind(text)
    if learnt is None or learnt.kind == ruled.value or learnt.probability < learnt_kind.SURE_WITHOUT_RULE:
        return ruled
    if learnt.kind == NO_DECISION:
        return Found(NO_DECISION, 0, 0)
    if learnt.kind in _RULES_ONLY:
        return ruled
    start, end = learnt_kind.evidence(text, learnt.kind)
    if learnt.kind == "motion_against" and _AGAINST.search(text) is None:
        return Found("debate_only", start, end)
    return Found(learnt.kind, start, end)


def _prefects_kind(text: str, head: str) -> tuple[Found, Found | None] | None:
    """A prefect's act (or a report of one) and the 2023 law's experiments: (kind, scope)."""
    experiment = _uncited(_EXPERIMENT, text, 3000) or next(
        (
            law
            for law in _EXPERIMENT_LAW.finditer(text, 0, 3000)
            if not _cited(text, law.start())
            and _ITS_TRIAL.search(text, max(0, law.start() - 200), law.end() + 200)
            and not _A_WISH.search(head)  # a vœu against the trials names their law too
        ),
        None,
    )
    if experiment is not None:  # the 2023 Olympic Games law: algorithmic processing, on trial
        return Found("experiment", experiment.start(), experiment.end()), None
    # (A deliberation that names the prefect, "solliciter de Monsieur le Préfet l'autorisation", is
    # the council's.)
    council = DELIBERATED.search(text, 0, 3000) is not None
    prefects = (
        PREFECTORAL_HEADING.search(head)
        or RECUEIL.search(head)
        or (None if council else PREFECT.search(head) or _uncited(REPORTED_ARRETE, text, 1500))
    )
    # A press report of a prefect's drone authorisation names the prefecture further down.
    reported = prefects is None and (
        PREFECT.search(text, 0, 1500) is not None or AUTHORISED_BY_ARRETE.search(text, 0, 1500) is not None
    )
    # A page titled with an authorisation of cameras on aircraft, which only a prefect grants: a
    # prefecture's news "Violences urbaines : autorisation d'utilisation de caméras installées sur
    # des drones - GGD57".
    titled = _AIRCRAFT_AUTHORISATION_TITLE.match(text)
    if titled is not None and _NOT_GRANTED.search(titled[0]):
        titled = None  # "Refus d'autorisation …", "Demande d'autorisation …": none granted
    if prefects is None and titled is not None:
        return Found("drone_authorisation", titled.start("what"), titled.end("what")), None
    if reported and (ACT_FORM.search(text, 0, 3000) or _PREFECTORAL_AUTHORISATION.search(text, 0, 3000)):
        flights = AIRCRAFT.search(text, 0, 3000)
        if flights is not None:
            return Found("drone_authorisation", flights.start(), flights.end()), None
    # A prefect authorises by an arrêté: a page that explains the procedure is none.
    if prefects and ACT_FORM.search(text, 0, 3000):
        # A recueil's cover (its title, its printer, the prefect's services) may fill the first
        # lines: the act's own heading follows; a recueil read whole has its summary first.
        heading = text[:1000]
        # The first act it names: a recueil's summary may list a video-protection authorisation
        # before a drone flight (a recueil's record is its first surveillance act).
        named = [
            (kind, match)
            for kind, pattern in PREFECT_RULES
            if (match := pattern.search(heading) or pattern.search(text, 0, 3000)) is not None
        ]
        if named:
            kind, match = min(named, key=lambda item: (item[1].start() >= 1000, item[1].start()))
            heading = text[: max(1000, match.end())]
            found = Found(kind, match.start(), match.end())
            if kind != "prefectoral_authorisation":
                return found, None
            # A repeal has no scope; an act that both modifies and renews has no single one.
            title = (max(0, match.start() - 150), match.start() + 60)  # the act's own title
            if _REPEALS.search(heading, *title) or _BOTH.search(heading, *title):
                return found, None
            # In the act's own title or summary entry, not another act's listed before it.
            # (Its entry read in the whole text: one past the heading's 1,000 characters ends after it.)
            entry = summary_entry(text, match.start()) or listed_entry(text, match.start())
            since = entry[0] if entry is not None else 0
            for scope, scope_pattern in SCOPES:
                scoped = scope_pattern.search(heading, since, match.start() + 200)
                if scoped is not None:
                    return found, Found(scope, scoped.start(), scoped.end())
            # A new system only when the act says it authorises one ("portant autorisation d'un
            # système"); a file title ("Vidéoprotection-Fournil de la Gare-Le Mans-raa") says no scope.
            authorised = _AUTHORISES.search(text, max(0, match.start() - 150), match.end() + 300)
            return found, Found("new", authorised.start(), authorised.end()) if authorised else None
    return None


def _councils_kind(text: str, title: str | None, head: str) -> Found:
    """A council's act or a report, by the rules: "debate_only" with an empty span when no rule
    reads anything."""
    if title is None:  # not an item cut from minutes: a report is read by what it tells
        reported = reported_kind(text)
        if reported is not None:
            return _against(_added_to(reported, text), text, head)
    named = title or head
    # A title may join the deliberation and the vœux tabled with it ("Signature d'une convention
    # … . Vœu déposé par …"): the deliberation is what the act decides.
    own = _TABLED_WITH.split(named, maxsplit=1)[0]
    for part in (own, named) if own != named else (named,):
        for kind, pattern in COUNCIL_RULES:
            match = about_a_device(kind, pattern.finditer(part), part)
            if match is not None:
                return _against(_at(kind, match, text, named), text, named)
    start, end = decision_part(text)
    for kind, pattern in COUNCIL_RULES:
        match = about_a_device(kind, pattern.finditer(text, start, end), text)
        if match is not None:
            return _against(Found(kind, match.start(), match.end()), text, named)
    # A kind's words only in a question put to a vote or to the council: a debate, read there.
    asked = next(
        (
            found
            for _, pattern in COUNCIL_RULES
            for found in pattern.finditer(text, start, end)
            if in_a_question(text, found)
        ),
        None,
    )
    return (
        Found("debate_only", asked.start(), asked.end()) if asked is not None else Found("debate_only", 0, 0)
    )


_EXISTING_SYSTEM = re.compile(
    r"\b(?:commune|ville|municipalit[ée])\s+(?:\w+\s+){0,2}?(?:compte|comptait|dispose|disposait|poss[èe]de)\s+"
    r"(?:d[ée]j[àa]\s+|actuellement\s+|aujourd['’]\s?hui\s+)?(?:de\s+|d['’]\s?)?\d+\s+cam[ée]ras"
    r"|\b(?:a|avait)\s+(?:[ée]t[ée]\s+)?(?:mis\s+en\s+place|install[ée]e?s?|d[ée]ploy[ée]e?s?)\s+(?:\w+\s+){0,6}?(?:en|d[èe]s)\s+(?:19|20)\d\d"
    r"|\binstall[ée]e?s?\s+il\s+y\s+a\s+(?:plus\s+de\s+)?(?:\w+\s+)?(?:ans?|ann[ée]es|dizaines?|d[ée]cennies?)\b",
    re.IGNORECASE,
)


_FIRST = re.compile(r"\bpremi[èe]re?s?\b", re.IGNORECASE)


def _added_to(found: Found, text: str) -> Found:
    """A report's installation on a page that tells of a system already there: an extension."""
    if found.value != "deployment":
        return found
    existing = next(
        (
            match
            for match in _EXISTING_SYSTEM.finditer(text, 0, 1500)
            # (Not the town's first cameras: "a installé en 2025 ses toutes premières caméras".)
            if not _FIRST.search(text, *sentence_in_line(text, match.start(), match.end()))
        ),
        None,
    )
    return Found("extension", found.start, found.end) if existing is not None else found


def _against(found: Found, text: str, named: str) -> Found:
    """A vœu that says nothing against a technology is a debate, not a motion against it; so is
    a page about a device on which nothing is decided (``_undecided``)."""
    if found.value == "motion_against" and _AGAINST.search(text) is None:
        return Found("debate_only", found.start, found.end)
    if found.value in _OVERRIDDEN:
        return _undecided(text, named) or _wished(found, text) or found
    # (A moratorium only wished, "Nous souhaitons un moratoire", is a debate; one decided "en
    # attendant un comité d'éthique" or a consultation is still a moratorium.)
    if found.value == "moratorium_ban":
        return _wished(found, text) or found
    return found


# Words that make a device wanted, not decided: "souhaite expérimenter", "dit vouloir agrandir le
# rayon d'action … avec l'installation", "a l'ambition de faire installer", "il est envisagé
# d'installer", "les villages désireux de s'équiper", "ont pris position sur le déploiement", "les
# endroits où il serait bon d'installer des caméras".
_WISH = re.compile(
    r"\bsouhait\w*|\bveu(?:t|lent)\b|\bvouloir\b|\bserai(?:t|ent)\s+(?:bon|utile|n[ée]cessaire|souhaitable)\b|\benvisag\w*|\bambition\b|\bpourrai(?:t|ent)\b|\bsusceptibles?\b"
    r"|\bd[ée]sireu\w*|pris\s+position|appel[ée]s\s+[àa]\s+s['’]\s?exprimer"
    r"|\bdemand(?:e|ent|ons|ait|aient)\s+(?:la\s+mise\s+en\s+place|l['’]\s?installation|le\s+d[ée]ploiement|(?:des|plus\s+de|davantage\s+de)\s+cam[ée]ras)",
    re.IGNORECASE,
)


def _wished(found: Found, text: str) -> Found | None:
    """A kind read in a sentence that only wishes for the device, and decides nothing: a debate."""
    start, end = sentence_in_line(text, found.start, found.end)
    sentence = text[start:end]
    if _WISH.search(sentence) is None or _DECIDED.search(sentence) is not None:
        return None
    return Found("debate_only", found.start, found.end)


def _at(kind: str, match: re.Match[str], text: str, named: str) -> Found:
    """The span of a title's words in the text (the title is usually the text's first line)."""
    where = text.find(match[0])
    if named is not text and where >= 0:
        return Found(kind, where, where + len(match[0]))
    return Found(kind, match.start(), match.end())
