"""The page view: a PDF page's image with a passage boxed on it, beside the page's text with
the same passage marked; for a web page, its text alone.

``/documents/{id}/pages/{n}`` takes ``mention`` (a mention's id: that one is the passage, and a
mention of another page sends to its page) and ``q`` (the words of a search, marked on the page
as the search results mark them). Every mention on the page is marked too, the chosen one more
strongly. ``/originals/{sha256}/pages/{n}`` is the page's image (WebP, ``scale`` one of
``web.page_images.SCALES``), named like the original by its hash; ``/documents/{id}/pages?page=N`` is where the page number form goes.

The image is an SVG ``<image>`` with the boxes as ``<rect>``s over it, in the page's points:
the Content-Security-Policy allows no inline style, and the SVG scales as one piece.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from search.document_pages import DocumentPage, load_page, mention_page, pdf_page_count
from search.documents import DocumentDetail
from search.passages import match_spans, query_words
from web.app import archive_of, render
from web.archive_view import WebArchive
from web.page_cache import PageImageCache
from web.page_images import DEFAULT_SCALE, SCALES, PageImages
from web.page_render import Box, PageBoxes

router = APIRouter(include_in_schema=False)
QUERY_MATCHES = 200  # search words marked on one page at most


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    mention_id: int | None  # None: a search word
    chosen: bool
    category: str | None = None


def install(app: FastAPI) -> None:
    """The page view's and the comparison's routes, and the page images' workers and cache."""
    from web import version_view

    app.include_router(router)
    app.include_router(version_view.router)
    app.state.page_images = PageImages(PageImageCache.from_env(app.state.archive.reader.files.root))
    app.router.add_event_handler("shutdown", app.state.page_images.close)


def page_images(request: Request) -> PageImages:
    return request.app.state.page_images


@router.get("/documents/{document_id}/pages", response_class=RedirectResponse)
def go_to_page(
    document_id: int, page: Annotated[int, Query(description="Numéro de page.")] = 1
) -> RedirectResponse:
    return RedirectResponse(f"/documents/{document_id}/pages/{max(1, page)}", status_code=303)


@router.get("/documents/{document_id}/pages/{number}", response_class=HTMLResponse)
async def page_view(
    request: Request,
    document_id: int,
    number: int,
    mention: Annotated[int | None, Query(description="Mention à montrer.")] = None,
    q: Annotated[str, Query(max_length=200, description="Mots à surligner.")] = "",
) -> Response:
    archive = archive_of(request)
    # The database is read in the thread pool, as the app's other pages are: not on the event loop.
    found = await run_in_threadpool(_read_page, archive, document_id, number, mention)
    if isinstance(found, int):  # the mention is on another page
        return RedirectResponse(_page_url(document_id, found, mention, q), status_code=307)
    page, document = found
    spans = _spans(page, mention, q)
    drawing = await _drawing(request, page, spans) if page.kind == "pdf" else None
    return render(
        request,
        "page_view.html",
        title=f"{document.display_title} · page {number}" if page.kind == "pdf" else document.display_title,
        document=document,
        page=page,
        parts=_parts(page.text, spans),
        drawing=drawing,
        chosen=next((span for span in spans if span.chosen), None),
        chosen_boxed=drawing is not None and any(span.chosen for _, span in drawing.boxes),
        url=lambda n: _page_url(document_id, n, None, q),
        q=q,
        source_name=archive.document_source_name(document),
    )


@router.get("/originals/{sha256}/pages/{number}")
async def page_image(
    request: Request,
    sha256: str,
    number: int,
    scale: Annotated[float, Query(description="Échelle : 1, 1.5, 2 ou 3.")] = DEFAULT_SCALE,
) -> Response:
    """The image of a page of an archived PDF: named by its hash, it never changes."""
    if scale not in SCALES:
        raise HTTPException(400, "L'échelle doit être 1, 1.5, 2 ou 3.")
    archive = archive_of(request)
    sha256 = sha256.lower()
    pages = await run_in_threadpool(pdf_page_count, archive.reader.engine, sha256)
    if pages is None or not 1 <= number <= pages:
        raise HTTPException(404, "Aucune page de ce numéro dans un PDF archivé sous cette empreinte.")
    path = archive.reader.files.path_for(sha256)
    if not path.is_file():
        raise HTTPException(404, "L'original n'est pas dans le dossier des fichiers de cette archive.")
    rendered = await page_images(request).image(sha256, path, number, scale)
    if rendered.error:
        raise HTTPException(422, rendered.error)
    headers = {"Cache-Control": "public, max-age=31536000, immutable"}
    return Response(rendered.image, media_type=rendered.media_type, headers=headers)


