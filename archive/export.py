"""Export the archive, one record per document, as JSON Lines or CSV.

The record's fields are a public contract (users' scripts parse them): extend, never rename.
CSV is written as UTF-8 with a byte-order mark so that spreadsheet programs detect the
encoding; its list fields are flattened: ``urls`` space-separated (URLs never contain a raw
space), ``categories`` separated by ``;``, and ``mentions`` as a JSON array.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from archive.act_label import act_label
from archive.db import iso_utc
from archive.models import PAGE_SEPARATOR, Document, Mention
from archive.records import FACT_FIELDS, ActesInfo
from archive.spreadsheet import SpreadsheetWriter
from archive.store import ArchiveStore

_LISTED_FIELDS = [
    "url",
    "urls",
    "title",
    "date",
    "doc_type",
    "content_type",
    "sha256",
    "pages",
    "text_length",
    "extraction",
    "needs_ocr",
    "error",
    "source",
    "fetched_at",
    "first_seen_at",
    "last_seen_at",
    "categories",
    "mentions",
    "date_source",
    # Since schema version 2: OCR, the ACTES identifier and stamp, the number of acts.
    "ocr_engine",
    "ocr_confidence",
    "ocr_error",
    *ActesInfo.__dataclass_fields__,
    "acts",
    # Since schema version 3: versions. One record per stored version (document); ``latest``
    # is true on the newest version of each URL, ``replaced_at`` says when its URL(s) began
    # serving other content, ``removed_at`` when they began answering 404/410.
    "latest",
    "replaced_at",
    "removed_at",
    "registry_sources",
    "listing",
]
# Facts the archive gained since (``archive.records.DocumentFacts``) come last, by name.
EXPORT_FIELDS = [*_LISTED_FIELDS, *(name for name in FACT_FIELDS if name not in _LISTED_FIELDS)]
BATCH_SIZE = 500
T = TypeVar("T")


def iter_records(
    store: ArchiveStore, with_text: bool = False, document_ids: Sequence[int] | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one export record per document, oldest first, reading the archive in batches;
    only the ``document_ids`` given, when given (a search's, see ``search.Searcher.document_ids``)."""
    for document in in_batches(
        store,
        Document,
        selectinload(Document.urls),
        selectinload(Document.mentions).selectinload(Mention.act),
        selectinload(Document.source),
        selectinload(Document.acts),
        only=None if document_ids is None else (Document.id, document_ids),
    ):
        yield _record(document, with_text)


def in_batches(
    store: ArchiveStore, model: type[T], *loads: Any, only: tuple[Any, Sequence[int]] | None = None
) -> Iterator[T]:
    """Every row of ``model`` in id order, ``BATCH_SIZE`` per short session (with ``loads``).

    ``only`` (a column, ids): the rows whose column holds one of the ids, read for ``BATCH_SIZE``
    ids at a time, so that a long list never meets SQLite's limit of bound parameters.
    """
    if only is None:
        yield from _batches(store, model, loads)
        return
    column, ids = only
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), BATCH_SIZE):
        yield from _batches(store, model, loads, column.in_(ordered[start : start + BATCH_SIZE]))


def _batches(store: ArchiveStore, model: type[T], loads: tuple[Any, ...], where: Any = None) -> Iterator[T]:
    last_id = 0
    while True:
        with store.session() as session:
            query = select(model).where(model.id > last_id)  # type: ignore[attr-defined]
            if where is not None:
                query = query.where(where)
            batch = session.scalars(query.order_by(model.id).limit(BATCH_SIZE).options(*loads)).all()  # type: ignore[attr-defined]
            if not batch:
                return
            yield from batch
            last_id = batch[-1].id  # type: ignore[attr-defined]


