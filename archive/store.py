"""The archive's repository: record fetched documents and crawl runs, keyed by content hash."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from archive import bulk
from archive.db import ArchiveError, DatabaseLocation, make_engine
from archive.files import ContentStore
from archive.models import Act, CrawlRun, Document, DocumentUrl, Mention
from archive.records import ActRecord, FetchOutcome, FetchRecord, MentionRecord
from archive.schema import init_schema

# Writes of one document are tried this many times when another writer races them.
_ATTEMPTS = 3
# PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply run again.
_TRANSIENT = {"40P01", "40001"}


def _sqlstate(exc: OperationalError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


class ArchiveStore:
    """Opens (and creates when needed) an archive, and writes into it.

    Every write is its own short transaction, so an interrupted crawl keeps everything it
    archived before the interruption.
    """

    def __init__(self, location: DatabaseLocation) -> None:
        self.location = location
        self.engine = make_engine(location)
        init_schema(self.engine)
        self.files = ContentStore(location.files_dir)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()

    # -- documents ---------------------------------------------------------------------------

    def record(self, fetched: FetchRecord) -> FetchOutcome:
        """Archive one fetched document; never overwrites an earlier version."""
        self._put_file(fetched)
        for _ in range(_ATTEMPTS - 1):
            try:
                return self._record_row(fetched)
            except (IntegrityError, OperationalError) as exc:
                # Another writer (a crawl of another source, on PostgreSQL) inserted the same
                # content, URL or site meanwhile, or the server broke a deadlock between two
                # such writers: the next attempt sees what it committed.
                if isinstance(exc, OperationalError) and _sqlstate(exc) not in _TRANSIENT:
                    raise
        return self._record_row(fetched)

    def record_many(self, records: Sequence[FetchRecord]) -> list[FetchOutcome]:
        """Archive documents in one transaction (a crawl's batch); outcomes in the same order.

        The outcomes are those of ``record`` called on each in turn (``archive.bulk`` explains
        how new documents are inserted together). All or nothing: on an error nothing of the
        batch is in the database, and the caller may fall back to ``record`` one by one.
        """
        for fetched in records:
            self._put_file(fetched)
        outcomes: list[FetchOutcome | None] = [None] * len(records)
        with self.session() as session, session.begin():
            fresh = bulk.new_pairs(session, records)
            new = bulk.insert_new(session, [records[index] for index in fresh])
            for index, outcome in zip(fresh, new, strict=True):
                outcomes[index] = outcome
            for index, fetched in enumerate(records):
                if outcomes[index] is None:
                    outcomes[index] = self._record_in(session, fetched)
        return [outcome for outcome in outcomes if outcome is not None]

    def _put_file(self, fetched: FetchRecord) -> None:
        try:
            self.files.put(fetched.sha256, fetched.fetch.body)
        except OSError as exc:
            raise ArchiveError(f"cannot write original file: {exc}") from exc

    def _record_row(self, fetched: FetchRecord) -> FetchOutcome:
        with self.session() as session, session.begin():
            return self._record_in(session, fetched)

    def _record_in(self, session: Session, fetched: FetchRecord) -> FetchOutcome:
        fetch = fetched.fetch
        now = fetch.fetched_at
        latest = latest_link(session, fetch.url)
        document = session.scalars(select(Document).where(Document.sha256 == fetched.sha256)).first()
        content_is_new = document is None
        if document is None:
            (document_id,) = bulk.insert_documents(session, [fetched])
            document = session.get_one(Document, document_id)
        else:
            document.last_seen_at = max(document.last_seen_at, now)
            document.fetched_at = now
        link = session.scalars(
            select(DocumentUrl).where(DocumentUrl.document_id == document.id, DocumentUrl.url == fetch.url)
        ).first()
        if link is None:
            link_is_new = True
            link = DocumentUrl(document=document, url=fetch.url, first_seen_at=now)
            session.add(link)
        else:
            link_is_new = False
        mark_seen(link, now, fetch.source_slug, fetch.etag, fetch.last_modified)
        if fetch.listing:
            link.listing = fetch.listing
        if latest is not None and latest.document_id != document.id:
            # The URL serves other content: a new version; the old one is kept, marked.
            latest.replaced_at = latest.replaced_at or now
            link.replaced_at = None
            session.flush()
            _refresh_latest(session, fetch.url)
            return FetchOutcome.CHANGED
        document.is_latest = True  # it is the latest version at this URL
        if content_is_new:
            return FetchOutcome.NEW
        return FetchOutcome.DUPLICATE if link_is_new else FetchOutcome.UNCHANGED

    # -- crawl runs (written by archive.runs) ----------------------------------------------

    def get_run(self, run_id: int) -> CrawlRun:
        try:
            with self.session() as session:
                run = session.get(CrawlRun, run_id)
        except SQLAlchemyError as exc:
            raise ArchiveError(f"cannot read crawl run {run_id}: {exc}") from exc
        if run is None:
            raise ArchiveError(f"crawl run {run_id} does not exist")
        return run

    def latest_run_id(self) -> int | None:
        with self.session() as session:
            return session.scalar(select(CrawlRun.id).order_by(CrawlRun.id.desc()).limit(1))


def latest_link(session: Session, url: str) -> DocumentUrl | None:
    """The newest version of a URL: its link with the newest ``last_seen_at``."""
    return session.scalars(
        select(DocumentUrl)
        .where(DocumentUrl.url == url)
        .order_by(DocumentUrl.last_seen_at.desc(), DocumentUrl.id.desc())
        .limit(1)
    ).first()


def mark_seen(
    link: DocumentUrl, now: dt.datetime, source_slug: str | None, etag: str | None, last_modified: str | None
) -> None:
    """A URL answered with this version (200 with its bytes, or 304): seen now, validators kept."""
    link.last_seen_at = now
    link.removed_at = None  # it answers again
    link.etag = etag or link.etag
    link.last_modified = last_modified or link.last_modified
    link.source_slug = source_slug or link.source_slug


def _refresh_latest(session: Session, url: str) -> None:
    """After a URL changed content: a document is latest while it is the newest at one of its URLs."""
    documents = {link.document for link in session.scalars(select(DocumentUrl).where(DocumentUrl.url == url))}
    for document in documents:
        document.is_latest = any(_newest_at(session, link.url) == document.id for link in document.urls)


def _newest_at(session: Session, url: str) -> int | None:
    link = latest_link(session, url)
    return link.document_id if link is not None else None


def add_mentions(session: Session, document_id: int, mentions: list[MentionRecord], version: str) -> None:
    """Add a document's mentions, each linked to the act it falls in (if the document has acts)."""
    acts = session.execute(
        select(Act.start, Act.end, Act.id).where(Act.document_id == document_id).order_by(Act.start)
    ).all()
    for mention in mentions:
        act_id = bulk.act_containing(acts, mention.start)
        session.add(
            Mention(
                document_id=document_id, lexicon_version=version, act_id=act_id, **dataclasses.asdict(mention)
            )
        )


def replace_acts(session: Session, document_id: int, acts: list[ActRecord]) -> None:
    """Set a document's acts (its mentions must be added, or re-added, afterwards)."""
    session.execute(update(Mention).where(Mention.document_id == document_id).values(act_id=None))
    session.execute(delete(Act).where(Act.document_id == document_id))
    for act in acts:
        session.add(Act(document_id=document_id, **bulk.act_columns(act)))
    session.flush()
