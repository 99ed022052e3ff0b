"""A recueil's town by its official name: the communes of the prefecture's département (the
reference data, ``reference.authorities``), looked up in the summary entry of the act, where a
file's title often prints the town with no word that says it is one ("AP captation d'images DIPN
TDF Valence RAA", "Vidéoprotection -McDonald's-La Chapelle Saint Aubin", "arrêté caméra piéton
Montval sur Loir").

Only a name of the département's own communes counts, and only in the entry of the recueil's
first act about surveillance: a town of the same name elsewhere, a word that is a commune's name
in another département, and the other entries' towns are not read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipelines.records.communes import WORD, communes_of, departements, name_key, named_at
from pipelines.records.departements import DEPARTEMENTS
from pipelines.records.parties import prefecture_named, recueil_cover
from pipelines.records.spans import (
    ABOUT_SURVEILLANCE,
    Found,
    first_surveillance_entry,
    listed_entry,
    summary_entry,
    surveillance_row,
)
from reference.authorities import read_authorities

_BETWEEN = re.compile(r"\bentre\s+$", re.IGNORECASE)
# An act's place and date of signing, "Montpellier, le 21 août 2024": the prefecture's seat, not
# where the cameras fly (an entry read line by line may run into the act's heading; ``_a_dateline``).
_SIGNED_AT = re.compile(r"[ \t]*,[ \t]*le\s+\d", re.IGNORECASE)


@cache
def _departement_name(code: str) -> re.Pattern[str]:
    """A département's name as a pattern, however its words are joined."""
    name = next(place.name for place in read_authorities().named("departement") if place.code == code)
    words = WORD.findall(unicodedata.normalize("NFC", name))
    return re.compile(r"[\s'’-]*".join(re.escape(word) for word in words), re.IGNORECASE)


_NAMED_AS_ITS_TOWN = frozenset({"75"})


@cache
def _first_words(departement: str) -> frozenset[str]:
    """The first words that name one or two of a département's communes of several words
    ("Gonfreville" for Gonfreville-l'Orcher), not a saint's or a common one ("Saint", "Val")."""
    counts: dict[str, int] = {}
    for name in communes_of(departement).values():
        words = WORD.findall(name)
        if len(words) > 1 and len(words[0]) >= 5:
            counts[name_key(words[0])] = counts.get(name_key(words[0]), 0) + 1
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
    return departements().get(name_key(name)) if name is not None else None


def _first_surveillance_entry(text: str) -> tuple[int, int] | None:
    """The span of the summary entry of the recueil's first act about surveillance (a row of the
    Val-de-Marne's table: "2025/04651 19/11/2025 portant autorisation d'un système de
    vidéoprotection Carrefour – à Arcueil")."""
    row = surveillance_row(text)
    if row is not None:
        return row[0].end(), row[1]
    for about in ABOUT_SURVEILLANCE.finditer(text, 0, 6000):
        entry = summary_entry(text, about.start()) or listed_entry(text, about.start())
        if entry is not None and first_surveillance_entry(text, about.start()):
            return entry
    return None


def _a_dateline(text: str, town: Found) -> bool:
    """Whether a town opens its line with a date after its comma, where an act was signed
    ("Montpellier, le 21 août 2024"), not a flight's "aéronefs – Béziers, le 14 juillet 2024"."""
    line_start = text.rfind("\n", 0, town.start) + 1
    return _SIGNED_AT.match(text, town.end) is not None and not text[line_start : town.start].strip()


def commune_in_entry(text: str) -> Found | None:
    """The commune of the département that the first surveillance entry of a recueil's summary
    names, its longest name first ("Le Mans", with its article, as INSEE writes it); None outside
    a recueil, or when the entry names none or several (an act for a group of communes has no one
    commune)."""
    entry = _first_surveillance_entry(text)
    departement = _departement_of(text) if entry is not None else None
    if entry is None or departement is None:
        return None
    communes = communes_of(departement)
    # The département's own name is no town's ("Seine-Saint-Denis" holds "Saint-Denis"), but a
    # town's name may run past it ("LA POSTE à DUN sur MEUSE"); Paris is both. A file's title joins
    # its words with hyphens ("Vidéoprotection-4Murs-Le Mans-raa"), so a name may start or end at one.
    listed = text[: entry[1]]
    own_name = (
        [] if departement in _NAMED_AS_ITS_TOWN else list(_departement_name(departement).finditer(listed))
    )

    def in_its_name(start: int, end: int) -> bool:
        return any(name.start() <= start and end <= name.end() for name in own_name)

    every_word = list(WORD.finditer(listed, *entry))
    words = [word for word in every_word if not in_its_name(*word.span())]
    found: list[Found] = []
    first = 0
    while first < len(every_word):
        named = named_at(listed, every_word, first, communes)
        if named is None:
            first += 1
            continue
        if not in_its_name(named[0].start, named[0].end) and not _a_dateline(listed, named[0]):
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
        name_key(word[0]) in shortened and not found[0].start <= word.start() < found[0].end for word in words
    ):
        return None
    return found[0]
