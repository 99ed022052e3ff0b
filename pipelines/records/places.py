"""Where a decision is: the commune of its system, from an address ("50700 VALOGNES"), a town
with its département ("à Avranches (50)"), "la commune de …", or where a page says it is."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipelines.dates import MONTH_NAMES as MONTHS
from pipelines.dates import WEEKDAY_NAMES
from pipelines.records.communes import known_commune, name_key, official_name, town_opening_title
from pipelines.records.gazetteer import commune_in_entry
from pipelines.records.spans import (
    GAP,
    RANKED_BEFORE,
    Found,
    decision_part,
    first_surveillance_entry,
    in_one_case,
)

# "50700 VALOGNES"; the Manche's bulletins also print "50 CARENTAN-LES-MARAIS" (not "21 SEPTEMBRE",
# nor the year of "6/07/25" before a title).
# A département's two digits and the town are on one line (a postcode's five may end it): a page's
# number before a heading on the next line ("23\nPREFET") is not an address, nor is a heading's
# word after a day or a page ("27 AUTORISATION DRONE", "19\nANNEXE"), nor an act's identifier
# ("05-2025-09-10-00002").
_NOT_TOWNS = (
    r"PR[ÉE]FE\w*|DIRECTION|ANNEXE|PUBLI[ÉE]|AUTORISATION|ARR[ÊE]T[ÉE]|A R R|SOMMAIRE|RECUEIL|CABINET|SERVICE"
    # (The Gironde's "RAA 33 SPECIAL N° 2025-227".)
    r"|SP[ÉE]CIAL"
)
_POSTCODE_TOWN = re.compile(
    rf"(?<![/.-])\b(?:\d{{5}}\s+|\d{{2}}[ \t]+)(?!(?i:{MONTHS})\b)(?!(?:{_NOT_TOWNS})\b)"
    r"(?P<town>[A-ZÀ-Ý][A-ZÀ-Ý' -]{2,60}[A-ZÀ-Ý])\b"
    # (Not an office's postal address: "94011 CRETEIL CEDEX".)
    r"(?<!CEDEX)(?!\s+CEDEX\b)"
)
# (A joining word in capitals is never also a name's word, and is followed by its space or hyphen,
# two of them at most, "SAINT-MARTIN-DE-LA-PLACE": read two ways, "à Ab DEAb DEAb …" took time
# doubling with each word.)
_JOINED_IN_CAPITALS = r"(?:LE|LA|LES|SUR|EN|DE|DU|DES)"
# A name's next word, after its space or hyphen and its joining words.
_NEXT_TOWN_WORD = (
    r"(?:[ -](?:(?:sur|en|de|du|des|la|le|les|"
    + _JOINED_IN_CAPITALS
    + r")[ -]){0,2}(?:l['’][ -]?|d['’][ -]?)?"
    r"(?!" + _JOINED_IN_CAPITALS + r"\b)[A-ZÀ-Ý][\w'’]+)"
)
_TOWN_WORDS = r"[A-ZÀ-Ý][\w'’]+" + _NEXT_TOWN_WORD + "*"
# (A name of nine words at most, where "sur" also starts a match: each "sur" of "Ab sur Ab sur Ab …"
# starting a name run to the text's end took time growing with its square.)
_FEW_TOWN_WORDS = r"[A-ZÀ-Ý][\w'’]+" + _NEXT_TOWN_WORD + "{0,8}"
# "sur la commune du Port": the town is "Le Port".
_OF_THE_COMMUNE_DU = re.compile(rf"(?i:commune){GAP}du{GAP}(?P<du>{_TOWN_WORDS})")
_OF_THE_COMMUNE = re.compile(
    # "la commune de Fouras", a flight "sur la ville de Lourdes".
    rf"(?:(?i:commune|sur{GAP}la{GAP}ville){GAP}(?:(?i:de){GAP}|(?i:d)['’])"
    # "le maire de Sancy", "le maire PS de Sancy", "maire (LR) d'Asnières-sur-Seine".
    rf"|(?i:maire)(?:{GAP}(?:\([^)]{{1,30}}\)|[A-Z]{{2,6}}))?{GAP}(?:(?i:de){GAP}|(?i:d)['’]))(?P<town>{_TOWN_WORDS})"
)
# A page's title that says where: "Vidéoprotection à Chapareillan. Quels espaces seront filmés ?",
# "Vidéoprotection – 14 caméras installées à Cesson-Sévigné".
# (Not a contractor: "marché attribué à Sturno Telecom", "fait appel à Orange Business".)
_TITLE_TOWN = re.compile(
    rf"(?<!attribué\s)(?<!attribuée\s)(?<!confié\s)(?<!confiée\s)(?<!appel\s)(?<![\w'’])[àÀ]\s+(?P<town>{_TOWN_WORDS})"
)
# "Champs-sur-Marne (Seine-et-Marne)", "Nérac (6 885 hab ; Lot-et-Garonne)": a town and its
# département, whose name has a hyphen (a single word in brackets may be a party or a group).
_TOWN_AND_DEPARTEMENT = re.compile(
    rf"(?P<town>{_TOWN_WORDS})\s+\((?:[^();]{{1,30}};\s*)?[A-ZÀ-Ý][\w'’]+(?:-(?:et-|sur-|de-|du-)?[A-ZÀ-Ý][\w'’]+)+\)"
)
# Words a title's "à" is followed by that name no place.
_NOT_PLACES = re.compile(r"^(?:Noël|Pâques|La|Le|Les|L['’]|Un|Une|Ce|Cette|Chaque|Tout|Toute|Partir)\b")


# A lead that opens on its place, as a dateline: "À Bastia, 67 caméras de vidéoprotection …".
_LEAD_TOWN = re.compile(rf"\A\s*(?:[ÀA])\s+(?P<town>{_TOWN_WORDS})\s*,")
# Further down a page, where it says its village is ("le village de Bisinchi", "le village de 680
# habitants de la Vieille-Lyre", its article in small letters), a paragraph opening on a town ("A
# Aumont-Aubrac, petite commune de 500 habitants, …"), or a town its cameras were put up in ("cinq
# cameras ont été mises en fonctionnement à Fessy"); not a feast ("le village de Noël").
_NOT_A_FEAST = r"(?!(?:Noël|Pâques|Toussaint)\b)"
_VILLAGE = re.compile(
    rf"(?i:village)(?:\s+de\s+\d{{1,3}}(?:[  .]\d{{3}})*\s+habitants)?\s+"
    rf"(?:de\s+(?:(?P<article>la|le)\s+(?=[A-ZÀ-Ý]))?|d['’])(?!(?:la|le)\s){_NOT_A_FEAST}(?P<town>{_TOWN_WORDS})"
)
# (Not a town a page compares itself with: "A Nice, la ville la plus surveillée de France", "les
# deux caméras installées à Nice", "à côté des 1 200 caméras installées à Montpellier".)
_PARAGRAPH_TOWN = re.compile(
    rf"^[ \t]*(?:[ÀA])\s+{_NOT_A_FEAST}(?P<town>{_TOWN_WORDS})\s*,(?!\s*(?:la\s+)?ville\s+la\s+plus)",
    re.MULTILINE,
)
_CAMERAS_PUT_AT = re.compile(
    r"(?i:cam[ée]ras?)(?:(?!(?i:cam[ée]ra))[^.\n]){0,60}?(?i:install[ée]e?s?|mises?\s+en\s+(?:service|fonctionnement|place)|d[ée]ploy[ée]e?s?)"
    rf"\s+[àa]\s+(?P<town>{_TOWN_WORDS})"
)


def _of_the_commune(found: re.Match[str], part: str) -> bool:
    return not RANKED_BEFORE.search(part, max(0, found.start() - 25), found.start())


# An address that is not the system's: the prefecture's own ("BP 71014 - 57034 METZ CEDEX 1"), a
# person's ("demeurant 1 chemin des Renards – 03500 MONTORD").
_CEDEX = re.compile(r"\s+CEDEX\b")
_LIVING = re.compile(r"demeurant|domicili[ée]|\bBP\s*\d", re.IGNORECASE)


def _the_system_s_address(found: re.Match[str], part: str) -> bool:
    return _CEDEX.match(part, found.end("town")) is None and not _LIVING.search(
        part, max(0, found.start() - 80), found.start()
    )


def _reported_town(text: str) -> re.Match[str] | None:
    """Where a page says its decision is: a town in its title or opening its lead, or a town
    with its département."""
    title_end = text.find("\n", 0, 200)  # a title is a short first line
    title = _TITLE_TOWN.search(text, 0, title_end) if title_end > 0 else None
    if title is not None and not _NOT_PLACES.match(title["town"]):
        return title
    found = _LEAD_TOWN.match(text) or _TOWN_AND_DEPARTEMENT.search(text, 0, 600)
    if found is not None:
        return found
    return (
        _VILLAGE.search(text, 0, 1500)
        or _PARAGRAPH_TOWN.search(text, 0, 800)
        or next(
            (
                put
                for put in _CAMERAS_PUT_AT.finditer(text, 0, 1500)
                if not _A_PARK_BEFORE.search(text, max(0, put.start() - 30), put.start())
            ),
            None,
        )
    )


# A park counted with its article, already there ("les deux caméras installées à Nice").
_A_PARK_BEFORE = re.compile(
    r"\b(?:les|des|ses)\s+(?:\d[\d  .]*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|cent)\s*$",
    re.IGNORECASE,
)


# "à Avranches (50)", "A Fronton (Haute-Garonne)": a town with its département's code or name.
_TOWN_DEPARTEMENT = re.compile(
    # ("… 413 route de Lyon à MESSIA SUR\nSORNE (39570)": a postcode, a name wrapped.)
    # (Not a contractor: "marché unique attribué à STURNO TELECOM SA (50300)".)
    r"(?<!attribué\s)(?<!attribuée\s)\b[àaÀA]\s+(?P<town>[A-ZÀ-Ý][\w'’ -]{2,40}?(?:\s(?:SUR|SOUS|LES|LE|LA|EN|DE)\n[A-ZÀ-Ý][\w'’ -]{1,30}?)?)"
    r"\s+\((?:\d{2}|\d{5}|2A|2B|[A-ZÀ-Ý][\w'’]+(?:-[\w'’]+)*)\)"
)


# A recueil's summary entry that ends on its town: "… concernant l'agence La Poste sise place Léon
# Debouverie à Amiens (2 pages)", "… sur des aéronefs les 24 et 25 janvier 2026 à Grasse (4 pages)".
_ENTRY_TOWN = re.compile(rf"\b[àa]\s+(?P<town>{_TOWN_WORDS})\s*\(\d+\s+pages?\)")
# The Loire-Atlantique's titles: "… à la société SNC Tabac presse des échoppes (dossier 2008-0890) –
# Bouaye" (a name may wrap at its hyphen: "– Saint-\nHerblain").
_FILED_TOWN = re.compile(
    r"\(dossier\s+[\d-]+\)\s*[–-]\s*(?P<town>[A-ZÀ-Ý][\w'’]+(?:(?:[ -]|-\n)[A-ZÀ-Ý][\w'’]+)*)"
)
# A flight's place and day in its title: "à l'occasion de manifestations à Paris le dimanche 6
# octobre 2024", "le 10 septembre 2025, à Montpellier".
_FLOWN_OVER = re.compile(
    # (A space lost before the day: "mobilisation des agriculteurs a Cestasdu mercredi 24 décembre".)
    # ("… aéronefs sur Bordeaux le 14 septembre 2025": over the town.)
    rf"\b(?:[àa]|sur)\s+(?P<town>{_FEW_TOWN_WORDS})(?=(?:\s*,)?\s*(?:le|les|du)\s+(?:\d|{WEEKDAY_NAMES}))"
    rf"|\d{{4}},\s+[àa]\s+(?P<after>{_TOWN_WORDS})\b"
)
# The aircraft's town right after them in a title: "… caméras installées sur des aéronefs à Paris
# applicables à l'occasion du Forum de Paris sur la paix"; not one of several places ("à Paris et
# dans le Val-de-Marne").
_AIRCRAFT_AT = re.compile(rf"a[ée]ronefs\s+[àa]\s+(?P<town>(?>{_TOWN_WORDS}))(?!\s*(?:,|et\s))")
# A town hall's system: "MAIRIE BLAUZAC 2024", "vidéoprotection – mairie d'ANCERVILLE".
_TOWN_HALL = re.compile(
    r"\b(?-i:MAIRIE|[Mm]airie)\s+(?:d['’]\s?|de\s+)?(?P<town>[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*(?:\s[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*)*)\b"
)
# The readers, in this order; each with its test of a match, or None.
_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], bool] | None], ...] = (
    # (A recueil's first surveillance entry first: the acts printed after its summary may be
    # others, "Commune de Lieu-Saint-Amand" in a road works' arrêté before the flight over Ronchin.)
    (_ENTRY_TOWN, lambda found, part: _a_whole_commune(found["town"])),
    (_POSTCODE_TOWN, _the_system_s_address),
    (_TOWN_DEPARTEMENT, None),
    (_OF_THE_COMMUNE, _of_the_commune),
    (_OF_THE_COMMUNE_DU, None),
    (_FILED_TOWN, None),
    (_FLOWN_OVER, lambda found, part: _not_cut(found)),
    (_AIRCRAFT_AT, None),
    (_TOWN_HALL, None),
)


def _not_cut(found: re.Match[str]) -> bool:
    """A town whose day's article ran into it ("à Nicele mardi") is cut back to a commune's whole
    name, not to a part of a longer one ("à Marseille samedi" is no "Marseil" + "le"); a name after
    "sur" is a commune's ("sur Bordeaux le 14 septembre", not "publié sur Facebook le 3 mai", which
    leaves the later readers to read the town)."""
    if found["town"] is None:
        return True
    if found[0][:3].lower() == "sur":
        # (A whole commune's name: not "Grand" of "sur Grand Paris Sud le 1er juin", "Nice" of
        # "sur Nice-Matin le 4 mai", "Orange" of "sur Orange Vélodrome".)
        return _a_whole_commune(found["town"])
    if found.string[found.end("town")] in " \t\n,\u00a0":
        return True
    return known_commune(_spelt(_one_line(in_one_case(found["town"])))) is not None


def _a_whole_commune(written: str) -> bool:
    """Whether a name is a commune's whole name, not a place a commune's name starts
    ("SAINT-QUENTIN-EN-YVELINES", "MARNE-LA-VALLÉE" are no Saint-Quentin, no Marne)."""
    as_read = _spelt(_one_line(in_one_case(written)))
    known = known_commune(as_read)
    return known is not None and name_key(known) == name_key(as_read)


def _one_line(written: str) -> str:
    """A name read across line wraps: "MESSIA SUR\nSORNE" → "MESSIA SUR SORNE", "Saint-\nHerblain" →
    "Saint-Herblain"."""
    return re.sub(r"-\s+", "-", " ".join(written.split())).strip(" -")


def _spelt(town: str) -> str:
    """A name in capitals spelt as in a sentence ("VALOGNES" → "Valognes"), others as written."""
    return town.title() if town.isupper() else town


def _group(found: re.Match[str]) -> str:
    """Where a match holds its town ("le 10 septembre 2025, à Montpellier": after the day)."""
    if "du" in found.re.groupindex:
        return "du"
    return "after" if "after" in found.re.groupindex and found["after"] else "town"


def _read(text: str, start: int, end: int) -> tuple[re.Match[str], int] | None:
    part = text[start:end]
    for pattern, fits in _READERS:
        for found in pattern.finditer(part):
            if (fits is None or fits(found, part)) and first_surveillance_entry(
                text, start + found.start(_group(found))
            ):
                return found, start
    return None


_DAY_RUN_INTO = re.compile(r"(?<=[a-zé])(?:le|les|du)$")
_A_DAY_AFTER = re.compile(rf"\s+(?:\d|{WEEKDAY_NAMES})", re.IGNORECASE)


def commune(text: str) -> Found | None:
    """The commune where the system is: "50700 VALOGNES", "à Avranches (50)"; in a recueil's
    summary, only in the first entry about surveillance (the others list other acts). Read in
    the decision's article, else in the act's title and heading before it. Named as INSEE writes
    it (``official_name``: "St-Etienne-du-Rouvray" is Saint-Étienne-du-Rouvray), its span the
    name as printed."""
    found = _commune_as_read(text)
    return Found(official_name(found.value), found.start, found.end) if found is not None else None


def _commune_as_read(text: str) -> Found | None:
    start, end = decision_part(text)
    read = _read(text, start, end)
    if read is None and start > 0:
        read = _read(text, 0, start)
    if read is None and (listed := commune_in_entry(text)) is not None:
        return listed  # a recueil's entry that prints its town bare ("… DIPN TDF Valence RAA")
    if read is None:
        if (start, end) != (0, len(text)):
            return None
        reported = _reported_town(text)
        if reported is None:
            return town_opening_title(text)
        read = (reported, 0)
    if read is None:
        return None
    match, offset = read
    group = _group(match)
    written = in_one_case(match[group])
    town = _one_line(written)
    if group == "du":
        town = f"Le {town}"
    elif "article" in match.re.groupindex and match["article"]:
        town = f"{match['article'].title()} {town}"
    start = offset + match.start(group)
    as_read = _spelt(town)
    known = known_commune(as_read)
    glued = _DAY_RUN_INTO.search(as_read) if known is None else None
    if glued is not None and _A_DAY_AFTER.match(text, offset + match.end(group)):
        # "sur la commune de Bordeauxle 14 septembre 2025": a day's article run into the town.
        cut_off = len(as_read) - glued.start()
        as_read, written = as_read[: glued.start()], written[:-cut_off]
        known = known_commune(as_read)
    if known is None:
        return None
    # (Cut back to a commune's name, its span is the name's, without the article "du" gave it.)
    cut = known.removeprefix("Le ") if group == "du" else known
    return Found(known, start, start + (len(written) if known == as_read else len(cut)))
