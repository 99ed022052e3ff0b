"""Who took a decision (the authority): a prefecture, a council, a département or a région, a
court, from a document's opening or a report's deciding sentence. Who it is for and with is
``beneficiaries``; where it is (the commune), ``places``."""

from __future__ import annotations

import re

from pipelines.records.communes import known_commune
from pipelines.records.departements import departement_at
from pipelines.records.spans import RANKED_BEFORE, Found, in_one_case

# A place's name: "Manche", "Alpes-Maritimes", "Ille-et-Vilaine", "Saint-Martin-de-Londres".
# "BOUCHES-DU-RHONE" as the recueils print it, "Saint-Germain-des-Prés"; a hyphen may end a line
# ("DE LA SEINE-SAINT-\nDENIS") or follow a space ("Bouches -du-Rhône").
_JOIN = r"(?:[ ]|[ ]?-\n?)"
_PLACE = (
    r"(?P<place>[A-ZÀ-Ý][\w'’]+"
    # "Saint Jean d'Angely": an apostrophe joins without a space.
    rf"(?:(?:{_JOIN}(?:(?i:sur|en|et|de|du|des|aux|la|le|les|l['’]|d['’]){_JOIN}|(?i:l['’]|d['’]))?"
    # Joined by hyphens only, lest a sentence run on: "Pointe-à-Pitre", "Aulnay-sous-Bois",
    # "Flines-lès-Mortagne".
    r"|-(?i:[àa]|sous|l[èe]s)-)[A-ZÀ-Ý][\w'’]+)*)"
)
# The word between a body and its place: "de la Manche", "de l'Hérault", "du Gard", "d'Avranches".
_LINK = r"(?:de\s+la|de\s+l['’]|de\s+(?-i:L)\s+(?=[AEIOUYÉÈÂÎ])|des|du|de|d['’])"  # "DE L YONNE": its apostrophe lost
# (A préfète too; a space lost before the place in capitals: "PRÉFETDE L'HÉRAULT", "PREFETEDE L'AIN";
# not a sous-préfecture's town: "la sous-préfecture de Coutances", "le Sous-Préfet de Valenciennes".)
_PREFECTURE = re.compile(
    r"(?<!(?i:sous)-)(?<!(?i:sous) )(?i:pr[ée]f[eè]te?|pr[ée]fecture|recueil\s+des\s+actes\s+administratifs)(?:\s+|(?=D[EU]\b|DES\b|D['’]))"
    rf"(?P<link>(?i:{_LINK}))\s*{_PLACE}"
)
# Paris's prefecture of police signs the drone and video authorisations of Paris and its suburbs;
# in a text without an arrêté of its own it is a partner or a subject ("une convention avec la
# Préfecture de police", "la Préfecture de police a présenté"), not who decided.
_POLICE_PREFECTURE = re.compile(r"pr[ée]fecture\s+de\s+police(?:\s+de\s+Paris)?", re.IGNORECASE)
# A page's "la préfecture de police", "le préfet de police Laurent Nuñez" (Paris's: not the
# Bouches-du-Rhône's "préfet de police des Bouches-du-Rhône").
_POLICE_NAMED = re.compile(
    r"\bpr[ée]f(?:ecture|[eè]te?)\s+de\s+police\b(?!\s+(?:des|du|de\s+la|d['’])\s)(?:\s+de\s+Paris)?",
    re.IGNORECASE,
)


def police_prefecture_named(text: str) -> Found | None:
    """Paris's prefecture of police, as a page names it, or None."""
    named = _POLICE_NAMED.search(text, 0, 3000)
    return Found("Préfecture de police de Paris", named.start(), named.end()) if named is not None else None


