"""The 101 départements by the names their prefectures print, to read a name a recueil's text
layer has cut or run into the next word ("PRÉFET DES CÔTES D'ARMOR", "PRÉFECTURE DE LA
MARNEdu 16 avril", "LE PRÉFET DE L'OISEChevalier de l'Ordre national").

The names are INSEE's (Code officiel géographique; ``tests/pipelines/test_records_departements.py``
checks them against the registry's), each with the words that link it to "Préfecture"; and the
18 régions, to name the département's or région's council a page names without its place.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# The link and the name, as "Préfecture {link}{name}" reads: "de la Manche", "du Gard", "de l'Ain".
DEPARTEMENTS: tuple[tuple[str, str], ...] = (
    ("de l'", "Ain"), ("de l'", "Aisne"), ("de l'", "Allier"), ("des ", "Alpes-de-Haute-Provence"),
    ("des ", "Hautes-Alpes"), ("des ", "Alpes-Maritimes"), ("de l'", "Ardèche"), ("des ", "Ardennes"),
    ("de l'", "Ariège"), ("de l'", "Aube"), ("de l'", "Aude"), ("de l'", "Aveyron"),
    ("des ", "Bouches-du-Rhône"), ("du ", "Calvados"), ("du ", "Cantal"), ("de la ", "Charente"),
    ("de la ", "Charente-Maritime"), ("du ", "Cher"), ("de la ", "Corrèze"), ("de la ", "Corse-du-Sud"),
    ("de la ", "Haute-Corse"), ("de la ", "Côte-d'Or"), ("des ", "Côtes-d'Armor"), ("de la ", "Creuse"),
    ("de la ", "Dordogne"), ("du ", "Doubs"), ("de la ", "Drôme"), ("de l'", "Eure"),
    ("d'", "Eure-et-Loir"), ("du ", "Finistère"), ("du ", "Gard"), ("de la ", "Haute-Garonne"),
    ("du ", "Gers"), ("de la ", "Gironde"), ("de l'", "Hérault"), ("d'", "Ille-et-Vilaine"),
    ("de l'", "Indre"), ("d'", "Indre-et-Loire"), ("de l'", "Isère"), ("du ", "Jura"),
    ("des ", "Landes"), ("de ", "Loir-et-Cher"), ("de la ", "Loire"), ("de la ", "Haute-Loire"),
    ("de la ", "Loire-Atlantique"), ("du ", "Loiret"), ("du ", "Lot"), ("de ", "Lot-et-Garonne"),
    ("de la ", "Lozère"), ("de ", "Maine-et-Loire"), ("de la ", "Manche"), ("de la ", "Marne"),
    ("de la ", "Haute-Marne"), ("de la ", "Mayenne"), ("de ", "Meurthe-et-Moselle"), ("de la ", "Meuse"),
    ("du ", "Morbihan"), ("de la ", "Moselle"), ("de la ", "Nièvre"), ("du ", "Nord"),
    ("de l'", "Oise"), ("de l'", "Orne"), ("du ", "Pas-de-Calais"), ("du ", "Puy-de-Dôme"),
    ("des ", "Pyrénées-Atlantiques"), ("des ", "Hautes-Pyrénées"), ("des ", "Pyrénées-Orientales"),
    ("du ", "Bas-Rhin"), ("du ", "Haut-Rhin"), ("du ", "Rhône"), ("de la ", "Haute-Saône"),
    ("de ", "Saône-et-Loire"), ("de la ", "Sarthe"), ("de la ", "Savoie"), ("de la ", "Haute-Savoie"),
    ("de ", "Paris"), ("de la ", "Seine-Maritime"), ("de ", "Seine-et-Marne"), ("des ", "Yvelines"),
    ("des ", "Deux-Sèvres"), ("de la ", "Somme"), ("du ", "Tarn"), ("de ", "Tarn-et-Garonne"),
    ("du ", "Var"), ("de ", "Vaucluse"), ("de la ", "Vendée"), ("de la ", "Vienne"),
    ("de la ", "Haute-Vienne"), ("des ", "Vosges"), ("de l'", "Yonne"), ("du ", "Territoire de Belfort"),
    ("de l'", "Essonne"), ("des ", "Hauts-de-Seine"), ("de la ", "Seine-Saint-Denis"),
    ("du ", "Val-de-Marne"), ("du ", "Val-d'Oise"), ("de la ", "Guadeloupe"), ("de la ", "Martinique"),
    ("de la ", "Guyane"), ("de ", "La Réunion"), ("de ", "Mayotte"),
)  # fmt: skip

# What separates a name's words in print: a hyphen, a space, an apostrophe, a line break.
_SEPARATORS = re.compile(r"[\s'’\u2010\u2011-]+")  # hyphens typeset as U+2010 or U+2011 too


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub("-", letters)


@cache
def _by_length() -> tuple[tuple[str, str, str], ...]:
    """(key, link, name), the longest names first: "Loire-Atlantique" before "Loire". La Réunion
    is also read after its article ("PRÉFET DE LA RÉUNION")."""
    keys = [(_key(name).casefold(), link, name) for link, name in DEPARTEMENTS]
    keys += [(key.removeprefix("la-"), link, name) for key, link, name in keys if key.startswith("la-")]
    return tuple(sorted(keys, key=lambda row: -len(row[0])))


def departement_at(text: str, start: int) -> tuple[str, str] | None:
    """(link, name) of the département whose name ``text`` prints at ``start``, however its words
    are separated, with its end at a word's end or where a lost space runs it into the next word
    ("MARNEdu", "OISEChevalier"); None when no département's name is there."""
    printed = _key(text[start : start + 60])
    folded = printed.casefold()
    for key, link, name in _by_length():
        if not folded.startswith(key):
            continue
        last, following, after = (
            printed[len(key) - 1],
            printed[len(key) : len(key) + 1],
            printed[len(key) + 1 : len(key) + 2],
        )
        # A word's end, or a case that changes where a lost space was: "MARNEdu", "OISEChevalier",
        # "MancheLe".
        if not following or not following.isalnum() or (last.isupper() and following.islower()):
            return link, name
        if (last.islower() and following.isupper()) or (
            last.isupper() and following.isupper() and after.islower()
        ):
            return link, name
    return None


