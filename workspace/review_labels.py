"""Reviews as labelled cases for the quality evaluation (``vigie review labels``).

A rejected or corrected item says what Vigie should have found, in the formats of the labelled
sets (tests/quality): a mention becomes a ``[[passage]]`` (its context, with the categories it
should carry: none for a rejection, the corrected one for a correction); a record becomes a
``[[record]]`` (its act's text, with its fields as the review leaves them; kind "none" when it
was rejected as not about surveillance). Rejections as duplicates, and rejections of a record
for another reason, say nothing of what the text holds: they are left out, and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import tomli_w
from sqlalchemy.orm import Session

from archive.records import RECORD_EXPORT_COLUMNS
from workspace.reviews import Review, reviews

# The record fields a label keeps (records.toml's keys that a DecisionRecord has): the export's
# columns from the kind to the authorised period, in their order.
LABEL_FIELDS = tuple(
    RECORD_EXPORT_COLUMNS[
        RECORD_EXPORT_COLUMNS.index("kind") : RECORD_EXPORT_COLUMNS.index("period_years") + 1
    ]
)


@dataclass(slots=True)
class Labels:
    passages: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    left_out: int = 0

    def toml(self) -> str:
        head = (
            "# Labelled cases from the reviews of the evidence (vigie review labels): check each\n"
            "# passage's other terms and each record's other fields before adding them to the labelled\n"
            "# sets (tests/quality/passages.toml, records.toml), and draw their split as README.md says.\n\n"
        )
        # Both keys always: an empty list reads as no case, where a missing key would not read.
        data = {"passage": self.passages, "record": self.records}
        return head + tomli_w.dumps(data, multiline_strings=True)


def review_labels(session: Session, split: str = "dev") -> Labels:
    labels = Labels()
    for review, name in reversed(reviews(session, ("rejected", "corrected"))):
        entry = (
            _passage(review, name, split) if review.item_kind == "mention" else _record(review, name, split)
        )
        if entry is None:
            labels.left_out += 1
        elif review.item_kind == "mention":
            labels.passages.append(entry)
        else:
            labels.records.append(entry)
    return labels


def _note(review: Review, name: str) -> str:
    what = f"review by {name} on {review.reviewed_at.date().isoformat()}: {review.status}"
    if review.reason:
        what += f" ({review.reason})"
    return what + (f"; {review.note}" if review.note else "")


def _label_id(review: Review, letter: str) -> str:
    item = review.item or {}
    fields = item.get("fields") or {}
    return f"review-{letter}-{review.document_sha256[:12]}-{fields.get('start', item.get('archive_id', review.id))}-{review.id}"


def _passage(review: Review, name: str, split: str) -> dict[str, Any] | None:
    item = review.item or {}
    text = (item.get("text") or "").strip()
    if not text:
        return None
    if review.status == "rejected":
        if review.reason not in ("not_surveillance", "wrong_category"):
            return None
        categories: list[str] = []
    else:
        categories = [(review.corrections or {}).get("category") or item.get("fields", {}).get("category")]
    entry: dict[str, Any] = {
        "id": _label_id(review, "m"),
        "split": split,
        "source": item.get("url") or f"sha256:{review.document_sha256}",
        "text": text,
        "categories": categories,
    }
    if review.status == "rejected":
        entry["trap"] = f"relecture-{item.get('fields', {}).get('category', 'inconnue')}"
    entry["note"] = _note(review, name)
    return entry


def _record(review: Review, name: str, split: str) -> dict[str, Any] | None:
    item = review.item or {}
    text = item.get("text") or ""
    if not text.strip():
        return None
    if review.status == "rejected":
        if review.reason != "not_surveillance":
            return None
        fields: dict[str, Any] = {"kind": "none", "technologies": []}
    else:
        given = {**(item.get("fields") or {}), **(review.corrections or {})}
        fields = {key: given[key] for key in LABEL_FIELDS if given.get(key) not in (None, "", [])}
        fields.setdefault("technologies", [])
    return {
        "id": _label_id(review, "r"),
        "split": split,
        "source": item.get("url") or f"sha256:{review.document_sha256}",
        "text": text,
        **fields,
        "note": _note(review, name),
    }
