"""Issue 23, "Reading": what a new reader sees. Titles from the document or its act rather than
its file name; one passage shown once with all its mentions; pages that fit a 390 px phone;
``/search`` opening on the documents that matter. Pages are checked in headless Chromium at
1280 and 390 px; screenshots go to ``test-output/browser/`` (``reading-*.png``)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from playwright.sync_api import Browser

from tests.web.browser import shot

ACT_TITLE = "Délibération 2013/14 – Extension du Réseau de Vidéoprotection Urbaine"


def _document_id(client: TestClient, filename_title: str) -> int:
    found = client.get("/api/search", params={"q": "vidéoprotection", "per_page": 50}).json()["results"]
    return next(hit["document_id"] for hit in found if hit["title"] == filename_title)


def test_a_single_deliberation_is_titled_by_its_act_not_its_file(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "vidéoprotection", "per_page": 50}).json()["results"]
    deliberation = next(hit for hit in hits if hit["title"] == "deliberation-2013-14")  # stored: unchanged
    assert deliberation["display_title"].startswith(ACT_TITLE)
    assert deliberation["display_title"].endswith("…")  # the act's long object, cut at a word
    page = client.get("/search", params={"q": "vidéoprotection"}).text
    assert ACT_TITLE in page
    assert ">deliberation-2013-14<" not in page


def test_the_document_page_and_its_api_name_the_act(client: TestClient) -> None:
    document_id = _document_id(client, "deliberation-2013-14")
    page = client.get(f"/documents/{document_id}").text
    assert re.search(rf"<h1>{re.escape(ACT_TITLE)}", page)
    assert f"<title>{ACT_TITLE}" in page
    answer = client.get(f"/api/documents/{document_id}").json()
    assert answer["title"] == "deliberation-2013-14"
    assert answer["display_title"].startswith(ACT_TITLE)


def test_minutes_of_many_acts_are_named_by_type_and_date_and_a_real_title_stays(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "caméras", "per_page": 50}).json()["results"]
    by_title = {hit["title"]: hit["display_title"] for hit in hits}
    # 21 acts: no single object, so its type and date rather than its file's name.
    assert by_title["CM-01-07-2013-PV-Avranches"] == "Procès-verbal du 1er juillet 2013"
    assert all(shown for shown in by_title.values())


def test_the_feed_and_the_records_use_the_shown_title(client: TestClient) -> None:
    feed = client.get("/feed", params={"q": "vidéoprotection"}).text
    assert ACT_TITLE in feed
    records = client.get("/api/records").json()
    # The records' API is unchanged: "document_title" is the stored title.
    assert all("display_title" not in record for record in records["records"])


def test_a_record_page_names_its_document_by_the_shown_title(client: TestClient) -> None:
    document_id = _document_id(client, "deliberation-2013-14")
    records = client.get("/api/records").json()["records"]
    record = next(record for record in records if record["document_id"] == document_id)
    assert record["document_title"] == "deliberation-2013-14"
    assert f"Le document : {ACT_TITLE}" in client.get(f"/records/{record['id']}").text


def test_a_passage_is_shown_once_with_all_its_mentions(client: TestClient) -> None:
    document_id = _document_id(client, "deliberation-2013-14")
    page = client.get(f"/documents/{document_id}").text
    mentions = client.get(f"/api/documents/{document_id}").json()["mentions"]
    passages = re.findall(r'<li class="passage".*?</li>', page, re.S)
    assert 0 < len(passages) < len(mentions)  # five mentions, close together
    assert sum(passage.count("<mark>") for passage in passages) == len(mentions)
    assert all(passage.count(ACT_TITLE) == 1 for passage in passages)  # the act named once per passage
    quoted = " ".join(re.sub(r"<[^>]+>", "", passage) for passage in passages)
    assert quoted.count("programme d’extension de vidéoprotection") == 1  # no passage repeated


def test_the_search_opens_on_documents_with_mentions_and_tout_shows_all(client: TestClient) -> None:
    def total(html: str) -> int:
        found = re.search(r'<strong id="total">(\d+)</strong>', html)
        assert found is not None
        return int(found[1])

    with_mentions = client.get("/api/search", params={"per_page": 1}).json()
    everything = with_mentions["total"]  # the API is unchanged: every document
    opening = client.get("/search").text
    mentioned = total(opening)
    assert 0 < mentioned < everything, (mentioned, everything)  # the fixture has pages without mentions
    assert 'id="mentions-only"' in opening and 'href="/search?tout=1"' in opening
    everything_page = client.get("/search", params={"tout": "1"}).text
    assert total(everything_page) == everything and 'id="mentions-only"' not in everything_page
    # A filter or words show what they select, mentions or not, as before.
    assert 'id="mentions-only"' not in client.get("/search", params={"q": "conseil"}).text
    # The pages of ?tout=1 keep it.
    paged = client.get("/search", params={"tout": "1", "per_page": "1"}).text
    assert 'href="/search?per_page=1&amp;page=2&amp;tout=1"' in paged


def test_phone_and_desktop_layouts(base_url: str, browser: Browser, client: TestClient) -> None:
    document_id = _document_id(client, "deliberation-2013-14")
    record_id = client.get("/api/records").json()["records"][0]["id"]
    pages = {
        "overview": "/",
        "search": "/search?q=vid%C3%A9oprotection",
        "document": f"/documents/{document_id}",
        "records": "/records",
        "record": f"/records/{record_id}",
        "map": "/map",
    }
    for width in (1280, 390):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in pages.items():
            page.goto(base_url + path)
            shot(page, f"reading-{name}-{width}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path} runs {scroll} px wide at {width} px"
            if name == "search":
                filters = page.locator("#search-form fieldset").first
                first_hit = page.locator(".hit").first.bounding_box()
                assert first_hit is not None
                if width == 390:
                    assert not filters.is_visible()  # folded under "Filtres"
                    assert first_hit["y"] < 600  # on the first screen (1,460 px down before)
                    page.click("summary")
                    assert filters.is_visible()
                else:
                    assert filters.is_visible()
        context.close()
