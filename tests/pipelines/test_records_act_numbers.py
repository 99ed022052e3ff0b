"""An act's own number as each authority writes it: a métropole's, the Conseil de Paris's, a
register's, an arrêté's with its service; not the State's identifier a summary lists, nor an act a
recital cites. Real labelled texts (tests/quality/records.toml) and their forms."""

from __future__ import annotations

import datetime as dt

from pipelines.records import heading
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


def _number(text: str) -> str | None:
    found = heading.act_number(text)
    return found.value if found else None


def test_act_numbers_as_each_authority_writes_them() -> None:
    assert _number("19 C 1114 Séance du vendredi 13 décembre 2019 Délibération") == "19 C 1114"  # the MEL
    assert _number("2015 SG 61 - Avenant à la convention relative") == "2015 SG 61"  # the Conseil de Paris
    assert _number("2009, DVD 215 - Signature d'une convention") == "2009, DVD 215"
    assert _number("Déliberation/ Conseil municipal/ Mai 2009 [2009 V. 163]\n") == "2009 V. 163"
    assert _number("2013.07.01 - 5  APPROBATION DU DCE") == "2013.07.01 - 5"  # Avranches's minutes
    register = "Extrait du registre des\ndélibérations du Conseil\nMunicipal de la Ville de\nMontpellier\nn° 2013 / 14\n"
    assert _number(register) == "2013 / 14"
    # The State's identifier of an act in a recueil is not its number: given as one, it was wrong
    # 33 times in 40 (another number printed, or none), so it is not read.
    assert _number("Sommaire\n35-2025-09-21-00001 - Arrêté autorisation drones Rennes") is None
    summary = "04-2024-05-07-00014 - AP 2024-128-016 du 7 mai 2024 autorisant la\ncaptation, l'enregistrement"
    assert _number(summary) == "2024-128-016"
    # Not an arrêté its recitals cite ("Vu l'arrêté n° … portant délégation de signature").
    assert _number("Vu l'arrêté n° 2025-SG-22 du 1er octobre 2025 portant délégation de signature ;") is None
    assert _number("à l'occasion du vote du rapport 28 sur la vidéo-surveillance") == "28"
    assert _number("Nous passons donc au v?u référencé n° 57, déposé par") == "57"
    # Not an item's number: a recueil's own, a count, a year.
    assert _number("RECUEIL DES ACTES ADMINISTRATIFS\nN°35-2025-208\nPUBLIÉ LE") is None
    assert _number("la délibération 12 caméras") is None


def test_an_arretes_number_with_its_service_in_lower_case_or_the_state_s_identifier() -> None:
    # The Haute-Savoie's "Arrêté n°Pref-BPA-2024-534Autorisant la captation".
    text = "Le préfet de la Haute-Savoie\nArrêté n°Pref-BPA-2024-534Autorisant la captation, l'enregistrement"
    assert _number(text) == "Pref-BPA-2024-534"
    # The Nièvre numbers its arrêté by the State's identifier, in its own heading …
    # ("Arrêté n° 58-2025-05-22-00001autorisant la captation", after the summary's entry for it).
    own = TEXTS["h18-a-attrap-nievre-raa-special-58-2025-141-arrete-58-2025-05-22-00001-cameras-aeronefs"]
    assert _number(own) == "58-2025-05-22-00001"
    # … but a recueil's summary line may list another act's.
    listed = (
        "30-2025-12-22-00006 - ARRÊTÉ N°30-2025-12-22-00006\nautorisant la\ncaptation, "
        "l'enregistrement et la transmission d'images\nau moyen\n"
    )
    assert _number(listed) is None


def test_a_service_s_reference_and_its_number() -> None:
    # "ARRÊTÉ N° 2024-PREF-DCSIPC-BSIOP n°055 du 22 janvier 2024": a service's reference and its number.
    essonne = heading.act_number(
        TEXTS["h21-a-attrap-essonne-91-2024-027-bsiop-055-cameras-aeronefs-igny-bievres"]
    )
    assert essonne is not None and essonne.value == "2024-PREF-DCSIPC-BSIOP n°055"


def test_a_service_s_initials_and_number_without_a_number_sign() -> None:
    # "91-2024-01-15-00002 - Arrêté PREF-DCSIPC-BSIOP-032 du 15 janvier 2024 autorisant la
    # captation …", before another drone act's entry of the 16th: the first act's own heading.
    text = TEXTS["h19-a-attrap-essonne-91-2024-009-drone-bsiop-032"]
    assert _number(text) == "PREF-DCSIPC-BSIOP-032"
    dated = heading.act_date(text, 2024)
    assert dated is not None and dated.value == dt.date(2024, 1, 15)


