"""A decision's money (its amount, a grant's rate) and its law (the articles it cites)."""

from __future__ import annotations

import re

from archive.taxonomy import french_day
from pipelines.dates import MONTH_NAMES, parse_french_date
from pipelines.records.numbers import amounts, percents
from pipelines.records.spans import ABOUT_SURVEILLANCE, Found

_GRANT_WORDS = re.compile(r"subvention|taux|financ|FIPD|DETR|DSIL|aide|participation", re.IGNORECASE)


# Kinds that decide no spending: a debate, a ban, a vœu, an experiment the State runs, a prefect's
# authorisation (it allows a system, whoever pays for it). The sums they quote are a rejected
# proposal's, a past programme's, a partner's or the installer's.
_NO_AMOUNT_KINDS = frozenset(
    {
        "debate_only",
        "moratorium_ban",
        "motion_against",
        "experiment",
        "prefectoral_authorisation",
        "drone_authorisation",
    }
)
# An upper bound, not the sum decided: "plafond de", "dans la limite de", "limités à", "plus de",
# "jusqu'à", "un montant annuel maximal de".
_BOUND_BEFORE = re.compile(
    r"(?:plafond|dans\s+la\s+limite|limit[ée]e?s?\s+[àa]|plus\s+de|jusqu['’]\s?[àa]|maxim(?:al|um))[^.;\d]{0,30}$",
    re.IGNORECASE,
)
# An approximate sum ("un budget d'environ 425 000 €", "près de 530 000 €", "quelques 412.000
# euros", "5 à 6 millions d'euros"), which the labels leave out (once labelled in 24); an evaluation
# ("le coût … est évalué à 114 000 €", "d'un coût approximatif de 35 000 €"), a cost to come ("qui
# devrait coûter 74.000 euros"), a floor ("d'au moins 10 000 euros"): the labels leave them out too,
# but take a cost "estimé à" as the decision's.
_APPROXIMATE_BEFORE = re.compile(
    r"(?:\benviron|\bpr[èe]s\s+de|\bquelques?|\bautour\s+de|\bde\s+l['’]ordre\s+de|\b[àa]\s+peu\s+pr[èe]s"
    r"|\bpresque|\bapproximati\w*|\b[ée]valu[ée]e?s?|\bdevrai(?:t|ent)\s+co[ûu]ter|\bau\s+moins)[^.;\d]{0,12}$"
    r"|\b\d+(?:[.,]\d+)?\s+[àa]\s+$",
    re.IGNORECASE,
)
# Money already spent ("a dépensé 1.342.645 €", "3 Millions d'euros investis"), or a court's
# award ("la somme de 5 000 euros à titre de dommages-intérêts", "… en application de l'article
# L. 761-1"): not what the act decides.
_SPENT_BEFORE = re.compile(r"(?:d[ée]pens[ée]|bilan\s+chiffr[ée])[^.;\d]{0,30}$", re.IGNORECASE)
_NOT_DECIDED_AFTER = re.compile(
    # (What was done before: "130 000 euros avaient été débloqués à l'époque".)
    r"^[^.;]{0,25}?(?:investis|d[ée]pens[ée]s|[àa]\s+titre\s+de\s+dommages|en\s+application\s+de\s+l['’]article"
    r"|avai(?:t|ent)\s+[ée]t[ée]\s+\w+\s+(?:[àa]\s+l['’]\s?[ée]poque|auparavant|alors))",
    re.IGNORECASE,
)
# Words that name the cost of what is decided: "pour un montant (total) de", "un coût de",
# "un budget de", "une somme de", "s'élève à", "estimé à".
_COST_BEFORE = re.compile(
    r"(?:montant|co[ûu]t|budget|somme|s['’]\s?[ée]l[èe]ve|estim[ée]e?|enveloppe)[^.;\d]{0,30}$", re.IGNORECASE
)


