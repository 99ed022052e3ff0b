"""Reviews of the evidence: a member confirms, rejects or corrects a mention or a decision
record, and every such action is kept in an audit trail (``review_events``).

An item is keyed by its *fingerprint*, never by an archive id: ``vigie retag`` and ``vigie
records rebuild`` delete and write the mentions and records again, with new ids. A mention's
fingerprint is its document's content hash, its character span and its category; a record's is
its document's content hash, the span of the act it was read from (or the whole document) and
its kind. As long as the text and what was read from it are the same, a review stays attached;
when a rebuild reads something else (another category, another kind), the item is new, and the
old review stays in the workspace and its journal, attached to nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.db import iso_utc, utcnow
from archive.errors import ArchiveError
from archive.sqltypes import WideInteger
from workspace.models import User, WorkspaceBase

ITEM_KINDS = ("mention", "record")
STATUSES = ("confirmed", "rejected", "corrected")
ACTIONS = ("confirm", "reject", "correct", "reopen")
REJECT_REASONS = ("wrong_category", "not_surveillance", "duplicate", "other")
MAX_NOTE = 2000


class ReviewError(ArchiveError):
    """A review action that cannot be done as asked (one line, for the user)."""


class Review(WorkspaceBase):
    """The current review of one item (at most one per fingerprint)."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(WideInteger, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(255), unique=True)
    item_kind: Mapped[str] = mapped_column(String(16))  # mention or record
    document_sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # confirmed, rejected, corrected
    reason: Mapped[str | None] = mapped_column(String(32))  # a rejection's REJECT_REASONS
    note: Mapped[str | None] = mapped_column(Text)
    corrections: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))  # field → value
    # The item as the archive showed it when reviewed: what a rejection or correction is about,
    # kept even when a rebuild removes the item (the labels export reads it).
    item: Mapped[dict[str, Any]] = mapped_column(JSON)
    reviewed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReviewEvent(WorkspaceBase):
    """One review action, never changed nor deleted: who, when, why, and the review before and
    after it (None: not reviewed)."""

    __tablename__ = "review_events"

    id: Mapped[int] = mapped_column(WideInteger, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(255), index=True)
    item_kind: Mapped[str] = mapped_column(String(16))
    document_sha256: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # confirm, reject, correct, reopen
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """What a page, an export or the API says of a reviewed item (the JSON ``review`` object)."""

    status: str
    by: str
    at: dt.datetime
    reason: str | None = None
    note: str | None = None
    corrections: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "by": self.by,
            "at": iso_utc(self.at),
            "reason": self.reason,
            "note": self.note,
            "corrections": dict(self.corrections),
        }


@dataclass(frozen=True, slots=True)
class DocumentMarks:
    """How many of a document's items each status has (a search result's mark)."""

    confirmed: int = 0
    rejected: int = 0
    corrected: int = 0
    by: str = ""
    at: dt.datetime | None = None

    @property
    def status(self) -> str:
        given = [name for name in STATUSES if getattr(self, name)]
        return given[0] if len(given) == 1 else "mixed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "by": self.by,
            "at": iso_utc(self.at),
            "confirmed": self.confirmed,
            "rejected": self.rejected,
            "corrected": self.corrected,
        }


@dataclass(frozen=True, slots=True)
class Action:
    """A review action as a member asks for it."""

    action: str  # one of ACTIONS
    reason: str | None = None
    note: str | None = None
    corrections: dict[str, Any] = field(default_factory=dict)


def _state(review: Review | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {
        "status": review.status,
        "reason": review.reason,
        "note": review.note,
        "corrections": review.corrections or {},
    }


def apply_action(
    session: Session,
    user: User,
    fingerprint: str,
    item_kind: str,
    document_sha256: str,
    item: dict[str, Any],
    action: Action,
    now: dt.datetime | None = None,
) -> Review | None:
    """Do ``action`` on the item and write it in the audit trail; the review it leaves (None
    after ``reopen``). ``action.corrections`` must already be checked (``workspace.corrections``)."""
    now = now or utcnow()
    if action.action not in ACTIONS:
        raise ReviewError(f"{action.action}: not an action; one of {', '.join(ACTIONS)}")
    note = (action.note or "").strip()[:MAX_NOTE] or None
    if action.action == "reject":
        if action.reason not in REJECT_REASONS:
            raise ReviewError(f"a rejection needs a reason: one of {', '.join(REJECT_REASONS)}")
        if action.reason == "other" and not note:
            raise ReviewError("a rejection for another reason needs a note saying why")
    if action.action == "correct" and not action.corrections:
        raise ReviewError("a correction needs at least one corrected field")
    review = session.scalar(select(Review).where(Review.fingerprint == fingerprint))
    before = _state(review)
    if action.action == "reopen":
        if review is not None:
            session.delete(review)
        review = None
    else:
        if review is None:
            review = Review(fingerprint=fingerprint, item_kind=item_kind, document_sha256=document_sha256)
            session.add(review)
        review.status = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}[action.action]
        review.reason = action.reason if action.action == "reject" else None
        review.note = note
        review.corrections = dict(action.corrections) if action.action == "correct" else None
        review.item = item
        review.reviewed_by = user.id
        review.reviewed_at = now
    session.add(
        ReviewEvent(
            fingerprint=fingerprint,
            item_kind=item_kind,
            document_sha256=document_sha256,
            action=action.action,
            user_id=user.id,
            at=now,
            before=before,
            after=_state(review),
        )
    )
    session.flush()
    return review


