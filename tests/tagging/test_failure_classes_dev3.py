"""Regression tests for the rule classes found on the third tuning batch (``dev3``), on real text.

The passages are the labelled real ones of ``tests/quality/passages.toml``, read by id from the
``dev3`` part only (never a held-out part). Each class of failure got a general rule; the tests
pin the real sentence that showed it and, where a rule could overreach, a neutral look-alike
written in the words of ordinary council minutes.
"""

from __future__ import annotations

import pytest

from tests.quality.truth import Passage
from tests.tagging.passages import categories, opposed, tuning_passages

TUNING_SPLITS = ("dev3",)


def _passages() -> dict[str, Passage]:
    return tuning_passages(TUNING_SPLITS)


# --- technologies named with quotes, or in a form the terms missed -----------------------------


@pytest.mark.parametrize(
    "passage_id",
    [
        "web3-alliaume-atteinte",  # caméras de vidéosurveillance « augmentées » (longer than "caméras de …")
        "web3-20min-lqdn-piliers",  # la « vidéosurveillance », la « détection automatisée de comportement », …
        "web3-prechi-cameras-ia",  # des caméras IA … leur plaque d'immatriculation
        "web3-linspiration-sttropez-tri",  # « Le logiciel analyse les images … »
    ],
)
def test_named_forms_found(passage_id: str) -> None:
    passage = _passages()[passage_id]
    assert set(categories(passage.text)) == passage.categories


# --- technologies described in words -----------------------------------------------------------


@pytest.mark.parametrize(
    "passage_id",
    [
        "web3-nxi-briefcam-pull",  # a person tracked across cameras by the colour of a pullover
        "web3-technopolice-nimes-vestimentaire",  # "l'aspect physique et vestimentaire d'une personne"
        "web3-varactu-pixels",  # "Il compare les pixels des images capturées par une caméra"
        "web3-phonandroid-boitiers",  # boxes under the cameras that detect gunshots and cries
        "web3-nxi-orleans-intrusivite",  # "un couplage caméra et micro", sounds captured
        "web3-boucher-orleans-cso",  # "l'agent qui surveille les écrans au CSO [centre de supervision …]"
        "web3-libe-drones-engins",  # "ces engins qui n'emportent pas d'humain à leur bord"
        "web3-humbert-lapi-proportionnalite",  # "la collecte massive des numéros de plaques"
        "web3-universcites-jolimont-forme",  # "la forme de sa main" at the canteen
        "web3-guardint-tes-decret",  # "l'identification à partir de l'image numérisée du visage"
        "web3-europe1-nice-anyvision",  # software that recognises someone from a thirty-year-old photo
        "web3-profgendarme-predvol",  # the system named, then "il permet d'anticiper les faits"
        "web3-profgendarme-aleatoire",  # "nos prédictions se vérifient", délinquance in the sentence before
    ],
)
def test_described_technologies_found(passage_id: str) -> None:
    passage = _passages()[passage_id]
    assert set(categories(passage.text)) == passage.categories


@pytest.mark.parametrize(
    "text",
    [
        # Body cameras are no algorithm, however new.
        "C'est une nouvelle génération de caméras que les policiers expérimentent : les caméras piétons.",
        # A building alarm, a noise meter, a council's sound system.
        "Le système d'alarme détecte les bruits d'intrusion dans le gymnase.",
        "Le sonomètre capte les bruits de la circulation pour mesurer le niveau sonore.",
        "Le micro de la salle du conseil capte mal les sons.",
        # A heating network's supervision centre; a vote without a device.
        "Le centre de supervision du réseau de chaleur pilote les chaufferies.",
        # Drones of a light show, drones nobody identified.
        "Des centaines de drones sont placés sur le sol, un spectacle moins polluant que les feux d'artifices.",
        # Anticipating a budget is no prediction of crime.
        "La police municipale disposera d'un nouvel outil. Il faudra anticiper les besoins du service.",
    ],
)
def test_look_alikes_fire_nothing_new(text: str) -> None:
    assert "vsa" not in categories(text)
    assert "audiosurveillance" not in categories(text)
    assert "donnees_securitaires" not in categories(text)
    assert "drone" not in categories(text)


