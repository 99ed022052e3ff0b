"""Read texts to (re)tag and replace a document's mentions (and acts, date), for ``vigie retag``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session

from archive.bulk import act_columns
from archive.decisions import replace_records
from archive.models import Act, Document, DocumentUrl, Mention
from archive.records import FACT_FIELDS, ActRecord, Analysis, DecisionRecord, DocumentFacts, MentionRecord
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
    """What a crawl read a document's analysis from: its text, kind, facts and first URL.

    ``listing_date`` is the date a listing (an SCDL row) gave for it, which a crawl keeps when
    the document itself names none.
    """

    id: int
    text: str
    kind: str
    facts: DocumentFacts
    url: str = ""
    listing_date: dt.date | None = None

    @property
    def paged(self) -> bool:
        return self.kind == "pdf"

    @property
    def title(self) -> str | None:
        return self.facts.title

    @property
    def doc_type(self) -> str:
        return self.facts.doc_type


def texts_to_tag(store: ArchiveStore, version: str, everything: bool = False) -> Iterator[StoredText]:
    """The texts of documents not tagged with ``version`` (or all), in batches."""
    last_id = 0
    facts = [getattr(Document, name) for name in FACT_FIELDS]
    while True:
        query = select(Document.id, Document.text, Document.kind, *facts).where(Document.id > last_id)
        if not everything:
            query = query.where(_not_tagged_with(version))
        with store.session() as session:
            rows = session.execute(query.order_by(Document.id).limit(BATCH_SIZE)).all()
            urls = _first_urls(session, [row.id for row in rows])
        if not rows:
            return
        yield from (
            StoredText(
                row[0],
                row[1],
                row[2],
                DocumentFacts(**dict(zip(FACT_FIELDS, row[3:], strict=True))),
                *urls.get(row[0], ("", None)),
            )
            for row in rows
        )
        last_id = rows[-1][0]


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
    store: ArchiveStore, document_id: int, mentions: list[MentionRecord], version: str
) -> tuple[Counter[MentionKey], Counter[MentionKey]]:
    """Swap a document's mentions for new ones; returns the old and new mention keys."""
    replaced = replace_analysis(store, document_id, mentions, version)
    return replaced.old, replaced.new


def replace_analysis(
    store: ArchiveStore,
    document_id: int,
    mentions: list[MentionRecord],
    version: str,
    analysis: Analysis | None = None,
    records: tuple[list[DecisionRecord], str] | None = None,
) -> Replaced:
    """Swap a document's mentions (and, when given, what its text says: its facts, ACTES fields
    and acts, and its decision records with the readers' version) in one transaction.

    The report of ``vigie retag`` counts the documents whose date (with ``date_source``) or acts
    this changed, so the old ones are compared before they are replaced.
    """
    date_changed = acts_changed = False
    with store.session() as session, session.begin():
        old = Counter(
            (m.category, m.term, m.start, m.end, m.stance)
            for m in session.scalars(select(Mention).where(Mention.document_id == document_id))
        )
        session.execute(delete(Mention).where(Mention.document_id == document_id))
        document = session.get(Document, document_id)
        if document is not None and analysis is not None:
            date_changed = (document.date, document.date_source) != (analysis.date, analysis.date_source)
            for name, value in {**analysis.facts(), **analysis.actes.to_columns()}.items():
                setattr(document, name, value)
            acts_changed = _stored_acts(session, document_id) != [act_columns(act) for act in analysis.acts]
            replace_acts(session, document_id, analysis.acts)
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
