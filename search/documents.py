"""One archived document as a reader sees it: provenance, versions, mentions, acts.

Shared by the web UI's document page and its JSON API, so both say the same thing. Every
string here comes from a scraped document or a web server: callers escape it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from archive.act_label import act_label
from archive.display_title import display_title
from archive.models import Act, Document, DocumentUrl, Mention
from archive.records import FACT_FIELDS, DocumentFacts
from search.mention_groups import PassageGroup, group_mentions

SHA256 = re.compile(r"[0-9a-f]{64}")
# SQLite's integers are 64-bit: a larger id in a URL is no document, not a server error.
MAX_DOCUMENT_ID = 2**63 - 1
# A document page or API answer lists at most this many mentions (in text order) and says how
# many there are: an archive made before the per-document cap (``VIGIE_MAX_MENTIONS``) may hold
# hundreds of thousands for one hostile page.
MENTIONS_SHOWN = 1_000


@dataclass(frozen=True, slots=True)
class UrlSeen:
    """One URL where this exact content was seen, and what became of it since."""

    url: str
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    source_slug: str | None
    replaced_at: dt.datetime | None  # the URL later served other content
    removed_at: dt.datetime | None  # the URL later answered 404 or 410


@dataclass(frozen=True, slots=True)
class Version:
    """Another document seen at one of the same URLs (an earlier or later version)."""

    document_id: int
    sha256: str
    first_seen_at: dt.datetime
    is_latest: bool


@dataclass(frozen=True, slots=True)
class MentionSeen:
    category: str
    term: str
    matched: str
    context: str
    page: int | None
    stance: str | None
    act: str | None  # "Délibération 2013/14 – …, page 1, adoptée"
    act_id: int | None = None
    start: int = 0  # the matched words' offsets in the document's text
    end: int = 0
    id: int = 0  # the mention's row, for the link to its page view


@dataclass(slots=True, kw_only=True)
class DocumentDetail(DocumentFacts):
    """The document's facts (title, type, date, OCR…: ``DocumentFacts``) and its provenance."""

    id: int
    sha256: str
    kind: str
    content_type: str | None
    size: int
    pages: int
    host: str
    actes_id: str | None
    actes_department: str | None
    is_latest: bool
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    urls: list[UrlSeen] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)
    mentions: list[MentionSeen] = field(default_factory=list)  # the first MENTIONS_SHOWN
    acts: list[str] = field(default_factory=list)  # act labels, in document order
    mentions_total: int = 0  # all the document's mentions, shown or not
    # What the pages show as its title (``archive.display_title``); ``title`` stays as stored.
    display_title: str = ""
    passages: list[PassageGroup] = field(default_factory=list)  # the mentions shown, by passage

    @property
    def removed_at_source(self) -> bool:
        """True when some URL of this content now answers 404/410 (and no URL still serves it)."""
        return any(url.removed_at for url in self.urls) and not any(
            url.removed_at is None and url.replaced_at is None for url in self.urls
        )

    def mentions_by_category(self) -> dict[str, list[MentionSeen]]:
        grouped: dict[str, list[MentionSeen]] = {}
        for mention in self.mentions:
            grouped.setdefault(mention.category, []).append(mention)
        return grouped


@dataclass(frozen=True, slots=True)
class Original:
    """What is needed to serve an archived original: looked up by hash, never by path."""

    sha256: str
    kind: str
    content_type: str | None
    filename: str | None


def load_document(engine: Engine, document_id: int) -> DocumentDetail | None:
    if not 0 < document_id <= MAX_DOCUMENT_ID:
        return None
    with Session(engine) as session:
        document = session.scalar(
            select(Document)
            .where(Document.id == document_id)
            .options(
                selectinload(Document.urls),
                selectinload(Document.acts),
                selectinload(Document.source),
            )
        )
        if document is None:
            return None
        mentions = session.scalars(
            select(Mention)
            .where(Mention.document_id == document_id)
            .order_by(Mention.start, Mention.id)
            .limit(MENTIONS_SHOWN)
            .options(selectinload(Mention.act))
        ).all()
        total = len(mentions)
        if total == MENTIONS_SHOWN:
            total = session.scalar(select(func.count()).where(Mention.document_id == document_id)) or 0
        shown = [_mention(m) for m in mentions]
        return DocumentDetail(
            **{name: getattr(document, name) for name in FACT_FIELDS},
            id=document.id,
            sha256=document.sha256,
            kind=document.kind,
            content_type=document.content_type,
            size=document.size,
            pages=document.pages,
            host=document.source.host,
            actes_id=document.actes_id,
            actes_department=document.actes_department,
            is_latest=document.is_latest,
            first_seen_at=document.first_seen_at,
            last_seen_at=document.last_seen_at,
            urls=[_url(link) for link in document.urls],
            versions=_versions(session, document),
            mentions=shown,
            passages=group_mentions(document.text or "", shown),
            acts=[act_label(act) for act in document.acts],
            mentions_total=total,
            display_title=display_title(
                document.title,
                document.filename,
                document.urls[0].url if document.urls else None,
                document.acts,
                document.id,
            ),
        )


def find_original(engine: Engine, sha256: str) -> Original | None:
    """The archived original with this hash; None for anything that is not a known sha256."""
    if not SHA256.fullmatch(sha256):
        return None
    with Session(engine) as session:
        row = session.execute(
            select(Document.sha256, Document.kind, Document.content_type, Document.filename).where(
                Document.sha256 == sha256
            )
        ).first()
    return Original(*row) if row else None


def _url(link: DocumentUrl) -> UrlSeen:
    return UrlSeen(
        url=link.url,
        first_seen_at=link.first_seen_at,
        last_seen_at=link.last_seen_at,
        source_slug=link.source_slug,
        replaced_at=link.replaced_at,
        removed_at=link.removed_at,
    )


def _versions(session: Session, document: Document) -> list[Version]:
    urls = [link.url for link in document.urls]
    if not urls:
        return []
    rows = session.execute(
        select(Document.id, Document.sha256, Document.first_seen_at, Document.is_latest)
        .join(DocumentUrl, DocumentUrl.document_id == Document.id)
        .where(DocumentUrl.url.in_(urls), Document.id != document.id)
        .distinct()
        .order_by(Document.first_seen_at)
    )
    return [Version(*row) for row in rows]


def _mention(mention: Mention) -> MentionSeen:
    act: Act | None = mention.act
    return MentionSeen(
        category=mention.category,
        term=mention.term,
        matched=mention.matched,
        context=mention.context,
        page=mention.page,
        stance=mention.stance,
        act=act_label(act, mention.page) if act is not None else None,
        act_id=mention.act_id,
        start=mention.start,
        end=mention.end,
        id=mention.id,
    )
