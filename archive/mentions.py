"""Read texts to (re)tag and replace a document's mentions, for ``vigie retag``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from sqlalchemy import ColumnElement, delete, func, or_, select

from archive.models import Document, Mention
from archive.records import MentionRecord
from archive.store import ArchiveStore, add_mentions

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


def texts_to_tag(
    store: ArchiveStore, version: str, everything: bool = False
) -> Iterator[tuple[int, str, bool]]:
    """``(document id, text, paged)`` of documents not tagged with ``version`` (or all)."""
    last_id = 0
    while True:
        query = select(Document.id, Document.text, Document.kind).where(Document.id > last_id)
        if not everything:
            query = query.where(_not_tagged_with(version))
        with store.session() as session:
            rows = session.execute(query.order_by(Document.id).limit(BATCH_SIZE)).all()
        if not rows:
            return
        yield from ((row.id, row.text, row.kind == "pdf") for row in rows)
        last_id = rows[-1].id


def replace_mentions(
    store: ArchiveStore, document_id: int, mentions: list[MentionRecord], version: str
) -> tuple[Counter[MentionKey], Counter[MentionKey]]:
    """Swap a document's mentions for new ones; returns the old and new mention keys."""
    with store.session() as session, session.begin():
        old = Counter(
            (m.category, m.term, m.start, m.end, m.stance)
            for m in session.scalars(select(Mention).where(Mention.document_id == document_id))
        )
        session.execute(delete(Mention).where(Mention.document_id == document_id))
        add_mentions(session, document_id, mentions, version)
        document = session.get(Document, document_id)
        if document is not None:
            document.tagged_with = version
    new = Counter((m.category, m.term, m.start, m.end, m.stance) for m in mentions)
    return old, new
