"""Plain data classes at the archive's boundary: what the crawler hands over, what it gets back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from archive.models import PAGE_SEPARATOR


class FetchOutcome(enum.StrEnum):
    """What archiving one fetched document changed."""

    NEW = "new"  # content never seen, at a URL never seen
    CHANGED = "changed"  # a known URL now serves other content: a new version, the old one kept
    UNCHANGED = "unchanged"  # the same content at the same URL
    DUPLICATE = "duplicate"  # known content seen at one more URL


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """A mention of surveillance technology, as the tagger found it (``vigie tag``'s JSON)."""

    category: str
    term: str  # canonical term of the lexicon
    matched: str  # the exact text of the document
    start: int  # character offsets in the document's text
    end: int
    page: int | None  # 1-based, for paged documents
    context: str
    stance: str | None = None  # "opposition", or None when unknown

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class FetchRecord:
    """One fetched document with its extracted text, ready to be archived."""

    url: str
    body: bytes
    sha256: str
    kind: str
    content_type: str | None
    fetched_at: dt.datetime
    pages: list[str] = field(default_factory=list)
    title: str | None = None
    filename: str | None = None
    doc_type: str = "other"
    date: dt.date | None = None
    date_source: str | None = None
    extraction: str | None = None
    needs_ocr: bool = False
    error: str | None = None
    mentions: list[MentionRecord] = field(default_factory=list)
    lexicon_version: str | None = None  # None: not tagged

    @property
    def text(self) -> str:
        return PAGE_SEPARATOR.join(self.pages)
