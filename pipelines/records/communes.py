"""France's communes by their official names (INSEE's, in the reference data,
``reference.authorities``): a name as read, looked up however it is printed ("MONTVAL SUR LOIR",
"Montval-sur-Loir"); the town a report's title opens on as a dateline; a name run on into the
next words cut back to the commune's. ``gazetteer`` reads a recueil's entries against one
département's communes."""

from __future__ import annotations

import re
from functools import cache

from archive.record_places import fold_place_name
from pipelines.records.overseas import OVERSEAS_COMMUNES
from pipelines.records.spans import Found
from reference.authorities import read_authorities

# The longest name looked up, in words ("Saint-Germain-de-la-Grange" is five).
_MOST_WORDS = 7
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
# What joins the words of a name in print: a hyphen, a space, an apostrophe, a line break.
_JOINS = re.compile(r"[\s'’-]*")


def name_key(name: str) -> str:
    """A name as the archive folds place names (``fold_place_name``: case, accents, separators and a
    leading article aside), the œ ligature spelt out: "Montval-sur-Loir" and "MONTVAL SUR LOIR" are
    one, and so are "Schœlcher" and "Schoelcher"."""
    return fold_place_name(name.replace("œ", "oe").replace("Œ", "OE"))


@cache
def departements() -> dict[str, str]:
    """The code of each département by its name's key."""
    return {name_key(place.name): place.code for place in read_authorities().named("departement")}


@cache
def communes_of(departement: str) -> dict[str, str]:
    """The official name of each commune of a département by its key. Names of one word under
    four letters ("Ger", "Bû") are left out: as words of a title they are too often something else."""
    return {
        name_key(place.name): place.name
        for place in read_authorities().named("commune")
        if place.departement == departement and not _short(place.name)
    }