# Its arrêtés open on "Le préfet de police," (Paris's; the Bouches-du-Rhône's is "déléguée").
# (Or on a line of its own: "LE PREFET DE POLICE\nVu le code …".)
_POLICE_PREFECT_SIGNS = re.compile(
    r"^\s*le\s+pr[ée]fet\s+de\s+police[^\S\n]*(?:,|\n(?!\s*(?:des|du|de\s+la|d['’])\s))",
    re.IGNORECASE | re.MULTILINE,
)
_PREFECT_DECIDES = re.compile(
    # ("Arrêté n 2024-01836 du 18 décembre 2024": its "°" lost.)
    r"\bARR[ÊE]TE\b|\b[Aa]rr[êe]t[ée]\s+n(?:°|\s+\d)|^\s*(?i:le\s+pr[ée]fet\s+de\s+police)\b",
    re.MULTILINE,
)
# Outside Paris only the Bouches-du-Rhône has a prefect of police (a "préfète de police déléguée"
# since 2025): its recueil's summary files her arrêtés under her prefecture, her heading names her.
_BOUCHES_DU_RHONE_POLICE = re.compile(
    r"^[ \t]*(?:(?:la|le)\s+)?pr[ée]f(?:ecture|[eè]te?)\s+de\s+police\b", re.IGNORECASE | re.MULTILINE
)
_AN_ARRETE = re.compile(r"\barr[êe]t[ée]\b", re.IGNORECASE)
_FIRST_RECITAL = re.compile(r"(?:^|[,;:])\s*[-–•]?\s*vu\b", re.IGNORECASE | re.MULTILINE)
# Paris's council is the Conseil de Paris, a municipal and (since 2019) departmental council.
_PARIS_COUNCIL = re.compile(r"\bconseil\s+de\s+Paris\b", re.IGNORECASE)
_COUNCIL = re.compile(
    r"(?i:conseil\s+municipal\s+de\s+la\s+(?:ville|commune)\s+d['’]|conseil\s+municipal\s+de\s+la\s+(?:ville|commune)\s+de"
    r"|conseil\s+municipal\s+d['’]|conseil\s+municipal\s+de|(?:mairie|ville|commune)\s+(?:de|d['’]))\s*"
    rf"{_PLACE}"
    # "Conseil Municipal du Mans": the town is "Le Mans".
    rf"|(?i:conseil\s+municipal|ville|commune)\s+(?P<du>(?i:du))\s+{_PLACE.replace('place', 'place_du')}"
)


COUNCIL_OF = "Conseil municipal de "

# A département or a région named as the subject of what it does ("le Conseil départemental a
# voté", "la Région Hauts-de-France propose des aides", "le Département finance"): who decided, in
# a report that names no council or prefect. Named in passing ("une aide du Département"), it is not.
_DOES = (
    r"\s+(?:a\b|ont\b|va\b|vient\b|avait\b|d[ée]cid|vot|financ|accord|attribu|install|investi|dot|propos"
    r"|lanc|sign|subventionn|consacr|d[ée]bloqu|aide|agit|s['’]\s?engage|poursui)"
)
_BODY_AND_PLACE = (
    r"\b(?P<body>(?i:conseil\s+d[ée]partemental)|D[ée]partement|(?i:conseil\s+r[ée]gional)|R[ée]gion)"
    # Its place ("du Gard"), or a région's name ("Hauts-de-France").
    rf"(?:\s+(?P<link>{_LINK})\s*{_PLACE}|\s+(?P<region>[A-ZÀ-Ý][\w'’]+(?:-[\w'’]+)*))?"
)
# Then maybe "(CoVe)" or ", …," and what it does; or after what it pays for: "un outil … financé
# par la Région Guyane à hauteur de 800 000 euros".
_COUNTY_OR_REGION = re.compile(rf"{_BODY_AND_PLACE}(?:\s*\([^)]{{0,40}}\))?(?:,[^,.]{{0,80}},)?{_DOES}")
_FUNDED_BY = re.compile(
    rf"(?i:\b(?:co)?financ[ée]e?s?|\bsubventionn[ée]e?s?)\s+par\s+(?i:le|la)\s+{_BODY_AND_PLACE}"
)


