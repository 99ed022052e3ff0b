"""Who a decision is for and with: who it authorises, funds or names as its holder (the
beneficiary), and the company it buys from (the vendor). Who took it is ``parties``."""

from __future__ import annotations

import re

from pipelines.records.spans import GAP, STATE_ACT_ID, Found, decision_part, first_surveillance_entry

# (The name ends on a letter: spaces between it and the verb are the gap's alone, which keeps a
# run of spaces from being tried every way.)
_AUTHORISED = re.compile(
    rf"(?P<who>[^:\n.;]{{2,159}}?[^\s:\n.;]),?{GAP}(?:est|sont){GAP}autoris[ée]e?s?\b",
    re.IGNORECASE,
)
_BY_WHOM = re.compile(
    rf"par{GAP}(?P<who>(?:le|la|les|l['’])[^,;:]{{3,120}}?),?{GAP}(?:est|sont){GAP}autoris[ée]e?s?",
    re.IGNORECASE,
)
# "…, au chargé de sécurité, est reconduite"; "…, à Madame Catherine Vincent, est reconduite" (a
# person is named after "à" with a civility, which keeps "à Cherbourg" out).
_RENEWED_TO = re.compile(
    rf",{GAP}(?:au|à{GAP}la|à{GAP}l['’]|aux|à(?={GAP}(?:Madame|Monsieur|Mme|M\.)\s)){GAP}(?P<who>[^,]{{3,120}}?),{GAP}"
    rf"(?:est|sont){GAP}(?:reconduite?s?|modifi[ée]e?s?)",
    re.IGNORECASE,
)
# A report of an authorisation: "le préfet autorise la police nationale à utiliser un drone".
_REPORTED_TO = re.compile(
    rf"autoris\w*{GAP}(?P<who>(?:la|le|les|l['’])\s*[^,.;:]{{3,60}}?){GAP}[àa]{GAP}"
    rf"(?:utiliser|se{GAP}servir|capter|recourir|survoler|filmer|d[ée]ployer|employer)",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*(?:Art(?:icle|\.)?\s*(?:1|1er|premier)\s*(?:er)?\s*[:.–-]*\s*:?\s*)", re.IGNORECASE)


# A holder's name as an act writes it ("la direction interdépartementale de la police nationale
# (DIPN) de Meurthe-et-Moselle" is 82 characters); longer is a clause the pattern ran through.
_LONGEST_NAME = 100
_SUBJECT_AFTER_CLAUSES = re.compile(r",\s+((?:le|la|les|l['’])\s*[^,]{3,})$", re.IGNORECASE)


def beneficiary(text: str) -> Found | None:
    """Who the decision authorises: "Art. 1 : Monsieur X est autorisé", "la captation … par le
    groupement de gendarmerie …, sont autorisés", "…, au chargé de sécurité, est reconduite"."""
    start, end = decision_part(text)
    part = text[start:end]
    for pattern in (_BY_WHOM, _RENEWED_TO, _AUTHORISED, _REPORTED_TO):
        match = pattern.search(part)
        if match is None:
            continue
        who = match["who"]
        lead = _LEAD.match(who)
        offset = lead.end() if lead else 0
        # A sentence's clauses before its subject: "Par arrêté préfectoral numéro … du 1er Juillet
        # 2021, l'agent de police municipale de la commune de Grisy-Suisnes est autorisé".
        subject = _SUBJECT_AFTER_CLAUSES.search(who, offset)
        if subject is not None:
            offset = subject.start(1)
        value = " ".join(who[offset:].split()).strip(" ,")
        if pattern is _AUTHORISED and re.search(
            r"\b(captation|enregistrement|transmission|vol|survol|traitements?|utilisation|usage|emploi|recours)\b",
            value,
            re.I,
        ):
            # "La captation … est autorisée", "Le vol est autorisé", "L'usage de caméras … est
            # autorisé": the act, not who.
            continue
        if len(value) > _LONGEST_NAME:
            continue  # a clause, not a name: "… ainsi que de leurs missions de police judiciaire, les agents"
        if len(value) >= 3:
            return Found(value, start + match.start("who") + offset, start + match.end("who"))
    # An authorisation's title, in the act or its recueil's summary, names who it is for.
    titled = (
        _TITLED_FOR.search(text, 0, 4000)
        or next(  # in a summary, the first surveillance act's entry: the others are other holders
            (
                m
                for m in _TITLED_NAME.finditer(text, 0, 4000)
                if first_surveillance_entry(text, m.start("who"))
            ),
            None,
        )
        or _SERVICES_AUTHORISED.search(text, 0, 4000)
        or _FLOWN_BY.search(text, 0, 4000)
        or _RECORDING.search(text, 0, 4000)
        or _HOLDER_FIRST.search(text, 0, 4000)
        or _HOLDER_AFTER_TITLE.search(text, 0, 4000)
    )
    if titled is not None:
        # (Without the holder's street address: "Tabac Presse Delvinquière 77 Avenue Denfert Rochereau".)
        address = _ADDRESS.search(titled["who"])
        end = titled.start("who") + address.start() if address else titled.end("who")
        return Found(" ".join(text[titled.start("who") : end].split()), titled.start("who"), end)
    return None


_ADDRESS = re.compile(
    r"\s+\d+(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|route|chemin|all[ée]e|quai|impasse|cours)\b",
    re.IGNORECASE,
)


# "système de vidéoprotection pour l'établissement "SAS GUERARD" à Aubigny-sur-Nère", "… au
# bénéfice de l'établissement ZEEMAN TEXTIELSUPERS SARL situé à SORBIERS", "… au sein de la S.A.
# Obry Les Briconautes à Brive", "système de vidéoprotection – La Poste à BELLEVILLE sur MEUSE".
_TITLED_FOR = re.compile(
    # ("vidéo-\nprotection" wrapped at its hyphen.)
    # ("… portant autorisation exploitation système vidéoprotection - Commune de BRON".)
    rf"syst[èe]me{GAP}(?:de{GAP})?vid[ée]o(?:[\s-]|-\n)?(?:protection|surveillance){GAP}(?:autoris[ée]{GAP})?"
    # ("… au bénéfice de la Commune d'Unieux - Périmètre 1".)
    rf"(?:pour{GAP}(?:l['’][ée]tablissement|la{GAP}soci[ée]t[ée]|le{GAP}magasin)?|au{GAP}b[ée]n[ée]fice{GAP}de"
    rf"(?:{GAP}l['’][ée]tablissement|{GAP}la(?=\s+(?-i:[A-Z])))?|au{GAP}sein{GAP}de|dans{GAP}(?:les{GAP}locaux{GAP}de|la{GAP}bijouterie"
    # The Loire-Atlantique's "… à la société Le KL (dossier 2008-0943)", "… à l'établissement
    # bancaire de la Caisse d'épargne (dossier …)"; "… à l'UDAF 90".
    rf"|le{GAP}magasin)|[àa]{GAP}(?:la{GAP}soci[ée]t[ée]|l['’][ée]tablissement(?:{GAP}bancaire)?(?:{GAP}de{GAP}la|{GAP}du)?)"
    rf"|[àa]{GAP}l['’](?-i:(?=[A-Z]{{2}}))|[–-]){GAP}"
    # A name, capitalised or quoted ("pour le parking de la place" names no one), or a commune
    # ("– commune de LEROUVILLE", "– mairie d'ANCERVILLE").
    # ("système de vidéoprotection – Demande de subvention" names what is asked.)
    r"(?-i:(?=[\"«]?\s*[A-ZÀ-Ý]|commune\s+de|mairie\s+d))"
    r"(?!\s*(?:demande|extension|renouvellement|modification|autorisation|installation)\b)"
    r"[\"«]?\s*(?P<who>[^\n\"»–(]{3,80}?)\s*[\"»]?"
    r"(?=\s+(?:situ[ée]e?\s+)?[àa]\s|\s+sis\b|\s*[–(]|\s+-\s|\s*\n)",
    re.IGNORECASE,
)
# A title that names its holder right after the system, with where it is or the summary's pages
# after the name: the Val-de-Marne's "portant autorisation d'un système de vidéoprotection Action
# France SAS à Valenton", "… Carrefour – à Arcueil", the Aisne's "… système de vidéoprotection
# Commune de LAON (3 pages)". (The Nord's capitals "… SYSTÈME DE VIDÉOPROTECTION EXISTANT POUR LE
# MAGASIN …" go on with what the system is.)
# (On the title's line, or the next unless a recital or an article opens it; no clause: no comma.)
_TITLED_NAME = re.compile(
    rf"syst[èe]me{GAP}(?:de{GAP})?vid[ée]o(?:[\s-]|-\n)?(?:protection|surveillance)"
    r"(?:[ \t]+|[ \t]*\n(?![ \t]*(?:vu|consid[ée]rant|article|arr[êe]t[ée])\b))(?:de[ \t]+la[ \t]+)?"
    r"(?-i:(?=[A-ZÀ-Ý]|commune\s+de))"
    # (Nor what the system is, nor where: "… COMPORTANT 4 CAMÉRAS", "… SUR LA VOIE PUBLIQUE", "…
    # Rue Jean Jaurès", "… Installé à Arcueil".)
    r"(?!(?:EXISTANT|PROVISOIRE|DE|POUR|AU|DANS|SUR|EN|COMPORTANT|AVEC|SITU[ÉE]E?|INSTALL[ÉE]E?|AUTORIS[ÉE]E?"
    r"|URBAINE?|RUE|AVENUE|BOULEVARD|PLACE|ROUTE|CHEMIN|ALL[ÉE]E|QUAI|IMPASSE|VU"
    # (Nor a place or a file: "… Voie Publique (2 pages)", "Périmètre de la gare", "Dossier n° 2019/0233".)
    r"|VOIE|P[ÉE]RIM[ÈE]TRE|SECTEUR|ZONE|SITE|DOSSIER)\b)"
    r"(?P<who>[^\n\"»–(,;]{3,80}?)"
    # (Its summary entry's end, on its line or the next: "… vidéoprotection Commune de L'Arbresle (2 pages)".)
    r"(?=\s+(?:[–-]\s+)?[àa]\s+(?-i:[A-ZÀ-Ý0-9])|\s*\(\d+\s+pages?\))",
    re.IGNORECASE,
)
# Services a drone authorisation names in its title: "Arrêté portant autorisation des services de
# la gendarmerie nationale à procéder à la captation …".
# (A title's, not an applicant's request a recital cites: "Vu la demande d'autorisation du directeur
# … tendant à procéder".)
_SERVICES_AUTHORISED = re.compile(
    rf"(?:portant{GAP}autorisation|autorisant){GAP}(?:des|du|de{GAP}la|de{GAP}l['’])\s*"
    # (Their name wrapped once: "autorisation des services de la\npolice nationale à procéder".)
    rf"(?P<who>(?:services?|unit[ée]s?|agents|militaires|forces|personnels|fonctionnaires|effectifs)\b(?:[^,;.:\n]|\n(?!\s*\n)){{0,70}}?)"
    rf"{GAP}[àa]{GAP}proc[ée]der",
    re.IGNORECASE,
)
# Whose interventions a body-camera authorisation lets be recorded, in its title: "autorisant
# l'enregistrement audiovisuel des interventions des agents de police municipale de la commune de
# LIMOGES", "arrêté DC 2025-178 enregistrement des interventions des agents de police municipale
# Cahors (4 pages)"; with their commune named (a page's "les agents de police municipale" are
# anyone's).
_RECORDING = re.compile(
    rf"enregistrement(?:{GAP}audiovisuel)?{GAP}des{GAP}interventions{GAP}des{GAP}"
    rf"(?P<who>agents{GAP}de{GAP}(?:la{GAP})?police{GAP}municipale"
    rf"{GAP}(?:de{GAP}(?:la{GAP}commune{GAP}de{GAP})?)?(?-i:[A-ZÀ-Ý][\w'’-]*(?:[ \t]+[A-ZÀ-Ý][\w'’-]*)*))",
    re.IGNORECASE,
)
# Who flies: "au moyen de caméras installées sur des aéronefs au groupement de gendarmerie
# départementale", "… sur un aéronef de la police nationale", "le vol d'une hélicoptère de la
# gendarmerie nationale", "caméras installées sur des hélicoptères de la gendarmerie\nnationale".
_FLOWN_BY = re.compile(
    rf"(?:a[ée]ronefs?|h[ée]licopt[èe]res?){GAP}(?:de{GAP}la{GAP}|du{GAP}|au{GAP})"
    r"(?P<who>(?:police|gendarmerie)\s+nationale|groupement\s+de\s+gendarmerie(?:\s+d[ée]partementale)?)",
    re.IGNORECASE,
)


_COMPANY = r"[A-ZÀ-Ý0-9][\w&'’./-]*(?:[ \t]+[A-ZÀ-Ý0-9&][\w&'’./-]*){0,4}"
_VENDOR = re.compile(
    # "attribué à la société X", "marché attribué à STURNO TELECOM SA", "la société suresnoise XXII
    # Group", "titulaire : X": a company is named with capitals, a common noun is not.
    r"(?:(?:attribu[ée]e?s?|confi[ée]e?s?)\s+(?:[àa]|au\s+profit\s+de)\s+(?:la\s+soci[ée]t[ée]\s+|l['’]entreprise\s+|le\s+groupement\s+)?"
    r"|titulaire\s*:\s*"
    # "le conseil a décidé d'attribuer le marché de travaux au groupement solidaire Teim/Sippro".
    r"|attribuer\s+le\s+march[ée](?:\s+de\s+\w+)?\s+(?:au\s+groupement(?:\s+(?:solidaire|conjoint))?|[àa]\s+la\s+soci[ée]t[ée]|[àa]\s+l['’]entreprise)\s+"
    # "la société Cottel", "la start-up stéphanoise Serenicity", "l'entreprise de Sophia-Antipolis
    # Keeneo", "le groupe chinois Huawei", "faire appel à Bouygues Energies".
    r"|(?i:la|de\s+la|avec\s+la|par\s+la|[àa]\s+la)\s+(?i:soci[ée]t[ée]|start-?up)\s+(?:(?!de\s)[a-zé]+\s+)?"
    # (A council's "groupe Écologiste" is no company, nor is an amendment "par le groupe …": a
    # company contracts "avec le groupe".)
    r"|(?i:l['’]entreprise|avec\s+le\s+groupe)\s+(?:(?!de\s)[a-zé]+\s+)?(?:de\s+[A-ZÀ-Ý][\w-]+\s+)?"
    r"|(?i:faire|fait|font)\s+appel\s+[àa]\s+)"
    rf"(?P<name>{_COMPANY})"
)


# A company that runs a network supplies nothing: "son délégataire la société Keolis Haut-Bugey",
# "confie l'exploitation à la société Transports en Commun …", "les 294 bus de la société des
# Courriers d'Île-de-France". (A party to a convention may be: "une convention entre la Région et
# la société Cisco" for a trial of its cameras.)
_NOT_A_SUPPLIER = re.compile(
    r"(?:(?:d[ée]l[ée]gataire|exploitation|exploitant|transporteur)\s*[^.;]{0,30}|\bbus\s+(?:de|du|des)\s+[^.;]{0,20})$",
    re.IGNORECASE,
)


def vendor(text: str) -> Found | None:
    match = next(
        (
            found
            for found in _VENDOR.finditer(text)
            if not _NOT_A_SUPPLIER.search(text, max(0, found.start() - 150), found.start("name"))
        ),
        None,
    )
    if match is None:
        return None
    name = re.split(r"\.\s", match["name"])[0].rstrip(".,")  # "Huawei. L'entreprise de télécom"
    return Found(name, match.start("name"), match.start("name") + len(name))


# The Gard's summary names the holder before the act ("30-2024-10-28-00009 - MAIRIE BLAUZAC 2024
# Arrêté préfectoral d'autorisation de vidéoprotection"), or on the line after its title
# ("ARRÊTÉ PRÉFECTORAL VIDÉOPROTECTION / MAIRIE CAISSARGUES - caméras intérieures 2025").
_HOLDER_FIRST = re.compile(
    rf"^[ \t]*{STATE_ACT_ID}\s+-\s+(?P<who>(?-i:[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{{2,60}}?))\s+\d{{4}}\s*\n"
    r"arr[êe]t[ée]\s+pr[ée]fectoral\s*\n?\s*d['’]\s?autorisation\s+de\s+vid[ée]o",
    re.IGNORECASE | re.MULTILINE,
)
_HOLDER_AFTER_TITLE = re.compile(
    r"vid[ée]oprotection\s*\n(?P<who>(?-i:MAIRIE\s+[A-ZÀ-Ý'’ -]+?))\s+-\s", re.IGNORECASE
)
