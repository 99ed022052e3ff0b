"""One page of a document's text, with the mentions on it: what the page view shows.

A paged document's text is its pages joined by form feeds (``archive.records.PAGE_SEPARATOR``),
so page N is ``text.split("\\f")[N - 1]`` and a mention lies on the page its offsets fall in.
Offsets here are the page's own: a mention at 1,948 of page 1 is at 1,948 of the page text.
Every string comes from a scraped document: callers escape it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.models import Document, Mention
from archive.records import PAGE_SEPARATOR
from search.documents import MAX_DOCUMENT_ID, SHA256

MENTIONS_PER_PAGE = 500  # marked on one page at most: a hostile page may hold thousands


@dataclass(frozen=True, slots=True)
class PageMention:
    id: int
    category: str
    term: str
    start: int  # offsets in the page's text
    end: int
    stance: str | None


@dataclass(slots=True)
class DocumentPage:
    """Page ``number`` of ``page_count`` of a document, its text and its mentions."""

    document_id: int
    sha256: str
    kind: str
    number: int
    page_count: int
    text: str
    extraction: str | None
    ocr_engine: str | None
    needs_ocr: bool
    mentions: list[PageMention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class VersionText:
    """A version's pages, for the comparison of two versions."""

    document_id: int
    sha256: str
    first_seen_at: dt.datetime
    pages: list[str]


def load_page(engine: Engine, document_id: int, number: int) -> DocumentPage | None:
    """Page ``number`` (1-based) of the document, or None when there is no such document.

    A number past the last page gives the last page's count and an empty text: the caller
    says so. A document that is not paged (a web page) has one page.
    """
    if not 0 < document_id <= MAX_DOCUMENT_ID:
        return None
    with Session(engine) as session:
        row = session.execute(
            select(
                Document.sha256,
                Document.kind,
                Document.text,
                Document.extraction,
                Document.ocr_engine,
                Document.needs_ocr,
            ).where(Document.id == document_id)
        ).first()
        if row is None:
            return None
        sha256, kind, text, extraction, ocr_engine, needs_ocr = row
        pages = (text or "").split(PAGE_SEPARATOR)
        page = DocumentPage(
            document_id, sha256, kind, number, len(pages), "", extraction, ocr_engine, bool(needs_ocr)
        )
        if not 1 <= number <= len(pages):
            return page
        offset = sum(len(earlier) + 1 for earlier in pages[: number - 1])
        page.text = pages[number - 1]
        rows = session.execute(
            select(Mention.id, Mention.category, Mention.term, Mention.start, Mention.end, Mention.stance)
            .where(
                Mention.document_id == document_id,
                Mention.start >= offset,
                Mention.start < offset + len(page.text),
            )
            .order_by(Mention.start, Mention.id)
            .limit(MENTIONS_PER_PAGE)
        )
        page.mentions = [
            PageMention(id, category, term, start - offset, min(end - offset, len(page.text)), stance)
            for id, category, term, start, end, stance in rows
        ]
        return page


def pdf_page_count(engine: Engine, sha256: str) -> int | None:
    """How many pages the archived PDF of this sha256 has; None when no PDF has it."""
    if not SHA256.fullmatch(sha256):
        return None
    with Session(engine) as session:
        return session.scalar(select(Document.pages).where(Document.sha256 == sha256, Document.kind == "pdf"))


def mention_page(engine: Engine, document_id: int, mention_id: int) -> int | None:
    """The page (1-based) a mention of this document lies on; None for another document's."""
    if not 0 < mention_id <= MAX_DOCUMENT_ID:
        return None
    with Session(engine) as session:
        start = session.scalar(
            select(Mention.start).where(Mention.id == mention_id, Mention.document_id == document_id)
        )
        if start is None:
            return None
        text = session.scalar(select(Document.text).where(Document.id == document_id)) or ""
    return text.count(PAGE_SEPARATOR, 0, start) + 1


def version_text(engine: Engine, document_id: int) -> VersionText | None:
    if not 0 < document_id <= MAX_DOCUMENT_ID:
        return None
    with Session(engine) as session:
        row = session.execute(
            select(Document.id, Document.sha256, Document.first_seen_at, Document.text).where(
                Document.id == document_id
            )
        ).first()
    if row is None:
        return None
    return VersionText(row[0], row[1], row[2], (row[3] or "").split(PAGE_SEPARATOR))
