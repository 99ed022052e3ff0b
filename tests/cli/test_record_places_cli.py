"""``vigie records list|export`` by département and région, and the GeoJSON export, on a real
archive: the Manche's drone bulletin and video-protection recueil, Montpellier's deliberation."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from search.record_geojson import GEOJSON_PROPERTIES
from tests import realdocs
from tests.cli.test_records_cli import DRONES_URL, archive_documents
from tests.conftest import invoke_vigie

MONTPELLIER_URL = "https://www.montpellier.fr/delib-2013-14.pdf"
# Metropolitan France and Corsica, in degrees.
LAT, LON = (41.3, 51.1), (-5.2, 9.6)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("places") / "vigie.db"
    archive_documents(
        db,
        [
            (DRONES_URL, realdocs.RAA_MANCHE_DRONES),
            ("https://www.manche.gouv.fr/raa/RAA-SP-14-2025.txt", realdocs.RAA_MANCHE_VIDEOPROTECTION),
            (MONTPELLIER_URL, realdocs.DELIB_VIDEOPROTECTION),
        ],
    )
    return db


def listed(db: Path, *options: str) -> dict:
    result = invoke_vigie(
        "records", "list", "--db", str(db), "--format", "json", "--limit", "1000", *options, cwd=db.parent
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_manches_records_by_departement(archive: Path) -> None:
    everything = listed(archive)
    manche = listed(archive, "--departement", "50")
    communes = {record["commune"] for record in manche["records"]}
    assert {"Avranches", "Valognes", "Saint-Lô"} <= communes and "Montpellier" not in communes
    assert all(record["authority"] != "Conseil municipal de Montpellier" for record in manche["records"])
    herault = listed(archive, "--departement", "34")
    assert {record["commune"] for record in herault["records"]} == {"Montpellier"}
    assert listed(archive, "--departement", "050", "--departement", "34")["total"] == (
        manche["total"] + herault["total"]
    )
    assert manche["total"] + herault["total"] < everything["total"]  # names the registry lacks
    # Normandie (28) holds the Manche's records and one more: the Saint-Marcouf of the Calvados
    # and the Manche's are both Normandie's, but a record naming it is the Manche's only when a
    # source of the Manche found it (here none did: the archive has no registry source).
    normandie = listed(archive, "--region", "28")["records"]
    assert [r["commune"] for r in normandie if r["id"] not in {m["id"] for m in manche["records"]}] == [
        "Saint-Marcouf"
    ]
    drones = listed(archive, "--departement", "50", "--kind", "drone_authorisation")["records"]
    assert [record["commune"] for record in drones] == ["Avranches"]  # the other names no commune
    assert listed(archive, "--departement", "2A")["total"] == 0


def test_a_record_naming_no_commune_lies_where_its_source_does(archive: Path, tmp_path: Path) -> None:
    """Crawled from the Manche's prefecture (``--source prefecture-50``), the drone flight whose
    arrêté names no commune is the Manche's; one naming a commune elsewhere would not be."""
    db = tmp_path / "crawled.db"
    shutil.copy(archive, db)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE document_urls SET source_slug = 'prefecture-50' WHERE url LIKE '%manche%'")
        connection.execute(
            "UPDATE document_urls SET source_slug = 'montpellier' WHERE url LIKE '%montpellier%'"
        )
    drones = listed(db, "--departement", "50", "--kind", "drone_authorisation")["records"]
    assert sorted(record["commune"] or "" for record in drones) == ["", "Avranches"]
    assert {record["commune"] for record in listed(db, "--departement", "34")["records"]} == {"Montpellier"}
    montpellier = json.loads(
        invoke_vigie(
            "records", "export", "--db", str(db), "--format", "geojson", "--departement", "34", cwd=tmp_path
        ).stdout
    )["features"][0]["properties"]
    assert montpellier["place_resolution"] == "source"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--departement", "Manche", "not a département code"),
        ("--region", "99", "unknown région '99'; choose from 01, 02, 03"),
        ("--commune", "5002", "'5002' is not an INSEE code"),
        ("--commune", "99999", "'99999' is not a commune of the registry"),
        ("--epci", "Cotentin", "'Cotentin' is not a SIREN (9 digits: 243400017)"),
        ("--epci", "123456789", "not an EPCI's SIREN of the registry"),
    ],
)
def test_bad_places_are_one_line_errors(archive: Path, option: str, value: str, message: str) -> None:
    result = invoke_vigie("records", "list", "--db", str(archive), option, value, cwd=archive.parent)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert f"Invalid value for '{option}'" in result.stderr


