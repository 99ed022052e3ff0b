"""Accounts and the review of the evidence in the web interface (``vigie serve --accounts``):
login, the CSRF check, roles, review actions and their
journal, and the marks on the archive's pages, API and exports, over the fixture archive."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.web.site import WebFixture
from tests.web.team import PASSWORD, READER, REVIEWER, Member, csrf_of, log_in
from tests.web.team_app import member_client, team_app
from web.accounts import CSRF_COOKIE, SESSION_COOKIE, Accounts
from web.app import create_app
from workspace.db import Workspace
from workspace.reviews import Review, ReviewEvent


@pytest.fixture(scope="module")
def served(web_fixture: WebFixture, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    with team_app(web_fixture, tmp_path_factory.mktemp("team")) as app_and_workspace:
        yield app_and_workspace


@pytest.fixture(scope="module")
def workspace(served: tuple) -> Workspace:
    return served[1]


@pytest.fixture(scope="module")
def reviewer(served: tuple) -> TestClient:
    return member_client(served, REVIEWER)


@pytest.fixture(scope="module")
def reader(served: tuple) -> TestClient:
    return member_client(served, READER)


def test_with_accounts_off_the_archive_sets_no_cookie_and_has_no_review(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "set-cookie" not in home.headers
    assert "Connexion" not in home.text and "/revue" not in home.text
    assert client.get("/revue").status_code == 404
    assert client.get("/connexion").status_code == 404
    refused = client.post("/revue/mention/1", data={"action": "confirm"})
    assert refused.status_code == 403 and "jeton de sécurité" in refused.text


def test_the_public_pages_stay_public_and_show_the_login_link(served: tuple) -> None:
    visitor = member_client(served)
    home = visitor.get("/")
    assert home.status_code == 200 and 'id="login-link"' in home.text
    cookie = home.headers["set-cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert visitor.get("/api/records").json()["records"][0]["review"] is None


def test_a_logged_out_visitor_is_sent_to_login_and_back(served: tuple) -> None:
    visitor = member_client(served)
    sent = visitor.get("/revue", params={"type": "decision"}, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/connexion?suite=/revue%3Ftype%3Ddecision"
    back = log_in(visitor, REVIEWER, suite="/revue?type=decision")
    assert back.status_code == 303 and back.headers["location"] == "/revue?type=decision"
    cookie = back.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert visitor.get("/revue").status_code == 200
    # A login's "suite" never leaves the site.
    assert log_in(member_client(served), READER, suite="//evil.example/").headers["location"] == "/"


def test_cookies_are_secure_over_https(served: tuple) -> None:
    visitor = member_client(served, base_url="https://testserver")
    assert "Secure" in visitor.get("/").headers["set-cookie"]
    assert "Secure" in log_in(visitor, READER).headers["set-cookie"]


def test_secure_cookies_behind_a_proxy_that_does_not_say_https(served: tuple, workspace: Workspace) -> None:
    app = create_app(served[0].state.archive, Accounts(workspace, secure_cookies=True))
    visitor = TestClient(app)
    assert "Secure" in visitor.get("/").headers["set-cookie"]
    assert "Secure" in log_in(visitor, READER).headers["set-cookie"]


def test_wrong_password_and_unknown_account_get_the_same_answer(served: tuple) -> None:
    visitor = member_client(served)
    wrong = log_in(visitor, READER, password="pas le bon mot de passe")
    unknown = log_in(visitor, Member("personne@example.org", "", "reader"))
    assert wrong.status_code == unknown.status_code == 401
    assert (
        "Adresse ou mot de passe incorrect." in wrong.text
        and "Adresse ou mot de passe incorrect." in unknown.text
    )
    assert SESSION_COOKIE not in wrong.headers.get("set-cookie", "")


def test_a_form_without_its_token_is_refused(served: tuple, reviewer: TestClient) -> None:
    visitor = member_client(served)
    visitor.get("/connexion")
    no_token = visitor.post("/connexion", data={"email": READER.email, "password": PASSWORD})
    assert no_token.status_code == 403 and "Formulaire refusé" in no_token.text
    # Another visitor's token is not this one's.
    other = csrf_of(member_client(served).get("/connexion").text)
    forged = visitor.post("/connexion", data={"email": READER.email, "password": PASSWORD, "csrf": other})
    assert forged.status_code == 403
    mention = _first(reviewer, "mention")
    refused = reviewer.post(f"/revue/mention/{mention}", data={"action": "confirm"})
    assert refused.status_code == 403
    # The session's token before login is not its token after.
    assert (
        reviewer.post(f"/revue/mention/{mention}", data={"action": "confirm", "csrf": other}).status_code
        == 403
    )


def test_a_reader_cannot_review_but_reads_the_journal(reader: TestClient, reviewer: TestClient) -> None:
    refused = reader.get("/revue")
    assert refused.status_code == 403 and "relecteur" in refused.text
    token = csrf_of(reader.get("/revue/journal").text)
    mention = _first(reviewer, "mention")
    assert (
        reader.post(f"/revue/mention/{mention}", data={"action": "confirm", "csrf": token}).status_code == 403
    )
    assert reader.get("/admin/comptes").status_code == 403


def _first(client: TestClient, kind: str, **filters: str) -> int:
    """The archive id of the first item of the queue of this kind."""
    import re

    page = client.get("/revue", params={"type": "decision" if kind == "record" else kind, **filters})
    assert page.status_code == 200, page.text
    found = re.search(rf'id="{kind}-(\d+)"', page.text)
    assert found, f"no {kind} in the queue"
    return int(found.group(1))


def _act(client: TestClient, kind: str, archive_id: int, **form: str):
    token = csrf_of(client.get("/revue/journal").text)
    path = f"/revue/{'decision' if kind == 'record' else kind}/{archive_id}"
    return client.post(path, data={"csrf": token, **form}, follow_redirects=False)


def test_the_reviewer_confirms_rejects_and_corrects_with_a_journal(
    reviewer: TestClient, served: tuple, workspace: Workspace
) -> None:
    mention = _first(reviewer, "mention")
    assert (
        _act(reviewer, "mention", mention, action="confirm", retour="/revue?type=mention").headers["location"]
        == "/revue?type=mention"
    )
    assert _first(reviewer, "mention") != mention  # out of the queue of what is left
    rejected = _first(reviewer, "mention")
    assert (
        _act(reviewer, "mention", rejected, action="reject", reason="other").status_code == 400
    )  # "other" needs a note
    assert (
        _act(
            reviewer, "mention", rejected, action="reject", reason="not_surveillance", note="une vitrine"
        ).status_code
        == 303
    )
    recategorised = _first(reviewer, "mention")
    assert (
        _act(reviewer, "mention", recategorised, action="correct", champ_category="drone").status_code == 303
    )
    record = _first(reviewer, "record", nature="prefectoral_authorisation")
    bad = _act(reviewer, "record", record, action="correct", champ_act_date="31/05/2024")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    corrected = _act(
        reviewer,
        "record",
        record,
        action="correct",
        champ_vendor="Société Exemple",
        champ_cameras="7",
        note="lu p. 2",
    )
    assert corrected.status_code == 303
    with workspace.session() as session:
        events = session.scalars(select(ReviewEvent).order_by(ReviewEvent.id)).all()
        reviews = {review.fingerprint: review for review in session.scalars(select(Review))}
    assert [event.action for event in events][-4:] == ["confirm", "reject", "correct", "correct"]
    assert events[-2].after["corrections"] == {"category": "drone"} and events[-2].item_kind == "mention"
    last = events[-1]
    assert last.before is None and last.after["corrections"] == {"vendor": "Société Exemple", "cameras": 7}
    assert reviews[last.fingerprint].status == "corrected" and last.fingerprint.startswith("record:")
    journal = reviewer.get("/revue/journal")
    assert (
        journal.status_code == 200 and "Rita Relectrice" in journal.text and "Société Exemple" in journal.text
    )
    # Reviewed: shown in the queue of the reviewed items, marked.
    done = reviewer.get("/revue", params={"etat": "verifies"})
    assert 'data-review="corrected"' in done.text and 'data-review="rejected"' in done.text

    # The marks, for a member: the API's record, its page, the list, the document's mentions.
    api = reviewer.get(f"/api/records/{record}").json()
    assert api["review"]["status"] == "corrected" and api["review"]["by"] == "Rita Relectrice"
    assert api["review"]["corrections"] == {"vendor": "Société Exemple", "cameras": 7}
    assert 'data-review="corrected"' in reviewer.get(f"/records/{record}").text
    assert 'data-review="corrected"' in reviewer.get("/records").text
    document = reviewer.get(f"/api/documents/{api['document_id']}").json()
    assert {m["review"]["status"] for m in document["mentions"] if m["review"]} <= {
        "confirmed",
        "rejected",
        "corrected",
    }
    hits = reviewer.get("/api/search", params={"per_page": 50}).json()["results"]
    assert any(hit["review"] for hit in hits)
    assert 'data-review="' in reviewer.get("/search").text
    exported = [json.loads(line) for line in reviewer.get("/search.jsonl").text.splitlines()]
    assert any(row["review"] for row in exported) and all("review" in row for row in exported)
    csv_text = reviewer.get("/search.csv").text.lstrip("\ufeff")
    assert csv_text.splitlines()[0].endswith(",review") and ",mixed" in csv_text
    # Never for the public.
    public = member_client(served)
    assert public.get(f"/api/records/{record}").json()["review"] is None
    assert all(hit["review"] is None for hit in public.get("/api/search").json()["results"])
    assert 'data-review="' not in public.get(f"/records/{record}").text
    assert all("review" not in json.loads(line) for line in public.get("/search.jsonl").text.splitlines())
    assert not public.get("/search.csv").text.lstrip("\ufeff").splitlines()[0].endswith(",review")

    # The confirmed records: the corrected one, its corrections applied and stated.
    lines = [json.loads(line) for line in reviewer.get("/revue/decisions-confirmees.jsonl").text.splitlines()]
    assert [line["id"] for line in lines] == [record]
    assert lines[0]["vendor"] == "Société Exemple" and lines[0]["cameras"] == 7
    assert lines[0]["review"]["original"]["vendor"] != "Société Exemple"
    assert public.get("/revue/decisions-confirmees.jsonl", follow_redirects=False).status_code == 303

    # A form shown before a rebuild gave the id to another item is refused.
    stale = _act(reviewer, "record", record, action="confirm", empreinte="record:autre")
    assert stale.status_code == 409 and "rechargez la page" in stale.text

    # Reopened: back in the queue, and in the journal.
    assert _act(reviewer, "record", record, action="reopen").status_code == 303
    assert reviewer.get(f"/api/records/{record}").json()["review"] is None
    with workspace.session() as session:
        assert session.scalars(select(ReviewEvent.action).order_by(ReviewEvent.id.desc())).first() == "reopen"