def test_another_act_s_decision_in_a_summary_is_not_this_act_s_heading() -> None:
    # "30-2025-11-24-00001 - Décision N°-30-01-6 du 24 Novembre portant affectation des agents",
    # before the Gard's drone arrêté in its recueil's summary.
    text = TEXTS["h23-a-attrap-gard-30-2025-208-cabinet-cameras-aeronefs-27-novembre-2025"]
    assert _number(text) is None
    assert heading.act_date(text, 2025) is None


def test_a_number_whose_words_are_spaced() -> None:
    # The Seine-et-Marne's "Arrêté n° 2024 CAB BCS CIPM 644 autorisant l'enregistrement audiovisuel".
    record_id = "h13-a-attrap-seine-et-marne-d77-27-05-2024-arrete-2024-cab-bcs-cipm-644-cameras-individuelles-police-municipale-nanteuil-les-meaux"
    assert _number(TEXTS[record_id]) == "2024 CAB BCS CIPM 644"
    titled = "Arrêté n° 2025 CAB BCS VP 1598 portant modification d'un système de vidéoprotection"
    assert _number(titled) == "2025 CAB BCS VP 1598"


def test_a_service_s_initials_without_the_number_sign_and_a_summary_line_opening_on_the_number() -> None:
    for record_id, number in (
        # "46-2025-07-10-00001 - arrêté DC 2025-178 enregistrement des\ninterventions des agents …".
        (
            "h11-a-attrap-lot-46-2025-044-arrete-dc-2025-178-enregistrement-interventions-police-municipale-cahors",
            "DC 2025-178",
        ),
        # "… - Arrêté DS 2025-1526 Autorisation captation images sur drône".
        ("h24-a-attrap-loire-42-2025-119-ds-2025-1526-drone-parc-eolien-vents-de-noes", "DS 2025-1526"),
        # "- BSIPA2024148-0001 - Arrêté du 27 mai 2024 autorisant la captation …".
        ("h24-a-attrap-aube-raa-68-2024-bsipa2024148-0001-cameras-aeronefs", "BSIPA2024148-0001"),
    ):
        assert _number(TEXTS[record_id]) == number, record_id
    # A summary's line for another act is not this one's: "- DDT-SAER-2024145-0001 - Arrêté du 24 mai
    # 2024 fixant les modalités de contrôle … des plans de chasse".
    assert (
        _number("SOMMAIRE\n- DDT-SAER-2024145-0001 - Arrêté du 24 mai 2024 fixant les plans de chasse\n")
        is None
    )


def test_the_conseil_de_paris_s_archive_gives_the_item_s_reference_under_its_search_form() -> None:
    for record_id, number in (
        ("h26-b-paris-cm-2016-03-dvd-40-maintenance-installations-videosurveillance", "2016 DVD 40"),
        ("h26-b-paris-cm-2004-04-qoc-2004-225-cameras-couloirs-de-bus", "QOC 2004-225"),
        ("h26-b-paris-cm-2017-07-qe-2017-09-mise-en-service-165-cameras-pvpp", "QE 2017-09"),
    ):
        assert _number(TEXTS[record_id]) == number, record_id


def test_a_heading_s_date_is_no_service_s_initials() -> None:
    assert _number("ARRÊTÉ DU 2025-03-12 PORTANT AUTORISATION d'un système de vidéoprotection") is None


def test_the_alpes_maritimes_number_alone_above_its_arrete() -> None:
    # "… Bureau de la sécurité et de l'ordre public\nFraternité\n2024 - 368\nArrété\nautorisant la
    # captation …" and "2025- A368\nArrêté".
    assert _number(TEXTS["web-attrap-alpes-maritimes-2024-368-drone-drap"]) == "2024 - 368"
    assert _number(TEXTS["web-attrap-alpes-maritimes-2025-a368-drone-a8"]) == "2025- A368"
    # A year and a count above another act's title is no number of this one.
    assert _number("2024 - 12\nArrêté portant composition du jury\n") is None


def test_the_paris_archive_s_reference_at_a_line_s_start() -> None:
    # "16- 1997, DVD 64 - Autorisation à M. le Maire de Paris de signer avec la R.A.T.P. …" (its
    # item's number glued to its dash), "retour Retour\n\n167 - 2003, DVD 121 - Autorisation …".
    for record_id, number in (
        ("h29-b-paris-cm-1997-07-dvd-64-convention-ratp-fibres-cameras-carrefours", "1997, DVD 64"),
        ("h29-b-paris-cm-2003-10-dvd-121-marche-entretien-videosurveillance-peripherique", "2003, DVD 121"),
    ):
        found = heading.act_number(TEXTS[record_id])
        assert found is not None and found.value == number, record_id