def prefecture_named(text: str) -> Found | None:
    """The prefecture a text's opening names ("PRÉFET DE LA MANCHE" → Préfecture de la Manche),
    but Paris's prefecture of police (``authority``) and a recueil's cut heading ("DE LA
    PREFECTURE DU" before a line break)."""
    # The first that names a département; else the first whose name two columns did not cut
    # ("PREFETDES ALPES- Cabinet du préfetMARITIMES"). A sous-préfecture's town or a recueil's
    # word before it ("SOUS-PRÉFECTURE DE COUTANCES … PRÉFET DE LA MANCHE") is not the prefecture.
    # ("PREFECTURE DE L’  RECUEIL DES ACTES": the Aisne lost from the text layer.)
    named = [found for found in _PREFECTURE.finditer(text, 0, 1500) if not _NO_PLACE.match(found["place"])]
    prefecture = next(
        (found for found in named if departement_at(text, found.start("place")) is not None),
        next((found for found in named if text[found.end() : found.end() + 2] != "- "), None),
    )
    if prefecture is None:
        return None
    place, link = _named(prefecture["place"]), prefecture["link"]
    # "RECUEIL DES ACTES ADMINISTRATIFS DE LA PRÉFECTURE DE LA MEUSE": the place after the word.
    repeated = re.match(rf"pr[ée]fecture\s*(?:(?P<link>{_LINK})\s*)?(?P<place>.*)", place, re.IGNORECASE)
    if repeated is not None:
        place, link = repeated["place"].strip(), repeated["link"] or link
    if not place or place.casefold() == "police":
        return None
    # A département's name as INSEE writes it, however the text layer cut or ran it on.
    at = prefecture.start("place") + (repeated.start("place") if repeated is not None else 0)
    departement = departement_at(text, at)
    if departement is not None:
        return Found(f"Préfecture {departement[0]}{departement[1]}", prefecture.start(), prefecture.end())
    return Found(f"Préfecture {_before_place(link)}{place}", prefecture.start(), prefecture.end())


# A recueil's summary (as the State's sites print it) files each act under the service that took
# it, on a line of its own: "Sous-Préfecture du Havre / CABINET", "63_Pref_Préfecture du
# Puy-de-Dôme / Cabinet", "Préfecture de la région Centre-Val de Loire et du Loiret / Cabinet-BSP";
# an act's page repeats it in its footer: "Sous-Préfecture du Havre - 76-2026-01-09-00010 - Arrêté".
_SERVICE_LINE = re.compile(
    r"^(?:\d{2,3}_\w+?_)?(?P<service>(?:(?P<sous>(?i:sous))-)?(?i:pr[ée]fecture)\s+[^/\n]{2,90}?)(?:\s+/|\s+-\s+\d)",
    re.MULTILINE,
)
# The prefect of a région is also the prefect of its chief département, and signs as both.
_REGIONAL = re.compile(r"^pr[ée]fecture\s+de\s+la\s+r[ée]gion\s", re.IGNORECASE)
# Such a recueil opens on its département's name: "SEINE-MARITIME\nRECUEIL DES ACTES".
_RECUEIL_OF = re.compile(r"\A\s*(?P<name>[^\n]{3,40})\n\s*RECUEIL\s+DES\s+ACTES")
SERVICE_REACH = 1500


def service_filing(text: str, at: int) -> tuple[Found, bool] | None:
    """Who took an act that a summary's service line (the last within ``SERVICE_REACH``
    characters before ``at``) files under a regional prefecture (named as written) or a
    sous-préfecture: the prefecture of the département whose recueil it is, since a sous-préfet
    signs for the prefect (the labels' convention since the first Manche recueil); with whether
    it is a regional prefecture, which speaks over whatever prefect the opening names. None for a
    département's own prefecture, which ``authority`` names from the opening."""
    lines = list(_SERVICE_LINE.finditer(text, max(0, at - SERVICE_REACH), at))
    if not lines:
        return None
    service = lines[-1]
    if _REGIONAL.search(service["service"]) is not None:
        name = " ".join(service["service"].split())
        return Found(name[0].upper() + name[1:], service.start("service"), service.end("service")), True
    named = recueil_cover(text) if service["sous"] else None
    return (named, False) if named is not None else None


def recueil_cover(text: str) -> Found | None:
    """The prefecture whose recueil opens on its département's name ("HAUTES-ALPES\nRECUEIL DES
    ACTES ADMINISTRATIFS"), or None."""
    recueil = _RECUEIL_OF.match(text)
    if recueil is None:
        return None
    departement = departement_at(text, recueil.start("name"))
    if departement is None or len(_named(recueil["name"])) > len(departement[1]) + 2:
        return None
    return Found(f"Préfecture {departement[0]}{departement[1]}", recueil.start("name"), recueil.end("name"))


