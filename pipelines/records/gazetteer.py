"""A recueil's town by its official name: the communes of the prefecture's département (the
reference data, ``reference.authorities``), looked up in the summary entry of the act, where a
file's title often prints the town with no word that says it is one ("AP captation d'images DIPN
TDF Valence RAA", "Vidéoprotection -McDonald's-La Chapelle Saint Aubin", "arrêté caméra piéton
Montval sur Loir").

Only a name of the département's own communes counts, and only in the entry of the recueil's
first act about surveillance: a town of the same name elsewhere, a word that is a commune's name
in another département, and the other entries' towns are not read.

A report's title that opens on its town as a dateline ("Chagny - conseil municipal …") is read
against every commune in France (``town_opening_title``): the dateline's punctuation says it is a
place.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from archive.record_places import fold_place_name
from pipelines.records.departements import DEPARTEMENTS
from pipelines.records.parties import prefecture_named, recueil_cover
from pipelines.records.spans import (
    ABOUT_SURVEILLANCE,
    Found,
    first_surveillance_entry,
    listed_entry,
    summary_entry,
)
from reference.authorities import read_authorities

_BETWEEN = re.compile(r"\bentre\s+$", re.IGNORECASE)
# The longest name looked up, in words ("Saint-Germain-de-la-Grange" is five).
_MOST_WORDS = 7
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
# What joins the words of a name in print: a hyphen, a space, an apostrophe, a line break.
_JOINS = re.compile(r"[\s'’-]*")


def _key(name: str) -> str:
    """A name as the archive folds place names (``fold_place_name``: case, accents, separators and a
    leading article aside), the œ ligature spelt out: "Montval-sur-Loir" and "MONTVAL SUR LOIR" are
    one, and so are "Schœlcher" and "Schoelcher"."""
    return fold_place_name(name.replace("œ", "oe").replace("Œ", "OE"))


@cache
def _departements() -> dict[str, str]:
    """The code of each département by its name's key."""
    return {_key(place.name): place.code for place in read_authorities().named("departement")}


@cache
def _communes(departement: str) -> dict[str, str]:
    """The official name of each commune of a département by its key. Names of one word under
    four letters ("Ger", "Bû") are left out: as words of a title they are too often something else."""
    return {
        _key(place.name): place.name
        for place in read_authorities().named("commune")
        if place.departement == departement and (len(place.name) >= 4 or not place.name.isalpha())
    }


@cache
def _departement_name(code: str) -> re.Pattern[str]:
    """A département's name as a pattern, however its words are joined."""
    name = next(place.name for place in read_authorities().named("departement") if place.code == code)
    words = _WORD.findall(unicodedata.normalize("NFC", name))
    return re.compile(r"[\s'’-]*".join(re.escape(word) for word in words), re.IGNORECASE)


_NAMED_AS_ITS_TOWN = frozenset({"75"})


@cache
def _first_words(departement: str) -> frozenset[str]:
    """The first words that name one or two of a département's communes of several words
    ("Gonfreville" for Gonfreville-l'Orcher), not a saint's or a common one ("Saint", "Val")."""
    counts: dict[str, int] = {}
    for name in _communes(departement).values():
        words = _WORD.findall(name)
        if len(words) > 1 and len(words[0]) >= 5:
            counts[_key(words[0])] = counts.get(_key(words[0]), 0) + 1
    return frozenset(word for word, count in counts.items() if count <= 2 and word not in _COMMON_FIRST_WORDS)


# First words of many names, or words of titles: never read as a town's short name.
_COMMON_FIRST_WORDS = frozenset(
    {"saint", "sainte", "notre", "grand", "petit", "vieux", "neuve", "neuf", "haute", "basse"}
)


# A prefecture as ``prefecture_named`` names it ("Préfecture de la Sarthe") → its département's name.
_OF_PREFECTURE = {f"Préfecture {link}{name}": name for link, name in DEPARTEMENTS}


def _departement_of(text: str) -> str | None:
    named = prefecture_named(text[:1500]) or recueil_cover(text)
    name = _OF_PREFECTURE.get(named.value) if named is not None else None
    return _departements().get(_key(name)) if name is not None else None


def _first_surveillance_entry(text: str) -> tuple[int, int] | None:
    """The span of the summary entry of the recueil's first act about surveillance."""
    for about in ABOUT_SURVEILLANCE.finditer(text, 0, 6000):
        entry = summary_entry(text, about.start()) or listed_entry(text, about.start())
        if entry is not None and first_surveillance_entry(text, about.start()):
            return entry
    return None