# A sum that is not what something costs the authority: a fine ("une amende de 135 euros", "45 000
# euros d'amende"), a unit's price ("350 euros pièce", "chaque caméra coûte 400 €"), a price from a
# subscription box ("à partir de 1 € le 1er mois"), a bound ("au-delà de 100.000€", "légèrement
# inférieur à 80.000€"), one end of a range ("de 40 000 € à 60 000 €").
_NOT_A_COST_BEFORE = re.compile(
    # (Nor a deficit: "le budget 2025 de l'UL présentait un déficit de 15 millions d'euros".)
    r"(?:\bamendes?\b|\bcontravention|\bd[ée]ficit|chaque\s+[\w-]+\s+co[ûu]te|[àa]\s+partir\s+de|au[\s-]del[àa]\s+de|moins\s+de"
    r"|(?:inf[ée]rieure?|sup[ée]rieure?)\s+[àa])[^.;\d]{0,20}$"
    # A range's first end is a sum, not a year ("Le budget de 2025 - 45 000 € TTC").
    r"|\b(?:de|allant\s+de)\s+(?!(?:19|20)\d\d\b)[\d  .,]+\s*(?:€|euros?)?\s*(?:à|-)\s*$",
    re.IGNORECASE,
)
_NOT_A_COST_AFTER = re.compile(
    r"^\s*(?:HT\s+|TTC\s+)?(?:d['’]\s?amende|pi[èe]ces?\b|l['’]\s?unit[ée]|chacune?\b|le\s+1er\s+mois|/\s?mois"
    # (A yearly cost, "un budget de 500 000 euros par an", is a running cost, not the decision's.)
    r"|par\s+(?:cam[ée]ra|appareil|unit[ée]|mois|habitant|an)\b|/\s?an\b)"
    r"|^\s*(?:à|-)\s*[\d  .,]+\s*(?:€|euros?|millions?)",
    re.IGNORECASE,
)


def _a_cost(text: str, start: int, end: int) -> bool:
    return not (
        _NOT_A_COST_BEFORE.search(text, max(0, start - 60), start)
        or _NOT_A_COST_AFTER.search(text[end : end + 40])
    )


def amount(text: str, kind: str | None = None) -> tuple[Found | None, Found | None]:
    """(the decision's amount in euros, "HT"/"TTC"), or nothing when the text does not state one
    for sure: the largest amount named as a cost ("pour un montant de"), else the largest amount;
    none when that is a bound ("dans la limite de"), nor for kinds that decide no spending.
    Sums spent before and a court's awards are not the decision's."""
    if kind in _NO_AMOUNT_KINDS:
        return None, None
    found = [
        item
        for item in amounts(text)
        if not _SPENT_BEFORE.search(text, max(0, item[2] - 60), item[2])
        and not _NOT_DECIDED_AFTER.search(text[item[3] : item[3] + 60])
        and _a_cost(text, item[2], item[3])
    ]
    if not found:
        return None, None
    largest = max(found, key=lambda item: item[0])
    if _BOUND_BEFORE.search(text, max(0, largest[2] - 60), largest[2]) or _APPROXIMATE_BEFORE.search(
        text, max(0, largest[2] - 40), largest[2]
    ):
        return None, None  # the sum decided is not stated exactly
    costs = [item for item in found if _COST_BEFORE.search(text, max(0, item[2] - 60), item[2])]
    value, basis, start, end = max(costs or found, key=lambda item: item[0])
    if _APPROXIMATE_BEFORE.search(text, max(0, start - 40), start):
        return None, None  # the cost named is approximate ("s'élève à quelque 32 000 euros")
    return Found(value, start, end), Found(basis, start, end) if basis else None


