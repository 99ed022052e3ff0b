"""Read texts to (re)tag and replace a document's mentions (and acts, date), for ``vigie retag``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session

from archive.bulk import act_columns
from archive.decisions import replace_records
from archive.models import Act, Document, DocumentUrl, Mention
from archive.records import ActesInfo, ActRecord, DecisionRecord, MentionRecord
from archive.store import ArchiveStore, add_mentions, replace_acts

BATCH_SIZE = 200
MentionKey = tuple[str, str, int, int, str | None]


def _not_tagged_with(version: str) -> ColumnElement[bool]:
    return or_(Document.tagged_with.is_(None), Document.tagged_with != version)


def count_to_tag(store: ArchiveStore, version: str, everything: bool = False) -> int:
    query = select(func.count(Document.id))
    if not everything:
        query = query.where(_not_tagged_with(version))
    with store.session() as session:
        return session.scalar(query) or 0


@dataclass(frozen=True, slots=True)
class StoredText:
    """What a crawl read a document's analysis from: its text, title and first URL.

    ``listing_date`` is the date a listing (an SCDL row) gave for it, which a crawl keeps when
    the document itself names none.
    """

    id: int
    text: str
    paged: bool
    doc_type: str
    title: str | None
    url: str = ""
    listing_date: dt.date | None = None


def texts_to_tag(store: ArchiveStore, version: str, everything: bool = False) -> Iterator[StoredText]:
    """The texts of documents not tagged with ``version`` (or all), in batches."""
    last_id = 0
    while True:
        query = select(Document.id, Document.text, Document.kind, Document.doc_type, Document.title).where(
            Document.id > last_id
        )
        if not everything:
            query = query.where(_not_tagged_with(version))
        with store.session() as session:
            rows = session.execute(query.order_by(Document.id).limit(BATCH_SIZE)).all()
            urls = _first_urls(session, [row.id for row in rows])
        if not rows:
            return
        yield from (
            StoredText(
                row.id, row.text, row.kind == "pdf", row.doc_type, row.title, *urls.get(row.id, ("", None))
            )
            for row in rows
        )
        last_id = rows[-1].id


def _first_urls(session: Session, ids: list[int]) -> dict[int, tuple[str, dt.date | None]]:
    """Each document's first URL (the one its crawl read a date from) and its listing's date."""
    found: dict[int, tuple[str, dt.date | None]] = {}
    if not ids:
        return found
    query = (
        select(DocumentUrl.document_id, DocumentUrl.url, DocumentUrl.listing)
        .where(DocumentUrl.document_id.in_(ids))
        .order_by(DocumentUrl.document_id, DocumentUrl.first_seen_at, DocumentUrl.id)
    )
    for document_id, url, listing in session.execute(query):
        first_url, listed = found.get(document_id, (url, None))
        found[document_id] = (first_url, listed or _listing_date(listing))
    return found


def _listing_date(listing: dict[str, str] | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((listing or {}).get("date") or "")
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class Replaced:
    """What replacing a document's analysis changed: mention keys before and after, and whether
    its date (with ``date_source``) and its acts changed."""

    old: Counter[MentionKey]
    new: Counter[MentionKey]
    date_changed: bool = False
    acts_changed: bool = False


def replace_mentions(
    store: ArchiveStore,
    document_id: int,
    mentions: list[MentionRecord],
    version: str,
    structure: tuple[ActesInfo, list[ActRecord]] | None = None,
) -> tuple[Counter[MentionKey], Counter[MentionKey]]:
    """Swap a document's mentions for new ones; returns the old and new mention keys.

    With ``structure`` (its ACTES fields and acts, read again from its text), the document's
    acts are replaced first, so that the new mentions link to them.
    """
    replaced = replace_analysis(store, document_id, mentions, version, structure)
    return replaced.old, replaced.new


def replace_analysis(
    store: ArchiveStore,
    document_id: int,
    mentions: list[MentionRecord],
    version: str,
    structure: tuple[ActesInfo, list[ActRecord]] | None = None,
    date: tuple[dt.date | None, str | None] | None = None,
    records: tuple[list[DecisionRecord], str] | None = None,
) -> Replaced:
    """Swap a document's mentions (and, when given, its acts and its date) in one transaction.

    ``records`` are the decision records read again, with the readers' version.
    ``date`` is the ``(date, date_source)`` read again from the document; the report of
    ``vigie retag`` counts the documents whose date or acts this changed, so the old ones are
    compared before they are replaced.
    """
    date_changed = acts_changed = False
    with store.session() as session, session.begin():
        old = Counter(
            (m.category, m.term, m.start, m.end, m.stance)
            for m in session.scalars(select(Mention).where(Mention.document_id == document_id))
        )
        session.execute(delete(Mention).where(Mention.document_id == document_id))
        document = session.get(Document, document_id)
        if document is not None and structure is not None:
            actes, acts = structure
            for name, value in dataclasses.asdict(actes).items():
                setattr(document, name, value)
            acts_changed = _stored_acts(session, document_id) != [act_columns(act) for act in acts]
            replace_acts(session, document_id, acts)
        if document is not None and date is not None:
            date_changed = (document.date, document.date_source) != date
            document.date, document.date_source = date
        add_mentions(session, document_id, mentions, version)
        if document is not None:
            document.tagged_with = version
        if document is not None and records is not None:
            replace_records(session, document_id, *records)
    new = Counter((m.category, m.term, m.start, m.end, m.stance) for m in mentions)
    return Replaced(old, new, date_changed, acts_changed)


def _stored_acts(session: Session, document_id: int) -> list[dict[str, object]]:
    """A document's stored acts as the columns ``act_columns`` gives for new ones, in order."""
    query = select(Act).where(Act.document_id == document_id).order_by(Act.seq)
    return [{name: getattr(act, name) for name in _ACT_COLUMNS} for act in session.scalars(query)]


# The column names of an act (its fields and ACTES columns), read from an empty act.
_ACT_COLUMNS = tuple(
    act_columns(
        ActRecord(seq=1, kind="item", number=None, title=None, start=0, end=0, page_start=None, page_end=None)
    )
)