def test_the_supervision_centre_of_cameras_is_the_network() -> None:
    text = "L'agent qui surveille les écrans au centre de supervision envoie une équipe."
    assert categories(text) == ["videoprotection"]


@pytest.mark.parametrize(
    "passage_id",
    [
        "web3-ftvinfo-drones-sol",  # "moins polluant que les feux d'artifices" (plural)
        "web3-batiactu-montfermeil-autorise",  # "drones non identifiés qui ont rasé des sites"
        "web3-f3-vosges-petites-cameras",  # ski webcams: "les internautes … venir skier" next sentence
    ],
)
def test_traps_fire_nothing(passage_id: str) -> None:
    assert categories(_passages()[passage_id].text) == []


def test_a_security_camera_near_a_ski_slope_is_still_a_camera() -> None:
    text = "Des caméras de surveillance filment le parking contre les vols. Les skieurs y laissent leurs voitures."
    assert categories(text) == ["videoprotection"]


# --- stance --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "passage_id",
    [
        "web3-alliaume-intercommunalite",  # "ne peut pas recourir à des caméras augmentées"
        "web3-nxi-orleans-intrusivite",  # "la commission avait dénoncé une captation"
        "web3-nxi-orleans-alterer",  # the chilling effect: "altérer leur comportement … en censurant eux-mêmes"
        "web3-technopolice-capteurs-collectifs",  # "lutter contre ce projet de micros"
        "web3-humbert-lapi-proportionnalite",  # "Une telle collecte … méconnaître le principe de proportionnalité"
        "web3-universcites-jolimont-badge",  # "… pas de capteur biométrique ! » s'indigne le parent"
        "web3-trt-briefcam-visage",  # "hors de tout cadre légal"
        "web3-putanges-disproportionne",  # "un système de vidéosurveillance disproportionné"
        "web3-ccaves-marcillac-fermement",  # "auquel nous nous opposons fermement"
        "web3-ceton-commission-secret",  # "dans le plus grand secret, en dehors du conseil municipal"
        "web3-actualites-lqdn-taj",  # "en dehors de tout cadre légal"
        "web3-garges-retoquee",  # "la pointeuse biométrique retoquée par la Cnil"
        "web3-lechat-ce-440442-demande",  # "enjoindre au préfet de police de cesser immédiatement"
        "web3-rue89-aggravent",  # "« aggravent la discrimination »"
    ],
)
def test_opposition_found(passage_id: str) -> None:
    passage = _passages()[passage_id]
    assert passage.stance == "opposition"
    assert opposed(passage.text)


@pytest.mark.parametrize(
    "text",
    [
        # What cameras are put up against is no opposition to them.
        "La caméra détecte l'instant précis du dépôt illégal.",
        "Les caméras filment ceux qui déposent illégalement leurs déchets.",
        # A prefecture's change of an authorisation.
        "La modification porte sur le retrait de 5 caméras intérieures et l'ajout de 1 caméra extérieure.",
        # Guarantees, not accusations.
        "Le nombre de caméras n'est pas disproportionné au regard des risques.",
        "La vidéoprotection sera installée sans porter atteinte à la vie privée des riverains.",
        "Le contrat de ville finance la lutte contre les discriminations et la vidéoprotection.",
        # A campaign for the device, and a process described without blame.
        "La commune a installé des caméras après concertation avec les habitants.",
        "Nous demandons l'installation de caméras devant l'école.",
    ],
)
def test_neutral_look_alikes_not_opposed(text: str) -> None:
    assert not opposed(text), text


def test_neutral_dev3_passage_not_opposed() -> None:
    assert not opposed(_passages()["web3-varactu-pixels"].text)
