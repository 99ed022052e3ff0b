"""Who decided and where, as a page tells it: the body its deciding sentence names, the town in
its title or with its département. Real labelled texts (tests/quality/records.toml)."""

from __future__ import annotations

from pipelines.records import read_record
from pipelines.records.clauses import reported_decision
from pipelines.records.parties import authority, deciding_body
from pipelines.records.places import commune
from tests.quality.records_scoring import labelled_texts, rules_alone

TEXTS = labelled_texts()


def test_the_body_a_report_s_deciding_sentence_names() -> None:
    def body(record_id: str) -> tuple[str, str] | None:
        text = TEXTS[record_id]
        told = reported_decision(text)
        found = deciding_body(text, told.start, told.end) if told is not None else None
        return (found[0], found[1].value) if found is not None else None

    # "La Ville a signé pour l'installation d'un dispositif de vidéosurveillance algorithmique".
    assert body("web-splann-saint-brieuc-vsa-depots-sauvages") == ("commune", "Conseil municipal")
    # "… ce dispositif, que le préfet a autorisé dans sa commune par un arrêté du 14/06/2021".
    assert body("web-lettre-du-maire-cameras-pietons-arrete-prefet-2021-06-14") == (
        "prefecture",
        "Préfecture",
    )
    # "La communauté de communes de la Vallée de l'Oise et des trois forêts s'est dotée …".
    assert body("h10-c-lesechos-ccvo3f-275-cameras-spie-citynetworks") == (
        "epci",
        "Communauté de communes de la Vallée de l'Oise",
    )
    # A body named as a complement, or a group of councillors, is not the one that decides:
    # "dans des quartiers bien ciblés de la commune", "Les élus communistes ont voté contre".
    assert body("web-pont-de-veyle-projet-videoprotection-subventions") is None
    assert body("web-montgeron-extension-28-a-35") is None


def test_a_region_s_assembly_is_the_region_s_council() -> None:
    # "Le lundi 19 juillet, l'assemblée régionale a voté les grandes orientations en terme de
    # sécurité dans la région Auvergne-Rhône-Alpes."
    text = TEXTS["h24-c-lyoncapitale-region-aura-experimentation-reconnaissance-faciale-trains-gares"]
    told = reported_decision(text)
    assert told is not None
    found = deciding_body(text, told.start, told.end)
    assert found is not None and found[0] == "region"


def test_where_a_page_says_its_decision_is() -> None:
    for record_id, town in (
        (
            "web-chapareillan-cm-2020-10-08-projet-videoprotection",
            "Chapareillan",
        ),  # "Vidéoprotection à Chapareillan."
        (
            "web-villes-internet-cesson-sevigne-14-cameras",
            "Cesson-Sévigné",
        ),  # "14 caméras installées à Cesson-Sévigné"
        ("web-dayfr-champs-sur-marne-vote-citoyen-45-cameras", "Champs-sur-Marne"),  # "… (Seine-et-Marne)"
        (
            "web-gazette-communes-nerac-referendum-non-sept-cameras",
            "Nérac",
        ),  # "Nérac (6 885 hab ; Lot-et-Garonne)"
        ("web-sancy-maire-cameras-entrees-village", "Sancy"),  # "le maire PS de Sancy"
    ):
        found = commune(TEXTS[record_id])
        assert found is not None and found.value == town, record_id
    # A title's "à" before a contractor is no place: "Avis d'attribution … attribué à STURNO TELECOM".
    assert commune(TEXTS["avranches-avis-attribution-sturno-telecom"]) is None
    # Nor a town named far into a long first paragraph ("à Bessais-le-Fromental (près de Sancoins)").
    assert commune(TEXTS["web-cher-departement-cameras-depots-sauvages"]) is None


def test_a_prefect_s_authorisation_is_the_prefecture_s_whatever_commune_a_page_names_first() -> None:
    from pipelines.records.parties import prefecture_named

    # "RECUEIL DES ACTES ADMINISTRATIFS DE LA PRÉFECTURE DE LA MEUSE": the place after the word.
    meuse = prefecture_named(
        TEXTS["h12-a-attrap-meuse-raa-54-2024-arrete-2024-1212-videoprotection-commune-lerouville"]
    )
    assert meuse is not None and meuse.value == "Préfecture de la Meuse"
    # "… DE LA PREFECTURE DU" cut before a line break names no place: the prefecture named by its
    # département's name further on is the recueil's.
    cantal = prefecture_named(TEXTS["h12-a-docslib-cantal-raa-mai-2013-arrete-2013-429-videoprotection"])
    assert cantal is not None and cantal.value == "Préfecture du Cantal"


