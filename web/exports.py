"""The current search as data: an Atom feed (``/feed``), CSV and JSON Lines exports.

Each takes the search page's parameters, so any search has its feed and its exports. The feed
lists documents with mentions that Vigie archived last (as ``vigie feed`` does). An export
holds the whole result set in rank order, up to ``EXPORT_LIMIT`` rows; when the results are
more, the ``X-Vigie-Truncated`` header says so.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse

from archive.spreadsheet import SpreadsheetWriter
from search import Searcher, SearchHit
from search.feed import atom_feed, feed_id, feed_title
from search.results import CSV_FIELDS
from web.app import archive_of
from web.params import EXPORT_LIMIT, SearchParams, search_params
from web.review_marks import as_json, hit_marks, member_workspace
from workspace.reviews import DocumentMarks

router = APIRouter()
FEED_ENTRIES = 50
BATCH = 500


@router.get("/feed", summary="Flux Atom d'une recherche", response_class=Response)
def feed(request: Request, params: Annotated[SearchParams, Depends(search_params)]) -> Response:
    archive = archive_of(request)
    query = params.search_query(with_mentions=True, newest_first=True, limit=FEED_ENTRIES, offset=0)
    found = archive.searcher.search(query)
    self_url = str(request.url)
    xml = atom_feed(found.hits, feed_title(query), feed_id(query), self_url)
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


@router.get("/search.csv", summary="Export CSV des résultats", response_class=StreamingResponse)
def export_csv(
    request: Request, params: Annotated[SearchParams, Depends(search_params)]
) -> StreamingResponse:
    searcher = archive_of(request).searcher
    # A member's export says how each document's items were reviewed, in a last column.
    member = member_workspace(request) is not None

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = SpreadsheetWriter(buffer, [*CSV_FIELDS, "review"] if member else CSV_FIELDS)
        buffer.write("\ufeff")  # Excel reads UTF-8 only with a BOM
        writer.writeheader()
        for batch in _batches(searcher, params):
            if member:
                marks = hit_marks(request, batch)
                writer.writerows(
                    {**hit.csv_row(), "review": _status(marks.get(hit.sha256 or ""))} for hit in batch
                )
            else:
                writer.writerows(hit.csv_row() for hit in batch)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return _download(rows(), "text/csv; charset=utf-8", "vigie-recherche.csv", searcher, params)


@router.get("/search.jsonl", summary="Export JSON Lines des résultats", response_class=StreamingResponse)
def export_jsonl(
    request: Request, params: Annotated[SearchParams, Depends(search_params)]
) -> StreamingResponse:
    searcher = archive_of(request).searcher
    member = member_workspace(request) is not None

    def lines() -> Iterator[str]:
        for batch in _batches(searcher, params):
            marks = hit_marks(request, batch) if member else {}
            yield "".join(
                json.dumps(
                    {**hit.to_dict(), "review": as_json(marks.get(hit.sha256 or ""))}
                    if member
                    else hit.to_dict(),
                    ensure_ascii=False,
                )
                + "\n"
                for hit in batch
            )

    return _download(
        lines(), "application/x-ndjson; charset=utf-8", "vigie-recherche.jsonl", searcher, params
    )


def _status(marks: DocumentMarks | None) -> str:
    return marks.status if marks is not None else ""


def _batches(searcher: Searcher, params: SearchParams) -> Iterator[list[SearchHit]]:
    for offset in range(0, EXPORT_LIMIT, BATCH):
        hits = searcher.search(params.search_query(limit=BATCH, offset=offset)).hits
        if hits:
            yield hits
        if len(hits) < BATCH:
            return


def _download(
    body: Iterator[str], media_type: str, filename: str, searcher: Searcher, params: SearchParams
) -> StreamingResponse:
    total = searcher.search(params.search_query(limit=1, offset=0)).total
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Vigie-Total": str(total),
    }
    if total > EXPORT_LIMIT:
        headers["X-Vigie-Truncated"] = f"{EXPORT_LIMIT} of {total}"
    return StreamingResponse(body, media_type=media_type, headers=headers)
