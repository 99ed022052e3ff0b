"""Body cameras by their legal name (CSI L.241-1, L.241-2): a prefect authorises "l'enregistrement
audiovisuel des interventions" of municipal police officers or firefighters, and a recueil's summary
may say no more. Real recueil texts of the labelled records (``tests/quality/records.toml``, parts
already tuned on)."""

from __future__ import annotations

import pytest

from tests.quality.records_scoring import labelled_texts
from tests.tagging.passages import categories

TEXTS = labelled_texts()


@pytest.mark.parametrize(
    "record_id",
    [
        # "Arrêté autorisant l'enregistrement audiovisuel\ndes interventions\ndes agents de police municipale".
        "h10-a-attrap-haute-vienne-87-2025-094-cameras-individuelles-police-municipale-limoges",
        # "arrêté DC 2025-178 enregistrement des\ninterventions des agents de police municipale Cahors".
        "h11-a-attrap-lot-46-2025-044-arrete-dc-2025-178-enregistrement-interventions-police-municipale-cahors",
        # "… autorisant l'enregistrement audiovisuel des interventions par les sapeurs-pompiers".
        "h8-attrap-haute-garonne-31-2025-678-sdis-enregistrement-audiovisuel",
    ],
)
def test_the_recording_of_interventions_is_cameras(record_id: str) -> None:
    assert "videoprotection" in categories(TEXTS[record_id])


def test_a_recording_of_a_sitting_is_not() -> None:
    text = "L'enregistrement audio de la séance est disponible sur le site de la commune."
    assert "videoprotection" not in categories(text)
