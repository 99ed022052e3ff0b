"""Kinds read from what a text names: the device a trial is of, a body camera or a drone as a
recueil's summary names them, a member's question, a page titled with a prefect's authorisation,
a commune joining a supervision centre, a prefecture's authorisation and the 2023 law as a page
reports them, cameras "de plus". Real labelled texts (tests/quality/records.toml), read by
the rules alone."""

from __future__ import annotations

import pytest

from pipelines.records import read_record
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


# The rules alone: the learnt model, which learnt these very texts, stays out.
pytestmark = pytest.mark.usefixtures("rules_only")


def test_a_trial_is_of_a_device_named_in_its_sentence_or_the_next() -> None:
    # "La loi de sécurité globale le permet depuis cette année. Cette mesure est vouée à être
    # expérimentée pendant une durée de cinq ans": the law's trial, not a device's; the page
    # reports a convention between two towns' police.
    boujan = "h16-c-francebleu-boujan-sur-libron-convention-police-municipale-beziers-cameras"
    assert read_record(TEXTS[boujan], ["videoprotection"]).kind == "convention"
    # "… le premier des « cercles thématiques » – en cours d'expérimentation – du club": a club's
    # meeting, not a trial of the images' transfer it discusses.
    pvd = "web-banquedesterritoires-loir-et-cher-deport-images-gendarmerie-pvd"
    assert read_record(TEXTS[pvd], ["videoprotection"]).kind == "debate_only"
    # "… sera le théâtre d'une expérimentation inédite. Des micros installés sur du mobilier
    # urbain analyseront les bruits": the device in the next sentence.
    micros = "web-activradio-saint-etienne-capteurs-sons-anormaux"
    assert read_record(TEXTS[micros], ["audiosurveillance"]).kind == "experiment"


def test_a_summary_s_body_cameras_named_as_the_interventions_recorded() -> None:
    # "46-2025-07-10-00001 - arrêté DC 2025-178 enregistrement des interventions des agents de
    # police municipale Cahors", before "mesures d'interdiction pour préserver l'ordre public".
    cahors = "h11-a-attrap-lot-46-2025-044-arrete-dc-2025-178-enregistrement-interventions-police-municipale-cahors"
    assert read_record(TEXTS[cahors], ["videoprotection"]).kind == "prefectoral_authorisation"


def test_a_summary_s_drone_with_its_circumflex() -> None:
    # "42-2025-07-18-00001 - Arrêté DS 2025-1526 Autorisation captation images sur drône", after
    # the DDT's "interdiction temporaire de la navigation".
    loire = "h24-a-attrap-loire-42-2025-119-ds-2025-1526-drone-parc-eolien-vents-de-noes"
    assert read_record(TEXTS[loire], ["drone"]).kind == "drone_authorisation"


def test_a_member_s_question_to_the_mayor_is_a_debate() -> None:
    # "QE 2017-09 Question de Mme Brigitte KUSTER … relative à la mise en service des 165 nouvelles
    # caméras du PVPP", whose answer recalls "un avenant à la convention".
    text = TEXTS["h26-b-paris-cm-2017-07-qe-2017-09-mise-en-service-165-cameras-pvpp"]
    assert read_record(text, ["videoprotection"]).kind == "debate_only"


def test_a_page_titled_with_an_authorisation_of_cameras_on_drones_reports_a_prefect_s() -> None:
    # "Violences urbaines : autorisation d'utilisation de caméras installées sur des drones - GGD57".
    text = TEXTS["h26-a-moselle-gouv-actualite-ggd57-cameras-drones-violences-urbaines-2023"]
    assert read_record(text, ["drone"]).kind == "drone_authorisation"
    # A town's drone bought is not one: "La ville achète un drone équipé d'une caméra".
    assert (
        read_record("La ville achète un drone équipé d'une caméra.", ["drone"]).kind != "drone_authorisation"
    )


def test_a_commune_joining_an_intercommunal_supervision_centre_signs_a_convention() -> None:
    # "Cette étape concrétise l'adhésion de la commune au Centre de Supervision Urbain (CSU) de
    # Nantes Métropole, décidée par le Conseil municipal du 28 septembre 2023".
    text = TEXTS["h26-c-indre44-indre-adhesion-csu-nantes-metropole-cameras-entrees"]
    assert read_record(text, ["videoprotection"]).kind == "convention"


def test_an_authorisation_refused_or_asked_for_in_a_title_is_none_granted() -> None:
    for title in (
        "Refus d'autorisation de caméras sur drones pour la police municipale",
        "Demande d'autorisation de caméras sur drones : la majorité municipale divisée",
    ):
        assert read_record(title, ["drone"]).kind != "drone_authorisation", title


def test_a_report_of_the_prefecture_s_authorisations_and_of_the_2023_law_by_its_date() -> None:
    # "La Préfecture de l'Allier vient ainsi d'autoriser plusieurs programmes d'installations de
    # caméras … Six caméras par exemple à Braize".
    braize = read_record(
        TEXTS["h27-c-rjfm-allier-prefecture-autorise-six-cameras-braize"], ["videoprotection"]
    )
    assert braize.kind == "prefectoral_authorisation"
    # "l'article 10 de la loi du 19 mai 2023 prévoit que l'emploi du traitement algorithmique est
    # autorisé par le préfet": the Olympic Games law's experiment.
    paris = read_record(
        TEXTS["h27-c-davidlibeau-jo-2024-vsa-185-cameras-voie-publique-prefecture-de-police"], ["vsa"]
    )
    assert paris.kind == "experiment"


def test_cameras_de_plus_and_a_prefecture_that_gave_its_authorisation() -> None:
    # "Hautes-Alpes : 33 caméras de surveillance de plus avant la fin de l'année à Gap", "Gap va
    # passer de 87 à 120 caméras".
    gap = read_record(
        TEXTS["h28-c-dici-gap-conseil-municipal-33-cameras-de-plus-87-a-120"], ["videoprotection"]
    )
    assert gap.kind == "extension"
    # "Le 3 février 2017, la Préfecture de la Savoie a donné son autorisation pour le déploiement
    # des caméras sur la commune".
    savoie = read_record(
        TEXTS["h28-c-saintalbanleysse-autorisation-prefecture-savoie-2017-02-03-quinze-jours"],
        ["videoprotection"],
    )
    assert savoie.kind == "prefectoral_authorisation"
