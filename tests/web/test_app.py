"""The web UI through its test client, over an archive built by two real crawls."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from archive.reader import ArchiveReader
from archive.taxonomy import DOC_TYPES
from search.results import CSV_FIELDS
from tests.backends import rows
from tests.web.site import REAL_DELIBERATION, WebFixture
from web.app import highlight
from web.labels import DOC_TYPE_LABELS
from web.params import MAX_QUERY_LENGTH
from web.security import web_url

FACIAL = "reconnaissance faciale"


def api(client: TestClient, path: str, **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def document_id(client: TestClient, title_part: str) -> int:
    results = api(client, "/api/search", per_page=100)["results"]
    return next(r["document_id"] for r in results if title_part in (r["title"] or ""))


def test_overview_in_french_with_chart_top_sources_and_latest(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="fr">' in html and "Vue d'ensemble" in html
    assert "<svg" in html and 'class="bar cat-reconnaissance_faciale"' in html
    assert "mars 2024 — Reconnaissance faciale : 2 documents" in html  # the bar's tooltip
    assert ">Testville</a>" in html  # top communes, by registry name
    assert "Délibération 2024-12" in html  # latest mentions
    assert 'type="application/atom+xml"' in html


def test_search_results_facets_and_shareable_url(client: TestClient) -> None:
    page = client.get("/search", params={"q": FACIAL})
    assert page.status_code == 200
    assert '<strong id="total">2</strong>' in page.text
    assert "<mark>reconnaissance</mark> <mark>faciale</mark>" in page.text
    assert "12 mars 2024" in page.text and "Testville" in page.text
    data = api(client, "/api/search", q=FACIAL)
    assert data["total"] == 2
    # The hostile page also says "Caméras" in its title: video surveillance.
    assert data["facets"]["categories"] == {"reconnaissance_faciale": 2, "videoprotection": 1}
    assert data["facets"]["departements"] == {"34": 2}
    assert data["facets"]["stances"] == {"opposition": 1}
    assert data["links"]["feed"] == "/feed?q=reconnaissance+faciale"
    hit = next(r for r in data["results"] if r["title"] == "Délibération 2024-12")
    assert hit["page"] == 2 and hit["original_url"].endswith("#page=2")
    assert hit["source_name"] == "Testville"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # Video protection: the 2013 deliberation, the listing, the hostile page, and the Avranches
        # texts (a prefect's arrêtés, the council's minutes) that the decision records read.
        ({"category": "videoprotection"}, 5),
        ({"category": ["videoprotection", "reconnaissance_faciale"]}, 6),
        ({"q": FACIAL, "stance": "opposition"}, 1),
        ({"q": FACIAL, "doc_type": "deliberation"}, 1),
        ({"departement": "34", "category": "reconnaissance_faciale"}, 2),
        ({"departement": "13"}, 0),
        ({"source": "testville", "q": FACIAL}, 2),
        ({"q": FACIAL, "since": "2024-03", "until": "2024-03-31"}, 2),
        ({"q": FACIAL, "until": "2023"}, 0),
    ],
)
def test_filters(client: TestClient, params: dict, expected: int) -> None:
    assert api(client, "/api/search", **params)["total"] == expected


def test_pagination_links_keep_the_query(client: TestClient) -> None:
    page = client.get("/search", params={"category": "videoprotection", "per_page": 1, "page": 2})
    assert page.status_code == 200
    assert 'aria-current="page">2<' in page.text
    assert 'href="/search?category=videoprotection&amp;per_page=1"' in page.text  # page 1
    assert (
        api(client, "/api/search", category="videoprotection", per_page=1, page=2)["results"][0]["rank"] == 2
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, "trop longue"),
        ({"category": "camera"}, "Catégorie inconnue :"),
        ({"page": "abc"}, "nombre entier"),
        ({"per_page": "1000"}, "nombre de résultats par page doit être un nombre entier de 1 à 100"),
        ({"page": "100000"}, "Le numéro de page doit être un nombre entier de 1 à"),
        ({"since": "hier"}, "Date de début invalide"),
        ({"departement": "20"}, "Département invalide"),
        ({"source": "a/../../etc"}, "Source invalide"),
    ],
)
def test_bad_searches_get_a_french_message_and_400(client: TestClient, params: dict, message: str) -> None:
    page = client.get("/search", params=params)
    assert page.status_code == 400 and message in page.text and "Traceback" not in page.text
    assert client.get("/api/search", params=params).json()["error"].count(message) == 1


def test_document_page_mentions_grouped_with_page_links_and_stance(client: TestClient) -> None:
    number = document_id(client, "Délibération 2024-12")
    page = client.get(f"/documents/{number}")
    assert page.status_code == 200
    html = page.text
    data = api(client, f"/api/documents/{number}")
    assert f'href="/originals/{data["sha256"]}#page=2">page 2</a>' in html
    assert 'id="cat-reconnaissance_faciale"' in html and "2 mentions" in html
    assert "Opposition exprimée" in html
    assert data["sha256"] in html and "Testville" in html
    assert [m["page"] for m in data["mentions"]] == [2, 2]
    assert data["urls"][0]["source_slug"] == "testville"
    assert not data["removed_at_source"]
    assert "retiré ce document" not in html


def test_document_removed_at_source_keeps_its_original(client: TestClient, web_fixture: WebFixture) -> None:
    number = document_id(client, "compte-rendu-2011-06-20")
    data = api(client, f"/api/documents/{number}")
    assert data["removed_at_source"] and data["urls"][0]["removed_at"]
    assert data["urls"][0]["url"] == web_fixture.removed_url
    assert "La collectivité a retiré ce document" in client.get(f"/documents/{number}").text
    original = client.get(data["original_url"])
    assert original.status_code == 200 and hashlib.sha256(original.content).hexdigest() == data["sha256"]


def test_originals_by_hash_only(client: TestClient) -> None:
    sha = hashlib.sha256(REAL_DELIBERATION.read_bytes()).hexdigest()
    original = client.get(f"/originals/{sha}")
    assert original.status_code == 200
    assert original.content == REAL_DELIBERATION.read_bytes()
    assert original.headers["content-type"] == "application/pdf"
    assert original.headers["content-disposition"].startswith("inline")
    for bad in ("0" * 64, sha[:-1], "../../../../etc/passwd", "..%2F..%2Fweb.db", sha.upper() + "/../x"):
        assert client.get(f"/originals/{bad}").status_code == 404, bad


def test_archived_html_is_sandboxed(client: TestClient) -> None:
    number = document_id(client, "Caméras")
    sha = api(client, f"/api/documents/{number}")["sha256"]
    original = client.get(f"/originals/{sha}")
    assert original.status_code == 200
    assert original.headers["content-security-policy"].startswith("sandbox")


def test_api_and_openapi(client: TestClient) -> None:
    spec = api(client, "/openapi.json")
    assert {"/api/search", "/api/documents/{document_id}", "/feed", "/search.csv"} <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {
        "q",
        "category",
        "source",
        "departement",
        "doc_type",
        "stance",
        "since",
        "until",
        "page",
    } <= parameters
    missing = client.get("/api/documents/999999")
    assert missing.status_code == 404 and "error" in missing.json()


def test_feed_mirrors_the_search(client: TestClient) -> None:
    response = client.get("/feed", params={"q": FACIAL, "stance": "opposition"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Délibération 2024-12"]
    assert "opposition" in feed.feed.title


def test_exports_hold_the_whole_result_set(client: TestClient) -> None:
    total = api(client, "/api/search", per_page=1)["total"]
    exported = client.get("/search.csv", params={"per_page": 1})
    assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_FIELDS and len(rows) == total
    lines = client.get("/search.jsonl", params={"category": "videoprotection"}).text.splitlines()
    assert len(lines) == 5 and all("document_id" in json.loads(line) for line in lines)


def test_security_headers_and_escaping(client: TestClient) -> None:
    page = client.get("/search", params={"q": FACIAL})
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    number = document_id(client, "Caméras")
    for html in (page.text, client.get(f"/documents/{number}").text, client.get("/").text):
        assert "<script" not in html and "<img" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in client.get(f"/documents/{number}").text


def test_web_url_only_links_http() -> None:
    assert web_url("https://www.nice.fr/a.pdf") == "https://www.nice.fr/a.pdf"
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "http://", "", None):
        assert web_url(url) is None


def test_every_doc_type_has_a_french_label() -> None:
    assert set(DOC_TYPE_LABELS) == set(DOC_TYPES)


def test_the_web_process_cannot_write(web_fixture: WebFixture, client: TestClient) -> None:
    before = fingerprint(web_fixture)
    for path in ("/", "/search?q=cam%C3%A9ras", "/api/search?category=videoprotection", "/feed"):
        assert client.get(path).status_code == 200
    assert fingerprint(web_fixture) == before
    reader = ArchiveReader(web_fixture.location())
    refused = "readonly" if web_fixture.backend == "sqlite" else "read-only transaction"
    try:
        with reader.engine.connect() as connection, pytest.raises(DBAPIError, match=refused):
            connection.execute(text("UPDATE documents SET title = 'changed'"))
        if web_fixture.backend == "sqlite":  # no other file may be opened for writing either
            with reader.engine.connect() as connection, pytest.raises(OperationalError):
                connection.exec_driver_sql(f"ATTACH DATABASE '{web_fixture.db}.evil' AS evil")
    finally:
        reader.close()


def fingerprint(web_fixture: WebFixture) -> str:
    """The archive's bytes (an SQLite file), or its rows (a PostgreSQL database)."""
    if web_fixture.backend == "sqlite":
        return hashlib.sha256(Path(web_fixture.db).read_bytes()).hexdigest()
    location = web_fixture.location()
    tables = ("documents", "document_urls", "mentions", "acts", "decision_records", "crawl_runs")
    return repr([rows(location, f"SELECT * FROM {table} ORDER BY id") for table in tables])