_NO_PLACE = re.compile(r"RECUEIL\b", re.IGNORECASE)
_AROUND_PARIS = frozenset(
    ("Préfecture des Hauts-de-Seine", "Préfecture de la Seine-Saint-Denis", "Préfecture du Val-de-Marne")
)


def authority(text: str) -> Found | None:
    """Who took the acts of a document, from its opening: "PRÉFET DE LA MANCHE", "RECUEIL DES
    ACTES ADMINISTRATIFS DE LA MANCHE" (a prefecture), "Conseil Municipal de la Ville de
    Montpellier", "COMMUNE DE …" (a commune). The place must be capitalised, as names are. The
    body named first wins: a council's report may cite the prefect further down."""
    head = text[:1500]
    found: list[Found] = []
    prefecture = _PREFECTURE.search(head)
    named = prefecture_named(head)
    if named is not None:
        found.append(named)
    police = _POLICE_PREFECTURE.search(head) or _POLICE_PREFECT_SIGNS.search(head)
    if police is not None and _PREFECT_DECIDES.search(text, 0, 5000):
        found.append(Found("Préfecture de police de Paris", police.start(), police.end()))
        # In Paris the prefect of police authorises cameras and drones (CSI L.252-1, L.242-5):
        # an arrêté he signs, or one his services head in the Préfecture de Paris's recueil.
        signs = _POLICE_PREFECT_SIGNS.search(head)
        if signs is not None or (prefecture is not None and prefecture["place"].casefold() == "paris"):
            return Found("Préfecture de police de Paris", police.start(), police.end())
        # His powers reach the three départements around Paris: their recueils publish his arrêtés
        # ("PREFET DES HAUTS-DE-SEINE … RECUEIL DES ACTES ADMINISTRATIFS PRÉFECTURE DE POLICE").
        if named is not None and named.value in _AROUND_PARIS:
            return Found("Préfecture de police de Paris", police.start(), police.end())
    if named is not None and named.value == "Préfecture des Bouches-du-Rhône":
        # (Named before the first recital: a visa may name the prefect of police's nomination.)
        recital = _FIRST_RECITAL.search(head)
        delegated = _BOUCHES_DU_RHONE_POLICE.search(head, 0, recital.start() if recital else len(head))
        if delegated is not None and _AN_ARRETE.search(text, 0, 5000):
            return Found("Préfecture de police des Bouches-du-Rhône", delegated.start(), delegated.end())
    paris = _PARIS_COUNCIL.search(head)
    if paris is not None:
        found.append(Found("Conseil de Paris", paris.start(), paris.end()))
    council = next(
        (
            found
            for found in _COUNCIL.finditer(head)
            if not RANKED_BEFORE.search(head, max(0, found.start() - 25), found.start())
            and not _COMPARED_BEFORE.search(head, max(0, found.start() - 25), found.start())
        ),
        None,
    )
    if council is not None:
        place = council["place"] if council["place"] else "Le " + _named(council["place_du"])
        # A name run on into the next word ("Ville de Marseille Vendredi 8 février") is cut back
        # to the commune's; a département's ("commune du Haut-Rhin") is no council's.
        # (A council's name on the text's first line is its heading: the town names itself.)
        town = known_commune(_named(place), heading="\n" not in head[: council.start()])
        if town is not None:
            found.append(Found(f"{COUNCIL_OF}{town}", council.start(), council.end()))
    # A recueil that opens on its département's name is its prefecture's, whatever commune its
    # summary names ("… sur le torrent du Drac, commune de St-Bonnet-en-Champsaur").
    cover = recueil_cover(head) if not any(body.value.startswith("Préfecture") for body in found) else None
    if cover is not None:
        found.append(cover)
    if not found:
        return _county_or_region(head)
    return min(found, key=lambda item: item.start) if found else None