def test_a_lead_that_opens_on_its_place_and_a_commune_ranked_in_its_territory() -> None:
    # "À Bastia, 67 caméras de vidéoprotection et de vidéoverbalisation …".
    bastia = commune(TEXTS["h13-c-corsicaradio-bastia-67-cameras-videoverbalisation-fnadt-80"])
    assert bastia is not None and bastia.value == "Bastia"
    # "Boulouparis devient la première commune de Nouvelle-Calédonie": the territory is no commune.
    boulouparis = commune(TEXTS["h13-c-la1ere-nouvelle-caledonie-boulouparis-csu-lecture-plaques-ia"])
    assert boulouparis is not None and boulouparis.value == "Boulouparis"


def test_who_an_authorisation_s_title_is_for() -> None:
    from pipelines.records.beneficiaries import beneficiary

    for record_id, who in (
        # "système de vidéoprotection pour l'établissement "SAS GUERARD" à Aubigny-sur-Nère".
        (
            "h13-a-attrap-cher-18-2025-03-008-ap-2025-0051-videoprotection-sas-guerard-aubigny-sur-nere",
            "SAS GUERARD",
        ),
        # "système de vidéoprotection – La Poste à BELLEVILLE sur MEUSE".
        (
            "h13-a-attrap-meuse-raa-55-2024-arrete-2024-961-renouvellement-videoprotection-la-poste-belleville-sur-meuse",
            "La Poste",
        ),
        # "caméras installées sur des aéronefs au groupement de gendarmerie départementale sur …".
        (
            "h13-a-attrap-haute-marne-raa-58-2025-arrete-52-2025-07-00075-drone-gendarmerie-langres-18-juillet-2025",
            "groupement de gendarmerie départementale",
        ),
    ):
        found = beneficiary(TEXTS[record_id])
        assert found is not None and found.value == who, record_id
    # "pour le parking de la place des commerces" names no one.
    parking = (
        "h13-a-attrap-seine-saint-denis-93-05-04-2024-arrete-2024-1005-videoprotection-parking-romainville"
    )
    assert beneficiary(TEXTS[parking]) is None


def test_who_a_recueil_s_title_authorises_in_more_of_its_forms() -> None:
    from pipelines.records.beneficiaries import beneficiary

    for record_id, expected in (
        # "… système de vidéo-\nprotection à la société Le KL (dossier 2008-0943) – Blain".
        ("h9-A-attrap-loire-atlantique-216-2025-videoprotection-le-kl-blain", "Le KL"),
        # "… système de vidéoprotection – commune de LEROUVILLE".
        (
            "h12-a-attrap-meuse-raa-54-2024-arrete-2024-1212-videoprotection-commune-lerouville",
            "commune de LEROUVILLE",
        ),
        # The Gard's, the holder before the act: "30-2024-10-28-00009 - MAIRIE BLAUZAC 2024\nArrêté
        # préfectoral\nd'autorisation de vidéoprotection", "ARRÊTÉ PRÉFECTORAL VIDÉOPROTECTION\nMAIRIE
        # CAISSARGUES - caméras intérieures 2025".
        ("h8-attrap-gard-30-2024-188-videoprotection-mairie-blauzac", "MAIRIE BLAUZAC"),
        (
            "h11-a-attrap-gard-30-2025-227-videoprotection-mairie-caissargues-cameras-interieures",
            "MAIRIE CAISSARGUES",
        ),
    ):
        found = beneficiary(TEXTS[record_id])
        assert found is not None and found.value == expected, record_id


def test_the_officers_a_body_camera_authorisation_records() -> None:
    from pipelines.records.beneficiaries import beneficiary

    for record_id, who in (
        # "… autorisant l'enregistrement audiovisuel\ndes interventions\ndes agents de police municipale
        # de la commune de\nLIMOGES (3 pages)".
        (
            "h10-a-attrap-haute-vienne-87-2025-094-cameras-individuelles-police-municipale-limoges",
            "agents de police municipale de la commune de LIMOGES",
        ),
        # "arrêté DC 2025-178 enregistrement des\ninterventions des agents de police municipale Cahors".
        (
            "h11-a-attrap-lot-46-2025-044-arrete-dc-2025-178-enregistrement-interventions-police-municipale-cahors",
            "agents de police municipale Cahors",
        ),
    ):
        found = beneficiary(TEXTS[record_id])
        assert found is not None and found.value == who, record_id
    # A page's "les agents de police municipale", of no commune named, are no one's in particular.
    assert beneficiary("Les caméras enregistrent les interventions des agents de police municipale.") is None