# The 18 régions by their names, with the words that link them to "Conseil régional" ("des
# Hauts-de-France", "d'Occitanie"); overseas, a région is also a département of the same name.
REGIONS: tuple[tuple[str, str], ...] = (
    ("d'", "Auvergne-Rhône-Alpes"), ("de ", "Bourgogne-Franche-Comté"), ("de ", "Bretagne"),
    ("du ", "Centre-Val de Loire"), ("de ", "Corse"), ("du ", "Grand Est"), ("des ", "Hauts-de-France"),
    ("d'", "Île-de-France"), ("de ", "Normandie"), ("de ", "Nouvelle-Aquitaine"), ("d'", "Occitanie"),
    ("des ", "Pays de la Loire"), ("de ", "Provence-Alpes-Côte d'Azur"), ("de la ", "Guadeloupe"),
    ("de la ", "Martinique"), ("de la ", "Guyane"), ("de ", "La Réunion"), ("de ", "Mayotte"),
)  # fmt: skip


@cache
def _names_pattern(kind: str) -> re.Pattern[str]:
    """The names as a text prints them, the longest first, each a whole word with its capital."""
    names = DEPARTEMENTS if kind == "departement" else REGIONS
    alternatives = sorted((name for _, name in names), key=len, reverse=True)
    spelt = [_SEPARATORS.pattern.join(map(re.escape, _SEPARATORS.split(name))) for name in alternatives]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(spelt)})(?![\w-])")


def first_named(text: str, kind: str) -> tuple[str, str, int, int] | None:
    """(link, name, start, end) of the first département (``kind`` "departement") or région
    ("region") whose name ``text`` prints with its capitals; None when it names none."""
    # (Not a département's name inside a région's: the Loire of "Pays de la Loire" or "Centre-Val
    # de Loire", the Nord of "Hauts-de-France" news headers aside.)
    regions = (
        [(match.start(), match.end()) for match in _names_pattern("region").finditer(text)]
        if kind == "departement"
        else []
    )
    found = next(
        (
            match
            for match in _names_pattern(kind).finditer(text)
            if not any(a <= match.start() < b for a, b in regions)
        ),
        None,
    )
    if found is None:
        return None
    printed = _key(found[0]).casefold()
    names = DEPARTEMENTS if kind == "departement" else REGIONS
    link, name = next((link, name) for link, name in names if _key(name).casefold() == printed)
    return link, name, found.start(), found.end()
