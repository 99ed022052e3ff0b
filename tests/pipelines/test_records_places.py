"""Where a decision is, in a prefecture's recueil: its own entry, not another act's or an address."""

from __future__ import annotations

from pipelines.records.communes import known_commune
from pipelines.records.places import commune
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


def town(record_id: str) -> str | None:
    found = commune(TEXTS[record_id])
    return found.value if found else None


def test_the_first_surveillance_entry_of_a_summary_names_the_commune() -> None:
    # "24-2025-08-14-00003 - VIDEOPROTECTION-Commune de CAMPSEGRET-arrêté-2018-14082025 (2 pages)".
    assert town("h11-a-attrap-dordogne-24-2025-074-videoprotection-commune-campsegret") == "Campsegret"
    # "… caméras installées sur des aéronefs sur la commune de Fouras, du 1er juillet au 31 août 2025 (6 pages)".
    assert town("h11-a-attrap-charente-maritime-17-2025-170-drone-fouras-juillet-aout-2025") == "Fouras"


def test_no_commune_from_another_act_s_entry_or_an_address() -> None:
    for record_id, not_its_town in (
        # "… des emplacements d'affichage pour la commune de Saint-Eloi (2 pages)": not surveillance.
        ("h14-a-attrap-nievre-58-2025-282-drone-secours-a-personnes", "Saint-Eloi"),
        # "… système de vidéoprotection autorisé pour la commune de Saint-Doulchard (3 pages)": an
        # entry after the recueil's first surveillance act.
        (
            "h13-a-attrap-cher-18-2025-03-008-ap-2025-0051-videoprotection-sas-guerard-aubigny-sur-nere",
            "Saint-Doulchard",
        ),
        # "BP 71014 - 57034 METZ CEDEX 1": the prefecture's own address.
        ("h9-A-attrap-moselle-111-2025-videoprotection-136-fonctionnement", "Metz Cedex"),
        # "demeurant 1 chemin des Renards – 03500 MONTORD": a person's.
        ("web-attrap-allier-1256-1339bis-2025-videoprotection-bundle", "Montord"),
        # A summary listed line by line: "Arrêté n° … portant transfert de la parcelle de la section
        # de Sainte-Lucie à la commune de Saint-Léger-De-Peyre.", not surveillance.
        (
            "h13-a-attrap-lozere-raa-decembre-2025-partie-2-pref-cab-bs-2025-356-007-videoprotection-ddfip-mende",
            "Saint-Léger-De-Peyre",
        ),
    ):
        assert town(record_id) != not_its_town, record_id
    # "- ARRÊTÉ PRÉFECTORAL n° … portant fermeture de l'établissement « Ecurie les crins de Pauline »
    # 5 rue des Peupliers à SAINTE MARIE LA MER (66470)": the next entry's town is the act's.
    assert (
        town(
            "h12-a-attrap-pyrenees-orientales-recueil-11-aout-2025-arrete-2025192-0029-videoprotection-cabestany"
        )
        == "Cabestany"
    )


def test_a_summary_entry_that_ends_on_its_town() -> None:
    # "… l'agence La Poste sise place Léon Debouverie à Amiens (2 pages)".
    assert (
        town("h15-a-attrap-somme-2024-067-ap-24-177-videoprotection-provisoire-la-poste-amiens") == "Amiens"
    )
    # "… sur des aéronefs les 24 et 25 janvier 2026 à Grasse (4 pages)".
    assert (
        town("h15-a-attrap-alpes-maritimes-025-2026-06-ap-2026-103-cameras-aeronefs-grasse-24-25-janvier")
        == "Grasse"
    )


def test_a_recueil_s_title_names_the_town_in_its_own_ways() -> None:
    for record_id, expected in (
        # "(dossier 2009-0125) – Saint-\nHerblain": the Loire-Atlantique's titles, a name wrapped.
        (
            "h9-A-attrap-loire-atlantique-008-2025-videoprotection-banque-populaire-saint-herblain",
            "Saint-Herblain",
        ),
        # "… sur des aéronefs pour la manifestation prévue à Bordeaux le 22 novembre 2025".
        ("h9-A-attrap-gironde-33-2025-303-drone-manifestation-bordeaux", "Bordeaux"),
        # "MAIRIE BLAUZAC 2024": a town hall's system.
        ("h8-attrap-gard-30-2024-188-videoprotection-mairie-blauzac", "Blauzac"),
    ):
        assert town(record_id) == expected, record_id


def test_a_flight_over_a_town_and_a_town_named_with_its_article_or_postcode() -> None:
    for record_id, expected in (
        # "… sur un aéronef de la police nationale sur la ville de Lourdes".
        (
            "h16-a-attrap-hautes-pyrenees-65-2025-263-camera-aeronef-police-nationale-lourdes-assomption-modifiant",
            "Lourdes",
        ),
        # "… installées sur des aéronefs sur la commune du Port": Le Port.
        ("h16-a-attrap-reunion-arrete-2025-2285-cab-bpa-cameras-aeronefs-le-port", "Le Port"),
        # "… 413 route de Lyon à MESSIA SUR\nSORNE (39570)": a postcode, the name wrapped.
        (
            "h16-a-attrap-jura-39-2025-04-001-abrogation-autorisation-videoprotection-mondial-relay-messia-sur-sorne",
            "Messia-sur-Sorne",
        ),
    ):
        assert town(record_id) == expected, record_id
    # "marché unique attribué à STURNO \nTELECOM SA (50300)": a contractor, not a town.
    assert town("avranches-avis-attribution-sturno-telecom") is None


