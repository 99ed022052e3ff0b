"""``vigie records list|show|export|rebuild`` on a real archive of real prefecture bulletins."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest

from archive import ArchiveStore, FetchRecord, resolve_location
from archive.record_queries import RecordFilter, find_records
from archive.records import Fetch
from pipelines.extract import ExtractionInput, extract_document
from pipelines.records.build import RECORDS_VERSION, records_for
from pipelines.tagging import get_tagger
from tests import realdocs
from tests.conftest import invoke_vigie

DRONES_URL = "https://www.manche.gouv.fr/raa/RAA-SP-16-2025.txt"


def archive_documents(db: Path, documents: list[tuple[str, Path]], with_records: bool = True) -> None:
    """Real documents (URL, file) archived as a crawl archives them: extracted, tagged, and
    with their records read unless ``with_records`` is off."""
    store = ArchiveStore(resolve_location(str(db)))
    tagger = get_tagger()
    for url, path in documents:
        body = path.read_bytes()
        analysis = extract_document(ExtractionInput(url=url, body=body))
        mentions = list(tagger.tag(analysis.text, analysis.kind == "pdf"))
        records = records_for(analysis.text, analysis.acts, mentions, analysis.title, analysis.date)
        store.record(
            FetchRecord(
                Fetch(url=url, body=body, fetched_at=dt.datetime(2026, 1, 1)),
                analysis,
                mentions,
                tagger.version,
                records if with_records else [],
                RECORDS_VERSION if with_records else None,
            )
        )
    store.close()


def _archive(db: Path, with_records: bool) -> None:
    """The Manche's drone bulletin and Montpellier's video-protection deliberation."""
    archive_documents(
        db,
        [
            (DRONES_URL, realdocs.RAA_MANCHE_DRONES),
            ("https://www.montpellier.fr/delib-2013-14.pdf", realdocs.DELIB_VIDEOPROTECTION),
        ],
        with_records,
    )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    db = tmp_path / "vigie.db"
    _archive(db, with_records=True)
    return db


def test_list_shows_the_drone_flights_with_their_figures(archive: Path) -> None:
    result = invoke_vigie("records", "list", "--db", str(archive), "--format", "json", cwd=archive.parent)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    drones = [record for record in listed["records"] if record["kind"] == "drone_authorisation"]
    assert len(drones) == 2 and listed["total"] >= 3
    flight = next(record for record in drones if record["period_start"] == "2025-03-15")
    assert flight["cameras"] == 1 and flight["authority"] == "Préfecture de la Manche"
    assert flight["evidence"]["cameras"]["quote"] == "UN"
    assert flight["url"] == DRONES_URL and flight["original_url"].startswith("/originals/")


def test_filters_and_their_errors(archive: Path) -> None:
    def listed(*options: str) -> dict:
        result = invoke_vigie(
            "records", "list", "--db", str(archive), "--format", "json", *options, cwd=archive.parent
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert listed("--kind", "drone_authorisation")["total"] == 2
    assert listed("--category", "drone")["total"] == 2
    assert all(
        "videoprotection" in r["technologies"] for r in listed("--category", "videoprotection")["records"]
    )
    assert listed("--year", "2025")["total"] == 2
    assert listed("--authority", "manche", "--year", "2013")["total"] == 0
    wrong = invoke_vigie("records", "list", "--db", str(archive), "--kind", "spying", cwd=archive.parent)
    assert wrong.returncode == 2 and "not a kind" in wrong.stderr and "Traceback" not in wrong.stderr


def test_show_quotes_each_field(archive: Path) -> None:
    listed = json.loads(
        invoke_vigie(
            "records",
            "list",
            "--db",
            str(archive),
            "--format",
            "json",
            "--kind",
            "drone_authorisation",
            cwd=archive.parent,
        ).stdout
    )
    record_id = listed["records"][0]["id"]
    shown = invoke_vigie("records", "show", str(record_id), "--db", str(archive), cwd=archive.parent)
    assert shown.returncode == 0 and "drone_authorisation" in shown.stdout and "« " in shown.stdout
    missing = invoke_vigie("records", "show", "999999", "--db", str(archive), cwd=archive.parent)
    assert missing.returncode == 2 and "no record 999999" in missing.stderr


def test_export_as_jsonl_and_csv(archive: Path, tmp_path: Path) -> None:
    jsonl = invoke_vigie("records", "export", "--db", str(archive), cwd=archive.parent)
    lines = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert lines and all("evidence" in line for line in lines)
    out = tmp_path / "records.csv"
    result = invoke_vigie(
        "records", "export", "--db", str(archive), "--format", "csv", "-o", str(out), cwd=archive.parent
    )
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(lines) and {"kind", "legal_basis", "original_url"} <= set(rows[0])
    # A recueil and a deliberation: each record read in the act itself; the column comes last.
    assert {line["read_from"] for line in lines} == {row["read_from"] for row in rows} == {"act"}
    assert list(rows[0])[-2:] == ["read_from", "review"]


def test_rebuild_reads_the_records_of_an_archive_that_has_none(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _archive(db, with_records=False)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM decision_records").fetchone()[0] == 0
    result = invoke_vigie("records", "rebuild", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 documents read" in result.stdout
    built = sqlite3.connect(db).execute("SELECT kind, built_with FROM decision_records").fetchall()
    assert ("drone_authorisation", RECORDS_VERSION) in built
    again = invoke_vigie("records", "rebuild", "--db", str(db), cwd=tmp_path)
    assert "0 documents read" in again.stdout  # nothing stale: a nightly rebuild is quiet


def test_retag_reads_the_records_again(archive: Path) -> None:
    with sqlite3.connect(archive) as connection:
        connection.execute("DELETE FROM decision_records")
    result = invoke_vigie("retag", "--db", str(archive), "--all", cwd=archive.parent)
    assert result.returncode == 0, result.stderr
    count = sqlite3.connect(archive).execute("SELECT count(*) FROM decision_records").fetchone()[0]
    assert count >= 3


def test_a_prefects_authorisation_is_linked_to_the_communes_deliberation(tmp_path: Path) -> None:
    """The Manche's recueil renews the Avranches Scriptorial's cameras (arrêté 2024-109); the
    Avranches council's minutes of 1 July 2013 launched the town's video-protection contract."""
    db = tmp_path / "vigie.db"
    store = ArchiveStore(resolve_location(str(db)))
    tagger = get_tagger()
    for url, path in (
        ("https://www.manche.gouv.fr/raa/RAA-SP-14-2025.txt", realdocs.RAA_MANCHE_VIDEOPROTECTION),
        ("https://www.avranches.fr/CM-01-07-2013-PV.txt", realdocs.PV_AVRANCHES_2013_07_01),
    ):
        body = path.read_bytes()
        analysis = extract_document(ExtractionInput(url=url, body=body))
        mentions = list(tagger.tag(analysis.text, False))
        records = records_for(analysis.text, analysis.acts, mentions, analysis.title, analysis.date)
        fetch = Fetch(url=url, body=body, fetched_at=dt.datetime(2026, 1, 1))
        store.record(FetchRecord(fetch, analysis, mentions, tagger.version, records, RECORDS_VERSION))
    store.close()
    listed = json.loads(
        invoke_vigie(
            "records", "list", "--db", str(db), "--commune", "avranches", "--format", "json", cwd=tmp_path
        ).stdout
    )
    kinds = {record["kind"] for record in listed["records"]}
    assert "prefectoral_authorisation" in kinds and len(kinds) >= 2  # the prefect's and the town's
    scriptorial = next(record for record in listed["records"] if record["act_number"] == "2024-109")
    assert scriptorial["act_date"] == "2024-06-04" and scriptorial["scope"] == "renewal"
    shown = json.loads(
        invoke_vigie(
            "records", "show", str(scriptorial["id"]), "--db", str(db), "--format", "json", cwd=tmp_path
        ).stdout
    )
    (town,) = [other for other in shown["related"] if other["act_date"] == "2013-07-01"]
    assert town["authority"] == "Conseil municipal de Avranches"
    text = invoke_vigie("records", "show", str(town["id"]), "--db", str(db), cwd=tmp_path).stdout
    assert f"record {scriptorial['id']}: prefectoral_authorisation 2024-06-04" in text


def test_the_recueil_is_split_into_its_83_arretes() -> None:
    analysis = extract_document(
        ExtractionInput(url=DRONES_URL, body=realdocs.RAA_MANCHE_VIDEOPROTECTION.read_bytes())
    )
    assert analysis.doc_type == "raa"
    assert len(analysis.acts) == 83  # not 166: the summary lists every heading once more
    assert [act.number for act in analysis.acts[:3]] == ["2024-44", "2024-56", "2024-61"]
    drones = extract_document(ExtractionInput(url=DRONES_URL, body=realdocs.RAA_MANCHE_DRONES.read_bytes()))
    assert len(drones.acts) == 4  # two drone flights without a number, two other arrêtés
    assert drones.acts[0].title.startswith("autorisant la captation")


def test_authorisations_due_for_renewal_and_acts_without_one(tmp_path: Path) -> None:
    """The Scriptorial's renewal of 4 June 2024 runs five years: it ends on 3 June 2029."""
    db = tmp_path / "vigie.db"
    store = ArchiveStore(resolve_location(str(db)))
    tagger = get_tagger()
    for url, path in (
        ("https://www.manche.gouv.fr/raa/RAA-SP-14-2025.txt", realdocs.RAA_MANCHE_VIDEOPROTECTION),
        ("https://www.montpellier.fr/delib-2013-14.pdf", realdocs.DELIB_VIDEOPROTECTION),
        ("https://www.avranches.fr/CM-01-07-2013-PV.txt", realdocs.PV_AVRANCHES_2013_07_01),
    ):
        body = path.read_bytes()
        analysis = extract_document(ExtractionInput(url=url, body=body))
        mentions = list(tagger.tag(analysis.text, analysis.kind == "pdf"))
        records = records_for(analysis.text, analysis.acts, mentions, analysis.title, analysis.date)
        fetch = Fetch(url=url, body=body, fetched_at=dt.datetime(2026, 1, 1))
        store.record(FetchRecord(fetch, analysis, mentions, tagger.version, records, RECORDS_VERSION))
    due = find_records(store, RecordFilter(expiring_within=183, today=dt.date(2029, 1, 1)))[1]
    numbers = {view.record.act_number: view.to_dict()["expires_on"] for view in due}
    assert numbers["2024-109"] == "2029-06-03"
    assert all("2029-01-01" <= ends <= "2029-07-02" for ends in numbers.values())
    assert find_records(store, RecordFilter(expiring_within=183, today=dt.date(2026, 12, 1)))[0] == 0
    orphans = find_records(store, RecordFilter(without_authorisation=True))[1]
    assert {view.record.commune for view in orphans} == {"Montpellier"}  # Avranches has its prefect's
    store.close()
    listed = invoke_vigie(
        "records", "list", "--db", str(db), "--without-authorisation", "--format", "json", cwd=tmp_path
    )
    assert json.loads(listed.stdout)["total"] == len(orphans)
    far = invoke_vigie(
        "records", "list", "--db", str(db), "--expiring-within", "3650", "--format", "json", cwd=tmp_path
    )
    assert json.loads(far.stdout)["total"] >= 80  # every authorisation of the recueil ends by 2030
