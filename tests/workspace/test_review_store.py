"""The workspace's review store, sessions and login limits, on both backends: what the web and
``vigie review`` rely on, written and read back through a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.backends import Archives
from workspace.accounts import add_user, authenticate, has_role, set_disabled
from workspace.corrections import read_corrections
from workspace.db import Workspace, open_workspace
from workspace.models import Role, User
from workspace.reviews import Action, ReviewError, ReviewEvent, apply_action, document_marks, journal, marks
from workspace.sessions import (
    MAX_FAILURES_PER_ACCOUNT,
    MAX_FAILURES_PER_CLIENT,
    SessionPolicy,
    find_session,
    open_session,
    record_failure,
    retry_after,
)

PASSWORD = "un mot de passe assez long"
NOW = dt.datetime(2026, 12, 1, 12, 0)
SHA = "a" * 64


@pytest.fixture
def workspace(archives: Archives) -> Iterator[Workspace]:
    opened = open_workspace(archives.location("workspace", empty=True))
    with opened.session() as session:
        add_user(session, "rita@example.org", "Rita", "reviewer", PASSWORD)
        add_user(session, "leo@example.org", "Léo", "reader", PASSWORD)
        session.commit()
    yield opened
    opened.close()


def user(session, email: str) -> User:
    return session.scalar(select(User).where(User.email == email))


def test_actions_keep_the_current_review_and_every_step_in_the_journal(workspace: Workspace) -> None:
    fingerprint = f"record:{SHA}:10-200:deployment"
    item = {"fields": {"kind": "deployment", "vendor": None}, "text": "…"}
    with workspace.session() as session:
        rita = user(session, "rita@example.org")
        apply_action(session, rita, fingerprint, "record", SHA, item, Action("confirm"), NOW)
        corrections = read_corrections(
            "record", {"kind": "deployment", "vendor": "Société X", "cameras": "12"}, item["fields"]
        )
        assert corrections == {"vendor": "Société X", "cameras": 12}
        apply_action(
            session, rita, fingerprint, "record", SHA, item, Action("correct", corrections=corrections), NOW
        )
        apply_action(
            session, rita, f"mention:{SHA}:5-9:drone", "mention", SHA, {}, Action("reject", "duplicate"), NOW
        )
        with pytest.raises(ReviewError, match="needs a reason"):
            apply_action(session, rita, fingerprint, "record", SHA, item, Action("reject"), NOW)
        with pytest.raises(ReviewError, match="needs a note"):
            apply_action(
                session, rita, fingerprint, "record", SHA, item, Action("reject", "other", "  "), NOW
            )
        with pytest.raises(ReviewError, match="at least one corrected field"):
            apply_action(session, rita, fingerprint, "record", SHA, item, Action("correct"), NOW)
        session.commit()
    with workspace.session() as session:
        found = marks(session, [fingerprint, "record:unknown"])
        assert list(found) == [fingerprint]
        assert found[fingerprint].status == "corrected" and found[fingerprint].by == "Rita"
        assert found[fingerprint].to_dict()["at"] == "2026-12-01T12:00:00Z"
        per_document = document_marks(session, [SHA])[SHA]
        assert (per_document.corrected, per_document.rejected, per_document.status) == (1, 1, "mixed")
        total, entries = journal(session)
        assert total == 3 and [entry.action for entry in entries] == ["reject", "correct", "confirm"]
        steps = session.scalars(
            select(ReviewEvent).where(ReviewEvent.fingerprint == fingerprint).order_by(ReviewEvent.id)
        ).all()
        assert [(e.before or {}).get("status") for e in steps] == [None, "confirmed"]
        assert steps[1].after == {
            "status": "corrected",
            "reason": None,
            "note": None,
            "corrections": corrections,
        }
        apply_action(
            session,
            user(session, "rita@example.org"),
            fingerprint,
            "record",
            SHA,
            item,
            Action("reopen"),
            NOW,
        )
        session.commit()
        assert marks(session, [fingerprint]) == {}
        assert journal(session)[0] == 4


@pytest.mark.parametrize(
    ("kind", "given", "message"),
    [
        ("record", {"act_date": "31/05/2024"}, "YYYY-MM-DD"),
        ("record", {"technologies": "vsa, espionnage"}, "not a category"),
        ("record", {"kind": "spying"}, "not a kind"),
        ("record", {"cameras": "-3"}, "not a count"),
        ("record", {"amount_tax": "HTT"}, "HT or TTC"),
        ("mention", {"kind": "deployment"}, "not a field"),
    ],
)
def test_a_correction_is_read_or_refused_in_one_line(kind: str, given: dict, message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        read_corrections(kind, given, {})


def test_amounts_and_technologies_are_read_as_written_in_french() -> None:
    read = read_corrections("record", {"amount_eur": "12 345,50 €", "technologies": "vsa;drone"}, {})
    assert read == {"amount_eur": 12345.5, "technologies": ["vsa", "drone"]}


def test_sessions_end_when_idle_expired_or_disabled(workspace: Workspace) -> None:
    policy = SessionPolicy(lifetime=dt.timedelta(hours=12), idle_timeout=dt.timedelta(hours=2))
    with workspace.session() as session:
        leo = user(session, "leo@example.org")
        token = open_session(session, leo, policy, NOW)
        idle = open_session(session, leo, policy, NOW)
        session.commit()
    with workspace.session() as session:
        assert (
            find_session(session, token, policy, NOW + dt.timedelta(hours=1, minutes=59))[1].email
            == "leo@example.org"
        )
        assert find_session(session, idle, policy, NOW + dt.timedelta(hours=2)) is None  # idle, and deleted
        session.commit()
    with workspace.session() as session:
        assert find_session(session, idle, policy, NOW) is None
        # Kept alive by its requests, it still ends at its expiry.
        assert find_session(session, token, policy, NOW + dt.timedelta(hours=3)) is not None
        assert find_session(session, token, policy, NOW + dt.timedelta(hours=12)) is None
        fresh = open_session(session, user(session, "leo@example.org"), policy, NOW)
        session.commit()
        set_disabled(session, "leo@example.org", True)
        session.commit()
        assert find_session(session, fresh, policy, NOW) is None
        assert authenticate(session, "leo@example.org", PASSWORD) is None


def test_login_checks_the_password_and_rehashes_older_parameters(workspace: Workspace) -> None:
    with workspace.session() as session:
        rita = user(session, "rita@example.org")
        rita.password_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
        session.commit()
        old = rita.password_hash
        assert authenticate(session, "rita@example.org", "un autre mot de passe") is None
        assert authenticate(session, "nobody@example.org", PASSWORD) is None
        logged = authenticate(session, " RITA@example.org ", PASSWORD)
        assert (
            logged is not None
            and logged.password_hash != old
            and logged.password_hash.startswith("$argon2id$")
        )
        assert logged.last_login_at is not None
        session.commit()
        assert authenticate(session, "rita@example.org", PASSWORD) is not None
        assert (
            has_role(logged, Role.REVIEWER)
            and has_role(logged, Role.READER)
            and not has_role(logged, Role.ADMIN)
        )


def test_failed_logins_past_the_limit_give_a_wait(workspace: Workspace) -> None:
    with workspace.session() as session:
        for minute in range(MAX_FAILURES_PER_ACCOUNT):
            assert retry_after(session, "leo@example.org", "10.0.0.1", NOW) is None
            record_failure(session, "Leo@example.org", "10.0.0.1", NOW + dt.timedelta(minutes=minute))
        session.commit()
        later = NOW + dt.timedelta(minutes=5)
        # Allowed again when the oldest of the five leaves the 15 minutes' window.
        assert retry_after(session, "leo@example.org", "10.0.0.2", later) == 10 * 60 + 1
        assert retry_after(session, "rita@example.org", "10.0.0.2", later) is None
        assert retry_after(session, "leo@example.org", "10.0.0.2", NOW + dt.timedelta(minutes=16)) is None
        # One client trying many addresses is stopped at its own limit.
        for number in range(MAX_FAILURES_PER_CLIENT - MAX_FAILURES_PER_ACCOUNT):
            record_failure(session, f"essai{number}@example.org", "10.0.0.1", later)
        session.commit()
        assert retry_after(session, "rita@example.org", "10.0.0.1", later) == 10 * 60 + 1
        assert retry_after(session, "rita@example.org", "10.0.0.3", later) is None
