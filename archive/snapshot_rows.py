"""The rows of ``vigie snapshot``'s tables, each in a stable order (the same archive gives the
same rows in the same order, so the files are byte-identical)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from archive.act_label import act_label
from archive.export import iter_records
from archive.models import DecisionRow, Document, DocumentUrl, Mention
from archive.record_queries import RecordFilter, RecordView, find_records
from archive.snapshot_schema import DOCUMENT_COLUMNS, RECORD_COLUMNS
from archive.store import ArchiveStore


def document_rows(store: ArchiveStore) -> list[dict[str, Any]]:
    """One row per stored version, by sha256: the export's record without its mentions."""
    with store.session() as session:
        records = dict(
            session.execute(
                select(DecisionRow.document_id, func.count()).group_by(DecisionRow.document_id)
            ).all()
        )
        ids = dict(session.execute(select(Document.sha256, Document.id)).all())
    rows = []
    for record in iter_records(store):
        row = {name: record.get(name) for name in DOCUMENT_COLUMNS}
        row["mention_count"] = len(record["mentions"])
        row["record_count"] = records.get(ids[record["sha256"]], 0)
        rows.append(row)
    return sorted(rows, key=lambda row: row["sha256"])


def record_views(store: ArchiveStore) -> list[RecordView]:
    """Every decision record, by id."""
    return sorted(find_records(store, RecordFilter())[1], key=lambda view: view.id)


def record_rows(views: list[RecordView]) -> Iterator[dict[str, Any]]:
    for view in views:
        data = view.to_dict()
        yield {name: data.get(name) for name in RECORD_COLUMNS}


def evidence_rows(views: list[RecordView]) -> Iterator[dict[str, Any]]:
    """Each filled field's span, the words it was read from, as ``vigie records export`` quotes them."""
    for view in views:
        for name in sorted(view.record.evidence):
            start, end = view.record.evidence[name]
            yield {
                "record_id": view.id,
                "field": name,
                "start": start,
                "end": end,
                "page": view.pages.get(name),
                "quote": view.quotes.get(name),
            }


def mention_rows(store: ArchiveStore) -> Iterator[dict[str, Any]]:
    """Every mention, by document and position; the ids only break ties between equal spans."""
    query = (
        select(Document.sha256, Mention)
        .join(Document, Document.id == Mention.document_id)
        .options(selectinload(Mention.act))
        .order_by(Document.sha256, Mention.start, Mention.end, Mention.category, Mention.term, Mention.id)
    )
    with store.session() as session:
        for sha256, mention in session.execute(query):
            yield {
                "document_sha256": sha256,
                "category": mention.category,
                "term": mention.term,
                "matched": mention.matched,
                "page": mention.page,
                "stance": mention.stance,
                "start": mention.start,
                "end": mention.end,
                "act_label": act_label(mention.act, mention.page) if mention.act else None,
            }


def crawled_sites(store: ArchiveStore) -> tuple[list[str], list[str]]:
    """(the sites documents were fetched from, as ``scheme://host/``; the registry sources' slugs)."""
    with store.session() as session:
        urls = session.scalars(select(DocumentUrl.url).distinct())
        sites = sorted({f"{part.scheme}://{part.netloc}/" for part in map(urlsplit, urls) if part.netloc})
        slugs = session.scalars(
            select(DocumentUrl.source_slug).where(DocumentUrl.source_slug.is_not(None)).distinct()
        )
        return sites, sorted(slugs)


def versions_used(store: ArchiveStore) -> tuple[list[str], list[str]]:
    """(the lexicon versions the archive's documents were tagged with, the readers' versions
    its records were read by): what made the snapshot's rows, whatever Vigie writes it."""
    with store.session() as session:
        lexicons = session.scalars(
            select(Document.tagged_with).where(Document.tagged_with.is_not(None)).distinct()
        )
        readers = session.scalars(select(DecisionRow.built_with).distinct())
        return sorted(lexicons), sorted(readers)


def document_count(store: ArchiveStore) -> int:
    with store.session() as session:
        return session.scalar(select(func.count(Document.id))) or 0