def test_a_territory_a_commune_is_ranked_in_is_no_council() -> None:
    from pipelines.records.parties import authority

    # "Boulouparis devient la première commune de Nouvelle-Calédonie à se doter d'une technologie".
    found = authority(TEXTS["h13-c-la1ere-nouvelle-caledonie-boulouparis-csu-lecture-plaques-ia"])
    assert found is None or "Calédonie" not in found.value
    # "Deuxième commune de Guyane, après Kourou à s'être doté…".
    found = authority(TEXTS["h13-b-ville-cayenne-videoprotection-urbaine-21-mats-2012"])
    assert found is None or "Guyane" not in found.value


def test_a_council_s_town_joined_by_a_hyphenated_a_sous_or_les() -> None:
    from pipelines.records.parties import authority, deciding_body

    for record_id, council in (
        # "Lors du tout récent conseil municipal de Pointe-à-Pitre".
        (
            "h13-b-indiscretions-pointe-a-pitre-pv-cm-2009-06-08-huit-cameras",
            "Conseil municipal de Pointe-à-Pitre",
        ),
        # "la commune de Flines-lès-Mortagne s'est engagée".
        ("h11-c-va-infos-flines-les-mortagne-sept-cameras-lapi", "Conseil municipal de Flines-lès-Mortagne"),
        # "la ville d'Aulnay-sous-Bois, comme 50 autres communes".
        (
            "h17-b-aulnaycap-opposition-vsa-csu-aulnay-sous-bois-neuroo",
            "Conseil municipal de Aulnay-sous-Bois",
        ),
    ):
        found = authority(TEXTS[record_id])
        assert found is not None and found.value == council, record_id
    # Spaced, "à" runs into the sentence: "la ville de Nice à Noël" is Nice's.
    text = (
        "La ville de Pointe-à-Pitre a installé huit caméras. La ville de Nice à Noël a installé une caméra."
    )
    second_sentence = text.index("La ville de Nice")
    first = deciding_body(text, 0, second_sentence)
    assert first is not None and first[1].value == "Conseil municipal de Pointe-à-Pitre"
    second = deciding_body(text, second_sentence, len(text))
    assert second is not None and second[1].value == "Conseil municipal de Nice"


def test_a_town_in_capitals_ends_where_a_title_in_small_letters_runs_on() -> None:
    from pipelines.records.parties import authority

    # "Revenir à la Rubrique MAIRIE DE SAINT PAUL Inauguration du Centre de Supervision Urbain".
    text = TEXTS["h13-c-zinfos974-saint-paul-reunion-csu-inaugure-51-cameras"]
    found = authority(text)
    assert found is not None and found.value == "Conseil municipal de Saint Paul"
    # A name in small letters keeps its capitalised words.
    town = commune("Des caméras seront installées à Saint-Paul-Trois-Châteaux (Drôme).")
    assert town is not None and town.value == "Saint-Paul-Trois-Châteaux"


def test_a_region_named_as_the_funder_of_what_a_page_reports() -> None:
    from pipelines.records.parties import authority

    # "Un outil pour lutter contre les violences … financé par la Région Guyane à hauteur de 800 000 euros".
    found = authority(TEXTS["h20-c-la1ere-guyane-region-cameras-lycees-ile-de-cayenne"])
    assert found is not None and found.value == "Région Guyane"
    # Named in passing, it decides nothing: "une aide du Département".
    assert authority("Les caméras ont été installées grâce à une aide du Département.") is None


def test_paris_s_prefecture_of_police_for_what_only_a_prefect_decides() -> None:
    from pipelines.records.build import records_for
    from pipelines.records.parties import police_prefecture_named
    from pipelines.tagging import get_tagger

    # An algorithmic trial at the Gare de Lyon, which the page says the prefecture of police allowed.
    text = TEXTS["h21-c-foot01-psg-ol-vsa-118-cameras-gare-de-lyon-2024"]
    [record] = records_for(text, [], list(get_tagger().tag(text)))
    assert (record.kind, record.authority) == ("experiment", "Préfecture de police de Paris")
    # Marseille's prefect of police is not Paris's.
    assert police_prefecture_named("le préfet de police des Bouches-du-Rhône a autorisé les drones") is None


