"""Decision records in the archive: replace a document's, and find those to (re)build.

A document's records are written with it (``archive.bulk.insert_records``); when its mentions
or acts change (``vigie retag``, OCR) or the readers improve, they are replaced as a whole,
in the same transaction as what they were read from. Reading them (filters, views, evidence,
related records) is ``archive.record_queries``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from archive.bulk import record_columns
from archive.models import Act, DecisionRow, Document, Mention
from archive.records import ACT_FIELDS, ActRecord, DecisionRecord, MentionRecord
from archive.store import ArchiveStore


def replace_records(
    session: Session, document_id: int, records: list[DecisionRecord], built_with: str
) -> None:
    """Set a document's records (its acts must be in place: records link to them by ``seq``)."""
    session.execute(delete(DecisionRow).where(DecisionRow.document_id == document_id))
    act_ids = dict(session.execute(select(Act.seq, Act.id).where(Act.document_id == document_id)).all())
    for decision in records:
        act_id = act_ids.get(decision.act_seq) if decision.act_seq is not None else None
        session.add(
            DecisionRow(
                document_id=document_id, act_id=act_id, built_with=built_with, **record_columns(decision)
            )
        )


@dataclass(frozen=True, slots=True)
class DocumentToRead:
    """What the record readers need of an archived document."""

    id: int
    text: str
    title: str | None
    date: dt.date | None
    acts: list[ActRecord]
    mentions: list[MentionRecord]
    date_source: str | None = None  # where the date was read (``pipelines.dates.find_date``)


def documents_to_read(
    store: ArchiveStore, version: str, everything: bool = False
) -> Iterator[DocumentToRead]:
    """Documents with mentions whose records were not built by ``version`` (or all of them),
    one short session each so that a long rebuild never holds the archive."""
    stale = (
        ~select(DecisionRow.id)
        .where(DecisionRow.document_id == Document.id, DecisionRow.built_with == version)
        .exists()
    )
    has_mentions = select(Mention.id).where(Mention.document_id == Document.id).exists()
    query = select(Document.id).where(has_mentions).order_by(Document.id)
    if not everything:
        query = query.where(stale)
    with store.session() as session:
        ids = list(session.scalars(query))
    for document_id in ids:
        with store.session() as session:
            document = session.get(
                Document, document_id, options=[selectinload(Document.acts), selectinload(Document.mentions)]
            )
            if document is None:
                continue
            yield DocumentToRead(
                id=document.id,
                text=document.text,
                title=document.title,
                date=document.date,
                date_source=document.date_source,
                acts=[
                    ActRecord(**{name: getattr(act, name) for name in ACT_FIELDS}) for act in document.acts
                ],
                mentions=[
                    MentionRecord(m.category, m.term, m.matched, m.start, m.end, m.page, m.context, m.stance)
                    for m in sorted(document.mentions, key=lambda m: m.start)
                ],
            )


def save_records(
    store: ArchiveStore, document_id: int, records: list[DecisionRecord], built_with: str
) -> int:
    with store.session() as session, session.begin():
        replace_records(session, document_id, records, built_with)
    return len(records)


# SQLite's integers are 64-bit: a larger id in a URL is no record, not a server error.
