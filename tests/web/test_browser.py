"""End to end in headless Chromium: what a watchdog member does, and what an attacker tries.

Screenshots of each page go to ``test-output/browser/`` (``$VIGIE_TEST_OUTPUT``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browser import shot, vigie_serve
from tests.web.cluster_site import ClusterFixture
from tests.web.site import WebFixture


@pytest.fixture(scope="module")
def placed_url(web_fixture: WebFixture) -> Iterator[str]:
    """The same archive with Vigie's registry: the communes' EPCIs, départements and régions."""
    folder = web_fixture.folder
    with vigie_serve(
        web_fixture.db, web_fixture.registry, folder, shipped=True, files=web_fixture.files
    ) as url:
        yield url


@pytest.fixture(scope="module")
def cluster_url(cluster_fixture: ClusterFixture) -> Iterator[str]:
    folder = cluster_fixture.db.parent
    with vigie_serve(cluster_fixture.db, cluster_fixture.registry, folder, shipped=True) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()
    assert not dialogs, f"a script opened a dialog: {dialogs}"


def test_search_filter_document_and_archived_pdf(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Vue d'ensemble"
    assert page.locator("svg.chart rect.bar").count() >= 2
    shot(page, "1-overview")

    page.fill("#quick-q", "reconnaissance faciale")
    page.click("form.quick button")
    page.wait_for_url("**/search?q=reconnaissance+faciale")
    assert page.locator("#total").inner_text() == "2"
    assert page.locator(".hit mark").first.inner_text().lower() == "reconnaissance"
    shot(page, "2-search")

    page.check("input[name=category][value=reconnaissance_faciale]")
    page.check("input[name=stance][value=opposition]")
    page.click("#search-form button[type=submit]")
    page.wait_for_url("**category=reconnaissance_faciale**")
    assert "stance=opposition" in page.url  # the whole query is in the URL
    assert page.locator("#total").inner_text() == "1"
    assert page.locator(".active a.remove").count() == 2
    shot(page, "3-search-filtered")

    page.click(".hit h3 a")
    page.wait_for_url("**/documents/*")
    assert page.locator("h1").inner_text() == "Délibération 2024-12"
    assert page.locator("#cat-reconnaissance_faciale").inner_text().endswith("· 2")
    mentions = page.locator('.passage[data-categories~="reconnaissance_faciale"]')  # one passage, both marked
    assert mentions.locator("mark").count() == 2
    assert mentions.first.locator("mark").first.inner_text() == "reconnaissance faciale"
    page_link = mentions.first.locator("a.page-link")
    assert page_link.inner_text() == "page 2" and page_link.get_attribute("href").endswith("#page=2")
    shot(page, "4-document")

    sha256 = page.locator("code.hash").first.inner_text()
    assert page.locator("#original-link").get_attribute("href") == f"/originals/{sha256}"
    with page.expect_response(lambda response: "/originals/" in response.url) as answered:
        page_link.click()  # the archived PDF, opened at the mention's page
    response = answered.value
    assert page.url.endswith(f"/originals/{sha256}#page=2")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    # The viewer consumes the navigation's body; the same URL fetched again gives the bytes.
    assert hashlib.sha256(page.request.get(response.url).body()).hexdigest() == sha256
    page.wait_for_timeout(3000)  # the PDF viewer draws out of the page: nothing to wait on
    shot(page, "5-original-pdf")


def test_removed_document_says_so(page: Page, base_url: str) -> None:
    page.goto(base_url + "/search?q=compte-rendu-2011-06-20")
    page.click(".hit h3 a")
    assert "La collectivité a retiré ce document" in page.locator(".notice.removed").inner_text()
    shot(page, "6-removed-document")


def test_hostile_document_runs_no_script(page: Page, base_url: str) -> None:
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if message.type == "error" else None)
    for path in ("/search?q=cam%C3%A9ras", "/", "/search?q=reconnaissance+faciale"):
        page.goto(base_url + path)
        assert page.evaluate("window.__pwned") is None, path
    page.goto(base_url + "/search?q=cam%C3%A9ras")
    page.locator(".hit h3 a", has_text="window.__pwned").first.click()
    page.wait_for_url("**/documents/*")
    assert page.evaluate("window.__pwned") is None
    heading = page.locator("h1").inner_text()
    assert "<script>window.__pwned = 1</script>" in heading  # shown as text, not run
    assert page.locator("script").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("img").count() == 0
    shot(page, "7-hostile-document")

    with page.expect_response(lambda response: "/originals/" in response.url):
        page.click("#original-link")  # the archived hostile page itself, sandboxed
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    shot(page, "8-hostile-original")


def test_commune_timeline_leads_to_a_record_and_its_highlighted_evidence(page: Page, base_url: str) -> None:
    page.goto(base_url + "/records?commune=avranches")
    assert page.locator("#total").inner_text() == "4"
    page.locator("table.records a.commune", has_text="Avranches").first.click()
    page.wait_for_url("**/communes/Avranches")
    assert page.locator("h1").inner_text() == "Avranches"
    assert page.locator("ol.timeline li").count() == 4
    assert "4 juin 2024" in page.locator("#latest").inner_text()
    assert (
        page.locator("link[type='application/atom+xml']").get_attribute("href") == "/communes/Avranches/feed"
    )
    shot(page, "9-commune")

    page.locator("ol.timeline a.record-link").last.click()  # the newest: the renewal of 4 June 2024
    page.wait_for_url("**/records/*")
    assert page.locator("h1").inner_text() == "Autorisation préfectorale (renouvellement)"
    mark = page.locator("#field-cameras mark")
    assert mark.inner_text() == "18 caméras intérieures"
    assert mark.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(255, 224, 138)"
    context = page.locator("#field-cameras blockquote").inner_text()
    assert "pour installer 18 caméras intérieures permettant" in context
    assert page.locator("#field-retention_days mark").inner_text() == "30 jours"
    # The commune's own act about the same system, named by its kind and its number in the minutes.
    assert page.locator("ul.related a").inner_text() == "Installation n° 2013.07.01 - 5"
    shot(page, "10-record")

    page.click("#document-link")
    page.wait_for_url("**/documents/*")
    assert page.locator("#decisions li").count() == 3


def test_record_pages_fit_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base_url + "/communes/Avranches")
        record_url = page.locator("ol.timeline a.record-link").last.get_attribute("href")
        for name, path in (
            ("records", "/records"),
            ("commune", "/communes/Avranches"),
            ("record", record_url),
        ):
            page.goto(base_url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width} px wide at 390 px"
            shot(page, f"11-phone-{name}")
    finally:
        context.close()


def test_map_shows_the_points_and_leads_to_the_commune(browser: Browser, base_url: str) -> None:
    for width in (1280, 390):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        try:
            page.goto(base_url + "/")
            page.click("header nav a[href='/map']")
            page.wait_for_url("**/map")
            land = page.locator("svg.map path.land").bounding_box()
            assert land is not None and land["width"] > 300  # France, whatever the screen
            point = page.locator("svg.map a.point circle")
            assert point.count() == 1
            box = point.bounding_box()
            assert box is not None and box["width"] > 4 and box["height"] > 4
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"/map is {scroll} px wide at {width} px"
            shot(page, f"12-map-{width}")
            assert all(url.startswith(base_url) for url in requests), requests  # nothing from elsewhere
            point.click()
            page.wait_for_url("**/communes/Testville")
            assert page.locator("h1").inner_text() == "Testville"
        finally:
            context.close()


def test_a_record_leads_to_its_departement_and_epci_timelines(browser: Browser, placed_url: str) -> None:
    for width in (1280, 390):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            page.goto(placed_url + "/records?departement=50")
            assert page.locator("#total").inner_text() == "4"
            page.locator("#place-pages a", has_text="Manche (50)").click()  # the filter's page
            page.wait_for_url("**/departements/50")
            assert page.locator("h1").inner_text() == "Manche"
            assert page.locator("ol.timeline li").count() == 4
            assert page.locator("ul.commune-counts li").inner_text().startswith("Avranches")
            assert "4 juin 2024" in page.locator("#latest").inner_text()
            feed = page.locator("link[type='application/atom+xml']").get_attribute("href")
            assert feed == "/departements/50/feed"
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"13-departement-{width}")

            page.locator("ol.timeline a.record-link").last.click()
            page.wait_for_url("**/records/*")
            page.locator(".crumbs a.epci").click()
            page.wait_for_url("**/epci/200069425")
            assert page.locator("h1").inner_text() == "Communauté d'agglomération Mont-Saint-Michel-Normandie"
            assert page.locator("#place-kind").inner_text() == "EPCI · SIREN 200069425"
            assert page.locator("ol.timeline li").count() == 4
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"14-epci-{width}")
            assert page.request.get(placed_url + "/epci/200069425/feed").status == 200
        finally:
            context.close()


def test_the_map_clusters_overlapping_points(browser: Browser, cluster_url: str) -> None:
    """Avranches, Le Val-Saint-Père and Marcey-les-Grèves are a few kilometres apart: one disc
    marked 3, at any width; Lodève stays a point of its own."""
    for width in (1280, 390):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        try:
            page.goto(cluster_url + "/map")
            cluster = page.locator("svg.map a.cluster")
            assert cluster.count() == 1 and cluster.locator("text").text_content() == "3"
            assert page.locator("svg.map a.point").count() == 1
            disc = cluster.locator("circle").bounding_box()
            count = cluster.locator("text").bounding_box()
            assert disc is not None and disc["width"] >= 16  # a disc a finger finds, at 390 px too
            assert count is not None and count["height"] >= 8  # a count one can read
            land = page.locator("svg.map path.land").bounding_box()
            assert land is not None and land["width"] > 300
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            shot(page, f"15-map-clusters-{width}")
            assert all(url.startswith(cluster_url) for url in requests), requests

            cluster.click()
            page.wait_for_url("**/map#cluster-1")
            members = page.locator("#cluster-1 a:not(.departement-page)")
            assert sorted(members.all_inner_texts()) == [
                "Le Val-Saint-Père",
                "Marcey-les-Grèves",
                "Ville d'Avranches",
            ]
            assert page.locator("#cluster-1").is_visible()
            members.filter(has_text="Ville d'Avranches").click()
            page.wait_for_url("**/communes/Avranches")
            assert page.locator("h1").inner_text() == "Avranches"
            page.go_back()
            page.locator("#cluster-1 a.departement-page").click()
            page.wait_for_url("**/departements/50")
            assert page.locator("#total").inner_text() == "4"
        finally:
            context.close()
