"""``vigie export --acts``: one record per act, with its document, outcome, ACTES fields and mentions.

The fields are a public contract, like the documents' (``archive.export``): extend, never
rename. CSV flattens ``categories`` with ``;`` and ``mentions`` as a JSON array.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from sqlalchemy.orm import selectinload

from archive.act_label import act_label
from archive.export import in_batches, plain_value, write_spreadsheet
from archive.models import Act, Document
from archive.records import ActesInfo
from archive.store import ArchiveStore

ACTES_FIELDS = list(ActesInfo.__dataclass_fields__)
ACT_EXPORT_FIELDS = [
    "document_url",
    "document_sha256",
    "document_title",
    "document_date",
    "doc_type",
    "seq",
    "kind",
    "number",
    "title",
    "page_start",
    "page_end",
    "vote_for",
    "vote_against",
    "vote_abstentions",
    "unanimous",
    "decision",
    "label",
    *ACTES_FIELDS,
    "categories",
    "mentions",
]


def iter_act_records(
    store: ArchiveStore, with_text: bool = False, document_ids: Sequence[int] | None = None
) -> Iterator[dict[str, Any]]:
    """One record per act, document by document and in the document's order; only the acts of
    the ``document_ids`` given, when given."""
    loads = (selectinload(Act.mentions), selectinload(Act.document).selectinload(Document.urls))
    only = None if document_ids is None else (Act.document_id, document_ids)
    for act in in_batches(store, Act, *loads, only=only):
        yield _record(act, with_text)


def _record(act: Act, with_text: bool) -> dict[str, Any]:
    document = act.document
    mentions = [
        {
            "category": m.category,
            "term": m.term,
            "matched": m.matched,
            "page": m.page,
            "context": m.context,
            "stance": m.stance,
        }
        for m in sorted(act.mentions, key=lambda m: (m.start, m.id))
    ]
    record: dict[str, Any] = {
        "document_url": document.urls[0].url if document.urls else None,
        "document_sha256": document.sha256,
        "document_title": document.title,
        "document_date": document.date.isoformat() if document.date else None,
        "doc_type": document.doc_type,
        **{name: getattr(act, name) for name in ACT_EXPORT_FIELDS[5:16]},
        "label": act_label(act),
        **{name: plain_value(getattr(act, name)) for name in ACTES_FIELDS},
        "categories": sorted({m["category"] for m in mentions}),
        "mentions": mentions,
    }
    if with_text:
        record["text"] = document.text[act.start : act.end]
    return record


def write_acts_csv(records: Iterator[dict[str, Any]], out: TextIO, with_text: bool = False) -> int:
    def flatten(row: dict[str, Any]) -> None:
        if row["unanimous"] is not None:
            row["unanimous"] = "true" if row["unanimous"] else "false"

    return write_spreadsheet(records, out, ACT_EXPORT_FIELDS, with_text, flatten)