# "de plus de 45 %", "jusqu'à 80 %", "à hauteur maximum de 50 %", "plafonnée à 50 %", "inférieur
# à 50%": a bound, not the rate granted.
_BOUND = re.compile(
    r"(?:plus|moins)\s+de\s+$|au\s+(?:moins|plus)\s+$|jusqu['’]\s?à\s+$"
    r"|(?:maxim(?:um|al|ale)|plafon\w*|inf[ée]rieure?|sup[ée]rieure?)\b[^.\d%]{0,30}$"
    # A range's end ("à hauteur de 20 à 30 %"), a scheme's rate to come ("allait passer à 30%").
    r"|\d\s*%?\s*(?:à|-)\s*$|passer\s+[àa]\s+$"
    # A rate that may be, or an approximate one: "pouvant atteindre 40%", "ne pourra excéder 80%",
    # "Même à supposer un financement à 100 %", "environ 20 %".
    r"|(?:pouvant|pourra|pourrait|peut)\s+(?:atteindre|exc[ée]der|aller)\b[^.\d%]{0,20}$|\bsupposer\b[^.\d%]{0,40}$"
    r"|\benviron\s+$"
    # A range ("subventionné entre 50 et 70%"), a cap ("ces aides ne peuvent dépasser 80 %").
    r"|\bentre\s+\d+(?:[.,]\d+)?\s*%?\s*et\s+$|\bd[ée]passer\b[^.\d%]{0,20}$",
    re.IGNORECASE,
)
# A share of an envelope or a budget ("représente 6 % de l'enveloppe DETR"), not a grant's rate.
_SHARE_AFTER = re.compile(
    r"\s*(?:de\s+l['’]\s?enveloppe|du\s+budget|des\s+cr[ée]dits|de\s+la\s+dotation)"
    # (Nor a range's first end: "entre 50 % et 70 %", "de 20 % à 30 %".)
    r"|\s*(?:et|à|-)\s*\d+(?:[.,]\d+)?\s*%",
    re.IGNORECASE,
)


def funding_rate(text: str, kind: str | None = None) -> Found | None:
    """A grant's rate: a percentage with a funding word close before it, not a bound, nor a rate
    that may be; none for a kind that decides no spending (``_NO_AMOUNT_KINDS``: a debate's
    "subvention à 80%" is an argument, a turnout's "taux de participation de 23%" no grant)."""
    if kind in _NO_AMOUNT_KINDS:
        return None
    for value, start, end in percents(text):
        # (Nor an approximate one: "près de 58% de la facture", "financé presque à 100%".)
        if (
            _BOUND.search(text, max(0, start - 40), start)
            or _APPROXIMATE_BEFORE.search(text, max(0, start - 40), start)
            or _SHARE_AFTER.match(text, end)
        ):
            continue
        if _GRANT_WORDS.search(text, max(0, start - 120), start):
            return Found(value, start, end)
    return None