# Words that follow a town's name in a council's opening written in capitals ("LA GAUDE DUMENT
# CONVOQUE LE MERCREDI"): no town's name holds them.
_AFTER_NAME = re.compile(
    r"\b(?<!-)(?:D[ÛU]MENT|CONVOQU\w*|R[ÉE]UNI\w*|S[ÉE]ANCE|SOUS|LORS|EN\s+S[ÉE]ANCE|RELATI(?:F|VE)S?|PORTANT|CONCERNANT"
    r"|LE\s+(?:LUNDI|MARDI|MERCREDI|JEUDI|VENDREDI|SAMEDI|DIMANCHE))\b.*$",
    re.IGNORECASE | re.DOTALL,
)


def _before_place(link: str) -> str:
    """ "DE LA" → "de la ", "d’" → "d’": the link as it is written before a place's name."""
    link = " ".join(link.lower().split())
    return link if link.endswith(("'", "’")) else link + " "


# A place's name run into the next word by a lost space ("Le préfet des Alpes-MaritimesChevalier
# de la Légion d'Honneur"): no name has a capital after a small letter.
_ELIDED = re.compile(r"\b[ld]['’]")
_ELIDED_TITLED = re.compile(r"(?<=[-\s])[LD]['’]")
_RUN_INTO = re.compile(r"(?<=[a-zà-ÿ])[A-ZÀ-Ý].*$", re.DOTALL)
# A name in capitals run into the next line's word, as the Republic's motto under a prefect's
# title: "PREFETDE POLICELiberté ¥EgalitéFraternité".
_CAPITALS_RUN_INTO = re.compile(r"(?<=[A-ZÀ-Ý][A-ZÀ-Ý])(?=[A-ZÀ-Ý][a-zà-ÿ]).*$", re.DOTALL)


def _named(place: str) -> str:
    """A place as it is written in a sentence: "MANCHE" → "Manche", "Montpellier" unchanged,
    "SEINE-SAINT-\nDENIS" → "Seine-Saint-Denis"."""
    place = re.sub(r"\s*-\s*", "-", _RUN_INTO.sub("", in_one_case(_CAPITALS_RUN_INTO.sub("", place))))
    place = _AFTER_NAME.sub("", place).strip() or place
    # "SAINT-OUEN-l’AUMÔNE" is in capitals but for its elided article.
    if not _ELIDED.sub("", place).isupper():
        return place
    return _ELIDED_TITLED.sub(lambda article: article[0].lower(), place.title())


def _county_or_region(head: str) -> Found | None:
    """ "le Conseil départemental a voté" → Conseil départemental; "la Région Hauts-de-France
    propose" → Région Hauts-de-France; "le Département du Gard finance" → Conseil départemental
    du Gard (the département's council is the département); "financé par la Région Guyane" →
    Région Guyane."""
    match = _COUNTY_OR_REGION.search(head) or _FUNDED_BY.search(head)
    if match is None:
        return None
    body = match["body"].casefold()
    if "partement" in body:
        name = "Conseil départemental"
    else:
        name = "Conseil régional" if body.startswith("conseil") else "Région"
    if match["place"]:
        named = f"{name} {_before_place(match['link'])}{_named(match['place'])}"
        return Found(named, match.start("body"), match.end("place"))
    if match["region"]:
        return Found(f"{name} {match['region']}", match.start("body"), match.end("region"))
    return Found(name, match.start("body"), match.end("body"))


