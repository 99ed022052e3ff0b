"""A group's workspace for the review tests: three members of different roles, and logging in
as the browser does (the login page's CSRF token, then the form)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from archive.db import resolve_location
from workspace.accounts import add_user
from workspace.db import Workspace, open_workspace

PASSWORD = "un mot de passe assez long"


@dataclass(frozen=True, slots=True)
class Member:
    email: str
    name: str
    role: str


ADMIN = Member("ana@example.org", "Ana Admin", "admin")
REVIEWER = Member("rita@example.org", "Rita Relectrice", "reviewer")
READER = Member("leo@example.org", "Léo Lecteur", "reader")
TEAM = (ADMIN, REVIEWER, READER)


def team_workspace(path: Path) -> Workspace:
    workspace = open_workspace(resolve_location(str(path)))
    with workspace.session() as session:
        for member in TEAM:
            add_user(session, member.email, member.name, member.role, PASSWORD)
        session.commit()
    return workspace


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def log_in(client: TestClient, member: Member, password: str = PASSWORD, suite: str = "/"):
    page = client.get("/connexion", params={"suite": suite})
    assert page.status_code == 200, page.text
    return client.post(
        "/connexion",
        data={"email": member.email, "password": password, "suite": suite, "csrf": csrf_of(page.text)},
        follow_redirects=False,
    )
