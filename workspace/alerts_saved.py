"""Saved searches made, listed, removed and unsubscribed: what the CLI and the web call.

A saved search is made from a ``/search`` URL or its query string (``create_saved_search``): it
is checked by the page's own code (``search.url_params``) and stored in the page's order,
without the page number, so that a saved search means what the page showed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.db import iso_utc, utcnow
from search.url_params import PER_PAGE, BadSearch, SearchParams, parse_search_url
from workspace.alerts import AlertDigest, DigestStatus, Frequency, SavedSearch
from workspace.models import User

MAX_NAME_LENGTH = 200


class AlertError(ValueError):
    """A saved search that cannot be made or found (one line, for the user)."""


@dataclass(frozen=True, slots=True)
class SavedSearchView:
    """A saved search as ``vigie alerts list`` shows it (its token stays out: it is a secret)."""

    id: int
    name: str
    owner: str  # the owner's e-mail
    search: str  # the /search URL's query string
    recipient: str
    frequency: str
    active: bool
    checked_until: dt.datetime
    created_at: dt.datetime
    digests_sent: int

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "owner": self.owner,
            "url": search_path(self.search),
            "recipient": self.recipient,
            "frequency": self.frequency,
            "active": self.active,
            "checked_until": iso_utc(self.checked_until),
            "created_at": iso_utc(self.created_at),
            "digests_sent": self.digests_sent,
        }


def search_path(search: str) -> str:
    """The saved search's page: ``/search?…``."""
    return f"/search?{search}" if search else "/search"


def saved_query_string(params: SearchParams) -> str:
    """What a saved search stores of a search: its filters, in the page's order, page aside."""
    return urlencode(replace(params, page=1, per_page=PER_PAGE).pairs())


def create_saved_search(
    session: Session,
    user: User,
    name: str,
    url: str,
    frequency: Frequency = Frequency.DAILY,
    recipient: str | None = None,
    now: dt.datetime | None = None,
) -> SavedSearch:
    """Save the search of ``url`` (a ``/search`` URL, or a request's query string) for ``user``,
    its digest to ``recipient`` (the owner's address by default); flushed, not committed.
    Raises ``BadSearch`` (French, as the page says it) or ``AlertError``."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME_LENGTH:
        raise AlertError(f"a saved search needs a name of 1 to {MAX_NAME_LENGTH} characters")
    params = parse_search_url(url)
    if not params.filtered:
        raise BadSearch("Une alerte suit une recherche : donnez des mots ou au moins un filtre.")
    address = (recipient or user.email).strip().lower()
    if "@" not in address or len(address) > 320 or any(c.isspace() for c in address):
        raise AlertError(f"not an e-mail address: {address!r}")
    moment = now or utcnow()
    saved = SavedSearch(
        user_id=user.id,
        name=name,
        search=saved_query_string(params),
        recipient=address,
        frequency=Frequency(frequency).value,
        checked_until=moment,
        created_at=moment,
        updated_at=moment,
    )
    session.add(saved)
    session.flush()
    return saved


def user_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise AlertError(f"no account for {email!r}; create it with 'vigie users add'")
    return user


def list_saved_searches(session: Session) -> list[SavedSearchView]:
    sent = (
        select(AlertDigest.saved_search_id, func.count().label("sent"))
        .where(AlertDigest.status == DigestStatus.SENT.value)
        .group_by(AlertDigest.saved_search_id)
        .subquery()
    )
    rows = session.execute(
        select(SavedSearch, User.email, func.coalesce(sent.c.sent, 0))
        .join(User, User.id == SavedSearch.user_id)
        .outerjoin(sent, sent.c.saved_search_id == SavedSearch.id)
        .order_by(SavedSearch.id)
    ).all()
    return [
        SavedSearchView(
            saved.id,
            saved.name,
            owner,
            saved.search,
            saved.recipient,
            saved.frequency,
            saved.active,
            saved.checked_until,
            saved.created_at,
            count,
        )
        for saved, owner, count in rows
    ]


def remove_saved_search(session: Session, saved_search_id: int) -> SavedSearch:
    """Delete a saved search and its digests' record; flushed, not committed."""
    saved = session.get(SavedSearch, saved_search_id)
    if saved is None:
        raise AlertError(f"no saved search {saved_search_id}; see 'vigie alerts list'")
    session.query(AlertDigest).filter(AlertDigest.saved_search_id == saved.id).delete()
    session.delete(saved)
    session.flush()
    return saved


def by_token(session: Session, token: str) -> SavedSearch | None:
    """The saved search of a feed's or unsubscription's secret, if any."""
    if not token or len(token) > 64:
        return None
    return session.scalar(select(SavedSearch).where(SavedSearch.token == token))


def unsubscribe(session: Session, saved: SavedSearch, now: dt.datetime | None = None) -> None:
    """No more digests (the feed stays); flushed, not committed. Idempotent."""
    if saved.active:
        saved.active = False
        saved.unsubscribed_at = now or utcnow()
        session.flush()


def any_placed(session: Session) -> bool:
    """Whether an active saved search names a place (its run needs the registry's places)."""
    searches = session.scalars(select(SavedSearch.search).where(SavedSearch.active))
    return any(names_a_place(search) for search in searches)


def names_a_place(search: str) -> bool:
    """Whether a saved search names a place (its records need the registry's places)."""
    try:
        return parse_search_url(search).placed
    except BadSearch:  # a search this Vigie no longer reads: its run says so
        return False
