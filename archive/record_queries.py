"""Reading decision records: filters, a record with its provenance and evidence, a commune's
timeline, the records related to one, and when an authorisation ends.

Written by ``archive.decisions``; read by ``vigie records``, the web and the snapshot.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from archive.act_label import act_label
from archive.display_title import display_title
from archive.models import Act, DecisionRow, Document, DocumentUrl
from archive.portable import date_plus, json_text
from archive.record_places import PlaceFilter, fold_place_name, place_clause
from archive.records import PREFECTORAL_KINDS, RECORD_FIELDS, DecisionRecord
from archive.taxonomy import read_from

MAX_RECORD_ID = 2**63 - 1
COMMUNE_RECORDS = 1_000  # a commune's timeline shows at most this many records
PASSAGE_CONTEXT = 160  # characters of context each side of a field's evidence
PASSAGE_SPAN = 600  # a longer span is cut: the page shows where it starts


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """What ``vigie records list`` and the API filter on; every part optional."""

    kinds: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    authority: str | None = None  # a substring of the authority's name, any case
    commune: str | None = None
    vendor: str | None = None
    year: int | None = None
    # Prefects' authorisations that end within this many days from ``today`` (renewals due).
    expiring_within: int | None = None
    # A commune's own acts (deployment, contract, grant…) in a commune where no prefect's
    # authorisation was found in the archive: a system perhaps never authorised, or one whose
    # authorisation the archive lacks.
    without_authorisation: bool = False
    today: dt.date | None = None  # for expiring_within; None: today's date
    place: PlaceFilter | None = None  # a département's or région's records (``search.record_places``)
    # Only the records of documents Vigie first archived after this moment (UTC): the new ones.
    found_after: dt.datetime | None = None
    found_until: dt.datetime | None = None  # and up to this moment, included
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class EvidencePassage:
    """A field's evidence in its context, for a reader to check it: the words before the span,
    the span itself, the words after (whitespace collapsed, ``…`` where the context is cut)."""

    before: str
    span: str
    after: str
    page: int | None


@dataclass(slots=True)
class RecordView:
    """A record with its provenance: the document, its first URL, the act, each field's quote."""

    id: int
    document_id: int
    url: str | None
    sha256: str
    document_title: str | None
    document_date: dt.date | None
    act: str | None
    record: DecisionRecord
    quotes: dict[str, str] = field(default_factory=dict)  # field → the text it was read from
    pages: dict[str, int] = field(default_factory=dict)  # field → its page, in a paged document
    related: list[dict[str, object]] = field(default_factory=list)  # the other side's records
    # field → its evidence in context (``record_by_id`` only: a list needs no passages).
    passages: dict[str, EvidencePassage] = field(default_factory=dict)
    source_slug: str | None = None  # the registry source that found the document first
    # The document's title as the pages show it (``archive.display_title``); not in ``to_dict``,
    # whose ``document_title`` stays the stored one.
    document_display_title: str | None = None
    read_from: str = "act"  # or "report" (``archive.taxonomy.read_from``)

    @property
    def date(self) -> dt.date | None:
        """When it was decided: the act's date, else the document's."""
        return self.record.act_date or self.document_date

    def to_dict(self) -> dict[str, object]:
        record = self.record.to_dict()
        record.pop("act_seq", None)
        evidence = {
            name: {"start": start, "end": end, "quote": self.quotes.get(name), "page": self.pages.get(name)}
            for name, (start, end) in self.record.evidence.items()
        }
        return {
            "id": self.id,
            "document_id": self.document_id,
            "url": self.url,
            "original_url": f"/originals/{self.sha256}",
            "sha256": self.sha256,
            "document_title": self.document_title,
            "document_date": self.document_date.isoformat() if self.document_date else None,
            "act": self.act,
            **record,
            "read_from": self.read_from,
            "expires_on": _iso(expires_on(self.record)),
            "evidence": evidence,
            "related": self.related,
        }


def expires_on(record: DecisionRecord) -> dt.date | None:
    """When a prefect's authorisation ends: its own end date, else the day before its date plus
    its years (a video-protection authorisation is given for five years, CSI L.252-4)."""
    if record.kind not in PREFECTORAL_KINDS:
        return None
    if record.period_end is not None:
        return record.period_end
    if record.act_date is None or not record.period_years:
        return None
    start = record.act_date
    try:
        end = start.replace(year=start.year + record.period_years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + record.period_years, day=28)
    return end - dt.timedelta(days=1)


