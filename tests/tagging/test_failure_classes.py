"""One regression test per failure class of the issue "Evidence you can cite", on real text.

The passages are the labelled real ones of ``tests/quality/passages.toml`` (dev part: their
sources are there), read by id, so a test says what a watchdog expects of a sentence that was
really published. The held-out part is never used here.
"""

from __future__ import annotations

from functools import cache

import pytest

from pipelines.tagging import get_tagger
from tests.quality.truth import Passage, load_passages


@cache
def _passages() -> dict[str, Passage]:
    return {passage.id: passage for passage in load_passages() if passage.split == "dev"}


def _categories(passage_id: str) -> list[str]:
    return sorted({mention.category for mention in get_tagger().tag(_passages()[passage_id].text)})


@pytest.mark.parametrize(
    ("passage_id", "expected"),
    [
        # VSA described rather than named, and its cameras not also video-protection.
        ("web-europe1-jo-1", ["vsa"]),  # "caméras dotées d'algorithmes"
        ("web-lemonde-jo-3", ["vsa"]),  # "logiciels d'analyse en temps réel des images"
        ("web-smartcitymag-suresnes-2", ["videoprotection", "vsa"]),  # "analyse d'images par IA"
        ("web-20min-suresnes-1", ["vsa"]),  # caméras de vidéosurveillance « intelligentes »
        ("web-numerama-jo-1", ["vsa"]),  # "vidéosurveillance algorithmique" is VSA only
        ("web-usinedigitale-cnil", ["vsa"]),  # "traitement automatisés d'images"
        ("web-nicerdv-csu", ["videoprotection", "vsa"]),  # 600 cameras, and software for anomalies
        # Drones written as aircraft.
        ("jo-decret-2023-283-lockt-1", ["drone"]),  # "dispositifs de captation installés sur des aéronefs"
        ("jo-decret-2023-283-lockt-2", ["drone"]),  # "caméras installées sur les aéronefs"
        # Predictive policing and city data platforms, named or described.
        ("web-lepoint-predictif-2", ["donnees_securitaires"]),  # "prédire où, quand … crimes et délits"
        (
            "web-homiris-predictif",
            ["donnees_securitaires"],
        ),  # "algorithmes capables de pronostiquer les délits"
        ("web-technopolice-nice-hyperviseur", ["donnees_securitaires"]),
        # Sound sensors, named or described.
        ("web-lyonpoleimmo-stetienne", ["audiosurveillance"]),  # "capteurs … repérer un bruit anormal"
        # Plates read by cameras, a face matched against a database.
        ("web-ciotti-nice-lapi", ["lapi"]),  # "permettra aux caméras d'identifier les immatriculations"
        ("web-grandlille-lapi-2", ["lapi"]),  # "filme les plaques"
        ("web-vlmedia-lycees-3", ["reconnaissance_faciale"]),  # "si le visage ne correspond pas à la base"
    ],
)
def test_technologies_named_or_described(passage_id: str, expected: list[str]) -> None:
    assert _categories(passage_id) == expected


@pytest.mark.parametrize(
    "passage_id",
    [
        "an-15-1184828-b",  # drones flown for events and urban projects, "non pas pour assurer la sécurité"
        "senat-2310285-a",  # drones watching forests and floods
        "web-francebleu-vezelay-2",  # a vineyard drone; its purpose is in the next sentence
        "web-agri71-cameras",  # cameras of a sprayer
        "web-europe1-fontenay-1",  # the town hall's biometric ID-card station
        "web-bdt-passeport-1",  # passport fingerprints
        "fx-mtp-pv2014-p94-tournage-video",  # filming, not watching
        "fx-mtp-pv2014-p46-reconnaissance-recteur",  # "reconnaissance": gratitude
        "fx-flaux-accueil-eleves",  # "surveillance des élèves"
    ],
)
def test_traps_fire_nothing(passage_id: str) -> None:
    assert _categories(passage_id) == []


def test_a_number_of_cameras_that_increases_is_not_augmented_video() -> None:
    """The feminine "caméra augmentée" once matched the verb: "si le nombre de caméras augmente"."""
    tagger = get_tagger()
    assert {m.category for m in tagger.tag("Si le nombre de caméras augmente, le coût augmente.")} == {
        "videoprotection"
    }
    assert {m.category for m in tagger.tag("Des caméras augmentées seront testées.")} == {"vsa"}


def test_a_lapi_trap_reading_plates_of_planes_by_eye() -> None:
    assert _categories("web-quechoisir-nice-2") == ["videoprotection"]


@pytest.mark.parametrize(
    "passage_id",
    [
        "an-16-213935-a",  # "je désapprouve la vidéosurveillance"
        "an-16-100143-a",  # "nous ne sommes pas favorables à la vidéosurveillance"
        "web-delsaux-blog",  # "la vidéosurveillance n'apporte aucun bénéfice"
        "web-kulturegeek-lycees",  # "… La CNIL s'y oppose." (the next sentence)
        "web-nextinpact-lqdn",  # "stopper les velléités de recourir à la reconnaissance faciale"
    ],
)
def test_opposition_in_the_words_councillors_use(passage_id: str) -> None:
    mentions = get_tagger().tag(_passages()[passage_id].text)
    assert any(mention.stance == "opposition" for mention in mentions)


def test_cue_words_without_their_meaning_are_no_opposition() -> None:
    tagger = get_tagger()
    for text in (
        "Je ne m'interdis pas d'installer de la vidéoprotection aux abords des écoles.",
        "La caméra de vidéoprotection filme la zone interdite au stationnement.",
        "Les caméras ont permis de verbaliser les dépôts sauvages et abandons de déchets.",
    ):
        assert all(mention.stance is None for mention in tagger.tag(text)), text
