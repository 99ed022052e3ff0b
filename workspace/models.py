"""The workspace's tables (see ``workspace``): one declarative base, apart from the archive's.

Each part of the workspace keeps its tables in a module of its own, on this base: the accounts
here, the reviews and the alerts beside them. A table's change is an Alembic revision in
``workspace/migrations/versions`` (``workspace.schema``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from archive.db import utcnow
from archive.sqltypes import WideInteger


class WorkspaceBase(DeclarativeBase):
    """The workspace's tables: never mixed with the archive's ``archive.models.Base``."""


class Role(StrEnum):
    """What an account may do, each role including the ones before it."""

    READER = "reader"  # reads what the public cannot: review notes, saved searches
    REVIEWER = "reviewer"  # confirms, rejects and corrects mentions and records
    ADMIN = "admin"  # manages accounts


class User(WorkspaceBase):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(WideInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # a Role's value
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
