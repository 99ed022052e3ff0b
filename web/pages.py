"""The HTML pages: overview, search, document (with its decisions). Each view parses, asks
``search`` (or ``archive.record_queries``), renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from archive.record_queries import document_records
from search import SearchQuery
from web.app import archive_of, render
from web.chart import timeline_chart
from web.params import SearchParams, search_params
from web.review_marks import document_mention_marks, hit_marks, view_marks

router = APIRouter(include_in_schema=False)
LATEST_MENTIONS = 10
PAGE_LINKS = 2  # page numbers shown on each side of the current page


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    archive = archive_of(request)
    searcher = archive.searcher
    counts = searcher.timeline()
    latest = searcher.search(SearchQuery(with_mentions=True, newest_first=True, limit=LATEST_MENTIONS))
    return render(
        request,
        "overview.html",
        title="Vue d'ensemble",
        totals=searcher.totals(),
        chart=timeline_chart(counts),
        counts=counts,
        top=searcher.top_sources(),
        latest=latest.hits,
        names=archive.source_name,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    params: Annotated[SearchParams, Depends(search_params)],
    tout: Annotated[str, Query(description="1 : tous les documents, sans recherche ni filtre.")] = "",
) -> HTMLResponse:
    archive = archive_of(request)
    # Without words or filters the page opens on the documents that mention a technology: the
    # agenda and news pages a crawl also keeps, dated by the crawl, would fill it otherwise.
    # ``?tout=1`` shows every document; the API and the feeds are unchanged.
    mentions_only = not params.filtered and tout != "1"
    found = archive.searcher.search(
        params.search_query(facets=True, with_mentions=mentions_only), archive.hints
    )
    last_page = max(1, -(-found.total // params.per_page))
    return render(
        request,
        "search.html",
        title=f"Recherche : {params.q}" if params.q else "Recherche",
        params=params,
        found=found,
        pages=page_numbers(params.page, last_page),
        last_page=last_page,
        names=archive.source_name,
        place=archive.place_label,
        feed_url=params.url("/feed", page=1),
        suggested_url=suggested_url(params, found.suggested_category),
        mentions_only=mentions_only,
        page_url=_page_url(params, everything=not params.filtered and not mentions_only),
        marks=hit_marks(request, found.hits),
    )


def _page_url(params: SearchParams, everything: bool) -> Callable[[int], str]:
    """The URL of another page of these results (``?tout=1`` kept when it was asked for)."""

    def page_url(number: int) -> str:
        url = params.url(page=number)
        return url + ("&" if "?" in url else "?") + "tout=1" if everything else url

    return page_url


def suggested_url(params: SearchParams, category: str | None) -> str | None:
    """The page of the documents tagged ``category``, with this search's other filters."""
    return params.url(q="", categories=(category,), page=1) if category else None


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int) -> HTMLResponse:
    archive = archive_of(request)
    document = archive.searcher.document(document_id)
    if document is None:
        raise HTTPException(404, f"Aucun document n° {document_id} dans l'archive.")
    records = document_records(archive.reader, document.id)
    return render(
        request,
        "document.html",
        title=document.display_title,
        document=document,
        source_name=archive.document_source_name(document),
        records=records,
        record_marks=view_marks(request, records),
        mention_marks=document_mention_marks(request, document),
    )


def page_numbers(current: int, last: int) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: None stands for a gap."""
    shown = sorted({1, last, *range(max(1, current - PAGE_LINKS), min(last, current + PAGE_LINKS) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers
