"""Archive many fetched documents in one transaction: the crawl's group commit.

Most documents a crawl hands over are new content at a new URL. Those are inserted with one
multi-row statement per table (documents, URLs, acts, mentions) instead of one ORM object and
a handful of look-ups each, which is what makes ingest fast (``tests/benchmarks/bench_ingest.py``).
Everything else (a URL or a content already archived, or seen earlier in the same batch) goes
through the store's per-document path afterwards, in the same transaction.

Why the order change is safe: a document takes the fast path only when neither its content nor
its URL is in the archive or earlier in the batch, so no earlier document of the batch touches
the rows it writes; a later one that does still runs after it. The outcomes are the ones that
archiving the documents one by one, in order, would give (the tests compare both).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from archive import mention_summary
from archive.db import utcnow
from archive.models import Act, DecisionRow, Document, DocumentUrl, Mention, Source
from archive.records import ACT_FIELDS, RECORD_FIELDS, ActRecord, DecisionRecord, FetchOutcome, FetchRecord

# SQLite allows 32,766 bound values per statement; look-ups stay well below it.
_IN_CHUNK = 500


def new_pairs(session: Session, records: Sequence[FetchRecord]) -> list[int]:
    """Indexes of the records whose content and URL are new to the archive and to the batch."""
    known_hashes = _existing(session, Document.sha256, {record.sha256 for record in records})
    known_urls = _existing(session, DocumentUrl.url, {record.url for record in records})
    fresh = []
    for index, record in enumerate(records):
        if record.sha256 not in known_hashes and record.url not in known_urls:
            fresh.append(index)
        known_hashes.add(record.sha256)
        known_urls.add(record.url)
    return fresh


def insert_new(session: Session, records: Sequence[FetchRecord]) -> list[FetchOutcome]:
    """Insert documents known to be new (see ``new_pairs``), with their URL, acts and mentions."""
    if not records:
        return []
    ids = insert_documents(session, records)
    session.execute(
        insert(DocumentUrl),
        [
            {
                "document_id": document_id,
                "url": fetch.url,
                "first_seen_at": fetch.fetched_at,
                "last_seen_at": fetch.fetched_at,
                "source_slug": fetch.source_slug,
                "etag": fetch.etag,
                "last_modified": fetch.last_modified,
                "listing": fetch.listing,
            }
            for document_id, fetch in zip(ids, (record.fetch for record in records), strict=True)
        ],
    )
    return [FetchOutcome.NEW] * len(records)


def insert_documents(session: Session, records: Sequence[FetchRecord]) -> list[int]:
    """Insert new contents (documents with their acts and mentions, not their URLs); their ids.

    The one way a document row is written, for the group commit and for ``ArchiveStore.record``
    alike: the columns come from the contract (``document_columns``).
    """
    sources = _source_ids(session, {_host(record.url) for record in records})
    # RETURNING pairs each id with its unique hash: asking for the rows in parameter order
    # instead would make SQLAlchemy insert them one statement each on SQLite.
    inserted = session.execute(
        insert(Document).returning(Document.sha256, Document.id),
        [
            {**document_columns(record), "source_id": sources[_host(record.url)], "is_latest": True}
            for record in records
        ],
    )
    by_hash = dict(inserted.all())
    ids = [by_hash[record.sha256] for record in records]
    acts, act_ids = _insert_acts(session, ids, records)
    insert_records(
        session, [(document_id, record, act_ids) for document_id, record in zip(ids, records, strict=True)]
    )
    mentions = [
        {
            "document_id": document_id,
            "lexicon_version": record.lexicon_version,
            "act_id": act_containing(acts.get(document_id, []), mention.start),
            **mention.to_dict(),
        }
        for document_id, record in zip(ids, records, strict=True)
        if record.lexicon_version is not None
        for mention in record.mentions
    ]
    if mentions:
        session.execute(insert(Mention), mentions)
    return ids


def act_containing(acts: Sequence[tuple[int, int, int]], start: int) -> int | None:
    """The id of the act (start, end, id), sorted by start, whose span holds offset ``start``."""
    index = bisect.bisect_right(acts, start, key=lambda act: act[0]) - 1
    return acts[index][2] if index >= 0 and start < acts[index][1] else None


def _insert_acts(
    session: Session, ids: list[int], records: Sequence[FetchRecord]
) -> tuple[dict[int, list[tuple[int, int, int]]], dict[tuple[int, int], int]]:
    """Insert the acts; (per document its acts' (start, end, id) by start, and (document, seq) → id)."""
    rows = [
        {"document_id": document_id, **act_columns(act)}
        for document_id, record in zip(ids, records, strict=True)
        for act in record.analysis.acts
    ]
    if not rows:
        return {}, {}
    inserted = session.execute(
        insert(Act).returning(Act.document_id, Act.start, Act.end, Act.id, Act.seq), rows
    )
    acts: dict[int, list[tuple[int, int, int]]] = {}
    by_seq: dict[tuple[int, int], int] = {}
    for document_id, start, end, act_id, seq in inserted:
        acts.setdefault(document_id, []).append((start, end, act_id))
        by_seq[(document_id, seq)] = act_id
    for spans in acts.values():
        spans.sort()
    return acts, by_seq


def insert_records(
    session: Session, documents: Sequence[tuple[int, FetchRecord, dict[tuple[int, int], int]]]
) -> None:
    """Insert documents' decision records, each linked to its act (``act_ids``: (document, seq) → id)."""
    rows = [
        {
            "document_id": document_id,
            "act_id": act_ids.get((document_id, decision.act_seq)) if decision.act_seq is not None else None,
            "built_with": record.records_built_with,
            **record_columns(decision),
        }
        for document_id, record, act_ids in documents
        if record.records_built_with is not None
        for decision in record.records
    ]
    if rows:
        session.execute(insert(DecisionRow), rows)


def record_columns(decision: DecisionRecord) -> dict[str, object]:
    """A decision record's columns (its document and act aside)."""
    columns = {name: getattr(decision, name) for name in RECORD_FIELDS}
    columns["evidence"] = {name: list(span) for name, span in decision.evidence.items()}
    return columns


def document_columns(record: FetchRecord) -> dict[str, object]:
    """A new document's columns: its facts as the contract names them, and what was fetched
    (its source and latest flag aside)."""
    fetch, analysis = record.fetch, record.analysis
    text = analysis.text
    return {
        **analysis.facts(),
        **analysis.actes.to_columns(),
        "sha256": analysis.sha256,
        "kind": analysis.kind,
        "content_type": fetch.content_type,
        "size": len(fetch.body),
        "pages": len(analysis.pages),
        "text": text,
        "text_length": len(text),
        "tagged_with": record.lexicon_version,
        **mention_summary.summary(
            (mention.category, mention.stance)
            for mention in record.mentions
            if record.lexicon_version is not None
        ),
        "first_seen_at": fetch.fetched_at,
        "last_seen_at": fetch.fetched_at,
        "fetched_at": fetch.fetched_at,
    }


def act_columns(act: ActRecord) -> dict[str, object]:
    """An act's columns (its document aside)."""
    return {**{name: getattr(act, name) for name in ACT_FIELDS}, **act.actes.to_columns()}


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _source_ids(session: Session, hosts: set[str]) -> dict[str, int]:
    found = _lookup(session, hosts)
    missing = hosts - found.keys()
    if missing:
        now = utcnow()
        session.execute(insert(Source), [{"host": host, "created_at": now} for host in sorted(missing)])
        found |= _lookup(session, missing)
    return found


def _lookup(session: Session, hosts: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(hosts)):
        found.update(session.execute(select(Source.host, Source.id).where(Source.host.in_(chunk))).all())
    return found


def _existing(session: Session, column: object, values: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(values)):
        found |= set(session.scalars(select(column).where(column.in_(chunk))))  # type: ignore[attr-defined]
    return found


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]