# A place's name inside a sentence read case-blind: capitals required, and joined by "de l'" too
# ("de la Vallée de l'Oise"), which ``places._TOWN_WORDS`` does not join.
_TOWN = r"(?-i:[A-ZÉÈ][\w'’]+(?:(?:[\s-](?:(?:sur|sous|en|l[eè]s|de|du|des|la|le|et)[\s-])?|-[àa]-|\s+de\s+l['’]|\s+d['’])[A-ZÉÈ][\w'’]+)*)"
# A town a page compares its own with: "soit autant que la ville de Bordeaux", "comme la ville de Nice";
# not a clause's subject: "d'autant que le préfet a autorisé", "il ne manque plus que le conseil
# municipal", "Comme le maire l'avait annoncé, …".
_COMPARED = (
    r"(?:(?<![dD]['’])(?<!\bmanque\s)(?<!\breste\s)(?<!\battend\s)(?<!\ba\s)\b(?:autant|plus|moins|aussi)\s+que"
    r"|(?<=[\w»)]\s)comme)\s+"
)
# A body named as a complement ("dans des quartiers de la commune", "avec les services de la
# Ville") or compared with is not the one that decides ("que le préfet a autorisé", his relative
# clause, is).
_COMPLEMENT = re.compile(
    r"\b(?:de|du|des|à|au|aux|dans|pour|sur|avec|par|entre|chez|vers|contre)\s*$|" + _COMPARED + "$",
    re.IGNORECASE,
)
_COMPARED_BEFORE = re.compile(_COMPARED + r"(?:la\s+)?$", re.IGNORECASE)
# The body a report's deciding sentence names first ("La municipalité a installé…", "le préfet a
# autorisé…", "Le conseil communautaire a voté…"): a commune's words, a département's, a
# région's, the State's in the département, or an intercommunal body's as written.
_DECIDING_BODY = re.compile(
    rf"\b(?P<commune>(?:la\s+(?:ville|mairie|commune)|la\s+municipalit[ée])(?:\s+(?:de|d['’])\s*(?P<town>{_TOWN}))?"
    r"|le\s+conseil\s+municipal|les\s+[ée]lus\s+municipaux|le\s+maire|l['’][ée]dile"
    r"|l['’][ée]quipe\s+municipale|la\s+majorit[ée]\s+municipale)"
    r"|(?P<departement>le\s+d[ée]partement|le\s+conseil\s+d[ée]partemental|l['’]\s?assembl[ée]e\s+d[ée]partementale)"
    r"|(?P<region>la\s+r[ée]gion|le\s+conseil\s+r[ée]gional|l['’]\s?assembl[ée]e\s+r[ée]gionale)"
    r"|(?P<prefecture>la\s+pr[ée]fecture|le\s+pr[ée]fet)"
    rf"|(?P<epci>le\s+conseil\s+(?:communautaire|m[ée]tropolitain)"
    rf"|la\s+communaut[ée]\s+(?:de\s+communes|d['’]agglom[ée]ration|urbaine)"
    rf"(?:\s+{_LINK}\s*{_TOWN})?)",
    re.IGNORECASE,
)
_BODY_NAMES = {
    "departement": "Conseil départemental",
    "region": "Conseil régional",
    "prefecture": "Préfecture",
}


def deciding_body(text: str, start: int, end: int) -> tuple[str, Found] | None:
    """The body that ``text[start:end]``, a report's sentence telling a decision, names first:
    its kind ("commune", "departement", "region", "prefecture", "epci") and its name as Vigie
    writes it ("Conseil municipal de Saint-Brieuc" when the town is named, "Conseil
    départemental", "Communauté de communes du Val de l'Eyre")."""
    named = next(
        (
            found
            for found in _DECIDING_BODY.finditer(text, start, end)
            # (The words just before it: searched from the sentence's start, a long one took time
            # growing with its square.)
            if not _COMPLEMENT.search(text, max(start, found.start() - 40), found.start())
        ),
        None,
    )
    if named is None:
        return None
    kind = named.lastgroup if named.lastgroup != "town" else "commune"
    if kind == "commune":
        name = f"{COUNCIL_OF}{named['town']}" if named["town"] else "Conseil municipal"
    elif kind == "epci":
        written = " ".join(re.sub(r"^(?:le|la)\s+", "", named[0], flags=re.IGNORECASE).split())
        name = written[0].upper() + written[1:]
    else:
        name = _BODY_NAMES[kind]
    return kind, Found(name, named.start(), named.end())


# "raconte le maire de Châtel-Guyon", "Le maire de Villeneuve-le-Roi … équipe sa commune".
_MAYOR_OF = re.compile(
    rf"\b(?i:le\s+maire|la\s+maire|l['’]\s?[ée]dile)\s+(?:de\s+|d['’]\s?)(?P<town>{_TOWN})"
)


def mayor_named(text: str) -> Found | None:
    """The council of the commune whose mayor a page's lead names by its town's name."""
    named = _MAYOR_OF.search(text, 0, 600)  # in the title and the lead
    town = known_commune(named["town"]) if named is not None else None
    if named is None or town is None:
        return None
    return Found(f"{COUNCIL_OF}{town}", named.start(), named.end())
