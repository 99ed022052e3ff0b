"""The hand-labelled decision records (records.toml) are well-formed (no extractor is scored here)."""

from __future__ import annotations

import datetime
import tomllib
from collections import Counter
from pathlib import Path

from pipelines.tagging.lexicon import CATEGORY_IDS
from tests.quality.records_scoring import SPLITS

RECORDS = Path(__file__).with_name("records.toml")

KINDS = {
    "deployment",
    "extension",
    "renewal",
    "maintenance",
    "procurement_award",
    "grant_request",
    "grant_award",
    "convention",
    "prefectoral_authorisation",
    "drone_authorisation",
    "experiment",
    "motion_against",
    "moratorium_ban",
    "debate_only",
    "none",
}
REQUIRED = ("id", "split", "source", "text", "kind", "technologies")
STRINGS = (
    "authority",
    "act_number",
    "beneficiary",
    "commune",
    "address",
    "vendor",
    "note",
)
INTEGERS = (
    "cameras",
    "cameras_public_road",
    "retention_days",
    "period_years",
    "vote_for",
    "vote_against",
    "vote_abstentions",
)
NUMBERS = ("amount_eur", "funding_rate")
DATES = ("act_date", "period_start", "period_end")
ENUMS = {
    "split": set(SPLITS),
    "scope": {"new", "renewal", "modification"},
    "authority_kind": {"commune", "epci", "departement", "region", "prefecture"},
    "amount_tax": {"HT", "TTC"},
}
KNOWN = set(REQUIRED) | set(STRINGS) | set(INTEGERS) | set(NUMBERS) | set(DATES) | set(ENUMS)
KNOWN |= {"legal_basis", "unanimous"}


def load() -> list[dict]:
    with RECORDS.open("rb") as handle:
        return tomllib.load(handle)["record"]


def problems(record: dict) -> list[str]:
    found = [f"missing {key}" for key in REQUIRED if key not in record]
    found += [f"unknown key {key}" for key in record if key not in KNOWN]
    found += [f"empty {key}" for key, value in record.items() if value == ""]
    if record.get("kind") not in KINDS:
        found.append(f"kind {record.get('kind')!r}")
    technologies = record.get("technologies", [])
    if not isinstance(technologies, list) or not set(technologies) <= set(CATEGORY_IDS):
        found.append(f"technologies {technologies!r}")
    if (record.get("kind") == "none") != (technologies == []):
        found.append("kind none goes with technologies [] and only with it")
    # A bundle of arrêtés that authorise, modify and renew at once has no one scope.
    if "scope" in record and record.get("kind") != "prefectoral_authorisation":
        found.append("scope is for prefectoral_authorisation only")
    for key, allowed in ENUMS.items():
        if key in record and record[key] not in allowed:
            found.append(f"{key} {record[key]!r}")
    for key in (*STRINGS, "source", "text"):
        if key in record and not (isinstance(record[key], str) and record[key].strip()):
            found.append(f"{key} is not a non-empty string")
    for key in INTEGERS:
        if key in record and (type(record[key]) is not int or record[key] < 0):
            found.append(f"{key} is not a non-negative integer")
    for key in NUMBERS:
        if key in record and (type(record[key]) not in (int, float) or record[key] < 0):
            found.append(f"{key} is not a number")
    for key in DATES:
        if key in record:
            try:
                datetime.date.fromisoformat(record[key])
            except (TypeError, ValueError):
                found.append(f"{key} {record[key]!r} is not an ISO date")
    if "legal_basis" in record and not (
        isinstance(record["legal_basis"], list)
        and record["legal_basis"]
        and all(isinstance(item, str) and item.strip() for item in record["legal_basis"])
    ):
        found.append("legal_basis is not a list of strings")
    if "unanimous" in record and record["unanimous"] is not True:
        found.append("unanimous is only written when true")
    start, end = record.get("period_start"), record.get("period_end")
    if start and end and end < start:
        found.append("period ends before it starts")
    return found


def test_records_are_well_formed_and_split() -> None:
    records = load()
    assert len(records) >= 70
    ids = [record.get("id") for record in records]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert {record["id"]: problems(record) for record in records if problems(record)} == {}
    splits = Counter(record["split"] for record in records)
    assert set(splits) == ENUMS["split"]
    # The first 84 were split by a seeded shuffle, a third held out; the second batch, labelled
    # after the readers existed, is held out whole (blind: see tests/benchmarks/bench_records.py);
    # heldout4 to heldout7, labelled later from the text alone, are further blind parts, negatives included.
    first = splits["dev"] + splits["heldout"]
    assert splits["heldout"] == first // 3
    assert splits["heldout2"] >= 40
    assert splits["heldout3"] >= 40
    assert splits["heldout4"] >= 60
    assert splits["heldout5"] >= 60
    assert splits["heldout6"] >= 60
    assert splits["heldout7"] >= 60
    assert splits["heldout8"] >= 60
    assert splits["heldout9"] >= 60
    assert splits["heldout10"] >= 50
    assert splits["heldout11"] >= 50
    assert splits["heldout12"] >= 50
    assert splits["heldout13"] >= 50
    assert splits["heldout14"] >= 50
    second = [record for record in records if record["split"] == "heldout2"]
    assert sum(record["kind"] == "none" for record in second) >= 5
    assert (
        sum(record["kind"] in ("prefectoral_authorisation", "drone_authorisation") for record in second) >= 8
    )
    for later in ("heldout4", "heldout5"):
        kinds = Counter(record["kind"] for record in records if record["split"] == later)
        assert kinds["none"] >= 5
        assert kinds["prefectoral_authorisation"] + kinds["drone_authorisation"] >= 12


