""" "Comportement suspect" names what algorithmic video flags, and also what neighbours are asked
to report themselves: the ``vsa-comportement-a-signaler`` exclusion of the lexicon, on a real
report text of the labelled records (``tests/quality/records.toml``, a part already tuned on)."""

from __future__ import annotations

from tests.quality.records_scoring import labelled_texts
from tests.tagging.passages import categories

TEXTS = labelled_texts()


def test_neighbours_reporting_suspicious_behaviour_is_no_algorithm() -> None:
    # "les habitants sont appelés à signaler à la mairie tout comportement suspect dans le cadre de
    # l'opération Voisins Vigilants".
    found = categories(TEXTS["h30-c-ariegenews-mazeres-six-cameras-opposants-raal-2011"])
    assert "vsa" not in found and "videoprotection" in found


def test_software_that_flags_suspicious_behaviour_is() -> None:
    for text in (
        "Le logiciel signale automatiquement tout comportement suspect repéré par les caméras de la ville.",
        # Cameras that report, not people (session 24's review).
        "La RATP teste des caméras qui signalent tout comportement suspect dans les couloirs du métro.",
        "Le maire veut des caméras capables de repérer un comportement suspect et de le signaler aux policiers.",
    ):
        assert "vsa" in categories(text), text
