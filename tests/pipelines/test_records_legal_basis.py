"""The legal basis of a decision: articles with their code, ranges kept whole, laws and decrees by
number, the minister's arrêtés by their date, as recueils print them. Real labelled texts
(tests/quality/records.toml) and a recital written for the test."""

from __future__ import annotations

from pipelines.records import read_record
from tests.quality.records_scoring import labelled_texts


def _text(record_id: str) -> str:
    return labelled_texts()[record_id]


def test_laws_decrees_and_a_code_named_before_its_articles() -> None:
    text = (
        "Vu le code de la sécurité intérieure et notamment ses articles L. 242-1 à L. 242-8 et\n"
        "R. 242-8 à R. 242-14 ;\nVu le décret n° 2004-374 du 29 avril 2004 ; Vu la loi n° 2007-297 du 5 mars 2007 ;"
    )
    record = read_record(text, ["drone"])
    assert record.legal_basis == [
        "CSI L.242-1 à L.242-8",
        "CSI R.242-8 à R.242-14",
        "décret 2004-374",
        "loi 2007-297",
    ]


def test_articles_and_decrees_as_recueils_print_them() -> None:
    for record_id in (
        # "… et R. 242-8 à R. 242-\n14 ;": a number wrapped after its hyphen.
        "h9-A-attrap-ain-2025-drone-aire-grands-passages-thil",
        # "… L. 242-8 etR. 242-8 à R. 242-14": a space lost after "et".
        "h12-a-attrap-meurthe-et-moselle-raa-010-2024-drone-24-janvier-2024",
        # "… et R.242-8à R.242-14": a space lost before "à".
        "h8-attrap-seine-maritime-76-2025-130-drone-rodeos-le-havre",
    ):
        assert "CSI R.242-8 à R.242-14" in read_record(_text(record_id), ["drone"]).legal_basis, record_id
    # "VU le décret 2004-374 du 29 avril 2004": a decree's number without its "n°".
    drone = read_record(
        _text("h10-a-attrap-pyrenees-atlantiques-64-2025-312-drones-dipn-manifestation"), ["drone"]
    )
    assert "décret 2004-374" in drone.legal_basis


def test_the_minister_s_arretes_an_authorisation_is_taken_under() -> None:
    # "VU l'arrêté du ministre de l'Intérieur et des outre-mer, en date du 19 avril 2023 relatif au
    # nombre maximal de caméras installées sur des aéronefs".
    drone = read_record(_text("h10-a-attrap-isere-38-2024-111-drone-quartiers-sud"), ["drone"])
    assert "arrêté du 19 avril 2023" in drone.legal_basis
    # "Vu l'arrêté ministériel du 3 août 2007 portant définition des normes techniques".
    cameras = read_record(
        _text("h9-A-attrap-moselle-111-2025-videoprotection-136-fonctionnement"), ["videoprotection"]
    )
    assert "arrêté du 3 août 2007" in cameras.legal_basis
    # A recueil's heading of a prefect's arrêté cites nothing: "Arrêté du 1er juin 2021 portant
    # autorisation d'un système de vidéoprotection".
    heading_only = read_record(
        _text("h8-123dok-vaucluse-84-2021-056-videoprotection-tabac-bedarrides"), ["videoprotection"]
    )
    assert not [law for law in heading_only.legal_basis if law.startswith("arrêté du")]


def test_articles_listed_after_a_semicolon_keep_their_code() -> None:
    # The Saône-et-Loire's "ses articles L.242-1 à L.242-8 ; L242-5 et R. 242-8 à R. 242-14".
    drone = read_record(
        _text("h18-a-attrap-saone-et-loire-raa-special-71-2024-217-arrete-bopsi-2024-266-drone-congres-sp"),
        ["drone"],
    )
    assert drone.legal_basis[:3] == ["CSI L.242-1 à L.242-8", "CSI L.242-5", "CSI R.242-8 à R.242-14"]


def test_a_range_whose_end_lost_its_hyphen_its_letter_or_its_space() -> None:
    from pipelines.records.money_law import legal_basis

    for written in (
        "Vu le code de la sécurité intérieure et notamment ses articles L. 242-1 à L. 242-8 et R. 242-8 à R. 24214 ;",
        "Vu le code de la sécurité intérieure, notamment ses articles L. 242-1 à L. 242-8 et R. 242-8 àL. 242-14;",
        "Vu le code de la sécurité intérieure et notamment ses articles L. 242-1 à L, 242.8 et R, 242.8 àR. 242-14 :",
        "Vu le code de la sécurité intérieure et notamment ses articles L. 242-1 à L. 242-8 et R: 242-8 AR. 242-14 :",
    ):
        found = legal_basis(written)
        assert found is not None and found.value == ["CSI L.242-1 à L.242-8", "CSI R.242-8 à R.242-14"], (
            written
        )


def test_a_run_on_start_a_second_list_of_the_code_s_articles_and_the_data_protection_regulation() -> None:
    from pipelines.records.money_law import legal_basis

    # "… L. 613-13 et R.2511 à R.253-4;": the range's start lost its hyphen.
    run_on = legal_basis(
        "Vu le code de la sécurité intérieure, notamment ses articles L. 613-13 et R.2511 à R.253-4;"
    )
    assert run_on is not None and run_on.value == ["CSI L.613-13", "CSI R.251-1 à R.253-4"]
    # "… L.251-1 à L.255-1 ; ses articles R.251-1à R.254-2;": the same code's second list.
    second = legal_basis(
        "VU le code de la sécurité intérieure, ses articles L.223-1 à L.223-9 et L.251-1 à L.255-1 ; "
        "ses articles R.251-1à R.254-2;\nVU le règlement (UE) 2016/679 du 27 avril 2016 relatif à la protection"
    )
    assert second is not None and second.value == [
        "CSI L.223-1 à L.223-9",
        "CSI L.251-1 à L.255-1",
        "CSI R.251-1 à R.254-2",
        "règlement (UE) 2016/679",
    ]
    # Another regulation a recueil's other act cites is not the data protection one.
    assert legal_basis("Vu le règlement (UE) 2016/429 relatif aux maladies animales transmissibles") is None


def test_the_data_protection_regulation_only_as_an_act_recites_it() -> None:
    from pipelines.records.money_law import legal_basis

    # A page's privacy footer cites it too: "conformément au règlement (UE) 2016/679".
    assert legal_basis("Vos données sont traitées conformément au règlement (UE) 2016/679.") is None


def test_a_range_whose_start_is_no_longer_than_its_end_s_base_keeps_it_whole() -> None:
    from pipelines.records.money_law import legal_basis

    # "… L. 2212 à L. 2213-1": a start written whole, not "L.2212-" cut at the end's base.
    found = legal_basis(
        "Vu le code général des collectivités territoriales, notamment ses articles L. 2212 à L. 2213-1 ;"
    )
    assert found is not None and found.value == ["CGCT L.2212 à L.2213-1"]