# (A number wrapped after its hyphen: "R. 242-\n14"; a dot or a comma for a hyphen or a point:
# "L, 242.8", "R: 242-8".)
# ("L.  242-8": two spaces after its dot.)
_ARTICLE_NUMBER = r"[LR]\s?[.:,]?\s?[^\S\n]?\d{3,4}[-.]\n?\d+(?:-\d+)?"
# A number whose hyphen the text layer lost: a range's end "R. 242-8 à R. 24214", or its start
# when its end is written whole: "R.2511 à R.253-4", "L. 2511\naL. 255-1".
_RUN_ON = r"[LR]\s?[.:,]?\s?\d{4,6}"
# What joins a range's ends, a space or an accent lost too: "R. 242-8 àR. 242-14", "R. 242-8 aR.
# 242-14", "R.242-8à R.242-14", "R: 242-8 AR. 242-14".
_TO = r"(?:\s*(?:à|au)|\s+[aA])\s*"
# An article, or a range of them ("L.252-1 à L.252-6"), kept whole as the act cites it; after
# "et" with its space lost too ("L. 242-8 etR. 242-8").
_ARTICLE = re.compile(
    rf"(?:\b|(?<=\bet))(?P<first>{_ARTICLE_NUMBER}|{_RUN_ON}(?={_TO}{_ARTICLE_NUMBER}))"
    rf"(?:{_TO}(?P<last>{_ARTICLE_NUMBER}|{_RUN_ON}))?\b"
)
_CODE_NAMES = (
    ("CSI", re.compile(r"code\s+de\s+la\s+s[ée]curit[ée]\s+int[ée]rieure", re.IGNORECASE)),
    ("CGCT", re.compile(r"code\s+g[ée]n[ée]ral\s+des\s+collectivit[ée]s\s+territoriales", re.IGNORECASE)),
    ("CCP", re.compile(r"code\s+de\s+la\s+commande\s+publique", re.IGNORECASE)),
)
# "la loi n° 2007-297 du 5 mars 2007", "le décret n° 2004-374": cited whole, without articles.
# ("VU le décret 2004-374 du 29 avril 2004": a number without its "n°", before its date; "Vu le
# décret n 2004-374": its "°" lost; "décret n° 2004 -374": a space before its hyphen.)
_STATUTE = re.compile(
    r"\b(?P<kind>loi|d[ée]cret)\s+(?:n(?:\s*[°º]|(?=\s+\d))\s*(?P<number>\d{2,4}\s?-\d{1,4})\b|(?P<bare>\d{4}-\d{1,4})(?=\s+du\s+\d))",
    re.IGNORECASE,
)
# The minister's arrêtés an authorisation is taken under, cited by their date: "l'arrêté ministériel du
# 3 août 2007 portant définition des normes techniques des systèmes de vidéoprotection", "l'arrêté
# du ministre de l'Intérieur et des outre-mer, en date du 19 avril 2023 relatif au nombre maximal de
# caméras installées sur des aéronefs" (not a prefect's own earlier arrêtés, "l'arrêté du 14 décembre
# 2012", which are no law; nor a recueil's heading of one, "Arrêté du 1er juin 2021 portant
# autorisation", which cites nothing). (Its "l'" read as "I'" by a text layer: "VU I'arrété du
# ministre".)
_MINISTERS_ARRETE = re.compile(
    r"\b[lLI]['’]\s?arr[êeé]t[ée]\s+(?:(?P<minister>minist[ée]riel|du\s+minist(?:re|[èe]re)\b[^;]{0,80}?)[\s,]*(?:en\s+date\s+)?)?"
    rf"du\s+(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{MONTH_NAMES})\s+(?P<year>\d{{4}})\s*(?:modifi[ée]\s*)?"
    r"(?P<title>(?:relatif|portant)[^;]{0,120})?",
    re.IGNORECASE,
)
# "le code de la sécurité intérieure et notamment ses articles L. 242-1 à L. 242-8": the code
# named before its articles.
_CODE_BEFORE = r"(?:,?\s+et)?\s+(?:notamment\s+)?(?:ses|son|les|l['’])\s+articles?\s*$"


def _article(written: str) -> str:
    """ "L. 242-5", "L242-5", "L.242-5", "L, 242.5" → "L.242-5"."""
    compact = re.sub(r"[\s:,]", "", re.sub(r"(\d{3,4})\.(\d)", r"\1-\2", written)).replace(".", "")
    return f"{compact[0]}.{compact[1:]}"


def _cited(match: re.Match[str]) -> str:
    """An article or a range as ``_ARTICLE`` read it, normalised: "L.242-1 à L.242-8". A range
    keeps its start's letter at its end ("R. 242-8 àL. 242-14"), and an end or a start run on gets
    its hyphen back where the other end's number has it ("R. 24214" → "R.242-14" after "R.242-8";
    "R.2511" → "R.251-1" before "R.253-4")."""
    start = _article(match["first"])
    if not match["last"]:
        return start
    end = _article(match["last"])
    digits = len(end[2:].split("-", 1)[0])
    # (A start no longer than its end's base is written whole: "L. 2212 à L. 2213-1".)
    if "-" not in start and len(start) > 2 + digits:
        start = f"{start[: 2 + digits]}-{start[2 + digits :]}"
    prefix, number = start[2:].split("-", 1)[0], end[2:]
    if "-" not in number and number.startswith(prefix) and len(number) > len(prefix):
        number = f"{prefix}-{number[len(prefix) :]}"
    return f"{start} à {start[0]}.{number}"


# Between two lists of one code's articles: "L.251-1 à L.255-1 ; ses articles R.251-1 à R.254-2",
# "L. 242-1 à L. 242-8 et R. 242-8", their comma lost ("L. 226-1 L. 242-1 à L.242-8") or a
# table's rule left between them ("L. 242-5, | et R. 242-8").
_NEXT_ARTICLES = re.compile(r"(?:[\s|]*(?:,|;|et\b))*[\s|]*(?:(?:ses|les)\s+articles?\s*)?", re.IGNORECASE)
_RECITED = re.compile(r"\bvu\b[^\n;]{0,12}$", re.IGNORECASE)
# The European data protection regulation: "VU le règlement (UE) 2016/679 du 27 avril 2016" (not
# another regulation a recueil's other acts cite: animal health's 2016/429).
_EU_REGULATION = re.compile(r"\br[èe]glement\s+\(UE\)\s+(?:n°\s*)?(?P<number>2016/679)\b", re.IGNORECASE)