def _expiry() -> Any:
    """``expires_on`` in SQL, on either database (``archive.portable``)."""
    by_years = date_plus(DecisionRow.act_date, DecisionRow.period_years, days=-1)
    return func.coalesce(DecisionRow.period_end, by_years)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def find_records(store: object, wanted: RecordFilter) -> tuple[int, list[RecordView]]:
    """(how many match, the page of them asked for), newest act first."""
    query = select(DecisionRow)
    if wanted.kinds:
        query = query.where(DecisionRow.kind.in_(wanted.kinds))
    for technology in wanted.technologies:
        query = query.where(json_text(DecisionRow.technologies).like(f'%"{technology}"%'))
    for column, value in (
        (DecisionRow.authority, wanted.authority),
        (DecisionRow.commune, wanted.commune),
        (DecisionRow.vendor, wanted.vendor),
    ):
        if value:
            query = query.where(func.lower(column).contains(value.lower()))
    if wanted.year is not None:
        query = query.where(
            or_(
                extract("year", DecisionRow.act_date) == wanted.year,
                (DecisionRow.act_date.is_(None)) & (extract("year", Document.date) == wanted.year),
            )
        )
    if wanted.expiring_within is not None:
        today = wanted.today or dt.date.today()
        last = today + dt.timedelta(days=wanted.expiring_within)
        query = query.where(DecisionRow.kind.in_(PREFECTORAL_KINDS), _expiry().between(today, last))
    if wanted.without_authorisation:
        authorised = aliased(DecisionRow)
        query = query.where(
            DecisionRow.kind.not_in(PREFECTORAL_KINDS),
            DecisionRow.commune.is_not(None),
            ~select(authorised.id)
            .where(
                authorised.kind.in_(PREFECTORAL_KINDS),
                func.lower(authorised.commune) == func.lower(DecisionRow.commune),
            )
            .exists(),
        )
    query = query.join(Document, Document.id == DecisionRow.document_id)
    if wanted.found_after is not None:
        query = query.where(Document.first_seen_at > wanted.found_after)
    if wanted.found_until is not None:
        query = query.where(Document.first_seen_at <= wanted.found_until)
    with store.session() as session:  # type: ignore[attr-defined]
        if wanted.place is not None:
            query = query.where(place_clause(session, wanted.place))
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        ordered = query.order_by(
            func.coalesce(DecisionRow.act_date, Document.date).desc().nulls_last(), DecisionRow.id
        )
        rows = session.scalars(ordered.offset(wanted.offset).limit(wanted.limit)).all()
        return total, [_view(session, row) for row in rows]


def record_by_id(store: object, record_id: int) -> RecordView | None:
    """One record, with the records it is related to (``related_records``) and each field's
    evidence in its context (``passages``)."""
    if not 0 < record_id <= MAX_RECORD_ID:
        return None
    with store.session() as session:  # type: ignore[attr-defined]
        row = session.get(DecisionRow, record_id)
        if row is None:
            return None
        view = _view(session, row)
        view.related = related_records(session, row)
        text = row.document.text
        view.passages = {
            name: _passage(text, start, end, view.pages.get(name))
            for name, (start, end) in view.record.evidence.items()
        }
        return view


def document_records(store: object, document_id: int) -> list[RecordView]:
    """A document's records, in the order of its text (its acts' order; one without an act first)."""
    query = (
        select(DecisionRow)
        .outerjoin(Act, Act.id == DecisionRow.act_id)
        .where(DecisionRow.document_id == document_id)
        .order_by(Act.seq.asc().nulls_first(), DecisionRow.id)
    )
    with store.session() as session:  # type: ignore[attr-defined]
        return [_view(session, row) for row in session.scalars(query)]


def commune_records(store: object, commune: str, limit: int = COMMUNE_RECORDS) -> list[RecordView]:
    """The records of one commune, the oldest decision first (undated ones last).

    The name compares whole and case aside ("avranches" is "Avranches", never "Saint-Lô" for
    "Lô"): in Python, since SQLite's ``lower`` leaves accented capitals as they are ("É").
    """
    wanted = commune.casefold()
    with store.session() as session:  # type: ignore[attr-defined]
        names = session.scalars(
            select(DecisionRow.commune).where(DecisionRow.commune.is_not(None)).distinct()
        )
        spellings = [name for name in names if name.casefold() == wanted]
        if not spellings:
            return []
        query = (
            select(DecisionRow)
            .join(Document, Document.id == DecisionRow.document_id)
            .where(DecisionRow.commune.in_(spellings))
            .order_by(func.coalesce(DecisionRow.act_date, Document.date).asc().nulls_last(), DecisionRow.id)
            .limit(limit)
        )
        return [_view(session, row) for row in session.scalars(query)]


