"""Records by département in the web UI and the API, and ``/records.geojson``, over the fixture
archive placed with the shipped registry and the fixture's own source (Testville, in the Hérault,
which published the Avranches texts and Montpellier's deliberation)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from archive.db import resolve_location
from archive.reader import ArchiveReader
from crawler.sources.registry import load_registry
from search.record_geojson import GEOJSON_PROPERTIES
from tests.web.site import WebFixture
from web.app import create_app
from web.archive_view import WebArchive


@pytest.fixture(scope="module")
def placed(web_fixture: WebFixture) -> Iterator[TestClient]:
    reader = ArchiveReader(resolve_location(str(web_fixture.db), writable=False))
    archive = WebArchive.open(reader, load_registry(web_fixture.registry))
    with TestClient(create_app(archive)) as test_client:
        yield test_client
    reader.close()


def total(client: TestClient, **params: object) -> int:
    response = client.get("/api/records", params=params)
    assert response.status_code == 200, response.text
    return response.json()["total"]


def test_the_departement_filters_the_list_and_the_api(placed: TestClient) -> None:
    assert total(placed, departement="50") == 4  # the prefect's three arrêtés and the council's act
    assert total(placed, departement="50", kind="convention") == 1
    records = placed.get("/api/records", params={"departement": "34"}).json()["records"]
    assert records and all(record["commune"] != "Avranches" for record in records)  # placed in 50
    assert "Montpellier" in {record["commune"] for record in records}
    assert total(placed, departement=["50", "34"]) == 4 + len(records)
    assert total(placed, region="28") == 4 and total(placed, departement="2A") == 0
    page = placed.get("/records", params={"departement": "50"})
    assert page.status_code == 200 and '<strong id="total">4</strong>' in page.text
    assert 'name="departement" maxlength="3" size="4" value="50"' in page.text
    assert 'href="/records.geojson?departement=50"' in page.text


@pytest.mark.parametrize(
    ("params", "message"),
    [({"departement": "Manche"}, "Département invalide"), ({"region": "x"}, "Région invalide")],
)
def test_bad_codes_are_a_french_400(placed: TestClient, params: dict, message: str) -> None:
    for path in ("/records", "/api/records", "/records.geojson"):
        response = placed.get(path, params=params)
        assert response.status_code == 400 and message in response.text, path


def test_the_geojson_of_the_records(placed: TestClient) -> None:
    response = placed.get("/records.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    unplaced = int(response.headers["x-vigie-unplaced"])
    assert len(features) + unplaced == total(placed)
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        assert 41.3 < lat < 51.1 and -5.2 < lon < 9.6
        assert list(feature["properties"]) == GEOJSON_PROPERTIES
    avranches = [f["properties"] for f in features if f["properties"]["commune"] == "Avranches"]
    assert len(avranches) == 4 and {p["insee"] for p in avranches} == {"50025"}
    renewal = next(p for p in avranches if p["act_number"] == "2024-109")
    assert renewal["evidence_url"] == renewal["original_url"]  # a text file: no page
    manche = placed.get("/records.geojson", params={"departement": "50", "kind": "convention"}).json()
    assert [f["properties"]["kind"] for f in manche["features"]] == ["convention"]


def test_a_registry_without_the_commune_leaves_its_records_off_the_map(client: TestClient) -> None:
    """The shared client knows Testville only: the Avranches records have no known place."""
    response = client.get("/records.geojson")
    assert response.status_code == 200
    features = response.json()["features"]
    assert "Avranches" not in {feature["properties"]["commune"] for feature in features}
    assert len(features) + int(response.headers["x-vigie-unplaced"]) == total(client)
    assert total(client, departement="50") == 0
