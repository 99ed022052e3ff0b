"""The review marks of what the archive shows: a record's, a mention's, a document's, and the
confirmed records with their corrections applied (``--confirmed`` exports)."""

from __future__ import annotations

from typing import Any

from archive.record_queries import RecordView
from workspace.db import Workspace
from workspace.review_items import mention_fingerprint, record_fingerprints
from workspace.reviews import DocumentMarks, ReviewMark, document_marks, marks

CONFIRMED = ("confirmed", "corrected")


def record_marks(store: Any, workspace: Workspace, views: list[RecordView]) -> dict[int, ReviewMark]:
    """The reviews of these records, by archive id (unreviewed ones absent)."""
    if not views:
        return {}
    fingerprints = record_fingerprints(store, [view.id for view in views])
    with workspace.session() as session:
        found = marks(session, list(fingerprints.values()))
    return {record_id: found[fp] for record_id, fp in fingerprints.items() if fp in found}


def mention_marks(
    workspace: Workspace, sha256: str, mentions: list[Any]
) -> dict[tuple[int, int, str], ReviewMark]:
    """The reviews of a document's mentions, by (start, end, category)."""
    keys = {
        mention_fingerprint(sha256, m.start, m.end, m.category): (m.start, m.end, m.category)
        for m in mentions
    }
    with workspace.session() as session:
        found = marks(session, list(keys))
    return {keys[fp]: mark for fp, mark in found.items()}


def documents_marks(workspace: Workspace, sha256s: list[str]) -> dict[str, DocumentMarks]:
    with workspace.session() as session:
        return document_marks(session, sha256s)


def reviewed_dict(view: RecordView, mark: ReviewMark | None, corrected: bool = False) -> dict[str, Any]:
    """The record's JSON with its ``review`` object; with ``corrected``, the review's corrections
    applied to the fields (the values read from the text kept in ``review.original``)."""
    data = view.to_dict()
    review = mark.to_dict() if mark is not None else None
    if corrected and mark is not None and mark.corrections:
        review = {**(review or {}), "original": {name: data.get(name) for name in mark.corrections}}
        data.update(mark.corrections)
    data["review"] = review
    return data


def confirmed_only(views: list[RecordView], found: dict[int, ReviewMark]) -> list[RecordView]:
    return [view for view in views if view.id in found and found[view.id].status in CONFIRMED]
