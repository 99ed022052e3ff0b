"""A saved search's pages, by its secret token: its Atom feed (valid for feedparser), and its
unsubscription by the page's form or by a mail client's one-click POST (RFC 8058); in French."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser
import pytest
from fastapi.testclient import TestClient

from archive import resolve_location
from archive.reader import ArchiveReader
from tests.search.archive import build
from web.app import create_app
from web.archive_view import WebArchive
from workspace.alerts import SavedSearch
from workspace.alerts_saved import create_saved_search
from workspace.db import Workspace, open_workspace, resolve_workspace
from workspace.models import Role, User


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Workspace]]:
    db = tmp_path_factory.mktemp("alerts") / "vigie.db"
    build(db, pdfs=False).close()
    workspace = open_workspace(resolve_workspace(None, resolve_location(str(db))))
    with workspace.session() as session:
        session.add(User(email="ana@example.org", name="Ana", role=Role.READER, password_hash="x"))
        session.commit()
    reader = ArchiveReader(resolve_location(str(db), writable=False))
    app = create_app(WebArchive.open(reader, {}))
    app.state.workspace = workspace
    with TestClient(app) as client:
        yield client, workspace
    reader.close()
    workspace.close()


def saved(workspace: Workspace, url: str) -> SavedSearch:
    with workspace.session() as session:
        user = session.query(User).one()
        made = create_saved_search(session, user, "Vidéoprotection à Lyon", url)
        session.commit()
        return made


def active(workspace: Workspace, saved_id: int) -> bool:
    with workspace.session() as session:
        return session.get(SavedSearch, saved_id).active


def test_each_saved_search_has_its_own_valid_atom_feed(served) -> None:
    client, workspace = served
    alert = saved(workspace, "/search?category=videoprotection")
    answer = client.get(f"/alertes/{alert.token}.atom")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Vigie : Vidéoprotection à Lyon"
    assert [entry.title for entry in feed.entries] == ["Délibération 2023-44"]  # with mentions only
    assert feed.entries[0].link == "https://www.lyon.fr/delib/2023-44"


def test_unsubscribing_by_the_page_s_form(served) -> None:
    client, workspace = served
    alert = saved(workspace, "/search?q=cam%C3%A9ra")
    page = client.get(f"/alertes/{alert.token}/desinscription")
    assert page.status_code == 200 and "Ne plus recevoir cette alerte" in page.text
    assert f'<form method="post" action="/alertes/{alert.token}/desinscription">' in page.text
    assert active(workspace, alert.id)
    done = client.post(f"/alertes/{alert.token}/desinscription")
    assert (
        done.status_code == 200 and "vous ne recevrez plus l'alerte « Vidéoprotection à Lyon »" in done.text
    )
    assert not active(workspace, alert.id)
    assert "rien à faire" in client.get(f"/alertes/{alert.token}/desinscription").text
    assert client.get(f"/alertes/{alert.token}.atom").status_code == 200  # the feed stays


def test_unsubscribing_in_one_click(served) -> None:
    client, workspace = served
    alert = saved(workspace, "/search?category=reconnaissance_faciale")
    answer = client.post(
        f"/alertes/{alert.token}/desinscription",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 200 and not active(workspace, alert.id)


@pytest.mark.parametrize(
    "path", ["/alertes/nope.atom", "/alertes/nope/desinscription", "/alertes/" + "x" * 80 + ".atom"]
)
def test_an_unknown_token_is_a_french_404(served, path: str) -> None:
    client, _ = served
    answer = client.get(path)
    assert answer.status_code == 404 and "Aucune alerte à cette adresse" in answer.text
    assert client.post("/alertes/nope/desinscription").status_code == 404


def test_with_accounts_on_the_one_click_post_needs_no_session(served) -> None:
    """The CSRF check of every unsafe request lets the alerts' POSTs through: their token is the key."""
    from web.accounts import Accounts

    client, workspace = served
    alert = saved(workspace, "/search?category=videoprotection")
    with TestClient(create_app(client.app.state.archive, Accounts(workspace))) as with_accounts:
        refused = with_accounts.post("/connexion", data={"email": "ana@example.org", "password": "x"})
        assert refused.status_code == 403 and "jeton de sécurité" in refused.text  # the check is on
        answer = with_accounts.post(
            f"/alertes/{alert.token}/desinscription", content=b"List-Unsubscribe=One-Click"
        )
    assert answer.status_code == 200 and not active(workspace, alert.id)
