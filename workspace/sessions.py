"""Login sessions and the count of failed logins, in the workspace.

A session is a random token (32 bytes, URL-safe) that only the browser holds, in a cookie; the
workspace keeps its SHA-256, so a copy of the workspace opens no session. A session ends at its
expiry (``SESSION_LIFETIME`` after login), after ``IDLE_TIMEOUT`` without a request, at logout,
and when its account is disabled. Each session has its own CSRF token (``csrf_token``), the
synchronizer token of every form it sends.

Failed logins are counted per account (the address typed, known or not) and per client address
over ``ATTEMPT_WINDOW``: past ``MAX_FAILURES_PER_ACCOUNT`` or ``MAX_FAILURES_PER_CLIENT``, logins
are refused until the oldest failure of the window is older than the window (``retry_after``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import DateTime, ForeignKey, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.db import utcnow
from archive.sqltypes import WideInteger
from workspace.models import User, WorkspaceBase

SESSION_LIFETIME = dt.timedelta(hours=12)
IDLE_TIMEOUT = dt.timedelta(hours=2)
# A session's last request is written at most this often (not one write per page).
TOUCH_EVERY = dt.timedelta(minutes=1)
ATTEMPT_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_CLIENT = 20
TOKEN_BYTES = 32


class LoginSession(WorkspaceBase):
    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(WideInteger, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the cookie's token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginAttempt(WorkspaceBase):
    """A failed login: kept ``ATTEMPT_WINDOW``, then deleted by the next login."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(WideInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)  # as typed, lower-cased
    client: Mapped[str] = mapped_column(String(64), index=True)  # the client's IP address
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """How long a session lasts; the defaults above unless the operator says otherwise."""

    lifetime: dt.timedelta = SESSION_LIFETIME
    idle_timeout: dt.timedelta = IDLE_TIMEOUT


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user: User, policy: SessionPolicy, now: dt.datetime | None = None) -> str:
    """A new session for ``user``; returns the token for the cookie (never stored)."""
    now = now or utcnow()
    token = new_token()
    session.add(
        LoginSession(
            token_hash=token_hash(token),
            user_id=user.id,
            csrf_token=new_token(),
            created_at=now,
            last_seen_at=now,
            expires_at=now + policy.lifetime,
        )
    )
    return token


def find_session(
    session: Session, token: str, policy: SessionPolicy, now: dt.datetime | None = None
) -> tuple[LoginSession, User] | None:
    """The live session of this token and its enabled account, its last request now; None (and
    the session deleted) when it expired, idled out or its account was disabled."""
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    row = session.scalar(select(LoginSession).where(LoginSession.token_hash == token_hash(token)))
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if (
        user is None
        or user.disabled
        or now >= row.expires_at
        or now - row.last_seen_at >= policy.idle_timeout
    ):
        session.delete(row)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row, user


def close_session(session: Session, token: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == token_hash(token)))


def close_user_sessions(session: Session, user_id: int) -> int:
    return session.execute(delete(LoginSession).where(LoginSession.user_id == user_id)).rowcount or 0


def record_failure(session: Session, email: str, client: str, now: dt.datetime | None = None) -> None:
    session.add(LoginAttempt(email=email.strip().lower()[:320], client=client[:64], at=now or utcnow()))


def forget_failures(session: Session, email: str, now: dt.datetime | None = None) -> None:
    """After a successful login: the account's failures, and every failure past the window."""
    now = now or utcnow()
    session.execute(
        delete(LoginAttempt).where(
            (LoginAttempt.email == email.strip().lower()) | (LoginAttempt.at < now - ATTEMPT_WINDOW)
        )
    )


def retry_after(session: Session, email: str, client: str, now: dt.datetime | None = None) -> int | None:
    """Seconds to wait before the next login from ``client`` for ``email`` is tried, or None
    when neither the account nor the address is past its limit."""
    now = now or utcnow()
    since = now - ATTEMPT_WINDOW
    waits = []
    for column, value, limit in (
        (LoginAttempt.email, email.strip().lower(), MAX_FAILURES_PER_ACCOUNT),
        (LoginAttempt.client, client, MAX_FAILURES_PER_CLIENT),
    ):
        times = session.scalars(
            select(LoginAttempt.at)
            .where(column == value, LoginAttempt.at >= since)
            .order_by(LoginAttempt.at.desc())
            .limit(limit)
        ).all()
        if len(times) >= limit:
            # Allowed again when the limit-th newest failure leaves the window.
            waits.append(max(1, int((times[-1] + ATTEMPT_WINDOW - now).total_seconds()) + 1))
    return max(waits) if waits else None


def live_sessions(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count()).where(LoginSession.user_id == user_id)) or 0
