"""The web side of issue 23's first hour: HEAD answered as GET. Over ``vigie serve`` on 127.0.0.1."""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.browser import CHROMIUM_FLAGS, require_chromium, vigie_serve
from tests.web.site import REAL_DELIBERATION, WebFixture


@pytest.fixture(scope="module")
def base_url(web_fixture: WebFixture) -> Iterator[str]:
    with vigie_serve(web_fixture.db, web_fixture.registry, web_fixture.db.parent) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


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