def test_an_office_s_postal_address_is_no_commune() -> None:
    # The Val-de-Marne's prefecture, "94011 CRETEIL CEDEX", prints its address above its acts.
    assert (
        commune("Préfecture du Val-de-Marne\n21-29 avenue du Général de Gaulle\n94011 CRETEIL CEDEX\n")
        is None
    )
    assert town_of("Mairie\n50700 VALOGNES\n") == "Valognes"


def town_of(text: str) -> str | None:
    found = commune(text)
    return found.value if found else None


def test_a_report_s_title_that_opens_on_its_town_as_a_dateline() -> None:
    # "Chagny - conseil municipal La Ville souhaite …", "Saint-Corneille. Quel bilan …", "Montoir-de-
    # Bretagne, 7 …": the town as INSEE names it.
    assert town("h10-c-lejsl-chagny-deuxieme-subvention-detr-19-cameras") == "Chagny"
    assert town("web-saint-corneille-bilan-videosurveillance-70000") == "Saint-Corneille"
    assert town("h19-c-francebleu-montoir-de-bretagne-23-cameras") == "Montoir-de-Bretagne"
    # A word that is also a commune's name, a département's name, or a town not followed by the
    # dateline's punctuation, is no dateline.
    assert town_of("Brèves : la vidéoprotection s'étend\nLe conseil a voté dix caméras.") is None
    assert town_of("Gironde : le Département équipe ses collèges\nDix caméras.") is None
    assert town_of("Millau Vidéo, l'association des cinéphiles\nRien de décidé.") is None
    assert town_of("Millau : quatre caméras supplémentaires\nLe conseil a voté.") == "Millau"


def test_a_name_run_on_into_the_next_words_is_cut_back_to_the_commune_s() -> None:
    # "Le maire de Labégude Jean-Yves Ponthier", "Ville de Marseille Vendredi 8 février 2013".
    assert known_commune("Labégude Jean-Yves Ponthier") == "Labégude"
    assert known_commune("Marseille Vendredi") == "Marseille"
    assert known_commune("Saint-Ouen-l’Aumône") == "Saint-Ouen-l’Aumône"  # a commune whole
    assert known_commune("Le Haut-Rhin") is None  # "petite commune du Haut-Rhin": a département
    assert known_commune("Nouméa") == "Nouméa"  # outside INSEE's list: kept as read


def test_a_commune_named_is_a_commune_of_france_today_or_before() -> None:
    # New Caledonia's and Polynesia's towns, a former commune ("Sauzé-Vaussais", a commune déléguée
    # since 2025), a name of three letters, and names shortened as people write them.
    for name in ("Nouméa", "Faa'a", "Sauzé-Vaussais", "Sainte-Hermine", "Pau", "Brive", "St Quentin"):
        assert known_commune(name) == name
    # Not what a page calls a town that is none of France's: "la ville de Boston, cliente de
    # Briefcam", "le maire de cette commune du Sénégal", "le Nord-Ouest du Rhône".
    for name in ("Boston", "Le Sénégal", "Le Nord-Ouest du Rhône", "Roland-Garros", "Cab-Sidpc"):
        assert known_commune(name) is None, name
    assert town("web-israelvalley-roubaix-police-municipale-briefcam") is None


def test_a_council_s_own_heading_names_its_town_whatever_the_lists_say() -> None:
    from pipelines.records.parties import authority

    # A council's name on the text's first line is its heading: the town names itself there (a
    # test's or a demo's town too); the same words further down name no commune.
    heading = authority("Ville de Testville - Conseil municipal du 12 mars 2024\nDélibération n° 12")
    assert heading is not None and heading.value == "Conseil municipal de Testville"
    assert known_commune("Testville", heading=True) == "Testville"
    assert authority("Un article.\nLe débat sur la reconnaissance faciale dans la ville de Boston.") is None


def test_a_page_s_town_in_a_paragraph_or_where_its_cameras_were_put() -> None:
    # "A Aumont-Aubrac, petite commune de 500 habitants, un appel d'offre a été lancé pour 6 caméras."
    assert town("h29-c-france3-lozere-aumont-aubrac-appel-offre-six-cameras") == "Aumont-Aubrac"
    # "Depuis quelques jours, cinq cameras ont été mises en fonctionnement à Fessy".
    assert town("h29-c-thononagglo-fessy-cinq-cameras-ecole-42-pourcent-region-detr") == "Fessy"
    # A French commune only: "à Boston" is none.
    nogent = commune("Vidéoprotection\nA Nogent-le-Rotrou, la ville a installé 12 caméras.")
    assert nogent is not None and nogent.value == "Nogent-le-Rotrou"
    assert commune("Vidéoprotection\nDes caméras ont été installées à Boston.") is None


def test_a_village_named_after_its_population_or_with_its_article() -> None:
    # "le village de Bisinchi, en Haute-Corse, est désormais équipé de caméras".
    assert town("h30-c-corsenetinfos-bisinchi-village-cameras-videosurveillance") == "Bisinchi"
    # "Dans le village de 680 habitants de la Vieille-Lyre (Eure), 17 caméras viennent d'être
    # installées" (not Saint-Sauveur-le-Vicomte, "le village" the page compares it with later).
    assert town("h16-c-tf1-la-vieille-lyre-17-cameras-apres-cambriolage") == "La Vieille-Lyre"
