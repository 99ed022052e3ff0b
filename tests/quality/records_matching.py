"""How a record's value is compared with its label: exactly for kinds, numbers and dates; names
by containment once case, accents and punctuation are set aside; the authority as a kind of body
and its place (``records_scoring`` scores with it; the anchors compare the same way)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

NAMES = ("authority", "beneficiary", "commune", "vendor")


# Who decided, as a kind of body and a place: "Conseil Municipal de la Ville de Montpellier",
# "conseil municipal" and "la mairie de Montpellier" are one body (the commune's); a label that
# names no place ("Le Conseil Municipal") matches any answer of the same kind of body.
_BODIES = (
    ("prefecture", re.compile(r"\bpr[eé]f(?:et|ecture)\b")),
    (
        "commune",
        re.compile(r"\b(?:conseil municipal|conseil de paris|mairie|maire|ville|commune|municipalit[eé])\b"),
    ),
    # A département's or a région's council (its assembly) is the département or the région: one body.
    ("departement", re.compile(r"\b(?:conseil d[eé]partemental|assemblee departementale|d[eé]partement)\b")),
    ("region", re.compile(r"\b(?:conseil r[eé]gional|assemblee regionale|r[eé]gion)\b")),
)
# A commune's elected members, its municipal team, its councillors: its council, when the label
# names no other body ("les élus", but "les élus du département" is the département's).
_COUNCIL_PEOPLE = re.compile(r"\b(?:elus|equipe municipale|conseillers municipaux)\b")
# A body named by a person's title: what follows it is the person's name, unless "de" comes within
# two words ("le nouveau maire (DVG) de Montpellier").
_TITLES = re.compile(r"^(?:maire|pr[eé]f(?:et|ete))\b")
_BODY_WORDS = re.compile(
    r"\b(?:pr[eé]f(?:et|ecture)|conseil|municipal|mairie|maire|ville|commune|municipalit[eé]"
    r"|d[eé]partement(?:ale?)?|r[eé]gion(?:ale?)?|assemblee|de|la|le|les|du|des|l|d)\b"
)


_ACRONYMS = frozenset({"cnil", "sdis", "stif", "ratp", "sncf"})


def _same_authority(value: str, expected: str) -> bool:
    def body(text: str) -> tuple[str | None, str]:
        folded = fold(text)
        kind = next((name for name, pattern in _BODIES if pattern.search(folded)), None)
        kind = kind or ("commune" if _COUNCIL_PEOPLE.search(folded) else None)
        return kind, _place(text, kind) if kind else " ".join(_BODY_WORDS.sub(" ", folded).split())

    (got_kind, got_place), (want_kind, want_place) = body(value), body(expected)
    if got_kind is None and want_kind is None:
        # Two bodies of no kind listed (a court, the CNIL): one names the other ("la Cnil", "la
        # Commission nationale de l'informatique et des libertés (Cnil)"), as for other names.
        # Whole words, the shorter name's every word in the longer one; a one-word name only when it
        # is a body's acronym ("la Cnil"), not a place or a word another body has ("Nice", "Etat").
        got, want = set(_without_article(fold(value)).split()), set(_without_article(fold(expected)).split())
        shorter, longer = sorted((got, want), key=len)
        return bool(shorter) and shorter <= longer and (len(shorter) > 1 or shorter <= _ACRONYMS)
    if got_kind is None or got_kind != want_kind:
        return _without_article(fold(value)) == _without_article(fold(expected))
    # Every word of the label's place must be in the answer's: "Le préfet de police" is the
    # "Préfecture de police de Paris"; "Préfecture des Alpes" is not "… des Alpes-Maritimes".
    return not want_place or set(want_place.split()) <= set(got_place.split())


def _place(text: str, kind: str) -> str:
    """The place a body is named with, in the clause that names it: the words after the body
    ("la Région Auvergne-Rhône-Alpes", "le conseil municipal panazolais"), after its "de" when it
    has one ("Mohamed Majani, le maire de Mamoudzou" → "mamoudzou"); none after a person's title
    ("le maire Marc Vuillemot", "le préfet Pierre-André Durand") or a body named alone ("les élus")."""
    pattern = dict(_BODIES).get(kind, _COUNCIL_PEOPLE)
    clause = next((fold(part) for part in text.split(",") if pattern.search(fold(part))), fold(text))
    found = pattern.search(clause) or _COUNCIL_PEOPLE.search(clause)
    if found is None:
        return ""
    if found[0] == "conseil de paris":
        return "paris"
    after = clause[found.end() :]
    placed = (
        re.match(r"\s*(?:(?:\w+\s+){0,2}?)(?:de|du|des|d)\s+(.*)", after) if _TITLES.match(found[0]) else None
    )
    placed = placed or re.match(r"\s*(?:de|du|des|d)\s+(.*)", after)
    if placed is not None:
        after = placed[1]
    elif _TITLES.match(found[0]) or _COUNCIL_PEOPLE.match(found[0]):
        return ""  # a person's name, or the mayor's team named by him
    return " ".join(_BODY_WORDS.sub(" ", after).split())


def _without_article(folded: str) -> str:
    """ "le conseil de metropole" → "conseil de metropole": a body named with or without it."""
    return re.sub(r"^(?:le|la|les|l) ", "", folded)


def same_value(name: str, value: Any, expected: Any) -> bool:
    if name == "authority":
        return _same_authority(str(value), str(expected))
    if name in NAMES:
        got, want = fold(str(value)), fold(str(expected))
        return bool(got and want) and (got in want or want in got)
    if name == "act_number":
        return fold(str(value)) == fold(str(expected))
    if isinstance(value, dt.date):
        return value.isoformat() == str(expected)
    if isinstance(value, float) or isinstance(expected, float):
        return abs(float(value) - float(expected)) < 0.01
    return value == expected


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())
