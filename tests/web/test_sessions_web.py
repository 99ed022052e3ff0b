"""Sessions and logins in the web interface (``vigie serve --accounts``): logout, idle and
expired sessions, an admin disabling an account, the limit on failed logins, routes exempt from
the CSRF check, and ``serve --accounts`` without an admin, over the fixture archive."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from archive.db import resolve_location
from archive.reader import ArchiveReader
from tests.web.site import WebFixture
from tests.web.team import ADMIN, READER, REVIEWER, Member, csrf_of, log_in, team_workspace
from tests.web.team_app import member_client, team_app
from web.accounts import SESSION_COOKIE, Accounts
from web.app import create_app
from web.archive_view import WebArchive
from workspace.db import Workspace
from workspace.sessions import MAX_FAILURES_PER_ACCOUNT, LoginAttempt, LoginSession


@pytest.fixture(scope="module")
def served(web_fixture: WebFixture, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    with team_app(web_fixture, tmp_path_factory.mktemp("team")) as app_and_workspace:
        yield app_and_workspace


@pytest.fixture(scope="module")
def workspace(served: tuple) -> Workspace:
    return served[1]


def test_logout_ends_the_session(served: tuple, workspace: Workspace) -> None:
    member = member_client(served, READER)
    journal = member.get("/revue/journal")
    assert journal.status_code == 200
    with workspace.session() as session:
        before = session.scalar(
            select(LoginSession.id)
            .where(LoginSession.user_id == _user_id(workspace, READER))
            .order_by(LoginSession.id.desc())
        )
    out = member.post("/deconnexion", data={"csrf": csrf_of(journal.text)}, follow_redirects=False)
    assert out.status_code == 303 and "Max-Age=0" in out.headers["set-cookie"]
    with workspace.session() as session:
        assert session.get(LoginSession, before) is None
    assert member.get("/revue/journal", follow_redirects=False).status_code == 303


def _user_id(workspace: Workspace, member: Member) -> int:
    from workspace.models import User

    with workspace.session() as session:
        return session.scalar(select(User.id).where(User.email == member.email))


@pytest.mark.parametrize(
    ("column", "ago"),
    [("last_seen_at", dt.timedelta(hours=2, minutes=1)), ("expires_at", dt.timedelta(seconds=1))],
)
def test_an_idle_or_expired_session_ends(
    served: tuple, workspace: Workspace, column: str, ago: dt.timedelta
) -> None:
    member = member_client(served, READER)
    assert member.get("/revue/journal").status_code == 200
    token = member.cookies[SESSION_COOKIE]
    from workspace.sessions import token_hash

    with workspace.session() as session:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        session.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == token_hash(token))
            .values({column: now - ago})
        )
        session.commit()
    sent = member.get("/revue/journal", follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"].startswith("/connexion")
    with workspace.session() as session:
        assert (
            session.scalar(select(LoginSession).where(LoginSession.token_hash == token_hash(token))) is None
        )


def test_an_admin_disables_an_account_and_its_sessions_end(served: tuple) -> None:
    admin = member_client(served, ADMIN)
    victim = member_client(served, Member("leo@example.org", "", "reader"))
    assert victim.get("/revue/journal").status_code == 200
    page = admin.get("/admin/comptes")
    assert page.status_code == 200 and READER.email in page.text
    path = f"/admin/comptes/{READER.email}/desactiver"
    assert admin.post(path).status_code == 403  # no token
    assert admin.post(path, data={"csrf": csrf_of(page.text)}, follow_redirects=False).status_code == 303
    assert victim.get("/revue/journal", follow_redirects=False).status_code == 303
    assert log_in(member_client(served), READER).status_code == 401
    enable = admin.post(
        f"/admin/comptes/{READER.email}/activer", data={"csrf": csrf_of(page.text)}, follow_redirects=False
    )
    assert enable.status_code == 303 and log_in(member_client(served), READER).status_code == 303


def test_failed_logins_are_limited_per_account(web_fixture: WebFixture, tmp_path: Path) -> None:
    workspace = team_workspace(tmp_path / "limits.workspace.db")
    reader = ArchiveReader(resolve_location(str(web_fixture.db), writable=False))
    try:
        app = create_app(WebArchive.open(reader), Accounts(workspace))
        visitor = TestClient(app)
        for _ in range(MAX_FAILURES_PER_ACCOUNT):
            assert log_in(visitor, READER, password="mauvais mot de passe").status_code == 401
        limited = log_in(visitor, READER)  # even the right password, now
        assert limited.status_code == 429 and "Trop de tentatives" in limited.text
        assert 0 < int(limited.headers["retry-after"]) <= 15 * 60 + 1
        # An unknown address is counted and refused the same way: no way to tell them apart.
        ghost = Member("fantome@example.org", "", "reader")
        for _ in range(MAX_FAILURES_PER_ACCOUNT):
            assert log_in(visitor, ghost).status_code == 401
        assert log_in(visitor, ghost).status_code == 429
        # Another account from the same address still logs in (the address's own limit, 20, is
        # tested on the workspace: tests/workspace/test_review_store.py).
        assert log_in(TestClient(app), REVIEWER).status_code == 303
        # Past the window, the account logs in again.
        with workspace.session() as session:
            session.execute(update(LoginAttempt).values(at=LoginAttempt.at - dt.timedelta(minutes=16)))
            session.commit()
        assert log_in(visitor, READER).status_code == 303
    finally:
        reader.close()
        workspace.close()


def test_a_route_that_authenticates_otherwise_can_be_exempted(served: tuple) -> None:
    from fastapi.responses import PlainTextResponse

    from web.accounts import csrf_exempt

    app = served[0]

    def one_click() -> PlainTextResponse:
        return PlainTextResponse("ok")

    # A prefix of this test's own: the exemptions are the process's (one per route module).
    prefix = f"/essai-jeton-{uuid.uuid4().hex[:8]}/"
    app.add_api_route(f"{prefix}desinscription", one_click, methods=["POST"])
    visitor = member_client(served)
    assert visitor.post(f"{prefix}desinscription").status_code == 403
    csrf_exempt(prefix)
    assert visitor.post(f"{prefix}desinscription").text == "ok"
    assert visitor.post("/deconnexion").status_code == 403  # the others still checked
    wrong = visitor.get("/deconnexion")
    assert wrong.status_code == 405 and "seule la méthode POST" in wrong.text


def test_serve_with_accounts_needs_an_admin(web_fixture: WebFixture, tmp_path: Path) -> None:
    from tests.conftest import invoke_vigie
    from tests.web.browser import free_port

    empty = tmp_path / "empty.workspace.db"
    result = invoke_vigie(
        "serve",
        "--db",
        str(web_fixture.db),
        "--registry",
        str(web_fixture.registry),
        "--no-shipped",
        "--port",
        str(free_port()),
        "--accounts",
        "--workspace",
        str(empty),
        cwd=tmp_path,
    )
    assert result.returncode == 2 and "no enabled admin account" in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        result.stderr.strip()
    ]
