"""``/documents/{id}/diff``: what changed between a document and another version of it.

The other version is ``other`` (a document seen at one of the same URLs), else the one archived
just before this one (just after, for the first). The older of the two is always the "before".
The comparison itself is ``web.version_diff``'s, bounded in time.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from search.document_pages import VersionText, version_text
from search.documents import DocumentDetail
from web.app import archive_of, render
from web.archive_view import WebArchive
from web.version_diff import compare

router = APIRouter(include_in_schema=False)


@router.get("/documents/{document_id}/diff", response_class=HTMLResponse)
async def version_diff(
    request: Request,
    document_id: int,
    other: Annotated[int | None, Query(description="L'autre version (numéro de document).")] = None,
) -> HTMLResponse:
    archive = archive_of(request)
    document, old, new = await run_in_threadpool(_read_versions, archive, document_id, other)
    # difflib is pure Python: in a thread, the event loop serves other pages between its slices.
    diff = await run_in_threadpool(compare, old.pages, new.pages)
    return render(
        request,
        "version_diff.html",
        title=f"{document.display_title} · changements entre versions",
        document=document,
        old=old,
        new=new,
        diff=diff,
        source_name=archive.document_source_name(document),
    )


def _read_versions(
    archive: WebArchive, document_id: int, other: int | None
) -> tuple[DocumentDetail, VersionText, VersionText]:
    """The document, and the older and the newer of it and its other version."""
    document = archive.searcher.document(document_id)
    if document is None:
        raise HTTPException(404, f"Aucun document n° {document_id} dans l'archive.")
    versions = {version.document_id: version for version in document.versions}
    if not versions:
        raise HTTPException(404, "Ce document n'a pas d'autre version : il n'y a rien à comparer.")
    if other is None:
        earlier = [v for v in document.versions if v.first_seen_at <= document.first_seen_at]
        other = (earlier[-1] if earlier else document.versions[0]).document_id
    if other not in versions:
        raise HTTPException(404, f"Le document n° {other} n'est pas une autre version de celui-ci.")
    engine = archive.reader.engine
    this, that = version_text(engine, document_id), version_text(engine, other)
    if this is None or that is None:  # removed between the reads
        raise HTTPException(404, "Cette version n'est plus dans l'archive.")
    old, new = sorted((this, that), key=lambda version: (version.first_seen_at, version.document_id))
    return document, old, new
