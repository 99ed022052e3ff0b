"""The web side of issue 23's first hour: HEAD answered as GET, and no developer's words in the
French interface (the errors of an address, the text's reading on a document page). Over
``vigie serve`` on 127.0.0.1, in headless Chromium where it is a page; screenshots go to
``test-output/browser/`` beside those of ``test_browser.py``."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page

from tests.web.browser import shot
from tests.web.site import REAL_DELIBERATION, WebFixture
from web import labels

# This module's browser and HTTP tests run on PostgreSQL too: `vigie serve --db postgresql://…`
# (tests/web/conftest.py).
BROWSER_ON_POSTGRESQL = True

# What pydantic, Starlette or a developer would have shown instead of French.
NOT_FRENCH = (
    "Input should",
    "Not Found",
    "Method Not Allowed",
    "Internal Server Error",
    "inconnu(e)",
    "pdfium",
)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def answer(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method)) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_head_of_an_original_is_its_get_without_the_body(base_url: str) -> None:
    sha = hashlib.sha256(REAL_DELIBERATION.read_bytes()).hexdigest()
    status, headers, body = answer(f"{base_url}/originals/{sha}", "HEAD")
    got_status, got_headers, got_body = answer(f"{base_url}/originals/{sha}")
    assert (status, body) == (200, b"") and got_status == 200
    assert headers["content-length"] == str(len(got_body)) == str(REAL_DELIBERATION.stat().st_size)
    for name in ("content-type", "content-disposition", "etag", "content-security-policy", "cache-control"):
        assert headers[name] == got_headers[name], name


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/search?q=vid%C3%A9oprotection", 200),
        ("/records", 200),
        ("/map", 200),
        ("/feed", 200),
        ("/api/search?q=cam%C3%A9ras", 200),
        ("/openapi.json", 200),
        ("/static/style.css", 200),
        ("/originals/" + "0" * 64, 404),
        ("/documents/abc", 404),
        ("/search?page=abc", 400),
    ],
)
def test_every_page_answers_head_as_get(base_url: str, path: str, status: int) -> None:
    head_status, headers, body = answer(base_url + path, "HEAD")
    get_status, got_headers, got_body = answer(base_url + path)
    assert head_status == get_status == status and body == b""
    assert headers["content-type"] == got_headers["content-type"]
    if "content-length" in got_headers:  # a streamed feed may have none
        assert headers["content-length"] == got_headers["content-length"] == str(len(got_body))


def test_head_leaves_the_api_description_alone(client: TestClient) -> None:
    """HEAD is answered by a middleware: /openapi.json lists each route once, as GET."""
    paths = client.get("/openapi.json").json()["paths"]
    assert all(set(methods) == {"get"} for methods in paths.values())


@pytest.mark.parametrize(
    ("path", "status", "title", "message"),
    [
        ("/documents/abc", 404, "Page introuvable", "« abc » n'est pas un nombre entier."),
        ("/records/x", 404, "Page introuvable", "« x » n'est pas un nombre entier."),
        ("/search?page=abc", 400, "Recherche impossible", "Le numéro de page doit être un nombre entier"),
        ("/search?category=cam%C3%A9ras", 400, "Recherche impossible", "Catégorie inconnue : « caméras »"),
        ("/search?doc_type=avis", 400, "Recherche impossible", "Type de document inconnu : « avis »"),
        ("/records?year=hier", 400, "Recherche impossible", "L'année doit être un nombre entier"),
        ("/search?since=hier", 400, "Recherche impossible", "Date de début invalide : « hier »"),
    ],
)
def test_address_errors_are_french_pages(
    page: Page, base_url: str, path: str, status: int, title: str, message: str
) -> None:
    response = page.goto(base_url + path)
    assert response is not None and response.status == status
    assert page.locator("h1").inner_text() == title
    assert message in page.locator("p.error").inner_text()
    text = page.locator("body").inner_text()
    assert not [word for word in NOT_FRENCH if word in text], text
    shot(page, "error-" + path.strip("/").replace("/", "-").replace("?", "-").split("%")[0])


@pytest.mark.parametrize("path", ["/api/documents/abc", "/api/records/x", "/api/search?page=abc"])
def test_api_errors_are_french_json(base_url: str, path: str) -> None:
    status, headers, body = answer(base_url + path)
    assert status == (400 if "page=" in path else 404)
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert not [word for word in NOT_FRENCH if word in error], error


def test_unknown_numbers_in_the_api_are_french(client: TestClient) -> None:
    assert client.get("/api/documents/999999").json() == {"error": "Aucun document n° 999999 dans l'archive."}
    assert client.get("/api/records/999999").json() == {"error": "Aucune décision n° 999999 dans l'archive."}


def test_a_method_a_page_does_not_take_is_french(client: TestClient) -> None:
    page = client.post("/search")
    assert page.status_code == 405 and "GET" in page.headers["allow"]
    assert "Méthode non permise" in page.text and "Method Not Allowed" not in page.text
    assert client.delete("/api/search").json()["error"].startswith("Cette adresse se consulte")


def test_a_server_error_is_a_french_page(web_fixture: WebFixture) -> None:
    from archive.reader import ArchiveReader
    from crawler.sources.registry import load_registry
    from web.app import create_app
    from web.archive_view import WebArchive

    reader = ArchiveReader(web_fixture.location())
    app = create_app(WebArchive.open(reader, load_registry(web_fixture.registry, include_shipped=False)))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            page = client.get("/boom")
    finally:
        reader.close()
    assert page.status_code == 500 and "Erreur interne" in page.text and "Internal" not in page.text


def test_the_document_page_says_how_its_text_was_read(page: Page, base_url: str) -> None:
    documents = json.loads(answer(base_url + "/api/search?per_page=100")[2])["results"]
    for result in documents:
        details = json.loads(answer(f"{base_url}/api/documents/{result['document_id']}")[2])
        page.goto(f"{base_url}/documents/{result['document_id']}")
        reading = page.locator("dt:text-is('Texte') + dd").inner_text()
        assert "pdfium" not in reading.split("(")[0], reading  # the engine only in small print
        if details["kind"] == "pdf" and details["needs_ocr"]:
            assert reading.startswith("extrait du PDF ; pages scannées en attente de reconnaissance (OCR)")
            shot(page, "document-scan-waiting-for-ocr")
        elif details["kind"] == "pdf":
            assert reading == "extrait du PDF (pdfium)"
            assert page.locator("dd .engine").get_attribute("title") == "Outil qui a lu le texte"


def test_unknown_agrees_with_its_field() -> None:
    assert labels.unknown("Catégorie") == "Catégorie inconnue"
    assert labels.unknown("Département") == "Département inconnu"
    assert labels.unknown("Nature de décision") == "Nature de décision inconnue"
    assert labels.unknown("Type de document") == "Type de document inconnu"
    assert labels.unknown("EPCI") == "EPCI inconnu"
    assert labels.extraction_label("ocr") == "reconnu par OCR (les pages sont des images)"
    assert labels.extraction_label("pdfium", needs_ocr=True, ocr_failed=True).endswith(
        " ; la reconnaissance (OCR) des pages scannées a échoué, leur texte manque"
    )