def _record(document: Document, with_text: bool) -> dict[str, Any]:
    urls = [link.url for link in document.urls]
    mentions = [
        {
            "category": mention.category,
            "term": mention.term,
            "matched": mention.matched,
            "start": mention.start,
            "end": mention.end,
            "page": mention.page,
            "context": mention.context,
            "stance": mention.stance,
            "lexicon_version": mention.lexicon_version,
            # The act the mention falls in: "Délibération 2013/14 – …, page 12, adoptée…".
            "act_number": mention.act.number if mention.act else None,
            "act_title": mention.act.title if mention.act else None,
            "act_label": act_label(mention.act, mention.page) if mention.act else None,
        }
        for mention in sorted(document.mentions, key=lambda m: (m.start, m.id))
    ]
    values: dict[str, Any] = {
        **{name: plain_value(getattr(document, name)) for name in FACT_FIELDS},
        "url": urls[0] if urls else None,
        "urls": urls,
        "content_type": document.content_type,
        "sha256": document.sha256,
        "pages": document.pages,
        "text_length": document.text_length,
        "source": document.source.host,
        "fetched_at": iso_utc(document.fetched_at),
        "first_seen_at": iso_utc(document.first_seen_at),
        "last_seen_at": iso_utc(document.last_seen_at),
        "categories": sorted({m["category"] for m in mentions}),
        "mentions": mentions,
        **{name: plain_value(getattr(document, name)) for name in ActesInfo.__dataclass_fields__},
        "acts": len(document.acts),
        **_history(document),
    }
    record = {name: values[name] for name in EXPORT_FIELDS}
    if with_text:
        record["text"] = document.text
    return record


def _history(document: Document) -> dict[str, Any]:
    """The version fields: a date applies when it applies to every URL of the document."""
    links = document.urls
    replaced = [link.replaced_at for link in links]
    current = [link for link in links if link.replaced_at is None]
    removed = [link.removed_at for link in current]
    listing = next((link.listing for link in links if link.listing), None)
    return {
        "latest": document.is_latest,
        "replaced_at": iso_utc(max(replaced)) if replaced and all(replaced) else None,  # type: ignore[type-var]
        "removed_at": iso_utc(max(removed)) if removed and all(removed) else None,  # type: ignore[type-var]
        "registry_sources": sorted({link.source_slug for link in links if link.source_slug}),
        "listing": listing,
    }


def plain_value(value: object) -> object:
    """Dates as ISO strings, for JSON and CSV; anything else as it is."""
    return value.isoformat() if isinstance(value, dt.date) else value


def write_jsonl(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterator[dict[str, Any]], out: TextIO, with_text: bool = False) -> int:
    def flatten(row: dict[str, Any]) -> None:
        row["urls"] = " ".join(row["urls"])
        row["needs_ocr"] = "true" if row["needs_ocr"] else "false"
        row["latest"] = "true" if row["latest"] else "false"
        row["registry_sources"] = " ".join(row["registry_sources"])
        row["listing"] = json.dumps(row["listing"], ensure_ascii=False) if row["listing"] else ""

    return write_spreadsheet(records, out, EXPORT_FIELDS, with_text, flatten)


def write_spreadsheet(
    records: Iterator[dict[str, Any]],
    out: TextIO,
    fields: list[str],
    with_text: bool,
    flatten: Callable[[dict[str, Any]], None],
) -> int:
    """CSV for spreadsheets: UTF-8 with BOM, ``categories`` joined by ``;``, ``mentions`` as JSON,
    pages as blank lines; ``flatten`` turns each record's other list and boolean fields into text."""
    out.write("\ufeff")
    writer = SpreadsheetWriter(out, [*fields, "text"] if with_text else fields)
    writer.writeheader()
    count = 0
    for record in records:
        row = dict(record)
        row["categories"] = ";".join(record["categories"])
        row["mentions"] = json.dumps(record["mentions"], ensure_ascii=False)
        flatten(row)
        if with_text:
            # Spreadsheets show a form feed as garbage: pages become blank-line separated.
            row["text"] = record["text"].replace(PAGE_SEPARATOR, "\n\n")
        writer.writerow(row)
        count += 1
    return count
