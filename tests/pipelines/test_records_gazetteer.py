"""A recueil's town printed bare in its act's entry, read by its official name among the
prefecture's département's communes (``reference/authorities.csv``). Real labelled texts
(tests/quality/records.toml, parts already tuned on)."""

from __future__ import annotations

import pytest

from pipelines.records.gazetteer import commune_in_entry
from pipelines.records.places import commune
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


@pytest.mark.parametrize(
    ("record_id", "town"),
    [
        # "26-2025-07-18-00001 - AP captation d'images DIPN TDF Valence RAA (3 pages)".
        (
            "h17-a-attrap-drome-raa-special-26-2025-177-captation-images-tour-de-france-valence-23-juillet-2025",
            "Valence",
        ),
        # "Vidéoprotection-4Murs-Le Mans-raa": a file's title, its words joined by hyphens; the
        # official data write "Mans", the text its article.
        ("h17-a-attrap-sarthe-raa-116-11-juillet-2025-videoprotection-4murs-le-mans", "Le Mans"),
        # "Vidéoprotection -McDonald's-La Chapelle Saint\nAubin-raa".
        (
            "h17-a-attrap-sarthe-raa-117-11-juillet-2025-videoprotection-mcdonalds-la-chapelle-saint-aubin",
            "La Chapelle-Saint-Aubin",
        ),
        # "… pour le parking de la\nplace des commerces □ Romainville": not the "Saint-Denis" of the
        # département's own name, Seine-Saint-Denis.
        (
            "h13-a-attrap-seine-saint-denis-93-05-04-2024-arrete-2024-1005-videoprotection-parking-romainville",
            "Romainville",
        ),
        # "… de l'intelligence artificielle de Paris 2025": Paris is both a département and its town.
        ("web-attrap-paris-2025-00171-helicopteres-gendarmerie-sommet-ia", "Paris"),
        # "HAUTES-ALPES\nRECUEIL DES ACTES …": a cover that names the département, no prefect;
        # "… - CCB - DÉCHETTERIE DE LA GUISANE -\nLE MONETIER LES BAINS (2 pages)".
        (
            "h22-a-attrap-hautes-alpes-05-2025-468-videoprotection-ccb-dechetterie-guisane-monetier-les-bains",
            "Le Monêtier-les-Bains",
        ),
        # "… vidéoprotection – LA POSTE à DUN sur MEUSE": a town's name that runs past the
        # département's.
        (
            "h23-a-attrap-meuse-raa-51-2024-arrete-2024-962-videoprotection-la-poste-dun-sur-meuse",
            "Dun-sur-Meuse",
        ),
        # The Val-de-Marne's table, its first row a medal's: "2025/04651 19/11/2025 portant
        # autorisation d'un système de vidéoprotection Carrefour – à Arcueil"; "… Action France SAS
        # à\nValenton5", the row's page run on.
        ("h22-a-attrap-val-de-marne-raa-181-2025-04651-videoprotection-carrefour-arcueil", "Arcueil"),
        ("h19-a-attrap-val-de-marne-raa-205-2024-videoprotection-action-valenton", "Valenton"),
    ],
)
def test_a_town_printed_bare_in_the_entry(record_id: str, town: str) -> None:
    found = commune(TEXTS[record_id])
    assert found is not None and found.value == town


@pytest.mark.parametrize(
    "record_id",
    [
        # "… sur des aéronefs le samedi 6 janvier 2024 à\nWormhout et Warhem": two towns, no one commune.
        "h8-attrap-nord-2024-007-drone-wormhout-warhem",
        # "AP Drone Harfleur Gonfreville": Gonfreville-l'Orcher by its first word, a second town.
        "h8-attrap-seine-maritime-76-2025-189-drone-harfleur-gonfreville",
        # "… le 10 janvier 2026 entre Epretot et le Pont de Normandie": a route.
        "h20-a-attrap-seine-maritime-76-2026-030-sous-prefecture-le-havre-aeronefs-manifestation-agricole",
    ],
)
def test_an_entry_for_several_towns_names_no_commune(record_id: str) -> None:
    assert commune_in_entry(TEXTS[record_id]) is None


def test_a_page_without_a_recueil_s_summary_is_not_read_this_way() -> None:
    assert commune_in_entry("La ville de Valence installe douze caméras de vidéoprotection.") is None


def test_a_name_is_one_however_it_is_printed() -> None:
    from pipelines.records.communes import name_key as _key

    assert _key("Montval-sur-Loir") == _key("MONTVAL SUR\nLOIR") == _key("Montval sur Loir")
    assert _key("Schœlcher") == _key("SCHOELCHER")  # the ligature, as OCR and keyboards drop it
