"""A prefecture's département read by its name as INSEE writes it, however a recueil prints it."""

from __future__ import annotations

from crawler.sources.authorities import read_authorities
from pipelines.records.departements import DEPARTEMENTS, departement_at
from pipelines.records.parties import authority, prefecture_named
from tests.quality.records_scoring import labelled_texts


def test_the_names_are_the_registry_s() -> None:
    registry = {place.name for place in read_authorities().named("departement")}
    assert {name for _, name in DEPARTEMENTS} == registry


def test_a_name_cut_run_on_or_unaccented_is_read_whole() -> None:
    for printed, name_starts, expected in (
        ("PREFECTURE DE LA MARNEdu 16 avril 2024", "MARNE", ("de la ", "Marne")),
        ("LE PRÉFET DE L'OISEChevalier de l'Ordre national", "OISE", ("de l'", "Oise")),
        ("Préfecture des Côtes d'Armor / CABINET", "Côtes", ("des ", "Côtes-d'Armor")),
        ("PREFECTURE des DEUX SEVRES", "DEUX", ("des ", "Deux-Sèvres")),
        ("DE LA SEINE-SAINT-\nDENIS", "SEINE", ("de la ", "Seine-Saint-Denis")),
        ("de la Loire-Atlantique", "Loire", ("de la ", "Loire-Atlantique")),  # not the Loire
        ("de la Loire, le 3 mai", "Loire", ("de la ", "Loire")),
        ("PRÉFET DE LA RÉUNION", "RÉUNION", ("de ", "La Réunion")),
    ):
        assert departement_at(printed, printed.index(name_starts)) == expected, printed
    # A town or a word that only begins like a département's name is none.
    assert departement_at("Marneville", 0) is None
    assert departement_at("Corse, préfet de la Corse-du-Sud", 0) is None


def test_a_recueil_s_prefecture_by_its_departement_s_name() -> None:
    texts = labelled_texts()
    for record_id, expected in (
        ("h13-a-attrap-marne-raa-4-9-2024-arrete-16-avril-2024-drone", "Préfecture de la Marne"),
        (
            "h13-a-attrap-cotes-d-armor-22-2025-231-drone-manifestation-intersyndicale-guingamp-2-octobre-2025",
            "Préfecture des Côtes-d'Armor",
        ),
        ("h14-a-attrap-nievre-58-2025-282-drone-secours-a-personnes", "Préfecture de la Nièvre"),
    ):
        found = prefecture_named(texts[record_id])
        assert found is not None and found.value == expected, record_id


def test_a_prefete_a_lost_space_and_a_name_cut_by_two_columns() -> None:
    texts = labelled_texts()
    for record_id, expected in (
        # "EsPRÉFETDE L'HÉRAULTLibertéEgalitéFraternité": no space before the place.
        ("h8-attrap-herault-sp175-2025-arrete-2025-09-ds-0585-drone-montpellier", "Préfecture de l'Hérault"),
        # "EPREFETEDE L'AINLibertéEgalitéFraternité": a préfète's.
        ("h9-A-attrap-ain-2025-drone-aire-grands-passages-thil", "Préfecture de l'Ain"),
        # "La préfète de la Haute-Savoie Le vendredi 18 avril".
        (
            "h15-a-attrap-haute-savoie-ap-paf-tmb-avril-mai-2025-arrete-pref-cab-bpa-2025-227-drone-frontiere",
            "Préfecture de la Haute-Savoie",
        ),
        # "RECUEIL DES ACTES ADMINISTRATIFS DES SERVICES DE L'ÉTAT EN LOZÈRE … PRÉFECTURE de la
        # LOZÈRE": the first prefecture named by its département's name.
        (
            "h11-a-attrap-lozere-raa-fevrier-2025-pref-cab-bs-2025-041-005-renouvellement-novi-beauty-success-mende",
            "Préfecture de la Lozère",
        ),
        # "… DE LA PREFECTURE DE LA NIEVRE": unaccented, after the recueil's words.
        (
            "h14-a-docslib-nievre-raa-1er-septembre-2006-2006-p-2766-videosurveillance-leclerc-clamecy",
            "Préfecture de la Nièvre",
        ),
        # "PREFET Cabinet du préfet\nDES ALPES- Direction des Sécurités\nMARITIMES": two columns cut
        # the name; "Le préfet des Alpes-Maritimes" further down says it whole.
        ("web-attrap-alpes-maritimes-2024-368-drone-drap", "Préfecture des Alpes-Maritimes"),
    ):
        found = prefecture_named(texts[record_id])
        assert found is not None and found.value == expected, record_id


