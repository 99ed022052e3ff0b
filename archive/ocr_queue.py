"""The OCR queue: archived scans waiting for their text, and saving the text OCR gives them.

A document is queued while ``needs_ocr`` is true. A failed attempt records ``ocr_error`` and
leaves the document queued, but ``vigie ocr`` only tries it again when asked
(``--retry-failed``): a nightly run should not spend its night on the same broken scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, select

from archive.decisions import replace_records
from archive.models import Document, DocumentUrl, Mention
from archive.records import FACT_FIELDS, Analysis, DecisionRecord, DocumentFacts, MentionRecord
from archive.store import ArchiveStore, add_mentions, replace_acts


@dataclass(frozen=True, slots=True)
class QueuedDocument:
    id: int
    sha256: str
    url: str
    kind: str
    pages: int
    facts: DocumentFacts  # as archived: OCR starts from them and saves them all back

    @property
    def title(self) -> str | None:
        return self.facts.title


def _queued(retry_failed: bool) -> ColumnElement[bool]:
    condition = Document.needs_ocr.is_(True)
    return condition if retry_failed else condition & Document.ocr_error.is_(None)


def count_queued(store: ArchiveStore, retry_failed: bool = False) -> tuple[int, int]:
    """Documents in the queue, and their pages."""
    with store.session() as session:
        row = session.execute(
            select(func.count(Document.id), func.coalesce(func.sum(Document.pages), 0)).where(
                _queued(retry_failed)
            )
        ).one()
    return row[0], row[1]


def queued_ids(store: ArchiveStore, retry_failed: bool = False) -> list[int]:
    """The ids of the queued documents, oldest first (one OCR job each for the workers)."""
    with store.session() as session:
        return list(session.scalars(select(Document.id).where(_queued(retry_failed)).order_by(Document.id)))


def count_failed(store: ArchiveStore) -> int:
    with store.session() as session:
        return (
            session.scalar(
                select(func.count(Document.id)).where(
                    Document.needs_ocr.is_(True), Document.ocr_error.is_not(None)
                )
            )
            or 0
        )


def queued_documents(
    store: ArchiveStore, limit: int | None = None, retry_failed: bool = False, ids: list[int] | None = None
) -> list[QueuedDocument]:
    """The queue, oldest first; ``ids``: only those documents (a worker's OCR job), if queued."""
    first_url = (
        select(DocumentUrl.url)
        .where(DocumentUrl.document_id == Document.id)
        .order_by(DocumentUrl.first_seen_at, DocumentUrl.id)
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            Document.id,
            Document.sha256,
            first_url,
            Document.kind,
            Document.pages,
            *(getattr(Document, name) for name in FACT_FIELDS),
        )
        .where(_queued(retry_failed) if ids is None else _queued(retry_failed) & Document.id.in_(ids))
        .order_by(Document.id)
        .limit(limit)
    )
    with store.session() as session:
        return [
            QueuedDocument(*row[:5], facts=DocumentFacts(**dict(zip(FACT_FIELDS, row[5:], strict=True))))
            for row in session.execute(query)
        ]


def save_ocr(
    store: ArchiveStore,
    document_id: int,
    analysis: Analysis,
    mentions: list[MentionRecord],
    lexicon_version: str,
    records: list[DecisionRecord] | None = None,
    records_built_with: str | None = None,
) -> None:
    """Replace a scan's text, facts (type, date, OCR fields…), ACTES fields, acts, mentions and
    decision records (when read) in one transaction."""
    text = analysis.text
    with store.session() as session, session.begin():
        document = session.get(Document, document_id)
        if document is None:
            return  # deleted meanwhile: nothing to update
        document.text, document.text_length, document.pages = text, len(text), len(analysis.pages)
        for name, value in {**analysis.facts(), **analysis.actes.to_columns()}.items():
            setattr(document, name, value)
        replace_acts(session, document_id, analysis.acts)
        session.execute(delete(Mention).where(Mention.document_id == document_id))
        add_mentions(session, document_id, mentions, lexicon_version)
        document.tagged_with = lexicon_version
        if records_built_with is not None:
            replace_records(session, document_id, records or [], records_built_with)


def save_ocr_error(store: ArchiveStore, document_id: int, message: str) -> None:
    with store.session() as session, session.begin():
        document = session.get(Document, document_id)
        if document is not None:
            document.ocr_error = message
