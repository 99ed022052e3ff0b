"""Decision records in the web UI and the API: the list and its filters, a record beside its
highlighted evidence, a commune's timeline and its Atom feed, over the fixture archive (whose
Avranches texts give a prefect's three arrêtés and the council's own act, linked)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from archive.reader import ArchiveReader
from archive.record_queries import record_by_id
from archive.records import DECISION_KINDS, RECORD_FIELDS
from tests.web.site import WebFixture
from web.labels import DECISION_KIND_LABELS, RECORD_FIELD_LABELS

ATOM = "{http://www.w3.org/2005/Atom}"


def api(client: TestClient, path: str, **params: object) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def record(client: TestClient, **match: object) -> dict:
    """The one record (from the API) whose fields have these values."""
    (found,) = [
        r
        for r in api(client, "/api/records")["records"]
        if all(r.get(name) == value for name, value in match.items())
    ]
    return found


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "prefectoral_authorisation"}, 3),
        ({"commune": "avranches"}, 4),
        ({"commune": "AVR", "category": "videoprotection"}, 4),
        ({"authority": "manche"}, 3),
        ({"commune": "avranches", "year": "2013"}, 1),
        ({"commune": "avranches", "kind": ["deployment", "prefectoral_authorisation"]}, 4),
        ({"commune": "avranches", "kind": "deployment", "year": "2024"}, 0),
        ({"vendor": "aucun prestataire de ce nom"}, 0),
        ({"category": "drone"}, 0),
    ],
)
def test_the_list_filters_as_the_cli(client: TestClient, params: dict, expected: int) -> None:
    assert api(client, "/api/records", **params)["total"] == expected
    page = client.get("/records", params=params)
    assert page.status_code == 200 and f'<strong id="total">{expected}</strong>' in page.text


def test_a_row_has_date_kind_technologies_authority_commune_and_figures(client: TestClient) -> None:
    renewal = record(client, act_number="2024-109")
    council = record(client, commune="Avranches", kind="deployment")
    html = client.get("/records", params={"commune": "avranches"}).text
    assert "4 juin 2024" in html and "Autorisation préfectorale (renouvellement)" in html
    assert "Vidéoprotection (caméras)" in html and "Préfecture de la Manche" in html
    assert '<a class="commune" href="/communes/Avranches">Avranches</a>' in html
    assert "18 caméras · bénéficiaire : maire" in html
    assert "2 caméras · 105\u202f000 €" in html
    assert f'href="/records/{renewal["id"]}"' in html and f'href="/records/{council["id"]}"' in html
    assert 'href="/records"' in html  # the site's navigation


def test_pages_beyond_the_last_are_empty_not_errors(client: TestClient) -> None:
    data = api(client, "/api/records", commune="avranches", page=2)
    assert data["total"] == 4 and data["records"] == [] and data["page"] == 2 and data["per_page"] == 50


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "autorisation"}, "Nature de décision inconnue :"),
        ({"category": "camera"}, "Catégorie inconnue :"),
        ({"year": "l'an dernier"}, "année doit être un nombre entier : « l"),
        ({"year": "3000"}, "année doit être un nombre entier de 1900 à 2100"),
        ({"page": "0"}, "Le numéro de page doit être un nombre entier de 1 à"),
        ({"commune": "x" * 101}, "Commune : 100 caractères au plus"),
    ],
)
def test_bad_filters_get_a_one_line_french_400(client: TestClient, params: dict, message: str) -> None:
    page = client.get("/records", params=params)
    assert page.status_code == 400 and message in page.text and "Traceback" not in page.text
    answer = client.get("/api/records", params=params)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error.count(message) == 1 and "\n" not in error


def test_a_record_shows_each_field_beside_its_evidence_marked_in_context(client: TestClient) -> None:
    renewal = api(client, f"/api/records/{record(client, act_number='2024-109')['id']}")  # with related
    page = client.get(f"/records/{renewal['id']}")
    assert page.status_code == 200
    html = page.text
    evidence = renewal["evidence"]
    assert {"cameras", "retention_days", "beneficiary", "legal_basis"} <= set(evidence)
    for name, span in evidence.items():
        assert f"<mark>{escape(span['quote'])}</mark>" in html, name
    assert "<mark>18 caméras intérieures</mark> permettant une durée de conservation" in html
    assert "<mark>30 jours</mark>" in html and ">30 jours</td>" in html
    for name in ("cameras", "retention_days", "period_years", "legal_basis"):
        assert f'id="field-{name}"' in html and str(escape(RECORD_FIELD_LABELS[name])) in html
    assert "Caméras sur la voie publique" in html  # named among the fields not found
    assert f'href="/documents/{renewal["document_id"]}"' in html
    assert f'href="{renewal["original_url"]}"' in html
    assert "Arrêté 2024-109 – portant renouvellement d’un système de vidéoprotection" in html
    (town,) = renewal["related"]
    assert town["kind"] == "deployment" and f'href="/records/{town["id"]}"' in html
    back = client.get(f"/records/{town['id']}").text
    assert (
        f'href="/records/{renewal["id"]}"' in back and "<mark>105.000 €uros HT</mark>." in back
    )  # its tax with it


def test_a_pdf_record_links_the_original_at_the_evidence_page(client: TestClient) -> None:
    montpellier = record(client, commune="Montpellier")
    html = client.get(f"/records/{montpellier['id']}").text
    pages = {span["page"] for span in montpellier["evidence"].values()}
    assert pages and None not in pages
    for number in pages:
        assert f'href="{montpellier["original_url"]}#page={number}">page {number}</a>' in html


def test_a_hostile_documents_record_is_escaped(client: TestClient) -> None:
    hostile = next(
        r for r in api(client, "/api/records")["records"] if "__pwned" in (r["document_title"] or "")
    )
    html = client.get(f"/records/{hostile['id']}").text
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html


@pytest.mark.parametrize("number", ["0", "999999", str(2**63 - 1), str(2**63), str(2**64)])
def test_unknown_records_are_404(client: TestClient, number: str) -> None:
    assert client.get(f"/records/{number}").status_code == 404
    missing = client.get(f"/api/records/{number}")
    assert missing.status_code == 404 and "error" in missing.json()


def test_a_record_id_that_is_no_number_is_a_french_404(client: TestClient) -> None:
    """Like an unknown number: the address names no record (FastAPI's 422 said so in English)."""
    page = client.get("/records/abc")
    assert page.status_code == 404 and "« abc » n&#39;est pas un nombre entier" in page.text
    assert client.get("/api/records/abc").json() == {
        "error": "Cette adresse ne correspond à aucune page. « abc » n'est pas un nombre entier."
    }


def test_the_commune_page_is_its_timeline(client: TestClient) -> None:
    ids = [record(client, act_number=number)["id"] for number in ("2024-66", "2024-58", "2024-109")]
    council = record(client, commune="Avranches", kind="deployment")["id"]
    page = client.get("/communes/avranches")  # any case: records write "Avranches"
    assert page.status_code == 200
    html = page.text
    assert "<h1>Avranches</h1>" in html and '<strong id="total">4</strong> décisions' in html
    positions = [html.index(f'id="record-{number}"') for number in (council, *ids)]
    assert positions == sorted(positions)  # oldest first: 1 July 2013, then 27 May… 4 June 2024
    assert html.index("<h3>2013</h3>") < html.index("<h3>2024</h3>")
    assert '<li data-category="videoprotection">' in html and '<span class="n">4</span>' in html
    latest = html[html.index('id="latest"') : html.index("Chronologie")]
    assert f'href="/records/{ids[-1]}"' in latest and "4 juin 2024" in latest and "18 caméras" in latest
    assert 'href="/communes/Avranches/feed"' in html
    assert "dans 2 documents" in html
    assert client.get("/communes/AVRANCHES").status_code == 200


@pytest.mark.parametrize("name", ["Nulle-part", "avr", "Avranches-sur-Mer"])
def test_a_commune_without_records_is_404(client: TestClient, name: str) -> None:
    assert client.get(f"/communes/{name}").status_code == 404
    assert client.get(f"/communes/{name}/feed").status_code == 404


def test_the_commune_feed_is_atom_newest_first(client: TestClient) -> None:
    ids = [record(client, act_number=number)["id"] for number in ("2024-109", "2024-58", "2024-66")]
    council = record(client, commune="Avranches", kind="deployment")["id"]
    response = client.get("/communes/Avranches/feed")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Vigie : décisions de Avranches"
    assert feed.findtext(f"{ATOM}updated") == "2024-06-04T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link[@rel='alternate']").get("href") for entry in entries]
    assert links == [f"http://testserver/records/{n}" for n in (*ids, council)]
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Autorisation préfectorale · Préfecture de la Manche · 2024-109"
    assert first.findtext(f"{ATOM}updated") == "2024-06-04T00:00:00Z"
    assert first.find(f"{ATOM}category").get("term") == "videoprotection"
    assert "18 caméras" in first.findtext(f"{ATOM}summary")
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == 4


