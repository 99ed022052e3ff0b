"""A decision's money (its amount, a grant's rate) and its law (the articles it cites)."""

from __future__ import annotations

import re

from pipelines.records.numbers import amounts, percents
from pipelines.records.spans import Found

_GRANT_WORDS = re.compile(r"subvention|taux|financ|FIPD|DETR|DSIL|aide|participation", re.IGNORECASE)


def amount(text: str) -> tuple[Found | None, Found | None]:
    """(the decision's amount in euros, "HT"/"TTC"): the largest amount stated, its basis."""
    found = amounts(text)
    if not found:
        return None, None
    value, basis, start, end = max(found, key=lambda item: item[0])
    return Found(value, start, end), Found(basis, start, end) if basis else None


# "de plus de 45 %", "jusqu'à 80 %": a bound, not the rate granted.
_BOUND = re.compile(r"(?:plus|moins)\s+de\s+$|au\s+(?:moins|plus)\s+$|jusqu['’]\s?à\s+$", re.IGNORECASE)


def funding_rate(text: str) -> Found | None:
    """A grant's rate: a percentage with a funding word close before it, not a bound."""
    for value, start, end in percents(text):
        if _BOUND.search(text, max(0, start - 20), start):
            continue
        if _GRANT_WORDS.search(text, max(0, start - 120), start):
            return Found(value, start, end)
    return None


_ARTICLE_NUMBER = r"[LR]\s?\.?\s?\d{3,4}-\d+(?:-\d+)?"
# An article, or a range of them ("L.252-1 à L.252-6"), kept whole as the act cites it.
_ARTICLE = re.compile(rf"\b(?P<first>{_ARTICLE_NUMBER})(?:\s+(?:à|au)\s+(?P<last>{_ARTICLE_NUMBER}))?\b")
_CODE_NAMES = (
    ("CSI", re.compile(r"code\s+de\s+la\s+s[ée]curit[ée]\s+int[ée]rieure", re.IGNORECASE)),
    ("CGCT", re.compile(r"code\s+g[ée]n[ée]ral\s+des\s+collectivit[ée]s\s+territoriales", re.IGNORECASE)),
    ("CCP", re.compile(r"code\s+de\s+la\s+commande\s+publique", re.IGNORECASE)),
)
# "la loi n° 2007-297 du 5 mars 2007", "le décret n° 2004-374": cited whole, without articles.
_STATUTE = re.compile(r"\b(?P<kind>loi|d[ée]cret)\s+n°\s*(?P<number>\d{2,4}-\d{1,4})\b", re.IGNORECASE)
# "le code de la sécurité intérieure et notamment ses articles L. 242-1 à L. 242-8": the code
# named before its articles.
_CODE_BEFORE = r"(?:,?\s+et)?\s+(?:notamment\s+)?(?:ses|son|les|l['’])\s+articles?\s*$"


def _article(written: str) -> str:
    """ "L. 242-5", "L242-5", "L.242-5" → "L.242-5"."""
    compact = re.sub(r"[\s.]", "", written)
    return f"{compact[0]}.{compact[1:]}"


def legal_basis(text: str) -> Found | None:
    """The statutes cited, normalised ("CSI L.251-1"): each article followed, within the same
    sentence, by the name of its code (or just after it: "le code … et notamment ses articles");
    the laws and decrees cited by number ("loi 2023-380", the Olympic Games law of the VSA
    experiments; "décret 2004-374")."""
    cited: list[str] = []
    first, last = len(text), 0
    previous: tuple[str, int] | None = None  # the last article's code and end
    for match in _ARTICLE.finditer(text):
        stops = [at for at in (text.find(stop, match.end()) for stop in (";", ".\n", ". ")) if at >= 0]
        window = text[match.end() : min([*stops, match.end() + 300])]
        code = next((name for name, pattern in _CODE_NAMES if pattern.search(window)), None)
        if code is None:
            code = _code_before(text, match.start())
        if code is None and previous and re.fullmatch(r"\s*(?:,|et)\s*", text[previous[1] : match.start()]):
            code = previous[0]  # "ses articles L. 242-1 à L. 242-8 et R. 242-8 à R. 242-14"
        if code is None:
            continue
        previous = (code, match.end())
        reference = f"{code} {_article(match['first'])}"
        if match["last"]:
            reference += f" à {_article(match['last'])}"
        if reference not in cited:
            cited.append(reference)
        first, last = min(first, match.start()), max(last, match.end())
    for statute in _STATUTE.finditer(text):
        kind = "loi" if statute["kind"].lower() == "loi" else "décret"
        reference = f"{kind} {statute['number']}"
        if reference not in cited:
            cited.append(reference)
        first, last = min(first, statute.start()), max(last, statute.end())
    return Found(cited, first, last) if cited else None


def _code_before(text: str, at: int) -> str | None:
    """The code named just before a list of its articles, in the same clause."""
    clause_start = max(text.rfind(";", 0, at), text.rfind(".\n", 0, at), at - 200, 0)
    before = text[clause_start:at]
    for name, pattern in _CODE_NAMES:
        named = list(pattern.finditer(before))
        if named and re.search(_CODE_BEFORE, before[named[-1].end() :], re.IGNORECASE):
            return name
    return None
