"""Passwords: hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended set),
checked in constant time, and rehashed when the parameters a hash was made with are older than
this Vigie's (``needs_rehash``), so that raising them upgrades every account at its next login.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # a longer one is refused before hashing: no hashing as a service


class PasswordError(ValueError):
    """A password that cannot be used (too short, too long): one line, for the user."""


@functools.cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters")


def hash_password(password: str) -> str:
    check_new_password(password)
    return hasher().hash(password)


def rehash(password: str) -> str:
    """A new hash of a password that just matched its old one (no length rule: it was valid)."""
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@functools.cache
def decoy_hash() -> str:
    """A hash no password matches in practice: checked for unknown accounts, so that an answer
    takes as long whether the account exists or not (no account enumeration by timing)."""
    return hasher().hash("vigie: no such account, a decoy of the same cost")