def test_the_api_gives_what_the_cli_gives(client: TestClient, web_fixture: WebFixture) -> None:
    data = api(client, "/api/records", commune="avranches")
    assert set(data) == {"total", "page", "per_page", "records"}
    reader = ArchiveReader(web_fixture.location())
    try:
        for listed in data["records"]:
            # As `vigie records show --format json`, with the review nobody made here.
            expected = {**record_by_id(reader, listed["id"]).to_dict(), "review": None}
            one = api(client, f"/api/records/{listed['id']}")
            assert one == expected
            assert listed == {**expected, "related": listed["related"]}
    finally:
        reader.close()


def test_openapi_describes_the_records(client: TestClient) -> None:
    spec = api(client, "/openapi.json")
    assert {"/api/records", "/api/records/{record_id}"} <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/api/records"]["get"]["parameters"]}
    assert parameters == {
        "category",
        "kind",
        "vendor",
        "commune",
        "authority",
        "year",
        "expiring_within",
        "without_authorisation",
        "departement",
        "region",
        "epci",
        "page",
    }
    properties = spec["components"]["schemas"]["RecordOut"]["properties"]
    assert set(RECORD_FIELDS) | {"id", "document_id", "url", "original_url", "related"} <= set(properties)
    assert "/records" not in spec["paths"]  # pages are not the API