def test_highlight_escapes_and_marks_across_line_breaks() -> None:
    marked = highlight("<b>2</b> caméras déplaçables", "caméras\ndéplaçables")
    assert str(marked) == "&lt;b&gt;2&lt;/b&gt; <mark>caméras déplaçables</mark>"
    assert str(highlight("<i>rien</i>", "absent")) == "&lt;i&gt;rien&lt;/i&gt;"


def test_a_query_that_names_a_category_offers_its_documents(client: TestClient) -> None:
    tagged = api(client, "/api/search", category="reconnaissance_faciale")["total"]
    data = api(client, "/api/search", q="Reconnaissance faciale")
    assert data["suggested_category"] == "reconnaissance_faciale" and data["suggested_total"] == tagged > 0
    assert data["links"]["suggested"] == "/search?category=reconnaissance_faciale"
    page = client.get("/search", params={"q": "Reconnaissance faciale", "since": "2020"}).text
    assert 'href="/search?category=reconnaissance_faciale&amp;since=2020"' in page  # other filters kept
    assert "classés « Reconnaissance faciale »" in page or "classé « Reconnaissance faciale »" in page
    plain = api(client, "/api/search", q="conseil")
    assert plain["suggested_category"] is None and plain["suggested_total"] == 0
    assert "suggested" not in plain["links"]
    assert 'class="hint"' not in client.get("/search", params={"q": "conseil"}).text
