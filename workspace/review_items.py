"""What there is to review in the archive: its mentions and decision records, each with its
fingerprint (``workspace.reviews``), newest first archived, filtered; read-only.

The queue is built in two steps: a light pass over every item that the filters select (ids,
spans and dates only, no text), ordered and filtered by review status against the workspace;
then the full items of the one page shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from archive.display_title import display_title
from archive.models import Act, DecisionRow, Document, DocumentUrl, Mention, Source
from archive.portable import json_text
from archive.record_queries import RecordView, record_by_id

RECORD_TEXT_LIMIT = 20_000  # characters of a record's act (or document) kept with a review


def mention_fingerprint(sha256: str, start: int, end: int, category: str) -> str:
    return f"mention:{sha256}:{start}-{end}:{category}"


def record_fingerprint(sha256: str, span: tuple[int, int] | None, kind: str) -> str:
    where = f"{span[0]}-{span[1]}" if span is not None else "document"
    return f"record:{sha256}:{where}:{kind}"


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the review queue shows; every part optional."""

    item_kind: str | None = None  # mention or record
    technology: str | None = None  # a lexicon category
    record_kind: str | None = None  # a decision kind (records only)
    place: str | None = None  # in the source's host or name, or the record's commune or authority


@dataclass(frozen=True, slots=True)
class ItemKey:
    """One item of the queue before its text is read."""

    item_kind: str
    archive_id: int
    fingerprint: str
    document_id: int
    first_seen_at: dt.datetime
    start: int


@dataclass(slots=True)
class ReviewItem:
    """One mention or record as the reviewer sees it."""

    item_kind: str
    archive_id: int
    fingerprint: str
    document_id: int
    document_sha256: str
    document_title: str
    document_url: str | None
    first_seen_at: dt.datetime
    source: str
    label: str  # the mention's category, the record's kind
    data: dict[str, Any] = field(default_factory=dict)  # the item's fields, as its JSON gives them
    text: str = ""  # what it rests on: the mention's context, the record's act
    view: RecordView | None = None  # a record's view (its evidence, for the page)

    def snapshot(self) -> dict[str, Any]:
        """What a review keeps of the item (``Review.item``)."""
        return {
            "archive_id": self.archive_id,
            "document_id": self.document_id,
            "document_title": self.document_title,
            "url": self.document_url,
            "first_seen_at": self.first_seen_at.isoformat(),
            "fields": self.data,
            "text": self.text,
        }


def queue_keys(store: Any, wanted: QueueFilter) -> list[ItemKey]:
    """Every item the filters select, the newest first archived (then in text order)."""
    keys: list[ItemKey] = []
    with store.session() as session:
        if wanted.item_kind in (None, "mention") and not wanted.record_kind:
            keys += _mention_keys(session, wanted)
        if wanted.item_kind in (None, "record"):
            keys += _record_keys(session, wanted)
    keys.sort(
        key=lambda key: (key.first_seen_at, key.document_id, key.item_kind == "record", -key.start),
        reverse=True,
    )
    return keys


def _place(query: Any, place: str | None, *more: Any) -> Any:
    if not place:
        return query
    value = place.lower()
    columns = (Source.host, Source.name, *more)
    return query.join(Source, Source.id == Document.source_id).where(
        or_(*(func.lower(column).contains(value) for column in columns))
    )


def _mention_keys(session: Session, wanted: QueueFilter) -> list[ItemKey]:
    query = select(
        Mention.id,
        Mention.start,
        Mention.end,
        Mention.category,
        Document.id,
        Document.sha256,
        Document.first_seen_at,
    ).join(Document, Document.id == Mention.document_id)
    if wanted.technology:
        query = query.where(Mention.category == wanted.technology)
    query = _place(query, wanted.place)
    return [
        ItemKey(
            "mention", mention_id, mention_fingerprint(sha256, start, end, category), document_id, seen, start
        )
        for mention_id, start, end, category, document_id, sha256, seen in session.execute(query)
    ]