def test_records_cover_authorisations_council_acts_and_negatives() -> None:
    kinds = Counter(record["kind"] for record in load())
    assert kinds["prefectoral_authorisation"] + kinds["drone_authorisation"] >= 40
    assert kinds["none"] >= 10
    assert len(kinds) >= 12


def test_the_second_reading_reads_labelled_acts_with_the_same_kinds() -> None:
    with RECORDS.with_name("records_second.toml").open("rb") as handle:
        readings = tomllib.load(handle)["reading"]
    labelled = {record["id"]: record for record in load()}
    ids = [reading["id"] for reading in readings]
    assert len(ids) == len(set(ids)) and set(ids) <= set(labelled)
    assert len(readings) >= 120
    for reading in readings:
        assert reading["kind"] in KINDS and isinstance(reading["confident"], bool), reading["id"]
        assert set(reading["technologies"]) <= set(CATEGORY_IDS), reading["id"]
        if "act_date" in reading:
            datetime.date.fromisoformat(reading["act_date"])


def test_an_authority_is_a_kind_of_body_and_its_place() -> None:
    from tests.quality.records_matching import same_value

    # The commune's council, its town hall and its mayor are one body; a label without a place
    # matches any answer of the same kind.
    assert same_value("authority", "Conseil municipal de Montpellier", "la mairie de Montpellier")
    assert same_value("authority", "Conseil municipal de Lyon", "Le Conseil Municipal")
    # A région's assembly is the région ("l'assemblée régionale a voté …").
    assert same_value("authority", "Conseil régional d'Auvergne-Rhône-Alpes", "l'assemblée régionale")
    assert not same_value("authority", "Conseil municipal de Lyon", "l'assemblée régionale")
    # Every word of the label's place must be the answer's.
    assert not same_value("authority", "Préfecture des Alpes", "Préfecture des Alpes-Maritimes")
    assert not same_value("authority", "Région Bretagne", "la Région Hauts-de-France")


def test_a_body_named_by_its_people_and_its_place_after_de() -> None:
    from tests.quality.records_matching import same_value

    # Its elected members are the council; a person is no place.
    assert same_value("authority", "Conseil municipal de Briatexte", "les élus")
    assert same_value("authority", "Conseil municipal", "le maire Marc Vuillemot")
    assert same_value("authority", "Conseil municipal de Mamoudzou", "Mohamed Majani, le maire de Mamoudzou")
    assert same_value("authority", "Préfecture de l'Aube", "M. le Préfet de l’Aube")
    # The place after "de" still has to be the answer's.
    assert not same_value("authority", "Conseil municipal de Béziers", "les élus de Boujan-sur-Libron")
    assert not same_value("authority", "Conseil municipal de Lyon", "le Conseil de Paris")
    assert not same_value("authority", "Conseil municipal", "le conseil municipal de Villedieu-les-Poëles")
    # A place without "de" is the words after the body; only a person's title is followed by a
    # name that is no place (session 24's review).
    assert not same_value("authority", "Région Occitanie", "la Région Auvergne-Rhône-Alpes")
    assert not same_value("authority", "Région Île-de-France", "La Région Hauts-de-France")
    assert not same_value("authority", "Conseil municipal de Limoges", "Le conseil municipal panazolais")
    assert not same_value("authority", "Mairie de Pointe-à-Pitre", "les élus du département")
    assert not same_value("authority", "Ville de Lyon", "les élus de la Métropole de Lyon")
    assert same_value(
        "authority", "Conseil municipal de Basse-Terre", "André Atallah et son équipe municipale"
    )


def test_a_body_of_no_listed_kind_is_named_by_containment() -> None:
    from tests.quality.records_matching import same_value

    assert same_value("authority", "CNIL (Commission nationale de l'informatique et des libertés)", "la Cnil")
    assert same_value("authority", "Conseil d'Etat", "le juge des référés du Conseil d'Etat")
    assert not same_value("authority", "Tribunal administratif de Nice", "le Conseil d'Etat")


def test_a_place_or_a_word_another_body_has_is_no_body_s_name() -> None:
    from tests.quality.records_matching import same_value

    assert not same_value("authority", "Nice", "Tribunal administratif de Nice")
    assert not same_value("authority", "Etat", "Conseil d'Etat")
    assert not same_value("authority", "Métropole", "Métropole Nice Côte d'Azur")
    assert not same_value("authority", "I", "CNIL")
