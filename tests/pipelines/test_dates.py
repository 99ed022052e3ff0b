"""Dates of sittings and acts on the real fixtures, and the written forms they come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest

from pipelines.dates import find_date, sitting_cues
from pipelines.extract import ExtractionInput, extract_document
from tests import realdocs

R = realdocs.REAL
QUALITY = Path(__file__).resolve().parents[1] / "quality" / "minutes"

# Openings of two Avranches procès-verbaux, quoted as extracted (public repository
# benjaminpochat/demos, demos-scraper/src/test/resources/process/training/text_dataset_producer/
# …/city_council_report/): layout spaces, blank lines and OCR noise kept. Neither is in
# tests/quality, so they test the rules on minutes nobody measured them on.
AVRANCHES_2014_09_15 = (
    "VILLE D'AVRANCHES \n\n \n\nPROCES VERBAL DE LA RÉUNION DU CONSEIL MUNICIPAL \n\n \n\n"
    "DU LUNDI 15 SEPTEMBRE 2014 \n\n \n\n \n\n \n\n \n\nNombre de conseillers \nen exercice : \n\n"
    "_____________ \n\nNombre de conseillers  \nen séance : \n\n_____________ \n\nPouvoirs : \n\n"
    "_____________ \n\n29 \n\n27 \n\n2 \n\nDate de l'avis de convocation :  \n\n8 septembre 2014 \n\n"
    "_____________ \n\nDate de l'affichage du P.V. :  \n\n19 septembre 2014 \n\n_____________ \n\n \n \n\n"
    " \nL'an  deux  mille  quatorze,  le  quinze  septembre,  le  conseil  municipal  de  la  ville \n"
    "d'Avranches, dûment convoqué, s'est assemblé au lieu ordinaire de ses séances, \n"
    "sous la présidence de Monsieur David NICOLAS, Maire de la ville d'Avranches. \n \n\n"
    "Secrétaire de séance  \nMadame E. SEILLE est désignée comme secrétaire de séance. \n\n"
    "2014.09.15 - 1  ADOPTION  DES  COMPTES  RENDUS  DES  SEANCES  DES  2  JUIN  ET  7  JUILLET \n\n"
    "2014 \n\n \nAvant  d'aborder  les  questions  inscrites  à  l'ordre  du  jour,  il  vous  est  "
    "proposé  d'approuver  les \ncomptes-rendus des réunions de conseil en date des 2 juin et 7 "
    "juillet 2014. \n"
)
# Scanned and read by OCR: the heading is noise ("t)U LUNt)I 18 0ECEMBRE 2017"), and the first
# readable "séance du" is the previous sitting's, which the old rules took.
AVRANCHES_2017_12_18_OCR = (
    "AVRANCHES\n\n+\n\nu %=l 4=w»\n\nVILLE O'AVRANCHES\n\n"
    "PROCES VERBAL t)E L4 REUNION OU CONSEIL MUNICIPAL\n\nt)U LUNt)I 18 0ECEMBRE 2017\n\n"
    "Nombre de conseillers\nen exercice :\n\nNombre de conseillers\nen séance :\n\n"
    "L'an deux mille dix-sept, le dix-huit décembre, le conseil municipal de la ville\n"
    "29 d'Avranches, dûment convoqué, s'est assemblé au lieu ordinaire de ses séances,\n\n"
    "Date de l'avis de convocation :\n\n11 décembre 2017\n\n"
    "2017.12.18-I ADOPTION DU COMPTE RENDU DE LA SEANCE DU 13 NOVEMBRE 2017\n\n"
    "Avant d'aborder les questions inscrites à l'ordre du jour, il vous est proposé d'approuver le "
    "compte-\nrendu de la précédente réunion de conseil en date du 13 novembre 2017.\n"
)


@pytest.mark.parametrize(
    ("path", "expected", "source"),
    [
        (realdocs.DELIB_VIDEOPROTECTION, "2013-02-04", "text"),  # "Séance publique du lundi 4 février 2013"
        (realdocs.DELIB_CLSPD, "2014-05-22", "text"),
        (realdocs.PV_255_PAGES, "2014-02-17", "text"),
        (realdocs.CR_DOC, "2011-11-07", "text"),  # not "Montpellier, le lundi 14 novembre 2011" above it
        (realdocs.FLAUX_DOC, "2020-06-08", "text"),  # not the "Note de synthèse … du 27 mai 2020" above
        # Item 1 "ADOPTION DU COMPTE-RENDU DE LA SEANCE DU 04 NOVEMBRE 2013" used to win.
        (QUALITY / "avranches_CM_27_01_2014_proces-verbal.txt", "2014-01-27", "text"),
        (QUALITY / "avranches_CM_04_02_2013_PV_head.txt", "2013-02-04", "text"),
        (R / "couthenans.fr/assets/pdf/CR_reunion_20210604.pdf", "2021-06-04", "text"),
        (realdocs.COUTHENANS_CR, "2021-11-05", "url"),  # CR_reunion_20211105.pdf
        (R / "couthenans.fr/assets/pdf/CR_conseil_municipal_24_02_2023.pdf", "2023-02-24", "url"),
        (realdocs.COUTHENANS_ARRETE_SCAN, "2023-03-23", "url"),  # scanned: only the name says it
        (realdocs.CR_SCANNED, "2011-06-20", "url"),
        (realdocs.FLAUX_PV_STAMP_ONLY, "2023-03-31", "title"),
        (realdocs.FLAUX_CR_SCANNED, "2022-04-28", "title"),
        (
            R
            / "demos/demos-pdf-converter/src/test/resources/org/demos/pdfconverter/TestPdfConverter_cas1.pdf",
            "2016-02-01",
            "text",
        ),
    ],
    ids=lambda value: getattr(value, "name", str(value))[:40],
)
def test_real_documents(path, expected: str, source: str) -> None:
    url = "https://mairie.example/documents/" + quote(path.name)
    result = extract_document(ExtractionInput(url=url, body=path.read_bytes()))
    assert (result.date, result.date_source) == (dt.date.fromisoformat(expected), source)


def test_nfd_file_name() -> None:
    path = realdocs.flaux_liste_nfd()
    result = extract_document(
        ExtractionInput(url="https://flaux.example/" + quote(path.name), body=path.read_bytes())
    )
    assert result.date == dt.date(2025, 5, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Séance du 16 décembre 2022", "2022-12-16"),
        ("L'an deux mil vingt-deux, le trois octobre, le conseil municipal", "2022-10-03"),
        ("L’an deux mille treize, le premier mars à 18 heures", "2013-03-01"),
        ("Réunion du conseil municipal du 16/12/2022 à 20h", "2022-12-16"),
        ("Conseil communautaire du jeudi 1er déc. 2022", "2022-12-01"),
        ("Le maire arrête, fait à Flaux le 4 février 2013", "2013-02-04"),
        ("Arrêté du 3 mars 2022 portant réglementation", "2022-03-03"),  # a heading: the act's own
        ("Séance du 31 février 2022. Arrêté du 3 mars 2022", "2022-03-03"),  # an impossible date is skipped
    ],
)
def test_written_forms(text: str, expected: str) -> None:
    assert find_date(None, "https://x.fr/page", text)[0] == dt.date.fromisoformat(expected)


def test_no_date() -> None:
    assert find_date("Accueil", "https://x.fr/", "Bienvenue sur le site de la commune.") == (None, None)


def test_first_date_is_said_to_be_a_guess() -> None:
    """Without a sitting cue, the first date of the opening is a guess, and says so."""
    text = "Le maire arrête, fait à Flaux le 4 février 2013"
    assert find_date(None, "https://x.fr/page", text) == (dt.date(2013, 2, 4), "text_first_date")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (AVRANCHES_2014_09_15, "2014-09-15"),  # heading over two lines, "L'an", item "2014.09.15 - 1"
        (AVRANCHES_2017_12_18_OCR, "2017-12-18"),  # not "SEANCE DU 13 NOVEMBRE 2017"
        # The Avranches heading as an extractor may join it on one line: the minutes' own title.
        ("PROCES VERBAL DE LA RÉUNION DU CONSEIL MUNICIPAL DU LUNDI 27 JANVIER 2014", "2014-01-27"),
        # An item numbered after the sitting outweighs the minutes it approves.
        ("2014.01.27 - 1  ADOPTION DU COMPTE-RENDU DE LA SEANCE DU 04 NOVEMBRE 2013", "2014-01-27"),
        (
            "COMPTE RENDU\ndu CONSEIL MUNICIPAL de la COMMUNE de FLAUX\nSéance du 8 juin 2020\n"
            "Approbation du compte rendu du conseil du 27 mai 2020\n"
            "Le compte rendu du Conseil Municipal du 27 mai 2020 est validé à l’unanimité.",
            "2020-06-08",
        ),
        (
            "DELIBERATION du CONSEIL MUNICIPAL\nSéance du lundi 1 février 2016\n"
            "Date de Convocation : mardi 26 janvier 2016",
            "2016-02-01",
        ),
    ],
    ids=[
        "avranches-2014-09-15",
        "avranches-2017-12-18-ocr",
        "one-line-title",
        "item-prefix",
        "flaux",
        "bourg",
    ],
)
def test_sitting_cues_over_dates_of_other_sittings(text: str, expected: str) -> None:
    assert find_date(None, "https://x.fr/page", text) == (dt.date.fromisoformat(expected), "text")


def test_cues_of_one_opening_agree() -> None:
    """The heading, the "L'an" formula and the item numbers each vote once for the sitting."""
    cues = {(cue.kind, cue.date.isoformat()) for cue in sitting_cues(AVRANCHES_2014_09_15)}
    assert cues == {("heading", "2014-09-15"), ("l_an", "2014-09-15"), ("item", "2014-09-15")}


@pytest.mark.parametrize(
    "text",
    [
        # Minutes approved, before or after the date (Fargues-Saint-Hilaire, 13/12/2018; Flaux, 8/6/2020).
        "Objet : approbation du procès-verbal de la séance du 8 octobre 2018\n"
        "Monsieur le Maire précise que le procès-verbal de la séance du 8 octobre 2018 a été adressé à chaque\n"
        "conseiller municipal avec la convocation.",
        "Le compte rendu du Conseil Municipal du 27 mai 2020 est validé à l’unanimité.",
        "Avant d'aborder les questions inscrites à l'ordre du jour, il vous est proposé d'approuver le "
        "compte-rendu \nde la réunion de conseil en date du 04 novembre 2013. ",
        # The convocation, the display of the minutes (Avranches 15/09/2014, Fargues, Bourg-en-Bresse).
        "Date de l'avis de convocation :  \n\n8 septembre 2014 \n\n_____________ \n\n"
        "Date de l'affichage du P.V. :  \n\n19 septembre 2014 \n\n",
        "Conseillers Municipaux en exercice : 23\nConvocations du 7 décembre 2018",
        "Date de Convocation : mardi 26 janvier 2016",
        # Past deliberations and letters (Avranches 15/09/2014 and 18/12/2017).
        "Parallèlement,  par  délibération  du    Conseil  municipal  du  27  janvier  2014,  la  ville \n"
        "d’Avranches a  décidé d’attribuer, pour l’année 2012/2013, à la commune du Val-Saint-\n"
        "Père, la participation  demandée de 3 368,16 € (ou 561,36 € * 6 élèves).",
        "Pour la Ville d'Avranches,\nce coût a été fixé à 508 € par délibération no 5 du Conseil "
        "municipal du 4 juillet 2017.",
        "Par courrier du 10 novembre 2017, le maire de la commune de SARTILLY-BAIE-BOCAGE sollicite",
    ],
    ids=[
        "pv-approved",
        "cr-validated",
        "cr-to-approve",
        "convocation-display",
        "convocations",
        "convocation",
        "deliberation-cited",
        "deliberation-no",
        "letter",
    ],
)
def test_dates_of_other_sittings_acts_and_steps_are_not_the_sitting(text: str) -> None:
    assert find_date(None, "https://x.fr/page", text) == (None, None)


def test_a_number_that_looks_like_a_date_is_no_item() -> None:
    """Bourg-en-Bresse numbers its deliberations "N° 2016.02.16": not the date of the sitting."""
    text = "N° 2016.02.16 - Subvention à l'association Énergie Coopération Développement - Projet BAN DOÏ"
    assert list(sitting_cues(text)) == []


def test_plain_dates_read_without_dateparser_give_dateparser_s_answers() -> None:
    """``parse_french_date`` reads plain spellings itself (dateparser costs ~2 ms a call); over
    thousands of spellings, valid or not, its answers must stay dateparser's."""
    import random

    from pipelines import dates

    def by_dateparser(fragment: str) -> object:
        return dates.read_with_dateparser(" ".join(fragment.replace("1er", "1").split()))

    months = dates.FRENCH_MONTHS
    spellings = random.Random(2).sample(range(100 * 15 * 9 * 5), 1500)
    cases = set()
    for number in spellings:
        day, rest = number % 100, number // 100
        month, rest = rest % 15, rest // 15
        year, form = (1940, 1949, 1950, 1999, 2013, 2024, 2026, 2027, 2030)[rest % 9], rest // 9
        if form == 0:
            cases.add(f"{day:02d}/{month:02d}/{year}")
        elif form == 1:
            cases.add(f"{day}-{month}-{year}")
        elif 1 <= month <= 12:
            name = months[month - 1]
            cases.add(
                (f"mardi {day} {name} {year}", f"{'1er' if day == 1 else day} {name.upper()} {year}")[
                    form % 2
                ]
            )
    assert [case for case in cases if dates.parse_french_date(case) != by_dateparser(case)] == []
