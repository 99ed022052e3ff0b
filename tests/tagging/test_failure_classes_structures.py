"""Regression tests for the rule classes that read structure rather than words, on real text.

The passages are the labelled real ones of ``tests/quality/passages.toml``, tuning parts only
(``dev`` and ``dev2``), read by id: a test says what a watchdog expects of a sentence that was
really published. The held-out parts are never used here. Short sentences written for a test
reuse the wording of those passages, to pin down one rule and its neutral look-alike.
"""

from __future__ import annotations

import pytest

from tests.quality.truth import Passage
from tests.tagging.passages import categories, opposed, tuning_passages

TUNING_SPLITS = ("dev", "dev2")


def _passages() -> dict[str, Passage]:
    return tuning_passages(TUNING_SPLITS)


# --- stance read from structures ----------------------------------------------------------------


@pytest.mark.parametrize(
    "passage_id",
    [
        "an-16-100143-b",  # "ne devraient pas, à mon sens, être utilisés à cette fin" (a use denied)
        "web2-arnaudpelletier-cnil-lapi",  # "le cadre juridique actuel ne permet pas aux polices municipales"
        "web2-savigny-recours",  # "mon référé-suspension : … ; – … des caméras" (";" inside one statement)
    ],
)
def test_opposition_read_from_structures(passage_id: str) -> None:
    assert opposed(_passages()[passage_id].text)


@pytest.mark.parametrize(
    "text",
    [
        # Will or approval denied.
        "Nous ne voulons pas de la vidéosurveillance dans nos rues.",
        "Je n'approuve pas le projet de vidéoprotection.",
        # Evidence of use denied.
        "La vidéo-surveillance n'a pas montré de résultat probant dans les zones ouvertes.",
        "Les caméras n'ont jamais fait leurs preuves.",
        # "contre" governing the device, and a vote in any tense.
        "Une pétition circule : contre la reconnaissance faciale dans la ville.",
        "Les élus écologistes voteront contre l'extension de la vidéoprotection.",
        # A vœu for a town free of the device.
        "Nous avons proposé un vœu pour que la commune se déclare ville hors reconnaissance faciale.",
        # A vote or a refusal in the next sentence, pointing back with any demonstrative.
        "Une délibération portait sur l'extension de la vidéoprotection. Le groupe a voté contre.",
        "La municipalité prévoit 35 caméras. Les élus communistes ont voté contre cette extension.",
        # A court stopping a project.
        "Le tribunal administratif a suspendu l'expérimentation de la reconnaissance faciale.",
    ],
)
def test_opposition_structures_in_councillors_words(text: str) -> None:
    assert opposed(text), text


@pytest.mark.parametrize(
    "text",
    [
        # The dev2 neutral passage with "sens interdit" beside the cameras' use.
        "web2-gazette-massy-sensinterdit",
        # What cameras watch for is not what is said of them (the dev passage's wording).
        "web-europe1-jo-2",  # "un colis abandonné ou encore une personne au comportement anormal"
    ],
)
def test_neutral_passages_with_cue_words_stay_neutral(text: str) -> None:
    assert not opposed(_passages()[text].text)


@pytest.mark.parametrize(
    "text",
    [
        "Ces caméras augmentées peuvent identifier des objets abandonnés et des mouvements de foule.",
        "Grâce à l'intelligence artificielle, les caméras détectent des situations potentiellement dangereuses.",
        "Les riverains qui refusent d'être filmés peuvent demander où sont les caméras.",
        "La caméra de vidéoprotection a permis de verbaliser les véhicules pris en sens interdit.",
        "Le budget finance un dispositif de lutte contre les drones malveillants.",
        "La mairie ne souhaite pas communiquer le nombre de caméras de vidéoprotection.",
        "Les caméras filment les personnes qui abandonnent des déchets sur la voie publique.",
        "Ce n'est pas la vidéoprotection qui est en cause : cela ne veut pas dire qu'elle suffit.",
    ],
)
def test_cue_words_of_what_cameras_watch_are_no_opposition(text: str) -> None:
    assert not opposed(text), text


