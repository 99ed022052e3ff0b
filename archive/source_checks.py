"""Which start pages answered: the results of ``vigie sources check``, kept with their history.

A crawl of many sources plans around them (``vigie crawl --all`` skips a source whose latest
check failed); ``vigie sources list --format json`` shows each source's latest one. A source is
judged on its latest check only, and it answered when any of its start URLs did (as a crawl
calls a source failed only when all its start pages failed). A source never checked is not
known to be dead: it has no entry here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from archive.db import DatabaseLocation, archive_exists, iso_utc
from archive.errors import OlderSchemaError
from archive.models import SourceCheck


class CheckedUrl(Protocol):
    """One start URL's result, as ``crawler.sources.check.UrlCheck`` gives it."""

    @property
    def slug(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def status(self) -> int | None: ...
    @property
    def final_url(self) -> str | None: ...
    @property
    def error(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class LastCheck:
    """A source's latest check: when, whether a start URL answered, and its HTTP status."""

    checked_at: dt.datetime
    ok: bool
    status: int | None  # of the URL that answered, else of the first one checked

    def to_dict(self) -> dict[str, Any]:
        """``last_check`` of ``vigie sources list --format json`` (extend, never rename)."""
        return {"checked_at": iso_utc(self.checked_at), "ok": self.ok, "status": self.status}


def record_checks(session: Session, checks: Sequence[CheckedUrl], checked_at: dt.datetime) -> None:
    """Add one row per checked URL, all at ``checked_at``, in the caller's transaction."""
    session.add_all(
        SourceCheck(
            slug=check.slug,
            url=check.url,
            checked_at=checked_at,
            ok=check.ok,
            status=check.status,
            final_url=check.final_url,
            error=check.error,
        )
        for check in checks
    )


def latest_in(session: Session) -> dict[str, LastCheck]:
    """Every checked source's latest check, in one query (``sources list`` lists 21,000)."""
    latest = (
        select(SourceCheck.slug, func.max(SourceCheck.checked_at).label("at"))
        .group_by(SourceCheck.slug)
        .subquery()
    )
    rows = session.execute(
        select(SourceCheck.slug, SourceCheck.checked_at, SourceCheck.ok, SourceCheck.status)
        .join(latest, and_(SourceCheck.slug == latest.c.slug, SourceCheck.checked_at == latest.c.at))
        .order_by(SourceCheck.id)
    )
    found: dict[str, LastCheck] = {}
    for slug, checked_at, ok, status in rows:
        known = found.get(slug)
        if known is None or (ok and not known.ok):
            found[slug] = LastCheck(checked_at, bool(ok), status)
    return found


def latest_checks(location: DatabaseLocation) -> dict[str, LastCheck]:
    """The latest checks in the archive at ``location``, read only; none without an archive.

    Planning never creates an archive (``vigie crawl --plan`` opens none), and an archive older
    than schema version 5 has no checks yet: both mean "never checked", not "dead".
    """
    from archive.reader import ArchiveReader

    if not archive_exists(location):
        return {}
    try:
        reader = ArchiveReader(location)
    except OlderSchemaError:
        return {}
    try:
        with reader.session() as session:
            return latest_in(session)
    finally:
        reader.close()


def unanswered(checks: dict[str, LastCheck]) -> dict[str, LastCheck]:
    """The sources whose latest check failed: ``vigie crawl`` skips them."""
    return {slug: check for slug, check in checks.items() if not check.ok}


def dates(checks: Sequence[LastCheck]) -> str:
    """``2026-12-01``, or ``2026-11-30 to 2026-12-01`` when the checks span days."""
    days = sorted({check.checked_at.date() for check in checks})
    if not days:
        return ""
    return days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()} to {days[-1].isoformat()}"
