"""A report's decision read in the sentence that tells it (``pipelines.records.clauses``): its
title and lead say what was decided, and the background, other towns and wishes around it do not.
Real labelled texts (tests/quality/records.toml), each read wrong before this reader."""

from __future__ import annotations

import pytest

from pipelines.records import read_record
from pipelines.records.clauses import reported_decision
from tests.quality.records_scoring import load_records

TEXTS = {item.id: item.text for item in load_records()}


# The rules alone: the learnt model, which learnt these very texts, stays out.
pytestmark = pytest.mark.usefixtures("rules_only")


def test_the_sentence_that_tells_the_decision_says_its_kind() -> None:
    for record_id, kind in (
        # "a validé fin janvier l'attribution du marché", not the FIPD that funded the network in 2014.
        ("h8-faxinfo-conseil-executif-marche-videoprotection-4-4-millions", "procurement_award"),
        # "Toulouse demande 7M€ à l'Etat": the title's verb, with no word of a grant.
        ("h8-toulouseinfos-toulouse-subvention-7-2-millions-350-cameras", "grant_request"),
        # "la police municipale de Juvignac sera désormais équipée de 6 caméras-piétons".
        ("h8-juvignac-police-municipale-6-cameras-pietons", "deployment"),
        # "Nous avons acquis 3 drones".
        ("web-nextinpact-estrosi-nice-trois-drones-colline-chateau", "deployment"),
        # "a approuvé le projet d'étendre le parc de caméras".
        ("web-meaulte-cm-2021-04-15-extension-7-a-16", "extension"),
        # "La règlementation autorise les militaires de la gendarmerie … à déployer des drones".
        ("web-marennes-hiers-brouage-drone-gendarmerie-atteintes-aux-biens", "drone_authorisation"),
        # "Le maire de Fort-de-France et le préfet de Martinique signeront ce mercredi un contrat de
        # sécurité intégrée", under a title that counts "35 caméras supplémentaires".
        ("h22-c-rci-fort-de-france-contrat-securite-integree-35-cameras", "convention"),
        # "… signeront un protocole ce samedi 1er octobre 2016": a protocol to co-fund cameras.
        ("h23-c-regionguadeloupe-protocole-etat-region-videoprotection-2016-10-01", "convention"),
        # "… devant le tribunal administratif d'Amiens, lequel a suspendu la décision contestée".
        ("h23-c-ldh-ta-amiens-suspend-drones-somme-2024-01-28", "moratorium_ban"),
        # "47-2025-12-05-00003 - AP Autorisation vidéoprotection Eglise des Jacobins".
        (
            "h23-a-attrap-lot-et-garonne-47-2025-163-ap-autorisation-videoprotection-eglise-des-jacobins",
            "prefectoral_authorisation",
        ),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id


def test_a_decision_not_taken_is_a_debate() -> None:
    for record_id in (
        # "Alors que … Nice vient de lancer …, ce dispositif n'est pas à l'ordre du jour à Lyon."
        "web-lyoncapitale-lyon-reconnaissance-faciale-pas-a-l-ordre-du-jour",
        # A written question and its answer "ont relancé le débat sur la vidéosurveillance".
        "h8-dayfr-quimperle-question-ecrite-videosurveillance-2024-12-17",
        # The unions "s'interrogent sur la pertinence d'installer" a device.
        "web-francebleu-mayenne-colleges-cameras-abords-projet-richefou",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "debate_only", record_id


def test_background_lawmakers_and_the_reader_tell_no_decision() -> None:
    text = (
        "Installé en 2010 et étendu en 2014 grâce au FIPD, le réseau compte 40 caméras. "
        "Le gouvernement installe le cadre d'un déploiement national. "
        "Vous souhaitez installer des caméras ? "
        "La ville avait déployé 12 caméras. "
        "Le conseil municipal a voté l'attribution du marché à la société Axians."
    )
    told = reported_decision(text)
    assert told is not None and told.taken
    assert text[told.start : told.end].startswith("Le conseil municipal a voté")
    assert read_record(text, ["videoprotection"]).kind == "procurement_award"
    # What a decision is for is not what it decides.
    asked = "La région demande au gouvernement de modifier la loi, afin de pouvoir lancer l'expérimentation."
    told = reported_decision(asked)
    assert told is not None and "expérimentation" not in asked[told.start : told.end]


def test_a_council_s_own_act_is_read_by_its_articles_not_by_its_lead() -> None:
    act = (
        "Le conseil municipal a voté l'installation de caméras en 2019.\n"
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"
        "Article 1 : de solliciter une subvention au titre du FIPD pour l'extension du dispositif."
    )
    assert reported_decision(act) is not None  # a report would be read by its first sentence
    assert read_record(act, ["videoprotection"]).kind == "grant_request"


def test_a_contractor_chosen_and_devices_added_to_a_system_already_there() -> None:
    # "« Nous avons retenu le dossier de l'entreprise Cegelec, …, pour un marché légèrement
    # inférieur à 80.000€»": one sentence, whatever the full stop in the number.
    langon = TEXTS["h8-lerepublicain-langon-cegelec-videosurveillance"]
    assert read_record(langon, ["videoprotection"]).kind == "procurement_award"
    # "… l'acquisition de dix caméras mobiles … Elles s'ajouteront aux 450 caméras fixes déjà installées."
    lille = TEXTS["web-mediacites-dix-cameras-mobiles-109000"]
    assert read_record(lille, ["videoprotection"]).kind == "extension"
    # "Il lui demande si … la commune peut installer des caméras": a question.
    question = (
        "Le sénateur interroge le ministre. Il lui demande si la commune a installé des caméras légalement."
    )
    told = reported_decision(question)
    assert told is not None and not told.taken


def test_acts_and_reports_as_heldout9_wrote_them() -> None:
    for record_id, kind in (
        # "ARRETEautorisant la captation …": a deciding verb run into the next word.
        ("h9-A-attrap-guyane-r03-2026-005-drone-ap-pn-cyn", "drone_authorisation"),
        # "AP PAF74 DRONE janv-fev-mars2025" in the recueil's summary.
        ("h9-A-attrap-haute-savoie-74-2025-018-drone-paf74", "drone_authorisation"),
        # "72-2025-01-22-00013 - Vidéoprotection Bar-Tabac de l'Union": the summary's line.
        ("h9-A-attrap-sarthe-24-01-2025-videoprotection-bar-tabac-union", "prefectoral_authorisation"),
        # "portant autorisation d'un système de vidéo-\nprotection".
        ("h9-A-attrap-loire-atlantique-216-2025-videoprotection-le-kl-blain", "prefectoral_authorisation"),
        # "une voiture qui compte 8 caméras … est testée depuis une semaine".
        ("h9-C-caradisiac-evry-voiture-lapi-huit-cameras-un-an", "experiment"),
        # "a décidé de faire appel à Bouygues Energies & Services et Axione pour l'installation".
        ("h9-d-axione-la-tranche-sur-mer-bouygues-axione-marche", "procurement_award"),
        # "un accord entre l'État et la mairie autorise les policiers à consulter ces images".
        ("h9-d-francebleu-marseille-accord-etat-mairie-images-commissariat", "convention"),
        # "Une intercommunalité ne peut pas recourir à des caméras augmentées".
        ("h9-d-alliaume-intercommunalite-cameras-augmentees-interdites", "moratorium_ban"),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id


def test_a_prefect_s_aircraft_cameras_by_the_law_s_formula_or_reported_as_allowed_by_an_arrete() -> None:
    for record_id in (
        # "… autorisant la captation, l'enregistrement et la transmission d'images au moyen de
        # caméras ins.pdf": the entry's title cut before its aircraft.
        "h22-a-attrap-pas-de-calais-62-2024-266-arrete-interdepartemental-captation-cameras-aeronefs",
        # "un drone équipé d'une caméra sera déployé par la gendarmerie … Une mesure exceptionnelle
        # autorisée par arrêté préfectoral": the prefect is not named.
        "h22-c-faitsdivers365-baie-mahault-carnaval-drone-gendarmerie",
    ):
        assert read_record(TEXTS[record_id], ["drone"]).kind == "drone_authorisation", record_id


def test_an_installation_on_a_page_that_tells_of_the_system_already_there_is_an_extension() -> None:
    for record_id in (
        # "Si la commune compte aujourd'hui 33 caméras, elle en aura bientôt 49".
        "h14-c-cftc-carros-cameras-lecture-plaques-entrees-de-ville-2012",
        # "La droite a mis en place en 2012 un système de vidéoprotection".
        "h13-b-jeanlouisberland-cm-2023-09-28-extension-videoprotection",
        # "Le réseau de vidéoprotection a été installé il y a une dizaine d'années".
        "h16-b-heraulttribune-bessan-cm-extension-videoprotection-100000-euros-subventions",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "extension", record_id
    # Another town's cameras ("la ville voisine de Carbonne qui possède 11 caméras") and the count of
    # the system approved ("Un système de vidéoprotection qui compte 33 caméras a été approuvé") are
    # not a system already there.
    for record_id in (
        "web-montesquieu-volvestre-cm-2015-12-21-videosurveillance",
        "h17-b-saint-laurent-du-maroni-page-csu-33-cameras-approuve-conseil",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "deployment", record_id


def test_a_device_a_group_asks_for_is_a_debate() -> None:
    # "… le Rassemblement national demande la mise en place de la vidéosurveillance".
    lannion = TEXTS["h17-c-breizhinfo-lannion-rassemblement-national-demande-videosurveillance-2025"]
    assert read_record(lannion, ["videoprotection"]).kind == "debate_only"


def test_a_mayor_who_equips_his_commune_decides() -> None:
    # "Le maire de Villeneuve-le-Roi dans le Val de Marne équipe sa commune d'un radar antibruit."
    text = TEXTS["h24-c-france3-villeneuve-le-roi-radar-antibruit-meduse-capteur-sonore"]
    told = reported_decision(text)
    assert told is not None and told.start == 0 and told.taken
    # The team is no verb: "l'équipe municipale marque une rupture".
    assert reported_decision("L'équipe municipale marque une rupture avec la politique menée.") is None


def test_what_a_clause_concedes_before_but_and_an_interview_decide_nothing() -> None:
    # "La commune « ne subit pas beaucoup de délinquance » mais investit dans 43 caméras... |
    # … Entretien avec Nathalie Morgant, maire": the verb after "mais" is taken, and an interview
    # is no upkeep.
    text = TEXTS["h25-c-lemansmaville-parigne-l-eveque-43-cameras-petite-ville-de-demain"]
    assert read_record(text, ["videoprotection"]).kind == "deployment"


def test_a_wish_before_but_a_town_s_first_cameras_and_each_said_of_something_else() -> None:
    from pipelines.records.counts import cameras

    # A wish before "mais" still governs the verb after it.
    wished = reported_decision(
        "Le maire souhaite, mais le budget reste serré, que la commune finance vingt caméras nouvelles."
    )
    assert wished is not None and not wished.taken
    # A town's very first cameras, or cameras installed a week ago, are no system already there.
    first = "La municipalité a installé en 2025 ses toutes premières caméras de vidéoprotection."
    assert read_record(first, ["videoprotection"]).kind == "deployment"
    week = (
        "La ville a installé douze caméras de vidéoprotection place du marché. Les premières caméras, "
        "installées il y a une semaine, fonctionnent déjà."
    )
    assert read_record(week, ["videoprotection"]).kind == "deployment"
    # "chacun" elsewhere in the sentence, or in the next one, does not make a count per vehicle.
    for text in (
        "La commune installe 12 caméras. Chacune coûte 3 000 euros.",
        "Chacun des élus a voté pour l'installation de 12 caméras.",
    ):
        found, _ = cameras(text)
        assert found is not None and found.value == 12, text
