"""``vigie snapshot``: a Frictionless data package of a real archive (the Manche's recueils, the
Montpellier deliberation, the Avranches minutes), checked by hand and, when installed, by the
``frictionless`` library; two snapshots of one archive are the same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest

from tests import realdocs
from tests.cli.test_records_cli import DRONES_URL, archive_documents
from tests.conftest import invoke_vigie

DATE = "2026-12-01"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("snapshot") / "vigie.db"
    archive_documents(
        db,
        [
            ("https://www.manche.gouv.fr/raa/RAA-SP-14-2025.txt", realdocs.RAA_MANCHE_VIDEOPROTECTION),
            (DRONES_URL, realdocs.RAA_MANCHE_DRONES),
            ("https://www.montpellier.fr/delib-2013-14.pdf", realdocs.DELIB_VIDEOPROTECTION),
            ("https://www.avranches.fr/CM-01-07-2013-PV.txt", realdocs.PV_AVRANCHES_2013_07_01),
        ],
    )
    return db


def _snapshot(archive: Path, folder: Path, *options: str):
    return invoke_vigie("snapshot", "--db", str(archive), "-o", str(folder), *options, cwd=archive.parent)


@pytest.fixture(scope="module")
def package(archive: Path) -> Path:
    folder = archive.parent / "snapshot"
    result = _snapshot(archive, folder, "--date", DATE)
    assert result.returncode == 0, result.stderr
    return folder


def _table(folder: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text(encoding="utf-8"), newline="")))


PARSERS = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": {"true": True, "false": False}.__getitem__,
    "date": dt.date.fromisoformat,
    "datetime": lambda text: dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ"),
}


def check_package(folder: Path) -> dict:
    """The package's structure, as a Frictionless validator checks it: files, sizes, hashes,
    headers, types, keys and foreign keys."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    keys: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = {}
    for resource in descriptor["resources"]:
        data = (folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["encoding"] == "utf-8" and resource["format"] == "csv"
        assert not data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
        fields = resource["schema"]["fields"]
        reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        header = next(reader)
        assert header == [field["name"] for field in fields]
        rows = list(reader)
        for row in rows:
            assert len(row) == len(fields)
            for value, field in zip(row, fields, strict=True):
                if value:
                    PARSERS[field["type"]](value)  # raises on a value of the wrong type
        named = [dict(zip(header, row, strict=True)) for row in rows]
        key = tuple(resource["schema"].get("primaryKey", []))
        if key:
            values = [tuple(row[name] for name in key) for row in named]
            assert len(set(values)) == len(values), f"{resource['name']}: duplicate {key}"
        resource["_rows"] = named
        for foreign in resource["schema"].get("foreignKeys", []):
            target = (foreign["reference"]["resource"], tuple(foreign["reference"]["fields"]))
            keys.setdefault(target, set())
    by_name = {resource["name"]: resource for resource in descriptor["resources"]}
    for (name, fields), values in keys.items():
        values.update(tuple(row[f] for f in fields) for row in by_name[name]["_rows"])
    for resource in descriptor["resources"]:
        for foreign in resource["schema"].get("foreignKeys", []):
            target = (foreign["reference"]["resource"], tuple(foreign["reference"]["fields"]))
            for row in resource["_rows"]:
                value = tuple(row[f] for f in foreign["fields"])
                assert value in keys[target], f"{resource['name']}: {value} not in {target}"
        del resource["_rows"]
    return descriptor


def test_the_package_is_valid_and_complete(package: Path) -> None:
    descriptor = check_package(package)
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == ["documents", "records", "mentions", "evidence"]
    assert descriptor["created"] == f"{DATE}T00:00:00Z" and descriptor["version"] == DATE
    assert descriptor["name"] == f"vigie-{DATE}"
    licence, crpa = descriptor["licenses"]
    assert licence["name"] == "etalab-2.0" and "L321-1" in crpa["title"]
    assert {"path": "https://www.manche.gouv.fr/", "title": "www.manche.gouv.fr"} in descriptor["sources"]
    assert descriptor["vigie"]["records_version"] in descriptor["vigie"]["archive_records_versions"]
    assert "Vigie" in descriptor["contributors"][0]["title"]
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert "## Français" in readme and "## English" in readme and "`expires_on`" in readme


def test_rows_say_what_the_archive_holds(package: Path) -> None:
    documents = {row["sha256"]: row for row in _table(package, "documents")}
    records = _table(package, "records")
    mentions = _table(package, "mentions")
    evidence = _table(package, "evidence")
    assert len(documents) == 4 and "mentions" not in next(iter(documents.values()))
    assert sum(int(row["record_count"]) for row in documents.values()) == len(records)
    assert sum(int(row["mention_count"]) for row in documents.values()) == len(mentions)
    scriptorial = next(row for row in records if row["act_number"] == "2024-109")
    assert scriptorial["expires_on"] == "2029-06-03" and scriptorial["sha256"] in documents
    assert "CSI L.252-1 à L.252-6" in scriptorial["legal_basis"].split(";")
    flight = next(row for row in records if row["period_start"] == "2025-03-15")
    (cameras,) = [row for row in evidence if row["record_id"] == flight["id"] and row["field"] == "cameras"]
    assert cameras["quote"] == "UN" and int(cameras["end"]) > int(cameras["start"])
    assert [row["id"] for row in records] == sorted((row["id"] for row in records), key=int)
    assert list(documents) == sorted(documents)


def test_two_snapshots_of_one_archive_are_the_same_bytes(archive: Path, package: Path) -> None:
    again = archive.parent / "again"
    assert _snapshot(archive, again, "--date", DATE).returncode == 0
    files = sorted(path.name for path in package.iterdir())
    assert files == sorted(path.name for path in again.iterdir())
    assert files == [
        "README.md",
        "datapackage.json",
        "documents.csv",
        "evidence.csv",
        "mentions.csv",
        "records.csv",
    ]
    for name in files:
        assert (package / name).read_bytes() == (again / name).read_bytes(), name


def test_a_non_empty_folder_is_refused_unless_forced(archive: Path, tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    refused = _snapshot(archive, folder)
    assert refused.returncode == 2 and "not empty" in refused.stderr and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()[-1]) < 200
    forced = _snapshot(archive, folder, "--force", "--licence", "odbl-1.0", "--title", "Caméras")
    assert forced.returncode == 0, forced.stderr
    descriptor = check_package(folder)
    assert descriptor["licenses"][0]["name"] == "ODbL-1.0" and descriptor["title"] == "Caméras"
    assert descriptor["version"] == dt.date.today().isoformat()
    assert (folder / "notes.txt").read_text() == "mine"  # --force replaces only its own files


def test_a_missing_or_empty_archive_is_one_line(tmp_path: Path) -> None:
    missing = invoke_vigie("snapshot", "--db", "none.db", "-o", "out", cwd=tmp_path)
    export = invoke_vigie("export", "--db", "none.db", cwd=tmp_path)
    assert missing.returncode == export.returncode == 2
    assert missing.stderr.splitlines()[-1] == export.stderr.splitlines()[-1]
    (tmp_path / "empty.db").touch()
    empty = invoke_vigie("snapshot", "--db", "empty.db", "-o", "out", cwd=tmp_path)
    assert empty.returncode == 2 and "holds no document" in empty.stderr
    assert not (tmp_path / "out").exists()


def test_the_frictionless_library_finds_it_valid(package: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:5]
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in package.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    evidence = (broken / "evidence.csv").read_bytes()
    (broken / "evidence.csv").write_bytes(evidence.replace(b"\r\n1,", b"\r\n999999,", 1))  # no such record
    errors = {
        error.type
        for task in frictionless.validate(str(broken / "datapackage.json")).tasks
        for error in task.errors
    }
    assert {"hash-count", "foreign-key"} <= errors
