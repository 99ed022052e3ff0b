"""The history of a URL, for incremental re-crawls.

Before a request, the crawl asks what the archive last saw at the URL (``previous_version``)
to make the request conditional, but only for a URL in the snapshot of archived URLs taken when
it started (``KnownUrls``): a URL never archived costs no query. On 304 Not Modified it only
``touch``es the URL; on 404/410 after the URL was seen it records the removal (``mark_removed``). New content at a known URL
is recorded by ``ArchiveStore.record`` as a new version, the old one kept with ``replaced_at``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select

from archive.models import Document, DocumentUrl
from archive.store import ArchiveStore, latest_link, mark_seen


@dataclass(frozen=True, slots=True)
class PreviousVersion:
    """What the archive holds for a URL: its newest version and the validators it came with."""

    sha256: str
    kind: str  # html, pdf, … (an HTML page's body is needed again to follow its links)
    size: int
    etag: str | None
    last_modified: str | None
    removed: bool


class KnownUrls:
    """The URLs the archive held when the crawl started, to skip the look-up of every new URL.

    Most of a first crawl's URLs, and every new link of a nightly one, were never archived;
    asking the database about each one, in the reactor thread, cost about a tenth of a crawl's
    main process. The snapshot keeps each URL's Python hash only (an int, about 60 bytes per URL
    with the set's slot: 60 MB for a million URLs), so a collision costs one needless query and
    nothing else. URLs archived after the snapshot are not in it: their request goes out
    unconditional, which is what it was before this run archived them anyway.
    """

    __slots__ = ("_hashes",)

    def __init__(self, urls: Iterable[str]) -> None:
        self._hashes = {hash(url) for url in urls}

    @classmethod
    def of(cls, store: ArchiveStore) -> KnownUrls:
        with store.session() as session:
            return cls(session.scalars(select(DocumentUrl.url)))

    def __contains__(self, url: str) -> bool:
        return hash(url) in self._hashes

    def __len__(self) -> int:
        return len(self._hashes)


def previous_version(store: ArchiveStore, url: str) -> PreviousVersion | None:
    with store.session() as session:
        row = session.execute(
            select(
                Document.sha256,
                Document.kind,
                Document.size,
                DocumentUrl.etag,
                DocumentUrl.last_modified,
                DocumentUrl.removed_at,
            )
            .join(Document, Document.id == DocumentUrl.document_id)
            .where(DocumentUrl.url == url)
            .order_by(DocumentUrl.last_seen_at.desc(), DocumentUrl.id.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return PreviousVersion(row[0], row[1], row[2], row[3], row[4], row[5] is not None)


def touch(
    store: ArchiveStore,
    url: str,
    seen_at: dt.datetime,
    source_slug: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> str | None:
    """The URL still serves its latest version (304, or the same bytes): seen now.

    Returns that version's sha256, or None when the archive does not know the URL.
    """
    with store.session() as session, session.begin():
        link = latest_link(session, url)
        if link is None:
            return None
        mark_seen(link, seen_at, source_slug, etag, last_modified)
        link.document.last_seen_at = max(link.document.last_seen_at, seen_at)
        return link.document.sha256


REMOVED_NOW, REMOVED_BEFORE, NEVER_SEEN = "removed", "already_removed", "never_seen"


def mark_removed(store: ArchiveStore, url: str, when: dt.datetime) -> str:
    """A URL answers 404/410: ``removed`` (news), ``already_removed``, or ``never_seen`` (an error)."""
    with store.session() as session, session.begin():
        link = latest_link(session, url)
        if link is None:
            return NEVER_SEEN
        if link.removed_at is not None:
            return REMOVED_BEFORE
        link.removed_at = when
        return REMOVED_NOW


def known_document_urls(store: ArchiveStore, source_slug: str | None, hosts: list[str]) -> list[str]:
    """URLs of documents (not HTML pages) still online at the last crawl, of a source or hosts.

    A re-crawl requests them again even when no page links to them any more: that is how a
    deliberation silently taken down (404/410) or replaced is noticed.
    """
    query = (
        select(DocumentUrl.url)
        .join(Document, Document.id == DocumentUrl.document_id)
        .where(DocumentUrl.removed_at.is_(None), DocumentUrl.replaced_at.is_(None), Document.kind != "html")
    )
    if source_slug is not None:
        query = query.where(DocumentUrl.source_slug == source_slug)
    else:
        host_patterns = [
            DocumentUrl.url.like(f"{scheme}://{host}/%") for host in hosts for scheme in ("http", "https")
        ]
        if not host_patterns:
            return []
        query = query.where(or_(*host_patterns))
    with store.session() as session:
        return sorted(set(session.scalars(query)))
