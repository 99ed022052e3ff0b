"""Dates of sittings and acts on the real fixtures, and the written forms they come in."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest

from pipelines.dates import find_date
from pipelines.extract import ExtractionInput, extract_document
from tests import realdocs

R = realdocs.REAL


@pytest.mark.parametrize(
    ("path", "expected", "source"),
    [
        (realdocs.DELIB_VIDEOPROTECTION, "2013-02-04", "text"),  # "Séance publique du lundi 4 février 2013"
        (realdocs.DELIB_CLSPD, "2014-05-22", "text"),
        (realdocs.PV_255_PAGES, "2014-02-17", "text"),
        (realdocs.CR_DOC, "2011-11-07", "text"),  # not "Montpellier, le lundi 14 novembre 2011" above it
        (realdocs.FLAUX_DOC, "2020-06-08", "text"),
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
        ("Séance du 31 février 2022. Arrêté du 3 mars 2022", "2022-03-03"),  # an impossible date is skipped
    ],
)
def test_written_forms(text: str, expected: str) -> None:
    assert find_date(None, "https://x.fr/page", text)[0] == dt.date.fromisoformat(expected)


def test_no_date() -> None:
    assert find_date("Accueil", "https://x.fr/", "Bienvenue sur le site de la commune.") == (None, None)
