"""Search by place in the web UI, the API, the feed and the exports: documents found by real
registry sources (``tests.search.places_archive``), served as ``vigie serve`` serves them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import feedparser
import pytest
from fastapi.testclient import TestClient

from archive.db import resolve_location
from archive.reader import ArchiveReader
from crawler.sources.registry import load_registry
from tests.search.places_archive import MONTPELLIER, MONTPELLIER_METROPOLE, build_places_archive
from tests.web.conftest import served
from web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("place-web") / "vigie.db"
    build_places_archive(db).close()
    reader = ArchiveReader(resolve_location(str(db), writable=False))
    with TestClient(create_app(served(reader, load_registry()))) as test_client:
        yield test_client
    reader.close()


def api(client: TestClient, **params: object) -> dict:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "76"}, 5),
        ({"region": ["84", "93"]}, 2),  # Rhône by its ACTES identifier alone, and Nice
        ({"region": "1"}, 0),  # Guadeloupe, written as users may
        ({"epci": MONTPELLIER_METROPOLE}, 3),
        ({"epci": "243 400 017"}, 3),
        ({"commune": MONTPELLIER, "region": "76"}, 1),
        ({"commune": MONTPELLIER, "region": "93"}, 0),
        ({"departement": "34", "epci": MONTPELLIER_METROPOLE}, 3),
    ],
)
def test_api_place_filters(client: TestClient, params: dict, expected: int) -> None:
    assert api(client, q="caméras", **params)["total"] == expected


def test_api_facets_by_code_and_the_names_of_places(client: TestClient) -> None:
    data = api(client, q="caméras", commune="2A004")  # Ajaccio: no document, but named
    assert data["total"] == 0 and data["place_names"]["communes"] == {"2A004": "Ajaccio"}
    data = api(client, q="caméras")
    facets, names = data["facets"], data["place_names"]
    assert facets["regions"] == {"76": 5, "84": 1, "93": 1}
    assert facets["epcis"][MONTPELLIER_METROPOLE] == 3 and facets["communes"][MONTPELLIER] == 1
    assert names["regions"] == {
        "76": "Occitanie",
        "84": "Auvergne-Rhône-Alpes",
        "93": "Provence-Alpes-Côte d'Azur",
    }
    assert names["departements"]["34"] == "Hérault"
    assert names["epcis"][MONTPELLIER_METROPOLE] == "Montpellier Méditerranée Métropole"
    assert names["communes"] == {
        "06088": "Nice",
        "30189": "Nîmes",
        "34057": "Castelnau-le-Lez",
        "34172": "Montpellier",
    }


def test_api_links_keep_the_place_filters(client: TestClient) -> None:
    links = api(client, q="caméras", region="76", epci=MONTPELLIER_METROPOLE, commune=MONTPELLIER)["links"]
    query = f"q=caméras&region=76&epci={MONTPELLIER_METROPOLE}&commune={MONTPELLIER}"
    assert links["feed"] == "/feed?" + query.replace("caméras", "cam%C3%A9ras")
    assert links["csv"] == links["feed"].replace("/feed", "/search.csv")
    assert links["jsonl"] == links["feed"].replace("/feed", "/search.jsonl")


def test_search_page_lists_places_by_name_and_keeps_them_in_its_links(client: TestClient) -> None:
    page = client.get("/search", params={"q": "caméras", "region": "76", "epci": MONTPELLIER_METROPOLE})
    assert page.status_code == 200
    html = page.text
    assert '<strong id="total">3</strong>' in html
    assert (
        '<input type="checkbox" name="region" value="76" checked>\n  Occitanie <span class="count">3</span>'
        in html
    )
    assert 'value="34172" >\n  Montpellier (34172) <span class="count">1</span>' in html
    assert "Castelnau-le-Lez (34057)" in html and "Hérault (34)" in html
    query = f"q=cam%C3%A9ras&amp;region=76&amp;epci={MONTPELLIER_METROPOLE}"
    for path in ("/feed", "/search.csv", "/search.jsonl", "/api/search"):
        assert f'href="{path}?{query}"' in html, path
    # The active filters, each removable on its own.
    assert f'href="/search?q=cam%C3%A9ras&amp;epci={MONTPELLIER_METROPOLE}">Occitanie ✕</a>' in html
    assert 'href="/search?q=cam%C3%A9ras&amp;region=76">Montpellier Méditerranée Métropole ✕</a>' in html


def test_feed_and_exports_take_the_place_filters(client: TestClient) -> None:
    feed = feedparser.parse(client.get("/feed", params={"epci": MONTPELLIER_METROPOLE}).content)
    assert not feed.bozo and len(feed.entries) == 3
    assert feed.feed.title == f"Vigie : nouvelles mentions (EPCI {MONTPELLIER_METROPOLE})"
    exported = client.get("/search.csv", params={"commune": MONTPELLIER})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [row["url"] for row in rows] == ["https://www.montpellier.fr/delib-videoprotection.html"]
    assert exported.headers["x-vigie-total"] == "1"
    lines = client.get("/search.jsonl", params={"region": "84"}).text.splitlines()
    assert [json.loads(line)["url"] for line in lines] == [
        "https://actes.example.org/069-200046977-20240101-1-DE.html"
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"commune": "montpellier"}, "Commune invalide : « montpellier »."),
        ({"epci": "24340001"}, "EPCI invalide : « 24340001 »."),
        ({"region": "occitanie"}, "Région invalide : « occitanie »."),
        ({"region": "77"}, "Région inconnue : « 77 ». Valeurs possibles : 01, 02, 03"),
    ],
)
def test_bad_places_get_a_french_message_and_400(client: TestClient, params: dict, message: str) -> None:
    for path in ("/search", "/feed", "/search.csv"):
        page = client.get(path, params=params)
        assert page.status_code == 400 and message.replace("'", "&#39;") in page.text, path
        assert "Traceback" not in page.text
    error = client.get("/api/search", params=params)
    assert error.status_code == 400 and error.json()["error"].startswith(message)


def test_openapi_describes_the_place_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/feed", "/search.csv", "/search.jsonl"):
        parameters = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert {"departement", "region", "epci", "commune"} <= parameters, path
    assert "place_names" in spec["components"]["schemas"]["SearchResults"]["properties"]
