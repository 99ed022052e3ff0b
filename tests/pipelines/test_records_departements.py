"""A prefecture's département read by its name as INSEE writes it, however a recueil prints it."""

from __future__ import annotations

from crawler.sources.authorities import read_authorities
from pipelines.records.departements import DEPARTEMENTS, departement_at
from pipelines.records.parties import prefecture_named
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