def test_a_document_page_lists_its_decisions(client: TestClient) -> None:
    renewal = record(client, act_number="2024-109")
    html = client.get(f"/documents/{renewal['document_id']}").text
    section = html[html.index('id="decisions"') : html.index("<h2>Mentions")]
    assert "Décisions (3)" in section and f'href="/records/{renewal["id"]}"' in section
    assert '<a class="commune" href="/communes/Avranches">Avranches</a>' in section
    search = api(client, "/api/search", q="compte-rendu-2011-06-20")["results"][0]  # a scan: no text
    assert 'id="decisions"' not in client.get(f"/documents/{search['document_id']}").text


def test_every_kind_and_field_has_a_french_label() -> None:
    assert set(DECISION_KIND_LABELS) == set(DECISION_KINDS)
    assert set(RECORD_FIELD_LABELS) == set(RECORD_FIELDS) - {"evidence"}


def test_authorisations_expiring_and_acts_without_one_are_filters(client: TestClient) -> None:
    far = client.get("/api/records", params={"expiring_within": "36500"}).json()
    assert far["total"] >= 1
    assert all(
        record["kind"] in {"prefectoral_authorisation", "drone_authorisation"} for record in far["records"]
    )
    assert all(record["expires_on"] for record in far["records"])
    none_yet = client.get("/api/records", params={"expiring_within": "0"}).json()
    assert none_yet["total"] <= far["total"]
    orphans = client.get("/api/records", params={"without_authorisation": "1"}).json()
    assert all(
        record["kind"] not in {"prefectoral_authorisation", "drone_authorisation"}
        for record in orphans["records"]
    )
    assert client.get("/records", params={"expiring_within": "soon"}).status_code == 400
    page = client.get("/records", params={"without_authorisation": "1"})
    assert page.status_code == 200


def test_a_record_says_whether_it_was_read_in_the_act_or_in_a_page_reporting_it(client: TestClient) -> None:
    """A prefect's arrêté in a recueil is the act itself; a page of the town's site that Vigie
    does not take for an act (document type "other": here a sitting's news page) reports one:
    its kind is a lead to check, and the record's page says so."""
    renewal = record(client, act_number="2024-109")
    assert renewal["read_from"] == "act"
    assert 'id="read-from-report"' not in client.get(f"/records/{renewal['id']}").text
    reported = [r for r in api(client, "/api/records")["records"] if r["read_from"] == "report"]
    assert reported, "the fixture's news page gives a record read from a report"
    html = client.get(f"/records/{reported[0]['id']}").text
    assert 'id="read-from-report"' in html and "Vérifiez-la dans le passage cité" in html
    assert {r["read_from"] for r in api(client, "/api/records")["records"]} == {"act", "report"}