def related_records(session: Session, row: DecisionRow) -> list[dict[str, object]]:
    """The records of the other side for the same commune and a shared technology: for a
    prefect's authorisation, the commune's deliberations about it; for a deliberation, the
    prefect's authorisations in that commune. Oldest first. Communes compare by name, case,
    accents, hyphens and apostrophes aside ("SAINT-LÔ" and "Saint-Lo" are one commune)."""
    if not row.commune:
        return []
    other_side = (
        DecisionRow.kind.not_in(PREFECTORAL_KINDS)
        if row.kind in PREFECTORAL_KINDS
        else DecisionRow.kind.in_(PREFECTORAL_KINDS)
    )
    # Folding keeps a name's length give or take its spaces: the database narrows by length,
    # then names compare folded.
    length = len(row.commune)
    folded = fold_place_name(row.commune)
    candidates = [
        other
        for other in session.scalars(
            select(DecisionRow)
            .where(
                func.length(DecisionRow.commune).between(length - 2, length + 2),
                DecisionRow.id != row.id,
                other_side,
            )
            .order_by(DecisionRow.act_date, DecisionRow.id)
        )
        if other.commune and fold_place_name(other.commune) == folded
    ]
    shared = set(row.technologies or [])
    return [
        {
            "id": other.id,
            "kind": other.kind,
            "act_date": other.act_date.isoformat() if other.act_date else None,
            "authority": other.authority,
            "act_number": other.act_number,
        }
        for other in candidates
        if shared & set(other.technologies or [])
    ]


def _passage(text: str, start: int, end: int, page: int | None) -> EvidencePassage:
    """The span and up to ``PASSAGE_CONTEXT`` characters each side, cut between words."""
    before = text[max(0, start - PASSAGE_CONTEXT) : start]
    after = text[end : end + PASSAGE_CONTEXT]
    if start > PASSAGE_CONTEXT and (first := re.search(r"\s", before)):
        before = "… " + before[first.end() :]
    if end + PASSAGE_CONTEXT < len(text) and (last := re.search(r"\s\S*$", after)):
        after = after[: last.start()] + " …"
    span = text[start:end]
    if len(span) > PASSAGE_SPAN:
        span = span[:PASSAGE_SPAN] + "…"
    return EvidencePassage(_collapsed(before), " ".join(span.split()), _collapsed(after), page)


def _collapsed(part: str) -> str:
    """Whitespace (line and page breaks) as single spaces, one kept at either end: it is what
    separates the evidence from its context."""
    inner = " ".join(part.split())
    if not inner:
        return " " if part else ""
    return (" " if part[0].isspace() else "") + inner + (" " if part[-1].isspace() else "")


def _view(session: Session, row: DecisionRow) -> RecordView:
    document = session.get_one(Document, row.document_id)
    seen = session.execute(
        select(DocumentUrl.url, DocumentUrl.source_slug)
        .where(DocumentUrl.document_id == document.id)
        .order_by(DocumentUrl.first_seen_at, DocumentUrl.id)
    ).all()
    url = seen[0].url if seen else None
    record = DecisionRecord(**{name: getattr(row, name) for name in RECORD_FIELDS})
    record.evidence = {name: (span[0], span[1]) for name, span in (row.evidence or {}).items()}
    quotes, pages = {}, {}
    for name, (start, end) in record.evidence.items():
        quotes[name] = " ".join(document.text[start:end].split())[:300]
        if document.kind == "pdf":
            pages[name] = document.text.count("\f", 0, start) + 1
    act = act_label(row.act) if row.act is not None else None
    view = RecordView(
        row.id, document.id, url, document.sha256, document.title, document.date, act, record, quotes, pages
    )
    view.source_slug = next((slug for _, slug in seen if slug), None)
    view.read_from = read_from(document.doc_type)
    view.document_display_title = display_title(
        document.title, document.filename, url, document.acts, document.id, document.doc_type, document.date
    )
    return view
