"""The review of the evidence end to end in headless Chromium, against ``vigie serve
--accounts``: a logged-out visitor is sent to the login page; a reviewer logs in and confirms,
rejects and corrects from the queue; a reader logs in and is refused the review. Screenshots
at desktop and phone widths in ``test-output/browser/``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browser import shot, vigie_serve
from tests.web.site import WebFixture
from tests.web.team import PASSWORD, READER, REVIEWER, Member, team_workspace

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def accounts_url(web_fixture: WebFixture, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser-team")
    workspace = folder / "team.workspace.db"
    team_workspace(workspace).close()
    options = ("--accounts", "--workspace", str(workspace))
    with vigie_serve(web_fixture.db, web_fixture.registry, folder, options=options) as url:
        yield url


def new_page(browser: Browser, width: int) -> Page:
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    return context.new_page()


def fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def log_in(page: Page, member: Member) -> None:
    page.fill("#email", member.email)
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")


def test_a_visitor_is_sent_to_login_and_the_reviewer_reviews(browser: Browser, accounts_url: str) -> None:
    page = new_page(browser, WIDTHS["desktop"])
    page.goto(accounts_url + "/revue?type=mention")
    page.wait_for_url("**/connexion?suite=**")
    assert page.locator("h1").inner_text() == "Connexion"
    shot(page, "review-1-login")
    log_in(page, REVIEWER)
    page.wait_for_url("**/revue?type=mention")
    assert page.locator("#who").inner_text() == REVIEWER.name
    before = int(page.locator("#total").inner_text())
    assert before >= 2
    shot(page, "review-2-queue")

    first = page.locator("li.review-item").first
    first_id = first.get_attribute("id")
    first.locator("button.confirm").click()
    page.wait_for_url("**/revue?type=mention**")
    assert int(page.locator("#total").inner_text()) == before - 1
    assert page.locator(f"#{first_id}").count() == 0

    second = page.locator("li.review-item").first
    second.locator("select[name=reason]").select_option("not_surveillance")
    second.locator("input[name=note]").first.fill("une vitrine de magasin")
    second.locator("form.reject button").click()
    page.wait_for_url("**/revue?type=mention**")
    assert int(page.locator("#total").inner_text()) == before - 2

    page.goto(accounts_url + "/revue?type=decision")
    record = page.locator("li.review-item").first
    record_id = record.get_attribute("id")
    record.locator("details summary").click()
    record.locator("input[name=champ_vendor]").fill("Société Exemple")
    record.locator("form.correct button[type=submit]").click()
    page.wait_for_url("**/revue?type=decision**")

    page.goto(accounts_url + "/revue?etat=verifies")
    assert page.locator('[data-review="confirmed"]').count() == 1
    assert page.locator('[data-review="rejected"]').count() == 1
    corrected = page.locator(f"#{record_id}")
    assert corrected.locator('[data-review="corrected"]').count() == 1
    assert "Société Exemple" in corrected.inner_text()
    shot(page, "review-3-reviewed")

    page.goto(accounts_url + f"/records/{record_id.removeprefix('record-')}")
    assert page.locator('[data-review="corrected"]').inner_text().startswith("Corrigé par Rita")
    page.goto(accounts_url + "/revue/journal")
    assert page.locator("tr.event").count() == 3
    shot(page, "review-4-journal")

    phone = new_page(browser, WIDTHS["phone"])
    phone.context.add_cookies(page.context.cookies())
    for path, name in (("/revue", "review-5-queue-phone"), ("/revue/journal", "review-6-journal-phone")):
        phone.goto(accounts_url + path)
        phone.locator("li.review-item details summary").first.click() if path == "/revue" else None
        fits(phone, WIDTHS["phone"])
        shot(phone, name)
    page.context.close()
    phone.context.close()


def test_the_reader_is_refused_the_review(browser: Browser, accounts_url: str) -> None:
    for label, width in WIDTHS.items():
        page = new_page(browser, width)
        page.goto(accounts_url + "/connexion")
        shot(page, f"review-7-login-{label}")
        log_in(page, READER)
        page.wait_for_url(accounts_url + "/")
        refused = page.goto(accounts_url + "/revue")
        assert refused is not None and refused.status == 403
        assert "ne permet pas cette action" in page.locator("p.error").inner_text()
        fits(page, width)
        shot(page, f"review-8-reader-refused-{label}")
        page.context.close()