def marks(session: Session, fingerprints: list[str]) -> dict[str, ReviewMark]:
    """The reviews of these items, by fingerprint (unreviewed ones absent)."""
    found: dict[str, ReviewMark] = {}
    for start in range(0, len(fingerprints), 500):  # bound parameters stay under every limit
        rows = session.execute(
            select(Review, User.name)
            .join(User, User.id == Review.reviewed_by)
            .where(Review.fingerprint.in_(fingerprints[start : start + 500]))
        ).all()
        for review, name in rows:
            found[review.fingerprint] = mark_of(review, name)
    return found


def mark_of(review: Review, name: str) -> ReviewMark:
    return ReviewMark(
        review.status, name, review.reviewed_at, review.reason, review.note, dict(review.corrections or {})
    )


def document_marks(session: Session, sha256s: list[str]) -> dict[str, DocumentMarks]:
    """Per document (content hash), how many of its items were confirmed, rejected, corrected,
    and the last reviewer."""
    counts: dict[str, dict[str, Any]] = {}
    for start in range(0, len(sha256s), 500):
        rows = session.execute(
            select(Review.document_sha256, Review.status, Review.reviewed_at, User.name)
            .join(User, User.id == Review.reviewed_by)
            .where(Review.document_sha256.in_(sha256s[start : start + 500]))
        ).all()
        for sha256, status, at, name in rows:
            entry = counts.setdefault(sha256, {"confirmed": 0, "rejected": 0, "corrected": 0, "at": None})
            entry[status] += 1
            if entry["at"] is None or at > entry["at"]:
                entry["at"], entry["by"] = at, name
    return {sha256: DocumentMarks(**entry) for sha256, entry in counts.items()}


def reviewed_fingerprints(session: Session, item_kind: str | None = None) -> set[str]:
    query = select(Review.fingerprint)
    if item_kind:
        query = query.where(Review.item_kind == item_kind)
    return set(session.scalars(query))


def reviews(
    session: Session, statuses: tuple[str, ...] = STATUSES, item_kind: str | None = None
) -> list[tuple[Review, str]]:
    """Reviews of these statuses with their reviewer's name, the latest first."""
    query = (
        select(Review, User.name)
        .join(User, User.id == Review.reviewed_by)
        .where(Review.status.in_(statuses))
        .order_by(Review.reviewed_at.desc(), Review.id.desc())
    )
    if item_kind:
        query = query.where(Review.item_kind == item_kind)
    return [(review, name) for review, name in session.execute(query).all()]


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One line of the audit trail, as ``vigie review log`` and ``/revue/journal`` show it."""

    id: int
    at: dt.datetime
    user: str
    email: str
    action: str
    item_kind: str
    fingerprint: str
    document_sha256: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": iso_utc(self.at),
            "user": self.user,
            "email": self.email,
            "action": self.action,
            "item_kind": self.item_kind,
            "fingerprint": self.fingerprint,
            "document_sha256": self.document_sha256,
            "before": self.before,
            "after": self.after,
        }


def journal(session: Session, limit: int = 100, offset: int = 0) -> tuple[int, list[JournalEntry]]:
    """(how many actions, the page asked for), the latest first."""
    from sqlalchemy import func

    total = session.scalar(select(func.count()).select_from(ReviewEvent)) or 0
    rows = session.execute(
        select(ReviewEvent, User.name, User.email)
        .join(User, User.id == ReviewEvent.user_id)
        .order_by(ReviewEvent.at.desc(), ReviewEvent.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return total, [
        JournalEntry(
            event.id,
            event.at,
            name,
            email,
            event.action,
            event.item_kind,
            event.fingerprint,
            event.document_sha256,
            event.before,
            event.after,
        )
        for event, name, email in rows
    ]
