"""The review marks the archive's pages and API show to a logged-in member (never to the
public, nor with accounts off): a search result's document, a document's mentions and
records, a record. Each is the JSON ``review`` object (status, by, at…) or None."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from archive.record_queries import RecordView
from web.accounts import accounts_of
from web.app import archive_of
from workspace.db import Workspace
from workspace.review_marks import documents_marks, mention_marks, record_marks
from workspace.reviews import DocumentMarks, ReviewMark


def member_workspace(request: Request) -> Workspace | None:
    """The workspace, when someone is logged in; else None (no mark is shown)."""
    accounts = accounts_of(request)
    if accounts is None or getattr(request.state, "user", None) is None:
        return None
    return accounts.workspace


def hit_marks(request: Request, hits: list[Any]) -> dict[str, DocumentMarks]:
    """By document content hash: how its items were reviewed."""
    workspace = member_workspace(request)
    if workspace is None or not hits:
        return {}
    return documents_marks(workspace, [hit.sha256 for hit in hits if hit.sha256])


def document_mention_marks(request: Request, document: Any) -> dict[tuple[int, int, str], ReviewMark]:
    workspace = member_workspace(request)
    if workspace is None or not document.mentions:
        return {}
    return mention_marks(workspace, document.sha256, document.mentions)


def view_marks(request: Request, views: list[RecordView]) -> dict[int, ReviewMark]:
    workspace = member_workspace(request)
    if workspace is None or not views:
        return {}
    return record_marks(archive_of(request).reader, workspace, views)


def as_json(mark: ReviewMark | DocumentMarks | None) -> dict[str, Any] | None:
    return mark.to_dict() if mark is not None else None
