"""The accounts of the web interface: add, list, disable and enable them, and log in.

What ``vigie users`` and the web's login and admin pages call. An e-mail address names an
account (compared lower-cased); a disabled account cannot log in and its sessions end at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import iso_utc, utcnow
from archive.errors import ArchiveError
from workspace.models import Role, User
from workspace.passwords import decoy_hash, hash_password, needs_rehash, rehash, verify_password
from workspace.sessions import close_user_sessions, live_sessions

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ROLE_ORDER = (Role.READER, Role.REVIEWER, Role.ADMIN)


class AccountError(ArchiveError):
    """An account that cannot be made or found (one line, for the user)."""


@dataclass(frozen=True, slots=True)
class Account:
    """An account as ``vigie users list`` and the admin page show it (never its hash)."""

    id: int
    email: str
    name: str
    role: str
    disabled: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None
    sessions: int

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "role": self.role,
            "disabled": self.disabled,
            "created_at": iso_utc(self.created_at),
            "last_login_at": iso_utc(self.last_login_at),
            "sessions": self.sessions,
        }


def has_role(user: User | None, role: Role) -> bool:
    """Whether ``user`` may act as ``role`` (each role includes the ones before it)."""
    if user is None or user.disabled or user.role not in ROLE_ORDER:
        return False
    return ROLE_ORDER.index(Role(user.role)) >= ROLE_ORDER.index(role)


def normal_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email) or len(email) > 320:
        raise AccountError(f"{email or '(empty)'}: not an e-mail address")
    return email


def add_user(session: Session, email: str, name: str, role: str, password: str) -> User:
    email = normal_email(email)
    if role not in {r.value for r in Role}:
        raise AccountError(f"{role}: not a role; one of {', '.join(r.value for r in Role)}")
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise AccountError("the name must have between 1 and 200 characters")
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"{email}: an account already exists")
    user = User(email=email, name=name, role=role, password_hash=hash_password(password), disabled=False)
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise AccountError(f"{email.strip()}: no such account")
    return user


def set_disabled(session: Session, email: str, disabled: bool) -> User:
    """Disable (ending every session of the account) or enable an account."""
    user = find_user(session, email)
    user.disabled = disabled
    if disabled:
        close_user_sessions(session, user.id)
    return user


def accounts(session: Session) -> list[Account]:
    return [
        Account(
            user.id,
            user.email,
            user.name,
            user.role,
            user.disabled,
            user.created_at,
            user.last_login_at,
            live_sessions(session, user.id),
        )
        for user in session.scalars(select(User).order_by(User.email))
    ]


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The enabled account of ``email`` when ``password`` is its own, else None. An unknown
    address costs one hash check too; a hash of older parameters is replaced."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        verify_password(decoy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or user.disabled:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = rehash(password)
    user.last_login_at = utcnow()
    return user
