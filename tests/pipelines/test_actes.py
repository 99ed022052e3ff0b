"""ACTES identifiers and prefecture stamps, on the real documents and on the usual layouts."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from pipelines.actes import (
    _LABEL_LINE,
    ACTES_ID,
    _actes_ids,
    _label_lines,
    find_actes,
    find_all_actes,
    strip_stamps,
)
from pipelines.dates import parse_french_date, read_with_dateparser
from pipelines.pdf_text import extract_pdf
from tests import realdocs


def _text(path) -> str:
    return "\f".join(extract_pdf(path.read_bytes()).pages)


def test_the_montpellier_deliberation_identifier_is_parsed_into_its_parts() -> None:
    info = find_actes(_text(realdocs.DELIB_VIDEOPROTECTION))
    assert info.actes_id == "034-213401722-20130204-0000061100-DE"
    assert (info.actes_department, info.actes_siren, info.actes_number, info.actes_nature) == (
        "034",
        "213401722",
        "0000061100",
        "DE",
    )
    assert info.actes_date == dt.date(2013, 2, 4)
    # "Envoi Préfecture : / Réception en Préfecture : / 06/02/2013 06/02/2013 …": labels first.
    assert info.prefecture_sent_on == info.prefecture_received_on == dt.date(2013, 2, 6)
    assert info.published_on == dt.date(2013, 2, 5)  # "Publiée le : 05 février 2013", under the signature


def test_the_flaux_stamp_gives_the_identifier_and_its_dates() -> None:
    info = find_actes(_text(realdocs.FLAUX_PV_STAMP_ONLY))
    assert info.actes_id == "030-213001100-20230609-PV31032023-DE"
    assert info.actes_siren == "213001100" and info.actes_number == "PV31032023"
    assert info.prefecture_sent_on == info.prefecture_received_on == dt.date(2023, 6, 19)
    assert info.published_on is None  # "Publié le" is left blank on the stamp


def test_other_natures_ocr_spacing_and_corsica() -> None:
    text = "Affiché le 3 mars 2024\nID : 02A-212000046-20240301-ARR_2024_12-AR\nsuite"
    info = find_actes(text)
    assert (info.actes_department, info.actes_nature, info.actes_number) == ("02A", "AR", "ARR_2024_12")
    assert info.published_on == dt.date(2024, 3, 3)
    assert find_actes("ID : 030 - 213001100 - 20230609 - 12 - CC").actes_nature == "CC"


def test_no_identifier_and_no_stamp_gives_nothing() -> None:
    info = find_actes("Le conseil municipal approuve la vidéoprotection. Séance du 4 février 2013.")
    assert not info and info.actes_id is None
    # A date written in running text after "publié le" is not a stamp.
    assert find_actes("L'arrêté publié le 3 mars 2021 au recueil est abrogé.").published_on is None


def test_every_identifier_of_a_longer_document_is_found_with_its_offset() -> None:
    text = "Délibération 1\nID : 030-213001100-20230609-D1-DE\n\nDélibération 2\nID : 030-213001100-20230609-D2-DE"
    found = find_all_actes(text)
    assert [(text[offset:].startswith("030"), info.actes_number) for offset, info in found] == [
        (True, "D1"),
        (True, "D2"),
    ]


def test_strip_stamps_leaves_nothing_of_a_stamp_and_keeps_the_text() -> None:
    stamp = (
        "Envoyé en préfecture le 19/06/2023\r\nReçu en préfecture le 19/06/2023\r\nPublié le \r\n"
        "ID : 030-213001100-20230609-PV31032023-DE"
    )
    assert strip_stamps(stamp).strip() == ""
    assert "vidéoprotection" in strip_stamps(stamp + "\nLe conseil approuve la vidéoprotection.")


_PIECES = [
    " ", "\n", "\f", "-", "12", "mot", "x", "  \n",
    "Envoyé en préfecture le 19/06/2023", "Reçu en préfecture le", "Publié le : 05 février 2013", " 06/02/2013 ",
    "ID : 030-213001100-20230609-PV31032023-DE", "034 - 213401722 - 20130204 - 0000061100 - DE", "-DEen",
    "02A-212000046-20240301-ARR_2024_12-AR", "x034-213401722-20130204-1-DE", "-123456789-",
    "Envoi Préfecture :", "Réception en Préfecture :", "date d'envoi", "Affichée le 1er mars 2024",
    "Mise en ligne le 3 avril 2020.", "\n  Publiée le\n5 mai 2019 \n", "ſ", "İ",
]  # fmt: skip


def _spans(matches) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(match.start(), match.end(), match.groups()) for match in matches]


def test_the_located_searches_give_exactly_the_full_patterns_matches() -> None:
    """``_actes_ids`` and ``_label_lines`` only try the patterns where a cheap locator points:
    they must find what ``finditer`` over the whole text finds, on real text and on mixtures."""
    texts = [
        _text(realdocs.DELIB_VIDEOPROTECTION),
        _text(realdocs.FLAUX_PV_STAMP_ONLY),
        _text(realdocs.DELIB_CLSPD),
    ]
    rng = random.Random(5)
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    for text in texts:
        assert _spans(_actes_ids(text)) == _spans(ACTES_ID.finditer(text)), repr(text)
        assert _spans(_label_lines(text)) == _spans(_LABEL_LINE.finditer(text)), repr(text)


@pytest.mark.parametrize(
    "fragment",
    [
        "19/06/2023", "05.02.2013", "5-2-2013", "06 / 02 / 2013", "31/12/1950", "01/01/1949", "29/02/2024",
        "29/02/2023", "13/13/2013", "12/31/2013", "0/5/2013", "05 février 2013", "1er mars 2024", "21er mars 2013",
        "5\nAOÛT\n2019", "31 juin 2020", "5 fevrier 2013", "5 févr. 2013", "5 Mardi 2013", "٥/٥/٢٠١٣",
        f"01/01/{dt.date.today().year + 1}",
    ],
)  # fmt: skip
def test_stamp_dates_read_without_dateparser_agree_with_it(fragment: str) -> None:
    assert parse_french_date(fragment) == read_with_dateparser(" ".join(fragment.replace("1er", "1").split()))