def _record_keys(session: Session, wanted: QueueFilter) -> list[ItemKey]:
    query = (
        select(
            DecisionRow.id,
            DecisionRow.kind,
            Act.start,
            Act.end,
            Document.id,
            Document.sha256,
            Document.first_seen_at,
        )
        .join(Document, Document.id == DecisionRow.document_id)
        .outerjoin(Act, Act.id == DecisionRow.act_id)
    )
    if wanted.technology:
        query = query.where(json_text(DecisionRow.technologies).like(f'%"{wanted.technology}"%'))
    if wanted.record_kind:
        query = query.where(DecisionRow.kind == wanted.record_kind)
    query = _place(query, wanted.place, DecisionRow.commune, DecisionRow.authority)
    keys = []
    for record_id, kind, start, end, document_id, sha256, seen in session.execute(query):
        span = (start, end) if start is not None else None
        keys.append(
            ItemKey(
                "record", record_id, record_fingerprint(sha256, span, kind), document_id, seen, start or 0
            )
        )
    return keys


def record_fingerprints(store: Any, record_ids: list[int]) -> dict[int, str]:
    """The fingerprints of these records, by archive id."""
    found: dict[int, str] = {}
    with store.session() as session:
        for start in range(0, len(record_ids), 500):
            rows = session.execute(
                select(DecisionRow.id, DecisionRow.kind, Act.start, Act.end, Document.sha256)
                .join(Document, Document.id == DecisionRow.document_id)
                .outerjoin(Act, Act.id == DecisionRow.act_id)
                .where(DecisionRow.id.in_(record_ids[start : start + 500]))
            )
            for record_id, kind, act_start, act_end, sha256 in rows:
                span = (act_start, act_end) if act_start is not None else None
                found[record_id] = record_fingerprint(sha256, span, kind)
    return found


def load_items(store: Any, keys: list[ItemKey]) -> list[ReviewItem]:
    """The full items of these keys, in their order."""
    items = []
    for key in keys:
        item = load_item(store, key.item_kind, key.archive_id)
        if item is not None:
            items.append(item)
    return items


def load_item(store: Any, item_kind: str, archive_id: int) -> ReviewItem | None:
    """One mention or record of the archive, by its id there (None: no such item)."""
    if not 0 < archive_id < 2**63:
        return None
    if item_kind == "record":
        return _record_item(store, archive_id)
    if item_kind != "mention":
        return None
    with store.session() as session:
        # The document's columns but its text, which a long minutes' would make costly per mention.
        row = session.execute(
            select(
                Mention,
                Document.title,
                Document.filename,
                Document.sha256,
                Document.first_seen_at,
                Source.host,
            )
            .join(Document, Document.id == Mention.document_id)
            .join(Source, Source.id == Document.source_id)
            .where(Mention.id == archive_id)
        ).first()
        if row is None:
            return None
        mention, title, filename, sha256, first_seen_at, host = row
        url = _first_url(session, mention.document_id)
        acts = session.scalars(select(Act).where(Act.document_id == mention.document_id)).all()
        return ReviewItem(
            "mention",
            mention.id,
            mention_fingerprint(sha256, mention.start, mention.end, mention.category),
            mention.document_id,
            sha256,
            display_title(title, filename, url, acts, mention.document_id),
            url,
            first_seen_at,
            host,
            mention.category,
            {
                "category": mention.category,
                "term": mention.term,
                "matched": mention.matched,
                "start": mention.start,
                "end": mention.end,
                "page": mention.page,
                "stance": mention.stance,
            },
            mention.context,
        )


def _record_item(store: Any, record_id: int) -> ReviewItem | None:
    view = record_by_id(store, record_id)
    if view is None:
        return None
    with store.session() as session:
        row = session.get_one(DecisionRow, record_id)
        document = row.document
        act = row.act
        span = (act.start, act.end) if act is not None else None
        text = document.text[span[0] : span[1]] if span else document.text
        seen, host = document.first_seen_at, document.source.host
    data = view.to_dict()
    fields = {name: data[name] for name in view.record.to_dict() if name not in ("evidence", "act_seq")}
    return ReviewItem(
        "record",
        record_id,
        record_fingerprint(view.sha256, span, view.record.kind),
        view.document_id,
        view.sha256,
        view.document_display_title or view.document_title or "",
        view.url,
        seen,
        host,
        view.record.kind,
        fields,
        text.replace("\f", "\n")[:RECORD_TEXT_LIMIT],
        view,
    )


def _first_url(session: Session, document_id: int) -> str | None:
    return session.scalar(
        select(DocumentUrl.url)
        .where(DocumentUrl.document_id == document_id)
        .order_by(DocumentUrl.first_seen_at, DocumentUrl.id)
        .limit(1)
    )
