"""Saved searches and the digests sent for them: the alerts' tables (``workspace.models``' base).

A saved search watches what the ``/search`` page shows for one URL: its query string is stored
as it is (``search`` below) and read by ``search.url_params``, the page's own code. What is
*new* is what Vigie first archived after the end of the window that the last digest covered
(``checked_until``, the moment the saved search was made at first): a document found on a new
page, or a new version of a page the authority replaced. A digest covers the window
(``checked_until``, the moment of ``vigie alerts send``]; when the window holds nothing, no
e-mail is sent and the window moves on all the same.

``AlertDigest`` rows record every e-mail attempted, before it leaves: a digest found *pending*
was interrupted (a crash between the SMTP server's answer and its record); the next run sends
it again under the same ``Message-ID``, and never skips it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from archive.db import utcnow
from archive.sqltypes import WideInteger
from workspace.models import WorkspaceBase

__all__ = ["PERIOD_DAYS", "AlertDigest", "DigestStatus", "Frequency", "SavedSearch", "new_token"]


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


# A digest is due once per period of calendar days (UTC) since the last window's end: a cron job
# run each morning a few seconds sooner or later sends each daily alert once a day, and the first
# digest of an alert saved in the afternoon goes the next morning.
PERIOD_DAYS = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}


class DigestStatus(StrEnum):
    PENDING = "pending"  # about to be handed to the SMTP server (or interrupted there)
    SENT = "sent"  # the server took it
    FAILED = "failed"  # the server refused it, or could not be reached: retried next run


def new_token() -> str:
    """A saved search's secret (its feed's and unsubscription's URL): 256 random bits."""
    return secrets.token_urlsafe(32)


class SavedSearch(WorkspaceBase):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(WideInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # The /search URL's query string ("q=cam%C3%A9ras&category=vsa"), as search.url_params reads it.
    search: Mapped[str] = mapped_column(Text)
    recipient: Mapped[str] = mapped_column(String(320))
    frequency: Mapped[str] = mapped_column(String(16))  # a Frequency's value
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False once unsubscribed
    # The end of the last window looked at: what Vigie archived after it is new.
    checked_until: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    unsubscribed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    def due(self, now: dt.datetime) -> bool:
        """Whether its digest is due at ``now`` (UTC): active, and its period's days since the
        day its last window ended."""
        days = (now.date() - self.checked_until.date()).days
        return self.active and days >= PERIOD_DAYS[Frequency(self.frequency)]


class AlertDigest(WorkspaceBase):
    """One digest e-mail of a saved search: its window, whom to, what it held, the SMTP answer."""

    __tablename__ = "alert_digests"

    id: Mapped[int] = mapped_column(WideInteger, primary_key=True)
    saved_search_id: Mapped[int] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="CASCADE"), index=True
    )
    window_start: Mapped[dt.datetime] = mapped_column(DateTime)  # excluded
    window_end: Mapped[dt.datetime] = mapped_column(DateTime)  # included
    recipient: Mapped[str] = mapped_column(String(320))
    documents: Mapped[int] = mapped_column(Integer)  # new documents in the window (all, not only shown)
    records: Mapped[int] = mapped_column(Integer)  # new decision records
    status: Mapped[str] = mapped_column(String(16))  # a DigestStatus's value
    smtp_answer: Mapped[str | None] = mapped_column(Text)  # the server's answer, or why it failed
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
