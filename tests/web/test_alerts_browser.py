"""Alerts end to end, as a member lives them: in headless Chromium against ``vigie serve
--accounts``, a reader logs in, searches, saves the search ("Suivre cette recherche") and finds
it under "Mes alertes"; a document is archived afterwards; ``vigie alerts send`` (cron's
command) mails the digest to a real SMTP server on 127.0.0.1 (aiosmtpd); the reader follows the
e-mail's unsubscribe link and unsubscribes. A form without the session's CSRF token is refused.
Screenshots at desktop and phone widths in ``test-output/browser/``."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser

from archive import ArchiveStore, resolve_location
from tests.conftest import invoke_vigie
from tests.search.archive import build, new_version
from tests.smtp import smtp_server
from tests.web.browser import shot, vigie_serve
from tests.web.team import PASSWORD, READER, team_workspace

PUBLIC = "https://vigie.example.org"


def test_a_reader_saves_a_search_receives_its_digest_and_unsubscribes(
    browser: Browser, tmp_path: Path
) -> None:
    db = tmp_path / "alerts.db"
    build(db, pdfs=False).close()
    registry = tmp_path / "sources.toml"
    registry.write_text("", encoding="utf-8")
    workspace = tmp_path / "alerts.workspace.db"
    team_workspace(workspace).close()
    options = ("--accounts", "--workspace", str(workspace))
    with vigie_serve(db, registry, tmp_path, options=options) as url:
        # A form posted without the session's token (a forged one) is refused.
        forged = urllib.parse.urlencode({"nom": "x", "recherche": "q=cam%C3%A9ras"}).encode()
        try:
            urllib.request.urlopen(urllib.request.Request(url + "/mes-alertes", data=forged), timeout=10)
            raise AssertionError("a form without its CSRF token was accepted")
        except urllib.error.HTTPError as refused:
            assert refused.code == 403

        context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 900})
        page = context.new_page()
        page.goto(url + "/connexion")
        page.fill("#email", READER.email)
        page.fill("#password", PASSWORD)
        page.click("form.login button[type=submit]")
        page.goto(url + "/search?q=vid%C3%A9oprotection")
        assert page.locator("#save-search").is_visible()
        shot(page, "alerts-1-search-390")
        page.fill("#save-search input[name=nom]", "Vidéoprotection à Lyon")
        page.select_option("#save-search select[name=frequence]", "quotidienne")
        page.click("#save-search button[type=submit]")
        page.wait_for_url("**/mes-alertes?enregistree=*")
        assert page.locator("#alert-saved").is_visible()
        mine = page.locator("ul.my-alerts li")
        assert mine.count() == 1 and "Vidéoprotection à Lyon" in mine.inner_text()
        assert "à leo@example.org" in mine.inner_text()
        page.set_viewport_size({"width": 1280, "height": 900})
        shot(page, "alerts-2-mine-desktop")

        # Archived after the search was saved: what the digest is about.
        store = ArchiveStore(resolve_location(str(db)))
        try:
            new_version(
                store, "https://www.lyon.fr/delib/2027-1", "Six caméras de vidéoprotection en plus.", 400
            )
        finally:
            store.close()
        with smtp_server() as smtp:
            sent = invoke_vigie(
                "alerts", "send", "--db", str(db), "--workspace", str(workspace),
                "--now", "2027-02-06T06:00Z", cwd=tmp_path, env=smtp.environment(PUBLIC),
            )  # fmt: skip
            assert (sent.returncode, sent.stderr) == (0, "")
            ((envelope, message),) = smtp.inbox.messages
        assert envelope.rcpt_tos == [READER.email]
        assert message["Subject"] == "Vigie – Vidéoprotection à Lyon : 1 nouveau document"
        plain = message.get_body(("plain",)).get_content()
        assert "Six caméras de [vidéoprotection] en plus." in plain  # the search's word marked
        link = re.search(rf"{re.escape(PUBLIC)}(/alertes/[\w-]+/desinscription)", plain)
        assert link is not None and message["List-Unsubscribe"] == f"<{PUBLIC}{link[1]}>"

        page.goto(url + link[1])  # the e-mail's link, on this server
        page.click("main form button[type=submit]")
        assert "vous ne recevrez plus" in page.locator("main").inner_text()
        page.goto(url + "/mes-alertes")
        assert "désinscrite" in page.locator("ul.my-alerts li").inner_text()
        shot(page, "alerts-3-unsubscribed-desktop")
        context.close()