def _read_page(
    archive: WebArchive, document_id: int, number: int, mention: int | None
) -> tuple[DocumentPage, DocumentDetail] | int:
    """The page and its document; the right page's number when the mention is on another."""
    engine = archive.reader.engine
    if mention is not None:
        found = mention_page(engine, document_id, mention)
        if found is None:
            raise HTTPException(404, f"Aucune mention n° {mention} dans le document n° {document_id}.")
        if found != number:
            return found
    page = load_page(engine, document_id, number)
    if page is None:
        raise HTTPException(404, f"Aucun document n° {document_id} dans l'archive.")
    if not 1 <= number <= page.page_count:
        plural = "s" if page.page_count > 1 else ""
        raise HTTPException(404, f"Le document n° {document_id} a {page.page_count} page{plural}.")
    document = archive.searcher.document(document_id)
    if document is None:  # removed between the two reads
        raise HTTPException(404, f"Aucun document n° {document_id} dans l'archive.")
    return page, document


@dataclass(frozen=True, slots=True)
class Drawing:
    """What the SVG over the page's image needs, or the reason there is no image."""

    image_url: str = ""
    width: float = 0.0
    height: float = 0.0
    boxes: tuple[tuple[Box, Span], ...] = ()
    error: str | None = None
    unboxed: int = 0  # spans whose words are not on the image's text layer


async def _drawing(request: Request, page: DocumentPage, spans: list[Span]) -> Drawing:
    archive = archive_of(request)
    path = archive.reader.files.path_for(page.sha256)
    if not path.is_file():
        return Drawing(error="L'original n'est pas dans le dossier des fichiers de cette archive.")
    found: PageBoxes = await page_images(request).boxes(
        path, page.number, page.text, [(span.start, span.end) for span in spans]
    )
    if found.error:
        return Drawing(error=found.error)
    boxes = tuple(
        (box, span) for span, span_boxes in zip(spans, found.boxes, strict=True) for box in span_boxes
    )
    return Drawing(
        image_url=f"/originals/{page.sha256}/pages/{page.number}",
        width=found.width,
        height=found.height,
        boxes=boxes,
        unboxed=sum(1 for span_boxes in found.boxes if not span_boxes),
    )


def _spans(page: DocumentPage, mention: int | None, q: str) -> list[Span]:
    """The page's mentions and search matches, in text order, none overlapping another."""
    spans = [Span(m.start, m.end, m.id, m.id == mention, m.category) for m in page.mentions]
    if q.strip():
        spans += [
            Span(start, end, None, False)
            for start, end in match_spans(page.text, query_words(q), QUERY_MATCHES)
        ]
    spans.sort(key=lambda span: (span.start, not span.chosen, span.end))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            if span.chosen:  # the chosen mention wins over what it overlaps
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def _parts(text: str, spans: list[Span]) -> list[tuple[str, Span | None]]:
    parts: list[tuple[str, Span | None]] = []
    cursor = 0
    for span in spans:
        parts += [(text[cursor : span.start], None), (text[span.start : span.end], span)]
        cursor = span.end
    parts.append((text[cursor:], None))
    return [part for part in parts if part[0]]


def _page_url(document_id: int, number: int, mention: int | None, q: str) -> str:
    from urllib.parse import urlencode

    query = urlencode([(name, value) for name, value in (("mention", mention), ("q", q)) if value])
    return f"/documents/{document_id}/pages/{number}" + (f"?{query}" if query else "")
