"""Kinds read from the words an act or a page uses: a recueil's first surveillance act in the
words of its time, a report for information, a second phase. Real labelled texts
(tests/quality/records.toml), read by the rules alone."""

from __future__ import annotations

import pytest

from pipelines.records import read_record
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


# The rules alone: the learnt model, which learnt these very texts, stays out.
pytestmark = pytest.mark.usefixtures("rules_only")


def test_a_recueil_s_first_surveillance_act_in_the_words_of_its_time() -> None:
    for record_id, kind in (
        # "portant autorisation d'installation d'un système de vidéosurveillance" (before 2011).
        (
            "h12-a-docslib-corse-du-sud-raa-avril-2008-arrete-2008-0353-videosurveillance",
            "prefectoral_authorisation",
        ),
        # "A R R E T E n° 2013 – 429 du 5 avril 2013 portant autorisation …", spaced out.
        ("h12-a-docslib-cantal-raa-mai-2013-arrete-2013-429-videoprotection", "prefectoral_authorisation"),
        # The summary lists a video-protection authorisation before a drone flight: the first is the record.
        (
            "h12-a-attrap-meuse-raa-54-2024-arrete-2024-1212-videoprotection-commune-lerouville",
            "prefectoral_authorisation",
        ),
        # A file title: "AP - n°2025-1377 - caméra sur aéronef".
        ("h12-a-attrap-cher-18-2025-10-002-ap-2025-1377-camera-sur-aeronef", "drone_authorisation"),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id
    # A jammer that brings drones down authorises no camera: "dispositif de brouillage anti drone".
    jammer = read_record(
        TEXTS["h12-a-attrap-cote-d-or-21-2024-113-brouillage-anti-drone-gendarmerie-negative"], ["drone"]
    )
    assert jammer.kind != "drone_authorisation"


def test_a_report_for_information_is_a_debate_and_a_second_phase_an_extension() -> None:
    # "comme l'a précisé hier en conseil municipal l'adjoint au maire … dans un rapport d'information".
    bordeaux = TEXTS["h12-b-paperblog-bordeaux-cm-rapport-information-videoprotection-controle-acces"]
    assert read_record(bordeaux, ["videoprotection"]).kind == "debate_only"
    # "C'est la seconde phase du dispositif de vidéoprotection".
    cayenne = TEXTS["h12-c-la1ere-cayenne-deuxieme-phase-67-cameras-850000-euros"]
    assert read_record(cayenne, ["videoprotection"]).kind == "extension"


def test_a_convention_signed_years_ago_is_context_not_the_decision() -> None:
    # "APPROBATION DU DCE ET LANCEMENT DU MARCHE CONCERNANT LA VIDEO-PROTECTION", which recalls "la
    # convention de coopération gendarmerie-police municipale signée le 10 mai 2006".
    avranches = TEXTS["avranches-pv-2013-07-01-5-dce-videoprotection"]
    assert read_record(avranches, ["videoprotection"]).kind == "deployment"


def test_an_old_recueil_s_summary_numbered_its_own_way() -> None:
    # "2008-03-0214 - Implantation d'un système de vidéosurveillance au sein de la S.A. Obry Les
    # Briconautes à Brive (AP du 11 mars 2008)": the Corrèze's recueil of extracts.
    brive = TEXTS[
        "h13-a-docslib-correze-raa-2008-07-ap-2008-03-0214-videosurveillance-obry-les-briconautes-brive"
    ]
    assert read_record(brive, ["videoprotection"]).kind == "prefectoral_authorisation"


def test_the_state_s_fund_that_finances_an_installation_awards_a_grant() -> None:
    # The lead of a Martinique radio's page (h13-c-rci-martinique-fipd-514044-euros-119-cameras-six-communes).
    lead = (
        "L'Etat via le Fonds Interministériel de Prévention de la Délinquance financera à hauteur d'un "
        "demi-million d'euros l'installation de caméras de vidéosurveillance dans 6 communes de Martinique."
    )
    assert read_record(lead, ["videoprotection"]).kind == "grant_award"


def test_an_authorisation_is_new_only_when_the_act_says_it_authorises_or_installs() -> None:
    # "72-2026-01-27-00009 - Vidéoprotection-Fournil de la Gare-Le Mans-raa": a file title, no scope.
    fournil = read_record(
        TEXTS["h14-a-attrap-sarthe-2026-01-28-020-videoprotection-fournil-de-la-gare-le-mans"], []
    )
    assert (fournil.kind, fournil.scope) == ("prefectoral_authorisation", None)
    # "2008-03-0214 - Implantation d'un système de vidéosurveillance au sein de la S.A. Obry".
    obry = read_record(
        TEXTS[
            "h13-a-docslib-correze-raa-2008-07-ap-2008-03-0214-videosurveillance-obry-les-briconautes-brive"
        ],
        [],
    )
    assert (obry.kind, obry.scope) == ("prefectoral_authorisation", "new")


def test_a_report_whose_title_names_an_extension_reports_one() -> None:
    for record_id in (
        # "Bellefond Vidéoprotection : de nouvelles caméras vont être installées dans la commune".
        "web-bellefond-cm-7-decembre-six-cameras",
        # "Extension du réseau de vidéosurveillance de TRANSPOLE".
        "h12-b-lille-sous-surveillance-mel-deliberation-extension-videoprotection-metro",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "extension", record_id


def test_heldout15_s_words_for_an_authorisation_and_an_extension() -> None:
    for record_id, kind in (
        # "…national du mériteArrêté n°PREF-CAB-BPA-2025-227Autorisant la captation": an arrêté
        # whose heading a lost space ran into the prefect's titles.
        (
            "h15-a-attrap-haute-savoie-ap-paf-tmb-avril-mai-2025-arrete-pref-cab-bpa-2025-227-drone-frontiere",
            "drone_authorisation",
        ),
        # "c'est la commune de Saint-André des Eaux qui vient d'être autorisée (page 109) à
        # s'équiper de caméras": the prefect's authorisation, reported.
        ("h15-c-breizhinfo-saint-andre-des-eaux-prefecture-autorise-14-cameras", "prefectoral_authorisation"),
        # "100 caméras de surveillance supplémentaire": the singular misspelt.
        ("h15-c-entreprise-angers-cent-cameras-supplementaires-vote-1-million", "extension"),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id


def test_no_scope_for_a_repeal_or_an_act_that_modifies_and_renews() -> None:
    for record_id in (
        "h16-a-attrap-jura-39-2025-04-001-abrogation-autorisation-videoprotection-mondial-relay-messia-sur-sorne",
        # "portant modification et renouvellement de l'autorisation".
        "h16-a-attrap-meuse-raa-40-2024-arrete-2024-879-modification-renouvellement-videoprotection",
    ):
        record = read_record(TEXTS[record_id], [])
        assert (record.kind, record.scope) == ("prefectoral_authorisation", None), record_id


def test_cameras_placed_and_a_commune_endowed_with_a_system_are_deployed() -> None:
    for record_id in (
        # "17 caméras ont été placées sur 12 sites stratégiques".
        "h17-c-ville-bauge-videoprotection-operationnelle-17-cameras-12-sites",
        # "le maire Gaston Tong Sang a fait le choix de doter la commune de Bora Bora d'un système de
        # vidéoprotection".
        "h17-b-la1ere-bora-bora-communique-mairie-16-cameras-15-jours",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "deployment", record_id


def test_a_project_the_council_voted_down_is_a_debate() -> None:
    # "le projet d'installation de caméras de vidéosurveillance avait été repoussé suite à un vote
    # contre du conseil municipal".
    record = read_record(
        TEXTS["h17-c-lancieuxcitoyenne-conseil-municipal-vote-contre-trois-cameras-22-juin-2023"],
        ["videoprotection"],
    )
    assert record.kind == "debate_only" and record.cameras is None


def test_money_asked_of_the_state_is_a_grant_request() -> None:
    # "… moins de la moitié de l'argent que nous demandons à l'Etat … les 500 000 demandés il n'y a
    # pas un mois au Ministre de l'Intérieur": a councillor's speech on the town's request.
    text = TEXTS["h17-b-villeurbanne-insoumise-intervention-demande-etat-83027-euros-cameras"]
    assert read_record(text, ["videoprotection"]).kind == "grant_request"


def test_a_force_endowed_or_a_vehicle_equipped_with_cameras_is_a_deployment() -> None:
    for record_id in (
        # "la police municipale de la commune de Sannois est dotée d'un nouvel équipement".
        "h14-c-sannois-police-municipale-cameras-pietons-10-mars-2022",
        # "Chaque agent de la police municipale en intervention est muni d'une caméra portative".
        "h12-c-autun-quatre-cameras-mobiles-police-municipale-3743-euros",
        # "une voiture électrique équipée de 4 caméras pour un système dit « LAPI »".
        "web-grandlille-lille-voiture-lapi-quatre-cameras",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "deployment", record_id


def test_an_authorisation_s_scope_is_read_in_its_own_entry() -> None:
    from pipelines.records.kinds import decision_kind

    for record_id in (
        # The Lozère's summary lists other acts' "modification" before "… portant autorisation d'un
        # système de vidéoprotection – Direction départementale des finances publiques – Mende".
        "h13-a-attrap-lozere-raa-decembre-2025-partie-2-pref-cab-bs-2025-356-007-videoprotection-ddfip-mende",
        # The Yonne's: a renewal listed before the Mondial Relay locker's new authorisation.
        "h16-a-attrap-yonne-89-2025-185-videoprotection-mondial-relay-consigne-031602",
    ):
        kind, scope = decision_kind(TEXTS[record_id])
        assert kind is not None and kind.value == "prefectoral_authorisation", record_id
        assert scope is not None and scope.value == "new", record_id


def test_cameras_that_complete_a_network_extend_it_and_a_wish_to_install_decides_nothing() -> None:
    for record_id, kind in (
        # "La commune, qui compte déjà une trentaine de caméras, a décidé de compléter son réseau".
        ("h16-c-france3-dijon-conseil-24-septembre-2012-cinq-cameras-fixes", "extension"),
        # "Huit caméras venant compléter les trois autres, installées il y a longtemps".
        ("h13-b-indiscretions-pointe-a-pitre-pv-cm-2009-06-08-huit-cameras", "extension"),
        # "Le préfet Eric Spitz dit vouloir agrandir le rayon d'action … avec l'installation d'un
        # système de vidéosurveillance".
        ("h13-c-la1ere-guyane-kourou-prefet-veut-videosurveillance-zsp", "debate_only"),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id
    # Another plan that completes other measures is no extension of a network.
    other = read_record("Ce plan vient compléter d'autres mesures. La ville a installé 4 caméras.", [])
    assert other.kind == "deployment"


def test_heldout18_s_recueils_their_summaries_and_their_run_on_headings() -> None:
    from pipelines.records.kinds import decision_kind

    for record_id, kind in (
        # "AP du 8 octobre 2025 portant autorisation exploitation système vidéoprotection - Commune
        # de BRON", before a drone flight's entry; the Lyon 2 one after "Arrêté interdiction concerts".
        (
            "h18-a-attrap-rhone-raa-special-69-2025-263-ap-8-octobre-2025-videoprotection-commune-de-bron",
            "prefectoral_authorisation",
        ),
        (
            "h18-a-attrap-rhone-raa-special-69-2025-315-ap-26-novembre-2025-videoprotection-bizzbee-lyon-2",
            "prefectoral_authorisation",
        ),
        # A summary's file title: "38-2025-10-28-00010 - AP DRONE-HALLOWEEN- (5 pages)".
        (
            "h18-a-attrap-isere-raa-special-38-2025-293-ap-drone-halloween-apres-conseil-communautaire",
            "drone_authorisation",
        ),
        # A heading run into its verb: "Arrétéautorisant la captation … sur des aéronefs à Nice".
        (
            "h18-a-attrap-alpes-maritimes-recueil-special-211-2025-cameras-aeronefs-nice-19-aout-2025",
            "drone_authorisation",
        ),
    ):
        found, _ = decision_kind(TEXTS[record_id])
        assert found is not None and found.value == kind, record_id
    bron = read_record(
        TEXTS["h18-a-attrap-rhone-raa-special-69-2025-263-ap-8-octobre-2025-videoprotection-commune-de-bron"],
        ["videoprotection"],
    )
    assert bron.beneficiary == "Commune de BRON"


def test_a_scheme_s_aid_upkeep_as_a_cost_and_a_place_where_cameras_would_be_good() -> None:
    for record_id, kind in (
        # "il apporte une aide aux communes, notamment avec la création en 1999 d'un dispositif".
        (
            "h18-b-sebaoun-conseil-general-seance-2006-11-24-participation-cavam-videosurveillance",
            "grant_award",
        ),
        # "se rajoutent aux coûts d'investissement le coût d'entretien, maintenance et de personnel".
        ("h18-b-eelv-plessis-robinson-conseil-fevrier-2013-41-cameras-cout", "deployment"),
        # "identifier les endroits où il serait bon d'installer des caméras".
        ("h18-c-hebdo-armor-saint-meen-etude-gendarmerie-videoprotection", "debate_only"),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id
    upkeep = read_record("Le conseil approuve le contrat de maintenance des caméras de la ville.", [])
    assert upkeep.kind == "maintenance"


def test_reports_of_a_scheme_a_budget_debate_a_signed_contract_and_a_project_adopted() -> None:
    for record_id, kind in (
        # "Ce dernier propose aux communes de moins de 20.000 habitants un soutien financier".
        ("web-evasionfm-hauts-de-france-enveloppe-500000-videoprotection", "grant_award"),
        # "la Région a décidé d'accompagner financièrement les communes de moins de 20 000 habitants".
        ("h10-b-region-hauts-de-france-aide-premier-equipement-videoprotection", "grant_award"),
        # "Le Débat d'orientation budgétaire … a été l'occasion pour le conseil municipal de faire le point".
        ("h13-b-radiococotier-noumea-dob-2022-videoprotection-8-cameras", "debate_only"),
        # "Question écrite (Conseil Municipal du 30/08/19)".
        ("h14-b-collectif-ruthenois-question-ecrite-cm-2019-08-30-cameras-comite-ethique", "debate_only"),
        # "La Ville a signé pour l'installation d'un dispositif de vidéosurveillance algorithmique".
        ("web-splann-saint-brieuc-vsa-depots-sauvages", "procurement_award"),
        # "39 voix pour, 16 contre. Le projet de vidéosurveillance a été adopté mercredi soir".
        ("h16-b-macommune-besancon-cm-videosurveillance-24-cameras-39-pour-16-contre", "deployment"),
        # "D'autres communes l'ont déjà expérimenté": a trial elsewhere, not Sète's.
        ("h14-c-tf1info-sete-cameras-ia-depots-sauvages-100000-euros", "deployment"),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id


def test_heldout19_s_prefects_and_a_convention_of_coordination() -> None:
    from pipelines.records.kinds import decision_kind

    # "PREFETDE L'OISE" (the title run into its place), then, after a list of lifeguards, "Arrêté
    # portant modification d'un système de vidéoprotectionLE PRÉFET DE L'OISE".
    found, scope = decision_kind(TEXTS["h19-a-attrap-oise-raa-20250801-modification-videoprotection"])
    assert found is not None and found.value == "prefectoral_authorisation"
    assert scope is not None and scope.value == "modification"
    # The Gard's summary: "MAIRIE BLAUZAC 2024 Arrêté préfectoral d'autorisation de vidéoprotection",
    # after a convention of coordination.
    found, _ = decision_kind(TEXTS["h8-attrap-gard-30-2024-188-videoprotection-mairie-blauzac"])
    assert found is not None and found.value == "prefectoral_authorisation"
    # A convention of coordination that lists "11) Vidéo Protection" among the police's missions
    # decides nothing about a device: no record.
    fitz_james = (
        "h10-a-attrap-oise-raa-20240205-convention-coordination-police-municipale-fitz-james-negative"
    )
    assert read_record(TEXTS[fitz_james], ["videoprotection"]).kind == "none"


def test_old_recueils_summaries_and_a_court_that_suspends_a_prefect_s_arrete() -> None:
    from pipelines.records.kinds import decision_kind

    for record_id in (
        # The Bas-Rhin's 2009 summary: "Autorisations de systèmes de vidéosurveillance – 26.05.2009".
        "h15-a-docslib-bas-rhin-raa-13-1er-juillet-2009-autorisations-systemes-videosurveillance-26-05-2009",
        # The Nièvre's 2003 one: "2003-P-1344-arrêté portant autorisation de fonctionnement de système de
        # vidéosurveillance pour le supermarché "Champion"".
        "h14-a-fdocuments-nievre-raa-1er-juillet-2003-2003-p-1344-videosurveillance-champion-decize",
    ):
        found, _ = decision_kind(TEXTS[record_id])
        assert found is not None and found.value == "prefectoral_authorisation", record_id
    # "A Rezé, le tribunal administratif fait suspendre l'arrêté contre l'utilisation des drones":
    # a ban, though the page reports a prefect's arrêté.
    found, _ = decision_kind(TEXTS["h13-c-inf-info-reze-tribunal-administratif-suspend-arrete-drones-rodeos"])
    assert found is not None and found.value == "moratorium_ban"
    # A recital that cites a judgment is no ban.
    from pipelines.records.courts import court_that_stops

    recital = "ARRÊTÉ\nVu la loi ;\nVu le jugement du tribunal administratif de Lyon annulant l'arrêté du 3 mars 2020 ;"
    assert court_that_stops(recital) is None
    # A recital before it is no reason to miss the court: "Vu la loi\nLe tribunal … a annulé".
    after = "Vu la loi du 21 janvier 1995\nLe tribunal administratif de Lyon a annulé l'arrêté."
    found = court_that_stops(after)
    assert found is not None and found.value == "Tribunal administratif de Lyon"


def test_funds_that_support_an_installation_or_the_communes_are_awarded() -> None:
    for record_id in (
        # "La municipalité de Baie-Mahault a bénéficié d'une subvention d'Etat : le Fonds
        # Interministériel de Prévention de la Délinquance".
        "h20-c-jarrypro-baie-mahault-fipd-13-cameras-jarry",
        # "Le Fonds interministériel de prévention de la délinquance soutient l'installation".
        "web-mayotte-fipd-petite-terre",
        # "une délibération visant à financer le déploiement de la vidéoprotection dans dix gares".
        "h16-b-annesophie-fontaine-region-hdf-pleniere-videoprotection-dix-gares-100-pourcent",
        # "l'État s'engage à accompagner toutes les communes notamment par le fonds interministériel".
        "h17-c-rci-schoelcher-30-nouvelles-cameras-fonds-etat-contrat-territorial-2024-2028",
        # "Un rapport concernant diverses subventions à l'installation de caméras de vidéosurveillance".
        "h18-b-sebaoun-conseil-general-cp-2006-03-13-subventions-cameras-six-communes",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "grant_award", record_id
    asked = read_record("Le conseil approuve la demande de subvention à l'installation de 4 caméras.", [])
    assert asked.kind == "grant_request"
    # "La Ville a déjà bénéficié d'une subvention pour l'installation de caméras et en espère une
    # deuxième": what came before is not the decision reported.
    before = read_record(TEXTS["h10-c-lejsl-chagny-deuxieme-subvention-detr-19-cameras"], ["videoprotection"])
    assert before.kind != "grant_award"


def test_a_new_camera_new_sites_and_cameras_added_to_those_already_there_extend_a_network() -> None:
    for record_id in (
        # "Nous sommes pour l'installation de la nouvelle caméra reliée au centre de supervision".
        "h19-b-ensemble-citoyens-cm-2022-02-11-nouvelle-camera-place-victoire-csu",
        # "Aux 1 000 déjà actives sur Nice, 50 nouvelles seront installées cette année".
        "h15-b-lepetitnicois-nice-cm-19-janvier-quatorze-mesures-50-cameras",
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == "extension", record_id


def test_devices_put_in_place_in_the_passive_are_deployed() -> None:
    # "Aux Mureaux, neuf caméras ont été mises en place."
    record = read_record(TEXTS["h9-C-leblogauto-les-mureaux-lapi-neuf-cameras"], ["lapi"])
    assert record.kind == "deployment"


def test_a_convention_signed_this_week_is_the_decision_its_report_tells() -> None:
    # "La convention de sécurité 2021-2026, signée ce jeudi 25 novembre par François Cuillandre et le
    # préfet du Finistère, prévoit un premier déploiement de quinze caméras".
    brest = TEXTS["h20-c-didierlegac-telegramme-brest-convention-securite-15-cameras"]
    assert read_record(brest, ["videoprotection"]).kind == "convention"


def test_a_trial_given_up_a_device_switched_off_and_funds_granted_to_a_commune() -> None:
    for record_id, kind in (
        # "la ville de Saint-Étienne a renoncé ce mardi 29 octobre à son expérimentation de capteurs de sons".
        ("h21-c-huffpost-saint-etienne-renonce-capteurs-sonores-2019-10-29", "moratorium_ban"),
        # "La municipalité … doit prochainement désactiver un dispositif de vidéosurveillance algorithmique".
        ("h21-c-onemedia-nice-cnil-desactivation-vsa-abords-ecoles", "moratorium_ban"),
        # "cette aide financière octroyé à la commune de Dardilly pour l'installation de caméras".
        ("h21-b-inventer-demain-conseil-metropole-lyon-aide-dardilly-cameras-parcs-relais", "grant_award"),
        # "Un intense lobbying d'élus yvelinois a permis de débloquer des fonds de l'Etat".
        ("h21-c-gazette-yvelines-epone-fonds-etat-debloques-31-cameras-2017", "grant_award"),
        # "le gouvernement a débloqué de nouveaux fonds pour la sécurisation des sites sensibles": a
        # plan's new funds, not this decision's; the page adds ten cameras.
        ("h10-b-echo-presquile-dix-cameras-supplementaires-2024-2025", "extension"),
    ):
        assert read_record(TEXTS[record_id], ["videoprotection"]).kind == kind, record_id


def test_a_page_that_read_a_prefecture_s_recueil_reports_its_authorisations_which_spend_nothing() -> None:
    # "Selon le recueil d'arrêtés du 30 octobre de la préfecture du Finistère, cinq d'entre elles
    # vont être équipées": what the page reports is the prefect's; a town's investment ("le conseil
    # municipal avait prévu 12 caméras pour un investissement de 30.000 € HT") is no authorisation's.
    benodet = read_record(
        TEXTS["h21-c-breizh-info-finistere-benodet-dechetterie-trois-cameras-2015"], ["videoprotection"]
    )
    assert benodet.kind == "prefectoral_authorisation" and benodet.amount_eur is None
