"""Read texts to (re)tag and replace a document's mentions (and acts), for ``vigie retag``."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, or_, select

from archive.models import Document, Mention
from archive.records import ActesInfo, ActRecord, MentionRecord
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
    id: int
    text: str
    paged: bool
    doc_type: str
    title: str | None


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
        if not rows:
            return
        yield from (StoredText(row.id, row.text, row.kind == "pdf", row.doc_type, row.title) for row in rows)
        last_id = rows[-1].id


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
            replace_acts(session, document_id, acts)
        add_mentions(session, document_id, mentions, version)
        if document is not None:
            document.tagged_with = version
    new = Counter((m.category, m.term, m.start, m.end, m.stance) for m in mentions)
    return old, new