def test_the_prefect_of_police_in_a_recueil_of_the_departements_around_paris() -> None:
    # "ExPREFETDES HAUTS-DE-SEINE … RECUEIL DES ACTES ADMINISTRATIFS PRÉFECTURE DE POLICE": his
    # arrêté, in the Hauts-de-Seine's recueil.
    text = labelled_texts()[
        "h14-a-attrap-hauts-de-seine-raa-special-pp-23-mai-2025-arrete-2025-00626-drone-dua-lipa-la-defense-arena"
    ]
    found = authority(text)
    assert found is not None and found.value == "Préfecture de police de Paris"


def test_a_sous_prefecture_s_town_and_a_lost_apostrophe() -> None:
    # "Adresse de la sous-préfecture de Sens" is no prefecture's name; "PREFECTURE DE L YONNE" is
    # the Yonne's, its apostrophe lost.
    text = labelled_texts()[
        "h10-a-docplayer-yonne-raa-13-2009-videosurveillance-credit-agricole-ancy-le-franc"
    ]
    found = prefecture_named(text)
    assert found is None or found.value == "Préfecture de l'Yonne"
    assert prefecture_named("la sous-préfecture de Coutances et le Sous-Préfet de Valenciennes") is None
    yonne = prefecture_named("RECUEIL DES ACTES ADMINISTRATIFS\nPREFECTURE DE L YONNE\nN° 13")
    assert yonne is not None and yonne.value == "Préfecture de l'Yonne"
    # A hyphen typeset as U+2011: "la préfecture de la Seine‑Maritime".
    seine = prefecture_named("La préfecture de la Seine\u2011Maritime a reçu délégation")
    assert seine is not None and seine.value == "Préfecture de la Seine-Maritime"


def _authority_of(record_id: str) -> str | None:
    """The authority of a labelled text's record, read as a crawl reads the text."""
    from pipelines.records.build import records_for
    from pipelines.tagging import get_tagger

    text = labelled_texts()[record_id]
    return records_for(text, [], list(get_tagger().tag(text)))[0].authority


def test_an_act_a_summary_files_under_a_regional_prefecture_or_a_sous_prefecture() -> None:
    # "Préfecture de la région Centre-Val de Loire et du Loiret / Cabinet-BSP": as written.
    loiret = "h20-a-attrap-loiret-45-2025-234-cameras-aeronefs-8-septembre-2025"
    assert _authority_of(loiret) == "Préfecture de la région Centre-Val de Loire et du Loiret"
    # "SEINE-MARITIME\nRECUEIL DES ACTES … Sous-Préfecture du Havre / CABINET": the sous-préfet
    # signs for the département's prefect.
    havre = "h20-a-attrap-seine-maritime-76-2026-030-sous-prefecture-le-havre-aeronefs-manifestation-agricole"
    assert _authority_of(havre) == "Préfecture de la Seine-Maritime"
    # A prefecture the summary named before its "Sous-préfecture d'Avranches /" line stays.
    couville = "h17-a-attrap-manche-raa-special-50-2025-055-videoprotection-api-distribution-couville"
    assert _authority_of(couville) == "Préfecture de la Manche"


def test_a_departement_s_or_a_region_s_council_named_without_its_place_takes_the_page_s() -> None:
    from pipelines.records.departements import first_named

    # "Le Département a voté …" on a page about the colleges of Loir-et-Cher.
    loir = "web-loir-et-cher-convention-videoprotection-colleges-2023-04-26"
    assert _authority_of(loir) == "Conseil départemental de Loir-et-Cher"
    # "la Région" of a page that names Auvergne-Rhône-Alpes.
    aura = "h10-c-lyoncapitale-region-aura-commission-permanente-videosurveillance"
    assert _authority_of(aura) == "Région d'Auvergne-Rhône-Alpes"
    # The longest name, with its capitals, as a whole word: not the Loire of Loire-Atlantique, not
    # the north of a town.
    assert first_named("au nord de la Loire-Atlantique", "departement") == (
        "de la ",
        "Loire-Atlantique",
        14,
        30,
    )
    assert first_named("au nord de la ville", "departement") is None
    region = "la région des Pays\u2011de\u2011la\u2011Loire"
    assert first_named(region, "region") == ("des ", "Pays de la Loire", 14, 30)
    # Nor a département's name inside a région's: the Loire of "Pays de la Loire".
    assert first_named(region, "departement") is None
    assert first_named("la région Centre-Val de Loire et le Loiret", "departement")[1] == "Loiret"