# --- absorption: lists are several devices, a question's subject precedes it ---------------------


def test_items_of_a_list_are_separate_devices() -> None:
    """In a list, the drones do not swallow the video surveillance named beside them."""
    found = categories(_passages()["web2-lqdnpad-nececedez"].text)
    assert {"videoprotection", "reconnaissance_faciale", "audiosurveillance", "drone"} <= set(found)
    assert categories("Des moyens de vidéoprotection et de drones.") == ["drone", "videoprotection"]
    # One device: the cameras carried by drones are the drones' own.
    assert categories("Les caméras fixées sur des drones et autres ballons captifs.") == ["drone"]


def test_an_answer_to_a_question_reads_the_question_s_subject() -> None:
    """The cameras are two sentences before the AI: "… 200 caméras … « sous-exploitées ».
    « On s'est demandé comment optimiser ? En passant par l'intelligence artificielle »"."""
    assert categories(_passages()["web2-nextinpact-massy-1"].text) == ["videoprotection", "vsa"]


# --- technologies described: evidence, counted cameras, supervision centres ------------------------


@pytest.mark.parametrize(
    ("passage_id", "expected"),
    [
        # The description's own camera words are the device described, however far apart.
        ("web2-abcmoteur-lapi", ["lapi"]),  # "six caméras … affichent … les plaque minéralogique"
        # Counted cameras are the network on its own, even inside a description.
        ("web-technopolice-forum-metz-1", ["videoprotection", "vsa"]),  # "le projet de 1000 caméras"
        # Abnormal images detected; the supervision centre is never absorbed.
        ("web-20min-suresnes-4", ["videoprotection", "vsa"]),
        # A camera that checks who the pupil is.
        ("web-vlmedia-lycees-2", ["reconnaissance_faciale"]),
        # The security purpose in the sentence before the data platform.
        ("web-sdmag-marseille-otp-1", ["donnees_securitaires"]),
        # OCR and verb forms.
        ("web-lechesnay-pv-3", ["videoprotection"]),  # "VIDEDSURVEILLANCE"
        ("web2-aigueze-liberticide", ["videoprotection"]),  # "vidéo-protéger les aires de stationnement"
        # Everyone's fingerprints in the state file, not a town hall's station.
        ("web2-nextinpact-tes-donnees", ["biometrie"]),
    ],
)
def test_technologies_described_in_tuning_passages(passage_id: str, expected: list[str]) -> None:
    assert categories(_passages()[passage_id].text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Terms written plural also written singular.
        ("Des capteurs permettent de repérer un bruit anormal sur l'espace public.", ["audiosurveillance"]),
        ("L'autorisation de l'emploi du traitement algorithmique sera donnée par le préfet.", ["vsa"]),
        # The device named with its analysis, even beside a facial-recognition denial.
        (
            "Cette vidéosurveillance par intelligence artificielle n'effectuera aucune reconnaissance faciale.",
            ["reconnaissance_faciale", "vsa"],
        ),
        # Image-processing software beside cameras; a database is not image analysis.
        ("Des logiciels de traitements automatisés couplés à des caméras analysent les flux vidéo.", ["vsa"]),
        # Police aerial filming in the law's words.
        ("L'enregistrement d'images par voie aérienne ne peut viser l'intérieur des domiciles.", ["drone"]),
    ],
)
def test_forms_of_named_technologies(text: str, expected: list[str]) -> None:
    assert categories(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "L'État va déployer 500 nouvelles machines biométriques et aider les mairies à hauteur de 4.000 euros.",
        "Nous avons passé notre certificat de télépilote pour faire une partie des traitements par drone.",
        "Le traitement automatisé de données à caractère personnel des images du site est déclaré à la CNIL.",
    ],
)
def test_look_alikes_of_described_technologies_fire_nothing(text: str) -> None:
    assert categories(text) == [], text
