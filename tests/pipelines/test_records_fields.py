"""Decision records read from real prefectoral arrêtés (the Manche's bulletins), field by field.

Each expected value was read by hand in the arrêté; each field's evidence must be the very
characters of the text it was read from.
"""

from __future__ import annotations

import datetime as dt

from archive.records import DecisionRecord
from pipelines.records import read_record
from tests import realdocs


def _arrete(text: str, heading: str, until: str) -> str:
    """The arrêté whose heading starts a line with ``heading`` (its last such line), up to ``until``."""
    start = text.rindex("\n" + heading) + 1  # the body, after the summary lists the same heading
    return text[start : text.index("\n" + until, start) + 1]


def _evidence_is_the_text(record: DecisionRecord, text: str) -> None:
    for name, (start, end) in record.evidence.items():
        assert 0 <= start < end <= len(text), name


def test_a_drone_flight_over_a_football_match() -> None:
    bulletin = realdocs.RAA_MANCHE_DRONES.read_text(encoding="utf-8")
    text = _arrete(bulletin, "Arrêté du 12 mars 2025 autorisant", "Arrêté du 12 mars portant")
    record = read_record(text, ["drone"], year_hint=2025)
    assert record.kind == "drone_authorisation"
    assert record.act_date == dt.date(2025, 3, 12)
    assert record.beneficiary == "le groupement de gendarmerie départementale de la Manche"
    assert record.cameras == 1  # "est fixé à UN"
    assert record.commune == "Avranches"
    assert record.period_start == record.period_end == dt.date(2025, 3, 15)  # "de 16h00 à 21h00"
    assert "CSI L.242-5" in record.legal_basis and "CSI L.242-4" in record.legal_basis
    assert text[slice(*record.evidence["cameras"])] == "UN"
    _evidence_is_the_text(record, text)


def test_a_drone_arrete_without_its_year_takes_the_bulletins() -> None:
    bulletin = realdocs.RAA_MANCHE_DRONES.read_text(encoding="utf-8")
    text = _arrete(bulletin, "Arrêté du 12 mars portant", "DIRECTION DES COLLECTIVITES")
    record = read_record(text, ["drone"], year_hint=2025)
    assert record.kind == "drone_authorisation" and record.act_date == dt.date(2025, 3, 12)
    assert record.beneficiary.startswith("Le colonel, commandant le groupement de gendarmerie")
    assert record.period_start == dt.date(2025, 3, 17) and record.cameras == 1


def test_a_new_video_protection_system_of_a_commune() -> None:
    bulletin = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8")
    text = _arrete(
        bulletin,
        "Arrêté n° 2024-61 du 21 mai 2024 portant autorisation d’un système de vidéoprotection\n",
        "Arrêté n° 2024-65",
    )
    record = read_record(text, ["videoprotection"], year_hint=2024)
    assert (record.kind, record.scope) == ("prefectoral_authorisation", "new")
    assert (record.act_number, record.act_date) == ("2024-61", dt.date(2024, 5, 21))
    assert record.beneficiary == "Monsieur Jacques BONO, maire du Mont-Saint-Michel"
    assert record.cameras == 50 and record.cameras_public_road == 50  # "50 caméras voie publique"
    assert record.period_years == 5 and record.retention_days is not None
    assert "CSI L.251-2" in record.legal_basis
    assert text[slice(*record.evidence["act_number"])] == "2024-61"
    _evidence_is_the_text(record, text)


def test_a_renewal_counts_the_cameras_it_lists_and_names_the_function_authorised() -> None:
    bulletin = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8")
    text = _arrete(
        bulletin,
        "Arrêté n° 2024-102 du 4 juin 2024 portant renouvellement d’un système de vidéoprotection\n",
        "Arrêté n° 2024-104",
    )
    record = read_record(text, ["videoprotection"], year_hint=2024)
    assert (record.kind, record.scope) == ("prefectoral_authorisation", "renewal")
    assert record.cameras == 5  # "4 caméras intérieures et 1 caméra extérieure"
    assert record.retention_days == 30  # "conservation des images à 30 jours"
    assert record.beneficiary == "chargé de sécurité personnes et biens"


def test_a_perimeter_without_a_count_gives_no_count() -> None:
    bulletin = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8")
    text = _arrete(
        bulletin,
        "Arrêté n° 2024-56 du 21 mai 2024 portant autorisation d’un système de vidéoprotection\n",
        "Arrêté n° 2024-61",
    )
    record = read_record(text, ["videoprotection"], year_hint=2024)
    assert record.cameras is None  # "installer des caméras extérieures en périmètre vidéoprotégé"
    assert record.beneficiary == "Monsieur THOMAS VELTER"
