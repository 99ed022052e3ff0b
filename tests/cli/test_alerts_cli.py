"""``vigie alerts``: saving searches, and ``send`` for cron against a real SMTP server on
127.0.0.1: the digest's headers, parts and links, nothing sent twice or when nothing is new, a
dead server's one line and exit 1, then the next run sends."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from archive import ArchiveStore, resolve_location
from tests.conftest import invoke_vigie
from tests.search.archive import build, new_version
from tests.smtp import SmtpServer, free_port, smtp_server
from workspace.alerts import SavedSearch
from workspace.alerts_digest import DIGEST_DOCUMENTS
from workspace.db import open_workspace, resolve_workspace
from workspace.models import Role, User

PUBLIC = "https://vigie.example.org"


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[ArchiveStore]:
    store = build(tmp_path / "vigie.db", pdfs=False)
    workspace = open_workspace(resolve_workspace(None, resolve_location(str(tmp_path / "vigie.db"))))
    with workspace.session() as session:
        session.add(User(email="ana@example.org", name="Ana", role=Role.READER, password_hash="x"))
        session.commit()
    workspace.close()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with smtp_server() as server:
        yield server


def one_line_error(result) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def token(tmp_path: Path, saved_id: int) -> str:
    workspace = open_workspace(resolve_workspace(None, resolve_location(str(tmp_path / "vigie.db"))))
    try:
        with workspace.session() as session:
            return session.scalar(select(SavedSearch.token).where(SavedSearch.id == saved_id))
    finally:
        workspace.close()


def test_alerts_are_added_listed_and_removed(tmp_path: Path, archive: ArchiveStore) -> None:
    added = invoke_vigie(
        "alerts", "add", "--user", "Ana@example.org", "--name", "Caméras à Lyon", "--technology",
        "videoprotection", "--source", "www.lyon.fr", "--frequency", "weekly", cwd=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert re.match(
        r"Saved search 1 'Caméras à Lyon': /search\?category=videoprotection&source=www.lyon.fr", added.stdout
    )
    assert f"/alertes/{token(tmp_path, 1)}.atom" in added.stdout
    by_url = invoke_vigie(
        "alerts", "add", "--user", "ana@example.org", "--name", "VSA", "--url", "/search?q=cam%C3%A9ras&category=vsa",
        "--recipient", "veille@example.org", cwd=tmp_path,
    )  # fmt: skip
    assert by_url.returncode == 0, by_url.stderr
    listed = json.loads(invoke_vigie("alerts", "list", "--format", "json", cwd=tmp_path).stdout)
    assert [(a["id"], a["url"], a["recipient"], a["frequency"], a["active"]) for a in listed] == [
        (1, "/search?category=videoprotection&source=www.lyon.fr", "ana@example.org", "weekly", True),
        (2, "/search?q=cam%C3%A9ras&category=vsa", "veille@example.org", "daily", True),
    ]
    assert "token" not in listed[0]
    assert "Caméras à Lyon" in invoke_vigie("alerts", "list", cwd=tmp_path).stdout
    assert invoke_vigie("alerts", "remove", "1", cwd=tmp_path).returncode == 0
    assert [
        a["id"] for a in json.loads(invoke_vigie("alerts", "list", "--format", "json", cwd=tmp_path).stdout)
    ] == [2]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--user", "nobody@example.org", "--name", "x", "--technology", "drone"], "no account for"),
        (
            ["--user", "ana@example.org", "--name", "x", "--url", "/search?category=ovni"],
            "Catégorie inconnue",
        ),
        (["--user", "ana@example.org", "--name", "x"], "say what to watch"),
        (["--user", "ana@example.org", "--name", "x", "--url", "q=a", "--query", "b"], "either --url"),
    ],
)
def test_bad_alerts_are_one_line_and_exit_2(tmp_path: Path, archive: ArchiveStore, args, expected) -> None:
    result = invoke_vigie("alerts", "add", *args, cwd=tmp_path)
    assert result.returncode == 2 and expected in one_line_error(result)


def test_send_mails_what_is_new_once_and_a_dead_server_is_one_line_then_retried(
    tmp_path: Path, archive: ArchiveStore, smtp: SmtpServer
) -> None:
    env = smtp.environment(PUBLIC)
    add = ["alerts", "add", "--user", "ana@example.org", "--name", "Vidéoprotection", "--url"]
    assert invoke_vigie(*add, "/search?category=videoprotection", cwd=tmp_path).returncode == 0
    secret = token(tmp_path, 1)

    # Made now: what the archive held before is not new; cron's run is quiet, and sends nothing.
    quiet = invoke_vigie("alerts", "send", "--now", "2027-01-01T06:00", cwd=tmp_path, env=env)
    assert (quiet.returncode, quiet.stdout, quiet.stderr, smtp.inbox.messages) == (0, "", "", [])

    new_version(
        archive, "https://www.lyon.fr/delib/2023-44", "Trois caméras de vidéoprotection en plus.", when=400
    )
    sent = invoke_vigie("alerts", "send", "--now", "2027-02-06T06:00Z", cwd=tmp_path, env=env)
    assert (sent.returncode, sent.stdout, sent.stderr) == (0, "", "")
    ((envelope, message),) = smtp.inbox.messages
    assert envelope.mail_from == "alertes@vigie.example.org" and envelope.rcpt_tos == ["ana@example.org"]
    assert message["From"] == "Vigie <alertes@vigie.example.org>" and message["To"] == "ana@example.org"
    assert message["Subject"] == "Vigie – Vidéoprotection : 1 nouveau document"
    unsubscribe = f"{PUBLIC}/alertes/{secret}/desinscription"
    assert message["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == "<vigie-alerte-1-1@vigie.example.org>"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    new_id = archive_id(archive, "https://www.lyon.fr/delib/2023-44")
    for link in (f"{PUBLIC}/documents/{new_id}", unsubscribe, f"{PUBLIC}/alertes/{secret}.atom",
                 f"{PUBLIC}/search?category=videoprotection"):  # fmt: skip
        assert link in plain and f'href="{link}"' in html
    assert "Trois [caméras de vidéoprotection] en plus." in plain
    assert "Trois <mark>caméras de vidéoprotection</mark> en plus." in html
    assert "depuis le" in plain and "Bonjour" in html

    again = invoke_vigie("alerts", "send", "--now", "2027-02-07T06:00", "-v", cwd=tmp_path, env=env)
    assert again.returncode == 0 and "nothing new" in again.stdout + again.stderr
    assert len(smtp.inbox.messages) == 1

    for number in range(DIGEST_DOCUMENTS + 1):
        new_version(
            archive, f"https://www.lyon.fr/delib/2027-{number}", "Une caméra de vidéoprotection.", when=403
        )
    dead = invoke_vigie(
        "alerts",
        "send",
        "--now",
        "2027-02-08T06:00",
        cwd=tmp_path,
        env={**env, "VIGIE_SMTP_PORT": str(free_port())},
    )
    assert dead.returncode == 1
    assert re.fullmatch(
        r"Error: cannot reach the SMTP server 127\.0\.0\.1:\d+: .+; the digests are sent next run",
        one_line_error(dead),
    )
    retried = invoke_vigie("alerts", "send", "--now", "2027-02-08T06:05", cwd=tmp_path, env=env)
    assert retried.returncode == 0, retried.stderr
    message = smtp.inbox.messages[1][1]
    assert message["Subject"] == f"Vigie – Vidéoprotection : {DIGEST_DOCUMENTS + 1} nouveaux documents"
    assert (
        f"… et 1 autre : {PUBLIC}/search?category=videoprotection"
        in message.get_body(("plain",)).get_content()
    )
    dry = invoke_vigie("alerts", "send", "--dry-run", "--now", "2027-03-01T06:00", cwd=tmp_path)
    assert dry.returncode == 0 and "nothing new" in dry.stdout and "1 due" in dry.stdout


def test_a_second_send_while_one_runs_is_refused_with_exit_code_3(
    tmp_path: Path, archive: ArchiveStore, smtp: SmtpServer
) -> None:
    """Two runs at once (a slow one and the next cron's) would each mail the digest the other
    recorded pending: the second is refused, as a second crawl is, and sends nothing."""
    from archive.lock import ArchiveLock

    env = smtp.environment(PUBLIC)
    add = ["alerts", "add", "--user", "ana@example.org", "--name", "Vidéoprotection", "--url"]
    assert invoke_vigie(*add, "/search?category=videoprotection", cwd=tmp_path).returncode == 0
    assert invoke_vigie("alerts", "send", "--now", "2027-01-01T06:00", cwd=tmp_path, env=env).returncode == 0
    new_version(archive, "https://www.lyon.fr/delib/2023-45", "Deux caméras de vidéoprotection.", when=400)
    running = ArchiveLock(resolve_workspace(None, resolve_location(str(tmp_path / "vigie.db"))), "workspace")
    running.acquire("alerts send")  # held by this process: the command below is another one
    try:
        refused = invoke_vigie("alerts", "send", "--now", "2027-02-06T06:00", cwd=tmp_path, env=env)
    finally:
        running.release()
    assert refused.returncode == 3
    assert re.fullmatch(
        r"Error: the workspace is busy: 'vigie alerts send' \(pid \d+, since .+\) is writing to it \(.+\.lock\)",
        one_line_error(refused),
    )
    assert smtp.inbox.messages == []
    sent = invoke_vigie("alerts", "send", "--now", "2027-02-06T06:00", cwd=tmp_path, env=env)
    assert sent.returncode == 0 and len(smtp.inbox.messages) == 1


def archive_id(store: ArchiveStore, url: str) -> int:
    from sqlalchemy import text

    with store.engine.connect() as connection:
        return (
            connection.execute(
                text("SELECT document_id FROM document_urls WHERE url = :url ORDER BY document_id DESC"),
                {"url": url},
            )
            .scalars()
            .first()
        )


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({"VIGIE_SMTP_HOST": "127.0.0.1", "VIGIE_SMTP_FROM": "a@example.org"}, [], "set VIGIE_PUBLIC_URL"),
        ({"VIGIE_PUBLIC_URL": PUBLIC}, [], "set VIGIE_SMTP_HOST and VIGIE_SMTP_FROM"),
        ({"VIGIE_PUBLIC_URL": "vigie.example.org"}, ["--dry-run"], "is not an http(s) address"),
        ({}, ["--dry-run", "--now", "demain"], "is not an ISO time"),
    ],
)
def test_send_without_its_settings_is_one_line_and_exit_2(
    tmp_path: Path, archive, env, args, expected
) -> None:
    result = invoke_vigie("alerts", "send", *args, cwd=tmp_path, env=env)
    assert result.returncode == 2 and expected in one_line_error(result)