def test_records_by_commune_code_and_by_epci(archive: Path) -> None:
    cotentin = listed(archive, "--epci", "200067205")["records"]
    communes = {record["commune"] for record in cotentin}
    assert {"Cherbourg-en-Cotentin", "Les Pieux", "Valognes"} <= communes  # "Les Pieux": "Pieux" in the COG
    assert "Avranches" not in communes
    avranches = listed(archive, "--commune", "50025")["records"]
    assert {record["commune"] for record in avranches} == {"Avranches"}
    assert len(avranches) == len(listed(archive, "--commune", "Avranches")["records"])
    both = listed(archive, "--commune", "50025", "--epci", "200067205")
    assert both["total"] == len(avranches) + len(cotentin)  # any of the places asked for
    # A name and a code: the records of the code whose commune's name contains the text.
    assert listed(archive, "--epci", "200067205", "--commune", "pieux")["total"] == 2
    exported = invoke_vigie(
        "records", "export", "--db", str(archive), "--format", "csv", "--commune", "50025", cwd=archive.parent
    )
    assert exported.returncode == 0 and f"{len(avranches)} record(s) exported" in exported.stderr


def test_a_record_of_a_commune_without_a_website_is_placed(archive: Path) -> None:
    """Baupte has no website, hence no source: the generated registry's reference rows place it."""
    features = json.loads(
        invoke_vigie(
            "records", "export", "--db", str(archive), "--format", "geojson", cwd=archive.parent
        ).stdout
    )["features"]
    (baupte,) = [f for f in features if f["properties"]["commune"] == "Baupte"]
    assert baupte["properties"]["insee"] == "50036" and baupte["properties"]["epci"] == "200042729"
    lon, lat = baupte["geometry"]["coordinates"]
    assert 49.2 < lat < 49.4 and -1.5 < lon < -1.2
    assert [r["commune"] for r in listed(archive, "--commune", "50036")["records"]] == ["Baupte"]


def test_the_geojson_export(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.geojson"
    result = invoke_vigie(
        "records", "export", "--db", str(archive), "--format", "geojson", "-o", str(out), cwd=archive.parent
    )
    assert result.returncode == 0, result.stderr
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    total = listed(archive)["total"]
    unplaced = total - len(features)
    assert features and unplaced > 0  # "Cherbourg-En", "Saint": names cut by the reader
    assert f"{unplaced} record(s) without a known place" in result.stderr
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert LAT[0] < lat < LAT[1] and LON[0] < lon < LON[1]
        properties = feature["properties"]
        assert list(properties) == GEOJSON_PROPERTIES
        assert properties["place_resolution"] in {"source", "name+departement", "name"}
        assert properties["evidence_url"].startswith(f"/originals/{properties['original_url'][11:]}")
    avranches = next(f for f in features if f["properties"]["commune"] == "Avranches")
    assert avranches["properties"]["insee"] == "50025" and avranches["properties"]["departement"] == "50"
    assert avranches["geometry"]["coordinates"][0] < 0  # [lon, lat]: west of Greenwich
    (montpellier,) = [f for f in features if f["properties"]["url"] == MONTPELLIER_URL]
    properties = montpellier["properties"]
    assert properties["insee"] == "34172" and properties["technologies"] == "videoprotection"
    assert properties["evidence_url"].startswith(properties["original_url"] + "#page=")


def test_the_geojson_export_takes_the_filters(archive: Path) -> None:
    result = invoke_vigie(
        "records", "export", "--db", str(archive), "--format", "geojson", "--departement", "34",
        cwd=archive.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    features = json.loads(result.stdout)["features"]
    assert [f["properties"]["commune"] for f in features] == ["Montpellier"]
    assert "0 record(s) without a known place" in result.stderr


def test_a_registry_of_ones_own_places_records(archive: Path, tmp_path: Path) -> None:
    """``--registry FILE --no-shipped``: only that registry's communes place records."""
    registry = tmp_path / "mine.toml"
    registry.write_text(
        '[[source]]\nslug = "avranches"\nname = "Ville d\'Avranches"\nkind = "commune"\n'
        'platform = "generic"\nstart_urls = ["https://www.avranches.fr/"]\ndepartement = "50"\n'
        'insee = "50025"\nlocation = {lat = 48.68, lon = -1.36}\n',
        encoding="utf-8",
    )
    result = invoke_vigie(
        "records", "export", "--db", str(archive), "--format", "geojson",
        "--registry", str(registry), "--no-shipped", cwd=archive.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    communes = {f["properties"]["commune"] for f in json.loads(result.stdout)["features"]}
    assert communes == {"Avranches"}
    missing = invoke_vigie(
        "records", "list", "--db", str(archive), "--departement", "50", "--registry", "nope.toml",
        cwd=archive.parent,
    )  # fmt: skip
    assert missing.returncode == 2 and "does not exist" in missing.stderr
