"""Records by département in the web UI and the API, and ``/records.geojson``, over the fixture
archive placed with the shipped registry and the fixture's own source (Testville, in the Hérault,
which published the Avranches texts and Montpellier's deliberation)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from search.record_geojson import GEOJSON_PROPERTIES

AVRANCHES_EPCI = "200069425"  # the Communauté d'agglomération Mont-Saint-Michel-Normandie


def total(client: TestClient, **params: object) -> int:
    response = client.get("/api/records", params=params)
    assert response.status_code == 200, response.text
    return response.json()["total"]


def test_the_departement_filters_the_list_and_the_api(placed: TestClient) -> None:
    assert total(placed, departement="50") == 4  # the prefect's three arrêtés and the council's act
    assert total(placed, departement="50", kind="deployment") == 1
    records = placed.get("/api/records", params={"departement": "34"}).json()["records"]
    assert records and all(record["commune"] != "Avranches" for record in records)  # placed in 50
    assert "Montpellier" in {record["commune"] for record in records}
    assert total(placed, departement=["50", "34"]) == 4 + len(records)
    assert total(placed, region="28") == 4 and total(placed, departement="2A") == 0
    page = placed.get("/records", params={"departement": "50"})
    assert page.status_code == 200 and '<strong id="total">4</strong>' in page.text
    assert 'name="departement" maxlength="3" size="4" value="50"' in page.text
    assert 'href="/records.geojson?departement=50"' in page.text


def test_the_commune_and_epci_filters(placed: TestClient) -> None:
    """``commune`` takes an INSEE code (placed through the registry) or a part of the name."""
    assert total(placed, commune="50025") == total(placed, commune="avranches") == 4
    assert total(placed, epci=AVRANCHES_EPCI) == 4
    assert total(placed, commune="34172") == 1  # Montpellier's deliberation
    assert total(placed, commune=["50025", "34172"]) == 5  # any of the places
    assert total(placed, epci=AVRANCHES_EPCI, commune="34172", kind="deployment") == 1
    assert total(placed, epci="200067205") == 0  # the Cotentin: none there
    page = placed.get("/records", params={"epci": AVRANCHES_EPCI, "commune": "50025", "departement": "50"})
    assert page.status_code == 200 and '<strong id="total">4</strong>' in page.text
    # The filters are kept by the form, and each place links to its timeline.
    assert '<input type="hidden" name="commune" value="50025">' in page.text
    assert f'<input type="hidden" name="epci" value="{AVRANCHES_EPCI}">' in page.text
    links = page.text[page.text.index('id="place-pages"') :].split("</p>")[0]
    assert '<a href="/departements/50">Manche (50)</a>' in links
    assert (
        f'<a href="/epci/{AVRANCHES_EPCI}">Communauté d&#39;agglomération Mont-Saint-Michel-Normandie</a>'
        in links
    )
    assert '<a href="/communes/Avranches">Avranches</a>' in links
    features = placed.get("/records.geojson", params={"epci": AVRANCHES_EPCI}).json()["features"]
    assert len(features) == 4 and {f["properties"]["epci"] for f in features} == {AVRANCHES_EPCI}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"departement": "Manche"}, "Département invalide"),
        ({"region": "x"}, "Région invalide"),
        ({"commune": "5002"}, "Commune invalide : « 5002 »"),
        ({"commune": "99999"}, "Commune inconnue du registre : « 99999 »"),
        ({"commune": ["Avranches", "Valognes"]}, "Commune : un seul nom"),
        ({"epci": "Cotentin"}, "EPCI invalide : « Cotentin »"),
        ({"epci": "123456789"}, "EPCI inconnu du registre : « 123456789 »"),
    ],
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
    manche = placed.get("/records.geojson", params={"departement": "50", "kind": "deployment"}).json()
    assert [f["properties"]["kind"] for f in manche["features"]] == ["deployment"]


def test_a_registry_without_the_commune_leaves_its_records_off_the_map(client: TestClient) -> None:
    """The shared client knows Testville only: the Avranches records have no known place."""
    response = client.get("/records.geojson")
    assert response.status_code == 200
    features = response.json()["features"]
    assert "Avranches" not in {feature["properties"]["commune"] for feature in features}
    assert len(features) + int(response.headers["x-vigie-unplaced"]) == total(client)
    assert total(client, departement="50") == 0
