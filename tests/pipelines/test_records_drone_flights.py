"""The cameras of a drone authorisation: those its aircraft carry, or its aircraft when counted,
never an article before an aircraft; and the days its flights are authorised. Real labelled texts
(tests/quality/records.toml), each with the count or days its annotator read."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.records.counts import cameras
from pipelines.records.periods import authorised_period
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


def _cameras(record_id: str) -> int | None:
    found, _ = cameras(TEXTS[record_id], drones=True)
    return found.value if found else None


@pytest.mark.parametrize(
    ("record_id", "count"),
    [
        # "au moyen de cinq caméras installées à bord d'aéronefs".
        ("web-attrap-calvados-cab-brs-2024-361-cinq-cameras-aeronefs", 5),
        # "au moyen d'une caméra installée sur un aéronefLE PRÉFET" (no space before the heading).
        ("h9-A-attrap-guyane-r03-2026-005-drone-ap-pn-cyn", 1),
        # "au moyen d'une caméra sur aéronef (4 pages)".
        ("h14-a-attrap-ardennes-8-2025-118-ap-2025-618-camera-sur-aeronef", 1),
        # "au moyen d'unecaméra installée sur un aéronef" (a line wrap lost).
        ("h15-a-attrap-la-reunion-arrete-2025-1772-cab-bpa-une-camera-aeronef-saint-denis", 1),
        # "le nombre maximal de caméras … est fixé à UN".
        ("manche-sp16-drone-avranches-2025-03-12", 1),
        # "met en œuvre trois drones".
        ("h13-c-axomois-prefet-aisne-trois-drones-flamme-olympique", 3),
    ],
)
def test_the_cameras_an_authorisation_flies(record_id: str, count: int) -> None:
    assert _cameras(record_id) == count


@pytest.mark.parametrize(
    "record_id",
    [
        # "un dispositif de brouillage destiné à rendre inopérant un aéronef": jamming, no camera.
        "web-attrap-loiret-45-2025-03-05-00001-drone",
        # "AP 2024-1024 autorisant la captation d'images à partir d'un aéronef": no count written.
        "h9-A-attrap-landes-40-2024-251-drone-argelouse",
        # "au moyen de caméras installées sur un aéronef": cameras of no stated number.
        "h11-a-attrap-vosges-88-2025-072-drone-cabinet-et-nids-grand-tetras",
        # "au moyen de caméras installées sur 1 drone": one aircraft, cameras of no stated number.
        "h15-a-attrap-haute-savoie-ap-paf-tmb-avril-mai-2025-arrete-pref-cab-bpa-2025-227-drone-frontiere",
    ],
)
def test_an_aircraft_named_is_no_count_of_cameras(record_id: str) -> None:
    assert _cameras(record_id) is None


def _period(record_id: str) -> tuple[dt.date | None, dt.date | None]:
    start, end = authorised_period(TEXTS[record_id], "drone_authorisation")
    return (start.value if start else None, end.value if end else None)


def test_a_flight_s_period_as_recueils_write_it() -> None:
    # "du vendredi 19 juillet 2024, à compter de 18h00, au dimanche 21 juillet 2024, 14h00".
    assert _period("h19-a-attrap-charente-maritime-17-2024-144-drone-juillet-2024") == (
        dt.date(2024, 7, 19),
        dt.date(2024, 7, 21),
    )
    # "… et de la fête foraine qui suit à Mondragon du 10 au 12\nmai 2024": one month for both.
    assert _period(
        "h22-a-attrap-vaucluse-84-2024-066bis-arrete-2024-05-08-aeronefs-mondragon-fete-medievale"
    ) == (
        dt.date(2024, 5, 10),
        dt.date(2024, 5, 12),
    )
    # "dans la nuit du 1er au 2 novembre 2024": the night of a gathering, not a flight's period.
    assert _period(
        "h16-c-infoflash-prefet-loire-drone-rassemblement-saint-bonnet-le-courreau-2-novembre-2024"
    )[0] != (dt.date(2024, 11, 1))
    # "… deux hélicoptères … en Ile-de-France du 6 au 9 janvier 2026", a later entry of the
    # summary: the Préfecture de police's act, not the Yvelines' one the recueil lists first.
    assert _period("h19-a-attrap-yvelines-78-2026-010-helicopteres-gendarmerie") == (None, None)
    # "… de la Crem'arbre … du jeudi 4 avril 2024 8h00\njusqu'au dimanche 7 avril 2024 à 20h00".
    assert _period("h24-a-attrap-tarn-81-2024-138-cameras-aeronefs-saix-cremarbre") == (
        dt.date(2024, 4, 4),
        dt.date(2024, 4, 7),
    )
    # "… au moyen de deux\ncaméras installées sur des aéronefs avec équipage à bord les 20 et 21
    # janvier 2026", after the bans "à Strasbourg les 20 et 21 janvier 2026" of other entries.
    assert _period(
        "h24-a-attrap-bas-rhin-raa-special-16-janvier-2026-deux-cameras-aeronefs-avec-equipage"
    ) == (
        dt.date(2026, 1, 20),
        dt.date(2026, 1, 21),
    )
    # A jammer's entry "… rendre inopérant un aéronef … les 5 et 6 septembre 2025" is not the
    # flights of the aircraft-camera act after it.
    assert _period(
        "h17-a-attrap-manche-raa-special-50-2025-072-cameras-aeronefs-apres-brouillage-matieres-sensibles"
    ) == (
        None,
        None,
    )


def test_a_flight_s_day_with_its_spaces_lost_or_its_weekdays_listed() -> None:
    one_day = {
        # "… sur des aéronefs à Nicele mardi 19 août 2025Le préfet": spaces lost on both sides.
        "h18-a-attrap-alpes-maritimes-recueil-special-211-2025-cameras-aeronefs-nice-19-aout-2025": dt.date(
            2025, 8, 19
        ),
        # "… aéronefs sans équipages à bordle 18 septembre 2025, sur l'autoroute A8".
        "web-attrap-alpes-maritimes-2025-a368-drone-a8": dt.date(2025, 9, 18),
        # "… autorisant l'utilisation de drones\nau relai flamme paralympique le 25 aout 2024".
        "h10-a-attrap-morbihan-56-2024-071-drone-relais-flamme-paralympique-lorient": dt.date(2024, 8, 25),
    }
    for record_id, day in one_day.items():
        assert _period(record_id) == (day, day), record_id
    # "… sur la commune de Bollène les jeudi 13 et vendredi 14\nnovembre 2025 de 15h00 à 19h00".
    assert _period(
        "h17-a-attrap-vaucluse-raa-special-84-2025-155-bis-arrete-2025-11-12-une-camera-aeronef-bollene"
    ) == (
        dt.date(2025, 11, 13),
        dt.date(2025, 11, 14),
    )
    # "… à Paris et dans les\nHauts-de-Seine (92) du 1 er juin 2025 au 5 août\n2025".
    assert _period(
        "h12-a-attrap-hauts-de-seine-raa-special-pp-4-juin-2025-arrete-2025-00676-drone-paris-92"
    ) == (
        dt.date(2025, 6, 1),
        dt.date(2025, 8, 5),
    )
    # "… dans le cadre des conditions climatiques depuis le 11 février 2026": what went before.
    assert _period(
        "h23-a-attrap-gironde-33-2026-058-cameras-aeronefs-conditions-climatiques-19-fevrier-2026"
    ) == (
        None,
        None,
    )


def test_the_request_an_arrete_recites_is_not_the_count_it_authorises() -> None:
    # "… la demande … visant à obtenir l'autorisation de capter, d'enregistrer et de transmettre
    # des images au moyen d'une caméra installée sur un aéronef piloté …".
    assert _cameras("h9-A-attrap-ain-2025-drone-aire-grands-passages-thil") is None
    assert (
        _cameras("h20-a-attrap-oise-raa-20250722-aeronefs-gendarmerie-hardivillers-clermont-ressons") is None
    )


def test_an_act_s_own_heading_and_articles_after_a_summary_listed_line_by_line() -> None:
    from pipelines.records import heading

    # The summary lists the act, then the act prints its own heading (worded otherwise, same
    # number) and its articles: its date and days are still its own.
    text = (
        "SOMMAIRE\nArrêté n° 2025-401 portant fermeture d'un débit de boissons\n"
        "Arrêté n° 2025-402 autorisant la captation d'images au moyen de caméras installées sur des aéronefs à Pamiers\n\n"
        "PRÉFET DE L'ARIÈGE\nArrêté préfectoral n° 2025-402 du 2 juin 2025 portant autorisation de captation "
        "d'images par drone\nVu le code\nARRÊTE\nArticle 1er : la captation est autorisée du 5 juin 2025 au 7 juin 2025.\n"
    )
    start, end = authorised_period(text, "drone_authorisation")
    assert start is not None and end is not None
    assert (start.value, end.value) == (dt.date(2025, 6, 5), dt.date(2025, 6, 7))
    dated = heading.act_date(text)
    assert dated is not None and dated.value == dt.date(2025, 6, 2)
