"""Saved searches and their digests, on both backends: what is new, sent once, retried after a
refusal, sent again after an interruption under the same Message-ID; a real SMTP server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from archive import ArchiveStore
from archive.decisions import save_records
from archive.models import DocumentUrl
from archive.records import DecisionRecord
from search import Searcher
from search.url_params import BadSearch
from tests.backends import Archives
from tests.search.archive import build, new_version
from tests.smtp import SmtpServer, smtp_server
from workspace.alerts import AlertDigest, Frequency, SavedSearch
from workspace.alerts_digest import build_digest
from workspace.alerts_mail import DigestLinks, plain_text
from workspace.alerts_saved import AlertError, create_saved_search
from workspace.alerts_send import send_digests
from workspace.alerts_smtp import SmtpMailer, SmtpSettings
from workspace.db import Workspace, open_workspace
from workspace.models import Role, User

PUBLIC = "https://vigie.example.org"
DAY = dt.datetime(2026, 1, 2)  # the tests' archive was found on 2026-01-01


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def setting(archives: Archives) -> Iterator[tuple[ArchiveStore, Workspace, int]]:
    store = build(archives.location(), pdfs=False)
    workspace = open_workspace(archives.location("workspace", empty=True))
    with workspace.session() as session:
        user = User(email="ana@example.org", name="Ana", role=Role.READER, password_hash="x")
        session.add(user)
        session.commit()
        user_id = user.id
    try:
        yield store, workspace, user_id
    finally:
        workspace.close()
        store.close()


def save(workspace: Workspace, user_id: int, name: str, url: str, recipient: str | None = None) -> int:
    with workspace.session() as session:
        saved = create_saved_search(
            session, session.get(User, user_id), name, url, Frequency.DAILY, recipient, now=DAY
        )
        session.commit()
        return saved.id


def digests(workspace: Workspace) -> list[tuple[int, str, int, str | None]]:
    with workspace.session() as session:
        rows = session.scalars(select(AlertDigest).order_by(AlertDigest.id)).all()
        return [(row.saved_search_id, row.status, row.documents, row.smtp_answer) for row in rows]


def test_a_saved_search_is_the_page_s_search_in_the_page_s_order(setting) -> None:
    _, workspace, user_id = setting
    with workspace.session() as session:
        user = session.get(User, user_id)
        saved = create_saved_search(
            session, user, "  VSA  ", "https://x.org/search?category=vsa&q=cam%C3%A9ras+&page=3&tout=1"
        )
        assert (saved.name, saved.search, saved.recipient) == (
            "VSA",
            "q=cam%C3%A9ras&category=vsa",
            user.email,
        )
        assert len(saved.token) >= 40 and saved.active
        with pytest.raises(BadSearch, match="Catégorie inconnue"):
            create_saved_search(session, user, "x", "/search?category=ovni")
        with pytest.raises(BadSearch, match="au moins un filtre"):
            create_saved_search(session, user, "x", "/search?page=2")
        with pytest.raises(BadSearch, match="adresse d'une recherche"):
            create_saved_search(session, user, "x", "/records?category=drone")
        with pytest.raises(AlertError, match="e-mail"):
            create_saved_search(session, user, "x", "category=drone", recipient="nobody")


def test_digests_hold_what_is_new_once_and_a_refused_one_is_sent_next_run(setting, smtp: SmtpServer) -> None:
    store, workspace, user_id = setting
    cameras = save(workspace, user_id, "Vidéoprotection", "/search?category=videoprotection")
    faces = save(workspace, user_id, "Visages", "q=reconnaissance+faciale", recipient="refused@example.org")
    searcher = Searcher(store)
    settings = SmtpSettings(smtp.host, smtp.port, "alertes@vigie.example.org", tls="none")

    def send(now: dt.datetime):
        with SmtpMailer(settings) as mailer:
            return send_digests(workspace, searcher, PUBLIC, mailer, settings.sender, now)

    quiet = send(DAY + dt.timedelta(days=1))
    assert [o.status for o in quiet.outcomes] == ["nothing new", "nothing new"] and not quiet.failed
    assert smtp.inbox.messages == [] and digests(workspace) == []

    new_version(
        store, "https://www.lyon.fr/delib/2023-44", "Trois caméras de vidéoprotection en plus.", when=5
    )
    new_version(store, "https://www.nice.fr/conseil/2022-05-10", "Pas de reconnaissance faciale ici.", when=5)
    smtp.inbox.refuse.add("refused@example.org")
    first = send(DAY + dt.timedelta(days=6))
    assert [(o.saved_search_id, o.status, o.documents) for o in first.outcomes] == [
        (cameras, "sent", 1),
        (faces, "failed", 1),
    ]
    assert first.failed and first.stopped is None
    assert digests(workspace)[0][:3] == (cameras, "sent", 1) and "queued as 1" in digests(workspace)[0][3]
    assert digests(workspace)[1][:3] == (faces, "failed", 1) and "550" in digests(workspace)[1][3]
    envelope, message = smtp.inbox.messages[0]
    assert envelope.rcpt_tos == ["ana@example.org"]
    assert (
        "Trois [caméras de vidéoprotection]" in message.get_body(("plain",)).get_content()
    )  # the new version's passage

    smtp.inbox.refuse.clear()
    again = send(DAY + dt.timedelta(days=6, hours=12))  # the refused one only: the other is not due
    assert [(o.saved_search_id, o.status) for o in again.outcomes] == [(faces, "sent")]
    assert "faciale" in smtp.inbox.messages[1][1].get_body(("plain",)).get_content()
    later = send(DAY + dt.timedelta(days=8))
    assert [o.status for o in later.outcomes] == ["nothing new", "nothing new"]
    assert len(smtp.inbox.messages) == 2


def test_an_interrupted_digest_is_sent_again_under_its_message_id(setting, smtp: SmtpServer) -> None:
    store, workspace, user_id = setting
    saved_id = save(workspace, user_id, "Vidéoprotection", "category=videoprotection")
    new_version(
        store, "https://www.lyon.fr/delib/2023-44", "Trois caméras de vidéoprotection en plus.", when=5
    )
    settings = SmtpSettings(smtp.host, smtp.port, "alertes@vigie.example.org", tls="none")

    class CrashAfterSending(SmtpMailer):
        """The server took the e-mail; the process dies before recording it."""

        def send(self, message: EmailMessage, recipient: str) -> str:
            super().send(message, recipient)
            raise KeyboardInterrupt

    moment = DAY + dt.timedelta(days=6)
    with CrashAfterSending(settings) as mailer, pytest.raises(KeyboardInterrupt):
        send_digests(workspace, Searcher(store), PUBLIC, mailer, settings.sender, moment)
    assert [row[1] for row in digests(workspace)] == ["pending"]
    with SmtpMailer(settings) as mailer:
        report = send_digests(workspace, Searcher(store), PUBLIC, mailer, settings.sender, moment)
    assert [o.status for o in report.outcomes] == ["sent"]
    assert [row[1] for row in digests(workspace)] == ["sent"]
    ids = {message["Message-ID"] for _, message in smtp.inbox.messages}
    assert len(smtp.inbox.messages) == 2 and ids == {f"<vigie-alerte-{saved_id}-1@vigie.example.org>"}
    with workspace.session() as session:
        assert session.get(SavedSearch, saved_id).checked_until == moment


def test_the_digest_is_the_window_s_documents_with_mentions(setting) -> None:
    store, _, _ = setting
    searcher = Searcher(store)
    everything = build_digest(searcher, "category=videoprotection", dt.datetime(2025, 12, 31), DAY)
    assert everything.documents_total == 1 and not everything.empty  # the Lyon deliberation
    assert [hit.first_seen_at for hit in everything.documents] == [dt.datetime(2026, 1, 1)]
    assert build_digest(searcher, "category=videoprotection", DAY, DAY + dt.timedelta(days=1)).empty
    new_version(
        store, "https://www.lyon.fr/delib/2023-44", "Trois caméras de vidéoprotection en plus.", when=5
    )
    window = build_digest(searcher, "category=videoprotection", DAY, DAY + dt.timedelta(days=3, hours=23))
    assert window.empty  # found on 2026-01-06, after the window's end
    assert (
        build_digest(
            searcher, "category=videoprotection", DAY, DAY + dt.timedelta(days=4, seconds=1)
        ).documents_total
        == 1
    )


def test_a_search_of_a_technology_gets_the_new_documents_decision_records(setting) -> None:
    store, _, _ = setting
    searcher = Searcher(store)
    old = document_id(store, "https://www.lyon.fr/delib/2023-45")
    new_version(
        store, "https://www.lyon.fr/delib/2023-44", "Trois caméras de vidéoprotection en plus.", when=5
    )
    new = document_id(store, "https://www.lyon.fr/delib/2023-44")
    cameras = DecisionRecord(kind="extension", technologies=["videoprotection"], commune="Lyon")
    save_records(store, old, [cameras], "test")  # archived before the window: not new
    save_records(store, new, [cameras, DecisionRecord(kind="deployment", technologies=["drone"])], "test")
    end = DAY + dt.timedelta(days=6)
    digest = build_digest(searcher, "category=videoprotection&category=vsa", DAY, end)
    assert (digest.documents_total, digest.records_total) == (1, 1)
    assert [(view.document_id, view.record.kind) for view in digest.records] == [(new, "extension")]
    text = plain_text(digest, "Vidéoprotection", DigestLinks(PUBLIC, "category=videoprotection", "t"))
    assert "1 nouveau document et 1 nouvelle décision" in text
    assert f"{PUBLIC}/records/{digest.records[0].id}" in text
    assert build_digest(searcher, "q=cam%C3%A9ras&category=videoprotection", DAY, end).records_total == 0


def document_id(store: ArchiveStore, url: str) -> int:
    with store.session() as session:
        return max(row.document_id for row in session.query(DocumentUrl).filter_by(url=url))