# Where a recital opens, on its own line: a clause of articles ends at the next one, and starts
# at its own.
_RECITALS_OPEN = ("\nVu ", "\nVU ", "\nvu ")


def legal_basis(text: str) -> Found | None:
    """The statutes cited, normalised ("CSI L.251-1"): each article followed, within the same
    sentence, by the name of its code (or just after it: "le code … et notamment ses articles");
    the laws and decrees cited by number ("loi 2023-380", the Olympic Games law of the VSA
    experiments; "décret 2004-374")."""
    cited: list[str] = []
    first, last = len(text), 0
    previous: tuple[str, int] | None = None  # the last article's code and end
    for match in _ARTICLE.finditer(text):
        # (A recital ends at the next one too: "Vu le Code de la Route et notamment les articles
        # L.411-8, R.411-8,\nVu le Code Général des Collectivités Territoriales" cites no CGCT article.)
        reach = match.end() + 300
        stops = [
            at
            for at in (text.find(stop, match.end(), reach) for stop in (";", ".\n", ". ", *_RECITALS_OPEN))
            if at >= 0
        ]
        window = text[match.end() : min([*stops, reach])]
        code = next((name for name, pattern in _CODE_NAMES if pattern.search(window)), None)
        if code is None:
            code = _code_before(text, match.start())
        if code is None and previous and _NEXT_ARTICLES.fullmatch(text, previous[1], match.start()):
            # "ses articles L. 242-1 à L. 242-8 et R. 242-8 à R. 242-14", "L.242-1 à L.242-8 ; L242-5".
            code = previous[0]
        if code is None:
            continue
        previous = (code, match.end())
        reference = f"{code} {_cited(match)}"
        if reference not in cited:
            cited.append(reference)
        first, last = min(first, match.start()), max(last, match.end())
    for statute in _STATUTE.finditer(text):
        kind = "loi" if statute["kind"].lower() == "loi" else "décret"
        reference = f"{kind} {(statute['number'] or statute['bare']).replace(' ', '')}"
        if reference not in cited:
            cited.append(reference)
        first, last = min(first, statute.start()), max(last, statute.end())
    for regulation in _EU_REGULATION.finditer(text):
        if not _RECITED.search(text, max(0, regulation.start() - 20), regulation.start()):
            continue  # cited by an act's recital ("VU le règlement"), not a page's privacy footer
        reference = f"règlement (UE) {regulation['number']}"
        if reference not in cited:
            cited.append(reference)
        first, last = min(first, regulation.start()), max(last, regulation.end())
    for arrete in _MINISTERS_ARRETE.finditer(text):
        if not (arrete["minister"] or (arrete["title"] and ABOUT_SURVEILLANCE.search(arrete["title"]))):
            continue
        day = parse_french_date(f"{arrete['day']} {arrete['month']} {arrete['year']}")
        if day is None:
            continue
        reference = f"arrêté du {french_day(day)}"
        if reference not in cited:
            cited.append(reference)
        first, last = min(first, arrete.start()), max(last, arrete.end())
    return Found(cited, first, last) if cited else None


def _code_before(text: str, at: int) -> str | None:
    """The code named just before a list of its articles, in the same clause."""
    # (A clause starts at its recital too: "Vu le code de la sécurité intérieure,\nVu le code de la
    # route, notamment ses articles L. 411-8" cites no CSI article.)
    clause_start = max(
        text.rfind(";", 0, at),
        text.rfind(".\n", 0, at),
        *(text.rfind(recital, max(0, at - 200), at) for recital in _RECITALS_OPEN),
        at - 200,
        0,
    )
    before = text[clause_start:at]
    for name, pattern in _CODE_NAMES:
        named = list(pattern.finditer(before))
        if named and re.search(_CODE_BEFORE, before[named[-1].end() :], re.IGNORECASE):
            return name
    return None