def commune_in_entry(text: str) -> Found | None:
    """The commune of the département that the first surveillance entry of a recueil's summary
    names, its longest name first ("Le Mans", with its article, as INSEE writes it); None outside
    a recueil, or when the entry names none or several (an act for a group of communes has no one
    commune)."""
    entry = _first_surveillance_entry(text)
    departement = _departement_of(text) if entry is not None else None
    if entry is None or departement is None:
        return None
    communes = _communes(departement)
    # The département's own name is no town's ("Seine-Saint-Denis" holds "Saint-Denis"); a file's
    # title joins its words with hyphens ("Vidéoprotection-4Murs-Le Mans-raa"), so a name may
    # start or end at one.
    listed = text[: entry[1]]
    if departement not in _NAMED_AS_ITS_TOWN:  # Paris is both
        listed = _departement_name(departement).sub(lambda named: " " * len(named[0]), listed)
    words = list(_WORD.finditer(listed, *entry))
    found: list[Found] = []
    first = 0
    while first < len(words):
        named = _named_at(listed, words, first, communes)
        if named is None:
            first += 1
            continue
        found.append(named[0])
        first = named[1] + 1
    if len({place.value for place in found}) != 1:
        return None
    # A route "entre Epretot et le Pont de Normandie" is in no one commune.
    if _BETWEEN.search(listed, max(0, found[0].start - 8), found[0].start):
        return None
    # A second town named by its first word only ("AP Drone Harfleur Gonfreville": Gonfreville-
    # l'Orcher) makes a group too.
    shortened = _first_words(departement)
    if any(
        _key(word[0]) in shortened and not found[0].start <= word.start() < found[0].end for word in words
    ):
        return None
    return found[0]


def _named_at(
    text: str, words: list[re.Match[str]], first: int, communes: dict[str, str]
) -> tuple[Found, int] | None:
    """The longest commune's name that starts at word ``first`` (a capital), and the index of its
    last word."""
    word = words[first]
    if not word[0][0].isupper():
        return None
    for last in range(min(len(words), first + _MOST_WORDS) - 1, first - 1, -1):
        between = [text[words[k].end() : words[k + 1].start()] for k in range(first, last)]
        if any(not _JOINS.fullmatch(gap) for gap in between):
            continue  # a name's words are joined by hyphens, spaces or apostrophes only
        name = communes.get(_key(text[word.start() : words[last].end()]))
        if name is not None:
            return Found(name, word.start(), words[last].end()), last
    return None


@cache
def _french_communes() -> dict[str, str]:
    """The official name of every commune in France by its key (names of one word under four
    letters left out, as in ``_communes``; a name several communes share is one entry)."""
    return {
        _key(place.name): place.name
        for place in read_authorities().named("commune")
        if len(place.name) >= 4 or not place.name.isalpha()
    }


# A title that opens on its town as a dateline does: "Saint-Corneille. Quel bilan …", "Chagny -
# conseil municipal …", "Millau : quatre caméras …", "Fresnes , …", or a title that is the
# town alone.
_DATELINE_END = re.compile(r"[ \t]*(?:[.:,;]|[–—-][ \t]|$)", re.MULTILINE)
# Words a title opens on that are also communes' names ("Brèves :", "Ville de …", "Avril 2021"),
# and the départements' names, which open a title about the département as often.
_TITLE_WORDS = frozenset(
    _key(word)
    for word in ("Brèves", "Ville", "Avril", "Mars", "Maire", "Plan", "Marche", "Table", "Aucun", "Saint")
)
_TITLE_CHARS = 200


def town_opening_title(text: str) -> Found | None:
    """The commune a report's title opens on, as a dateline ("Chagny - conseil municipal La Ville
    souhaite …" → Chagny), named as INSEE writes it; None when the title opens on anything else,
    on a département's name, or on a word that is also a commune's ("Brèves :")."""
    at = len(text) - len(text.lstrip())
    line_end = text.find("\n", at, at + _TITLE_CHARS)
    title_end = line_end if line_end > 0 else min(len(text), at + _TITLE_CHARS)
    words = list(_WORD.finditer(text, at, title_end))
    if not words or words[0].start() != at:
        return None
    named = _named_at(text, words, 0, _french_communes())
    if named is None or _DATELINE_END.match(text, named[0].end) is None:
        return None
    key = _key(named[0].value)
    if key in _TITLE_WORDS or key in _departements():
        return None
    return named[0]