def named_at(
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
        name = communes.get(name_key(text[word.start() : words[last].end()]))
        if name is not None:
            return Found(name, word.start(), words[last].end()), last
    return None


@cache
def _french_communes() -> dict[str, str]:
    """The official name of every commune in France by its key (names of one word under four
    letters left out, as in ``communes_of``; a name several communes share is one entry)."""
    return {key: names[-1] for key, names in _spellings().items()}


@cache
def _spellings() -> dict[str, tuple[str, ...]]:
    """The official names of today's communes by their key, in the registry's order, a name as often
    as communes bear it: several when names fold alike ("Saint-Rémy" and "Saint-Remy", "Naves" and
    "Navès"); ``_french_communes`` keeps the last, ``official_name`` the one spelt as read."""
    found: dict[str, list[str]] = {}
    for place in read_authorities().named("commune"):
        if not _short(place.name):
            found.setdefault(name_key(place.name), []).append(place.name)
    return {key: tuple(names) for key, names in found.items()}


# A title that opens on its town as a dateline does: "Saint-Corneille. Quel bilan …", "Chagny -
# conseil municipal …", "Millau : quatre caméras …", "Fresnes , …", or a title that is the
# town alone.
_DATELINE_END = re.compile(r"[ \t]*(?:[.:,;]|[–—-][ \t]|$)", re.MULTILINE)
# Words a title opens on that are also communes' names ("Brèves :", "Ville de …", "Avril 2021"),
# and the départements' names, which open a title about the département as often.
_TITLE_WORDS = frozenset(
    name_key(word)
    for word in ("Brèves", "Ville", "Avril", "Mars", "Maire", "Plan", "Marche", "Table", "Aucun", "Saint")
)
_TITLE_CHARS = 200
# A web page's layout labels left in its text: "Titre\n\nVidéo-protection\n\nChapô" (not the
# commune Le Titre, "Le Titre - Conseil municipal").
_LAYOUT_LABELS = frozenset({"Titre", "Chapô"})


def town_opening_title(text: str) -> Found | None:
    """The commune a report's title opens on, as a dateline ("Chagny - conseil municipal La Ville
    souhaite …" → Chagny), named as INSEE writes it; None when the title opens on anything else,
    on a département's name, or on a word that is also a commune's ("Brèves :")."""
    at = len(text) - len(text.lstrip())
    line_end = text.find("\n", at, at + _TITLE_CHARS)
    title_end = line_end if line_end > 0 else min(len(text), at + _TITLE_CHARS)
    words = list(WORD.finditer(text, at, title_end))
    if not words or words[0].start() != at:
        return None
    if text[at:title_end].strip() in _LAYOUT_LABELS:
        return None
    named = named_at(text, words, 0, _french_communes())
    if named is None or _DATELINE_END.match(text, named[0].end) is None:
        return None
    key = name_key(named[0].value)
    if key in _TITLE_WORDS or key in departements():
        return None
    return named[0]


_NAME_WORD = re.compile(r"[^\s-]+")


@cache
def _short_communes() -> frozenset[str]:
    """The keys of the names of one word under four letters ("Pau", "Ger"; a former commune's
    "Sem"), which ``communes_of`` and the title's town leave out, and which a name read in full
    may be (never a start a name is cut back to: "Sem Vidéo" is no town)."""
    return frozenset(
        name_key(place.name)
        for kind in ("commune", "former_commune")
        for place in read_authorities().named(kind)
        if _short(place.name)
    )


def _short(name: str) -> bool:
    return len(name) < 4 and name.isalpha()


@cache
def _former_communes() -> frozenset[str]:
    """The former communes that live on inside a commune nouvelle ("Sauzé-Vaussais",
    "Cherbourg-Octeville"), named by acts of their time (short ones only whole: ``_short_communes``)."""
    return frozenset(
        name_key(place.name) for place in read_authorities().named("former_commune") if not _short(place.name)
    )


# The quotes an overseas town's name is written with or without: "Faa'a" and "Faaa", "Puna'auia"
# (the Tahitian glottal stop, ʻeta, typed as an apostrophe or a turned comma).
_QUOTES = re.compile(r"['’ʻ]")


def _unquoted(name: str) -> str:
    return name_key(_QUOTES.sub("", name))


@cache
def _overseas_communes() -> frozenset[str]:
    """The overseas collectivities' towns (``overseas``), which INSEE's list leaves out, by their
    keys without quotes."""
    return frozenset(_unquoted(name) for name in OVERSEAS_COMMUNES)


@cache
def _name_starts() -> frozenset[str]:
    """Every start of a commune's name at a word: "brive", "brive la" of "Brive-la-Gaillarde"."""
    starts: set[str] = set()
    for key in (*_french_communes(), *_former_communes(), *_overseas_communes()):
        words = key.split()
        starts.update(" ".join(words[:count]) for count in range(1, len(words)))
    return frozenset(starts)


# Words of a name abbreviated as addresses print them ("94470 BOISSY ST LEGER", "Pont-Ste-Maxence",
# "Fontenay-ss-Bois", "Vitry-s/-Seine", "Charenton-le-Pt"), spelt out to look the name up.
_ABBREVIATED = (
    (re.compile(r"\bste\b"), "sainte"),
    (re.compile(r"\bst\b"), "saint"),
    (re.compile(r"\bss\b"), "sous"),
    (re.compile(r"\bs\b(?= [a-z])"), "sur"),
    (re.compile(r"\bpt\b"), "pont"),
)


def _key(name: str) -> str:
    """A name's key (``name_key``), its abbreviated words spelt out."""
    key = name_key(name)
    for abbreviation, word in _ABBREVIATED:
        key = abbreviation.sub(word, key)
    return key


def _a_commune(name: str) -> bool:
    """Whether a name is a commune's, today's or former, or an overseas town's."""
    key = _key(name)
    return key in _french_communes() or key in _former_communes() or _unquoted(name) in _overseas_communes()


def official_name(name: str) -> str:
    """A commune's name as INSEE writes it, when ``name`` is today's commune however it is printed
    or abbreviated ("St-Etienne-du-Rouvray", "MONTVAL SUR LOIR", "Saint-Martin-De-La-Place"): the
    spelling the archive's map and commune pages fold and match. Any other name as it is (a former
    commune, an overseas town, a start of a name), and one whose article differs from the official
    name's ("Saint", a name cut short, is no "Le Saint")."""
    key = _key(name)
    official = _french_communes().get(key)
    if official is None or _article(official) != _article(name):
        return name
    # (Two communes whose names fold alike, "Saint-Rémy" and "Saint-Remy", "Saïx" and "Saix",
    # "Naves" and "Navès": the one spelt as read, else the name as it is, never the other one.)
    spellings = [
        each for each in dict.fromkeys(_spellings().get(key, ())) if _article(each) == _article(name)
    ]
    if len(spellings) > 1:
        same = [each for each in spellings if _spelling(each) == _spelling(name)]
        # (Printed without accents, "SAINT REMY" may be either.)
        unsure = name.isascii() and not all(each.isascii() for each in spellings)
        return same[0] if len(same) == 1 and not unsure else name
    return official


def _spelling(name: str) -> str:
    """A name's letters as written, accents kept (case, hyphens, apostrophes aside), its
    abbreviated words spelt out ("St Rémy" is "saint rémy")."""
    spelt = " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())
    for abbreviation, word in _ABBREVIATED:
        spelt = abbreviation.sub(word, spelt)
    return spelt


_ARTICLE = re.compile(r"\s*(l['’]|les\b|le\b|la\b)", re.IGNORECASE)


def _article(name: str) -> str:
    found = _ARTICLE.match(name)
    return found[1].casefold().replace("’", "'") if found is not None else ""


def known_commune(name: str, heading: bool = False) -> str | None:
    """A commune's name as read, cut to the longest start that is a commune's when the whole is
    none ("Labégude Jean-Yves Ponthier", "Marseille Vendredi", "Tonnerre Pref": a name run on into
    the next words); a town of New Caledonia or Polynesia as read (``overseas``); a name shortened
    or abbreviated as people write it ("Brive", "St Quentin", "BOISSY ST LEGER") as read; None for
    a département's name ("Le Haut-Rhin") and for a name that starts no commune's (a country, a
    district, a stadium: "la commune du Sénégal", "la ville de Boston"), unless it is read in a
    council's own ``heading`` ("Ville de Testville - Conseil municipal du 12 mars 2024": a town
    names itself there, even one a list does not know, such as a test's or a demo's)."""
    key = _key(name)
    if _a_commune(name) or key in _short_communes():
        return name
    if key in departements():
        return None
    # (Starts of the longest name's words at most: a run of thousands of words is cut back fast.)
    words = list(_NAME_WORD.finditer(name))
    for last in range(min(len(words) - 2, _MOST_WORDS - 1), -1, -1):
        start = name[: words[last].end()]
        if _a_commune(start) and _key(start) not in _TITLE_WORDS:
            return start
    if heading or key in _name_starts():
        return name
    return None