def test_who_a_page_says_is_authorised_named_without_the_clauses_before_it() -> None:
    from pipelines.records.beneficiaries import beneficiary

    for record_id, who in (
        # "« Par arrêté préfectoral numéro 2021 CAB BCS CIPM 643 du 1er Juillet 2021, l'agent de
        # police municipale de la commune de Grisy-Suisnes … est autorisé".
        (
            "web-grisy-suisnes-arrete-2021-cab-bcs-cipm-643-camera-pieton",
            "l’agent de police municipale de la commune de Grisy-Suisnes",
        ),
        (
            "h19-c-ville-illzach-cameras-individuelles-police-municipale",
            "les agents de la police municipale de la Ville d’ILLZACH",
        ),
    ):
        found = beneficiary(TEXTS[record_id])
        assert found is not None and found.value == who, record_id
    # "Le vol est autorisé ce 31 décembre": what is authorised, not who.
    flight = beneficiary(TEXTS["h18-c-europesays-nancy-drone-dipn-54-saint-sylvestre"])
    assert flight is None or flight.value != "Le vol"
    # A deployment (or a renewal) has no beneficiary of its own: "les agents de police municipale sont autorisés,
    # par le représentant de l'État" to wear cameras the town bought.
    with rules_alone():
        manosque = read_record(TEXTS["web-manosque-police-municipale-cameras-pietons"], ["videoprotection"])
    assert manosque.beneficiary is None


def _authority(record_id: str) -> str | None:
    found = authority(TEXTS[record_id])
    return found.value if found is not None else None


def test_a_town_named_with_an_elided_article() -> None:
    # "Conseil Municipal de Saint Jean d'Angely du 9 février": the apostrophe joins, no space.
    assert _authority("h19-b-fmesnard-saint-jean-d-angely-cm-2012-02-09-intervention-cameras-coupee") == (
        "Conseil municipal de Saint Jean d'Angely"
    )
    # "LA VILLE DE SAINT-OUEN-l’AUMÔNE RELATIVE A L’EXPLOITATION": capitals but the article,
    # and the title's next word is no part of the name.
    assert _authority("web-doczz-convention-cacp-saint-ouen-l-aumone-videoprotection-parcs-activites") == (
        "Conseil municipal de Saint-Ouen-l’Aumône"
    )


def test_a_recueil_whose_text_layer_lost_the_departement_names_no_prefecture() -> None:
    # "PREFECTURE DE L’\n\nRECUEIL\n\nDES ACTES": the Aisne is not in the text.
    assert (
        _authority("h11-a-docslib-aisne-raa-mars-2010-arretes-autorisation-systemes-videosurveillance")
        is None
    )


def test_a_recueil_that_opens_on_its_departement_is_its_prefecture_s() -> None:
    # "HAUTES-ALPES\nRECUEIL DES ACTES ADMINISTRATIFS", a summary that names "commune de
    # St-Bonnet-en-Champsaur" in a fishing permit's entry before the video-protection act.
    assert _authority(
        "h22-a-attrap-hautes-alpes-05-2025-468-videoprotection-ccb-dechetterie-guisane-monetier-les-bains"
    ) == ("Préfecture des Hautes-Alpes")
    assert _authority("h22-a-attrap-mayenne-53-2025-175-cameras-aeronefs-mobilisation-18-septembre-2025") == (
        "Préfecture de la Mayenne"
    )


def test_a_council_s_town_is_a_commune_s_name() -> None:
    # "… de la Ville de Marseille Vendredi 8 février 2013": the day is no part of the town.
    assert (
        _authority("h15-b-marseille-dossier-presse-inauguration-csu-2013-02-08")
        == "Conseil municipal de Marseille"
    )
    # "… de Dannemarie, petite commune du Haut-Rhin": a département names no council.
    assert "Haut-Rhin" not in (_authority("h19-c-orange-afp-dannemarie-11-cameras-village") or "")


def test_a_town_s_mayor_named_in_a_page_s_lead() -> None:
    from pipelines.records.parties import mayor_named

    # "… raconte le maire de Châtel-Guyon. … D'où la décision … d'investir dans ces vingt-cinq caméras."
    found = mayor_named(TEXTS["h26-c-francebleu-chatel-guyon-vingt-cinq-cameras-police-municipale-2019"])
    assert found is not None and found.value == "Conseil municipal de Châtel-Guyon"
    # A mayor whose town is not named names none.
    assert mayor_named("Le maire de la commune a décidé d'installer des caméras.") is None
