"""Texts whose surveillance words decide nothing about a device (``pipelines/records/purpose.py``):
cameras that watch fires, traffic or a lake, drones that entertain or inspect, a shop's own
cameras, a council's sitting filmed, a question put to a vote. Real labelled texts
(tests/quality/records.toml), read by the rules alone."""

from __future__ import annotations

import pytest

from pipelines.records import read_record
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


# The rules alone: the learnt model, which learnt these very texts, stays out.
pytestmark = pytest.mark.usefixtures("rules_only")


def test_cameras_that_watch_fires_traffic_or_a_lake_report_no_decision_about_surveillance() -> None:
    for record_id in (
        # "des caméras pour surveiller les forets et détecter … les départs de feu".
        "h15-c-neg-francebleu-sarthe-cameras-detection-feux-de-foret-2020",
        # "Brest métropole va se doter d'un nouveau système de comptage routier".
        "web-brest-metropole-comptage-routier-camera-ia",
        # "La commune et l'Office de Tourisme … ont décidé d'installer une webcam".
        "web-esparron-de-verdon-webcam-lac",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "none", record_id
    # The name of a video system alone is no purpose of watching people: "Des piscines municipales
    # sous vidéosurveillance … le danger de la noyade", "Huit sites, en l'occurrence des châteaux
    # d'eau, seront équipés de caméras de vidéosurveillance" against forest fires.
    for record_id in (
        "h18-c-neg-europe1-piscines-poseidon-detection-noyade",
        "h29-c-neg-top1fos-gironde-cameras-detection-feux-de-foret-chateaux-eau",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "none", record_id
    # Words of crime, the police or crowds in the lead keep a record: the Olympic Games' algorithms
    # that flag "des départs de feux" among crowds' movements; a town's cameras against vandalism.
    games = read_record(TEXTS["web-ministere-interieur-marche-vsa-jo-2024"], ["vsa"])
    assert games.kind == "procurement_award"
    lake = "La commune a voté l'installation de caméras au bord du lac contre le vandalisme et les noyades."
    assert read_record(lake, ["videoprotection"]).kind != "none"


def test_drones_that_entertain_or_inspect_and_a_shop_s_own_cameras_decide_nothing() -> None:
    for record_id in (
        # "les spectacles de drones vont-ils voler la vedette aux feux d'artifice du 14-Juillet ?"
        "h14-c-neg-spectacles-drones-lumineux-14-juillet-feux-artifice",
        # "une opération de thermographie aérienne sur la ville de Montfermeil".
        "web-batiactu-montfermeil-drone-thermographie-grdf",
        # "un drone professionnel … pour assurer une inspection visuelle de la toiture du clocher".
        "h19-c-lefieu-drone-inspection-toiture-eglise-negative",
        # "se doter d'un drone afin d'effectuer des prises de vue aériennes de la ville et de son
        # territoire": a town's views of itself.
        "h23-c-courrierdelamayenne-evron-drone-prises-de-vue-negative",
        # "Braquage d'une bijouterie en trottinette : les images du suspect dévoilées".
        "h10-c-neg-letribunaldunet-braquage-chaumet-images-suspect",
        # "Un employé d'une boulangerie … avait pris soin de débrancher la caméra de vidéosurveillance".
        "h17-c-neg-europesays-malzeville-boulangerie-employe-filme-tiroir-caisse",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "none", record_id
    # "prises de vues aériennes" is a prefect's authorisation to film people from the air.
    helicopters = TEXTS["web-attrap-hauts-de-seine-2025-00010-helicopteres-gendarmerie"]
    assert read_record(helicopters, ["drone"]).kind == "drone_authorisation"
    # Shops in a lead, and a public authority that acts: "la commune … les commerçants".
    for record_id in (
        "web-charmes-sur-rhone-projet-video-protection",
        "web-villes-internet-cesson-sevigne-14-cameras",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "deployment", record_id
    # A prefect's recueil that authorises a shop's cameras is still the prefect's act.
    shops = TEXTS["h16-a-attrap-puy-de-dome-63-2024-082-ap-courpiere-mondial-relay-22041-videoprotection"]
    assert read_record(shops, ["videoprotection"]).kind != "none"


def test_a_question_put_to_a_vote_and_an_app_s_upkeep_decide_nothing_about_surveillance() -> None:
    # "êtes-vous pour la mise en place de la vidéoprotection sur la commune d'Aigues-Vives ? Les
    # habitants ont massivement répondu non": a question is a debate, read where it is asked.
    asked = read_record(
        TEXTS["h20-c-objectifgard-aigues-vives-consultation-non-videoprotection"], ["videoprotection"]
    )
    assert asked.kind == "debate_only" and asked.evidence.get("kind")
    # "Souscription au contrat d'acquisition et de maintenance pour l'utilisation de l'application
    # mobile IntraMuros": the minutes' next item, "il est décidé d'installer un système de
    # vidéoprotection", is the decision.
    minutes = TEXTS["h20-b-cm-9-fevrier-2022-installation-videoprotection-demandes-subventions"]
    assert read_record(minutes, ["videoprotection"]).kind == "deployment"
    # A sentence ended by "!" before a question (Louveciennes's mayor: "on ne décide pas de
    # l'installation, on demande juste des financements ! … t'es pour ou t'es contre ?") is no question.
    import re

    from pipelines.records.council_words import in_a_question

    said = (
        "on ne décide pas de l'installation, on demande juste des financements ! t'es pour ou t'es contre ?"
    )
    assert not in_a_question(said, re.compile("installation").search(said))
    asked = "Souhaitez-vous la mise en place d'un système de vidéoprotection ? Le vote a lieu le 4 décembre."
    assert in_a_question(asked, re.compile("mise en place").search(asked))


def test_a_council_s_sitting_filmed_for_the_public_decides_nothing_about_surveillance() -> None:
    # "Les séances du conseil municipal bientôt en live streaming".
    streamed = TEXTS["h15-b-neg-zoomdici-le-puy-cm-retransmission-video-des-seances"]
    assert read_record(streamed, ["videoprotection"]).kind == "none"
    # A sitting that votes cameras is still read.
    voted = "Lors de la séance du conseil municipal du 3 mai, les élus ont voté l'installation de 12 caméras de vidéoprotection."
    assert read_record(voted, ["videoprotection"]).kind == "deployment"


def test_a_prefect_s_no_fly_zone_decides_nothing_about_surveillance() -> None:
    # "ARRETE N° 2024-CAB- 494 … Portant création d'une zone d'interdiction temporaire de survol".
    mayotte = TEXTS["h25-a-attrap-mayotte-arrete-2024-cab-494-zone-interdiction-temporaire-survol-negative"]
    assert read_record(mayotte, ["drone"]).kind == "none"
    # A council's ban of a device is still one: "le conseil vote l'interdiction de la reconnaissance faciale".
    banned = "Le conseil municipal vote l'interdiction de la reconnaissance faciale dans la ville."
    assert read_record(banned, ["reconnaissance_faciale"]).kind == "moratorium_ban"


def test_a_ban_of_parking_or_of_gatherings_is_no_ban_of_a_device() -> None:
    for text in (
        "Le maire décide d'interdire le stationnement devant les caméras de vidéoprotection.",
        "Arrêté portant interdiction des rassemblements festifs, caméras de vidéoprotection",
    ):
        assert read_record(text, ["videoprotection"]).kind != "moratorium_ban", text


def test_a_ban_of_drones_flying_over_the_olympic_flame_is_no_decision_about_cameras() -> None:
    # "Arrêté inter-préfectoral portant interdiction des survols d'aéronefs télépilotés sans
    # équipage à bord sur le parcours de la flamme olympique".
    negative = "h27-a-attrap-finistere-29-2024-073-interdiction-survol-aeronefs-telepilotes-flamme-olympique-negative"
    assert read_record(TEXTS[negative], ["drone"]).kind == "none"


def test_an_aviation_waiver_and_a_river_s_flood_camera_decide_nothing_about_surveillance() -> None:
    # "Arrêté autorisant à titre dérogatoire le survol de nuit d'un aéronef télépiloté", then "…
    # autorisation de survol à basse hauteur en travail aérien": no camera of the police's.
    waiver = "h28-a-attrap-correze-19-2025-051-survol-nuit-aeronef-telepilote-basse-hauteur-negative"
    assert read_record(TEXTS[waiver], ["drone"]).kind == "none"
    # "La rivière l'Indre est soumise à des crues fréquentes … une station hydrologique … afin de
    # surveiller le niveau d'eau".
    river = "h28-c-neg-paratronic-sabi36-station-hydrologique-camera-levee-de-doute"
    assert read_record(TEXTS[river], ["videoprotection"]).kind == "none"
