"""``vigie alerts send``: the digest of every saved search that is due, each e-mail recorded.

Idempotent and resumable: each saved search is done in its own transactions, in id order. Its
digest is recorded *pending* before it leaves; the server's answer and the window's end
(``checked_until``) are recorded together once it has left. A run stopped anywhere never sends
a recorded digest again and never skips one: the saved searches it did not reach are due next
run, over a window that starts where their last digest ended. A digest the server refused is
recorded *failed* and its window stays open: the next run sends its news with what came since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.db import utcnow
from search import Searcher, SearchError
from search.record_places import RecordPlaces
from search.url_params import BadSearch
from workspace.alerts import AlertDigest, DigestStatus, SavedSearch
from workspace.alerts_digest import Digest, build_digest
from workspace.alerts_mail import DigestLinks, compose
from workspace.alerts_saved import names_a_place
from workspace.alerts_smtp import SmtpError
from workspace.db import Workspace


class Mailer(Protocol):
    def send(self, message: EmailMessage, recipient: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one due saved search."""

    saved_search_id: int
    name: str
    recipient: str
    status: str  # "sent", "failed", "nothing new", "would send" (a dry run)
    documents: int = 0
    records: int = 0
    answer: str | None = None  # the SMTP server's answer, or why it failed
    unreachable: bool = False  # the SMTP server failed: the run stops there

    def line(self) -> str:
        counts = f"{self.documents} document(s), {self.records} record(s)"
        answer = f": {self.answer}" if self.answer else ""
        return f"#{self.saved_search_id} {self.name} → {self.recipient}: {self.status} ({counts}){answer}"


@dataclass
class SendReport:
    outcomes: list[Outcome] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped before the end (the SMTP server failed)

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    @property
    def failed(self) -> bool:
        return self.stopped is not None or self.count("failed") > 0

    def summary(self) -> str:
        parts = [
            f"{self.count(status)} {status}"
            for status in ("sent", "would send", "failed", "nothing new")
            if self.count(status)
        ]
        return f"alerts: {len(self.outcomes)} due" + (f" ({', '.join(parts)})" if parts else "")


def send_digests(
    workspace: Workspace,
    searcher: Searcher,
    public_url: str,
    mailer: Mailer | None,
    sender: str = "",
    now: dt.datetime | None = None,
    record_places: Callable[[], RecordPlaces] | None = None,
) -> SendReport:
    """Send, from ``sender``, the digest of every saved search due at ``now`` (UTC, naive).
    Without ``mailer``, a dry run: nothing is sent nor recorded. ``record_places`` gives the
    registry's places of records (asked for only when a due search is about a place)."""
    moment = now or utcnow()
    base = public_url.rstrip("/")
    report = SendReport()
    with workspace.session() as session:
        active = session.scalars(select(SavedSearch).where(SavedSearch.active).order_by(SavedSearch.id))
        due = [saved.id for saved in active if saved.due(moment)]
    for saved_search_id in due:
        with workspace.session() as session:
            saved = session.get(SavedSearch, saved_search_id)
            if saved is None or not saved.due(moment) or moment <= saved.checked_until:
                continue  # removed, unsubscribed or sent by another run meanwhile
            places = record_places() if record_places is not None and names_a_place(saved.search) else None
            try:
                digest = build_digest(searcher, saved.search, saved.checked_until, moment, places)
            except (BadSearch, SearchError) as exc:  # a search this Vigie no longer reads
                report.outcomes.append(
                    Outcome(saved.id, saved.name, saved.recipient, "failed", answer=str(exc))
                )
                continue
            if digest.empty:
                if mailer is not None:
                    saved.checked_until = moment
                    session.commit()
                report.outcomes.append(_outcome(saved, digest, "nothing new"))
            elif mailer is None:
                report.outcomes.append(_outcome(saved, digest, "would send"))
            else:
                links = DigestLinks(base, saved.search, saved.token)
                outcome = _send(session, saved, digest, links, mailer, sender)
                report.outcomes.append(outcome)
                if outcome.unreachable:
                    report.stopped = outcome.answer
                    break
    return report


def _send(
    session: Session, saved: SavedSearch, digest: Digest, links: DigestLinks, mailer: Mailer, sender: str
) -> Outcome:
    row = session.scalar(
        select(AlertDigest).where(
            AlertDigest.saved_search_id == saved.id, AlertDigest.status == DigestStatus.PENDING.value
        )
    )
    if row is None:  # else an interrupted digest: sent again under its Message-ID
        row = AlertDigest(saved_search_id=saved.id)
        session.add(row)
    row.window_start, row.window_end = digest.start, digest.end
    row.recipient = saved.recipient
    row.documents, row.records = digest.documents_total, digest.records_total
    row.status, row.smtp_answer, row.sent_at = DigestStatus.PENDING.value, None, None
    session.commit()
    message_id = f"vigie-alerte-{saved.id}-{row.id}"
    message = compose(digest, saved.name, links, sender, saved.recipient, message_id, digest.end)
    try:
        answer = mailer.send(message, saved.recipient)
    except SmtpError as exc:
        row.status, row.smtp_answer = DigestStatus.FAILED.value, str(exc)
        session.commit()
        return _outcome(saved, digest, "failed", str(exc), exc.unreachable)
    row.status, row.smtp_answer, row.sent_at = DigestStatus.SENT.value, answer, utcnow()
    saved.checked_until = digest.end
    session.commit()  # the answer and the window's end, together
    return _outcome(saved, digest, "sent", answer)


def _outcome(
    saved: SavedSearch, digest: Digest, status: str, answer: str | None = None, unreachable: bool = False
) -> Outcome:
    return Outcome(
        saved.id,
        saved.name,
        saved.recipient,
        status,
        digest.documents_total,
        digest.records_total,
        answer,
        unreachable,
    )
