"""Camera traps a town sets against illegal dumping are cameras that photograph people: the
``videoprotection-pieges-photographiques`` rule of the lexicon, on real report texts of the
labelled records (``tests/quality/records.toml``, parts already tuned on), and a naturalist's
traps, which photograph animals, left alone."""

from __future__ import annotations

import pytest

from tests.quality.records_scoring import labelled_texts
from tests.tagging.passages import categories

TEXTS = labelled_texts()


@pytest.mark.parametrize(
    "record_id",
    [
        "web-aytre-pieges-photographiques-police-municipale-15-mai",  # "la police municipale dispose de pièges photographiques"
        "web-francetvinfo-bourg-de-peage-trois-pieges-photographiques",  # "… afin d'éviter les dépôts sauvages"
        "web-france3-fronton-dix-pieges-photo-depots-sauvages",  # "la mairie a installé dix pièges photos"
        "web-francebleu-pia-pieges-photographiques-decharges",  # "appareils photo à détecteurs de mouvements"
    ],
)
def test_camera_traps_against_dumping_are_cameras(record_id: str) -> None:
    assert "videoprotection" in categories(TEXTS[record_id])


def test_a_naturalist_s_camera_traps_are_not() -> None:
    text = (
        "Le conservatoire a posé des pièges photographiques dans le marais pour suivre la faune. "
        "Les bénévoles ramassent aussi les déchets le long du sentier."
    )
    assert "videoprotection" not in categories(text)
