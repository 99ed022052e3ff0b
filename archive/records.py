"""The document contract: plain data classes for what was fetched, what analysis found, and
what the archive keeps. Nothing of Vigie is imported here, so every layer can share them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

# Between the pages of a paged document's text (the convention of pdftotext).
PAGE_SEPARATOR = "\f"


class FetchOutcome(enum.StrEnum):
    """What archiving one fetched document changed."""

    NEW = "new"  # content never seen, at a URL never seen
    CHANGED = "changed"  # a known URL now serves other content: a new version, the old one kept
    UNCHANGED = "unchanged"  # the same content at the same URL
    DUPLICATE = "duplicate"  # known content seen at one more URL
    REMOVED = "removed"  # a known URL now answers 404 or 410 (its versions are kept)


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


@dataclass(frozen=True, slots=True)
class ActesInfo:
    """What an ACTES identifier and the prefecture's stamp say about an act.

    ``034-213401722-20130204-0000061100-DE`` is département 034, SIREN 213401722, act dated
    2013-02-04, internal number 0000061100, nature DE (délibération). The stamp adds when the
    act was sent to and received by the prefecture, and when it was published.
    """

    actes_id: str | None = None
    actes_department: str | None = None
    actes_siren: str | None = None  # of the authority that passed the act
    actes_date: dt.date | None = None  # the act's date, as written in the identifier
    actes_number: str | None = None  # the authority's own number for the act
    actes_nature: str | None = None  # DE, AR, AI, CC, BF or AU (see archive.taxonomy)
    prefecture_sent_on: dt.date | None = None
    prefecture_received_on: dt.date | None = None
    published_on: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in dataclasses.asdict(self).items()
        }

    def to_columns(self) -> dict[str, Any]:
        """The fields as the archive's columns (``archive.models.ActesColumns``) hold them."""
        return dataclasses.asdict(self)

    def __bool__(self) -> bool:
        return any(value is not None for value in dataclasses.astuple(self))


@dataclass(frozen=True, slots=True)
class ActRecord:
    """One act (deliberation, arrêté, agenda item) found inside a document.

    ``start``/``end`` are character offsets in the document's text; mentions between them
    belong to the act. Votes and the decision are None when the document does not state them.
    """

    seq: int  # 1-based order in the document
    kind: str  # deliberation, arrete or item (see archive.taxonomy.ACT_KINDS)
    number: str | None  # "2013/14", "2024-00493", "23" for the 23rd agenda item
    title: str | None  # the act's object ("objet")
    start: int
    end: int
    page_start: int | None  # 1-based, for paged documents
    page_end: int | None
    vote_for: int | None = None
    vote_against: int | None = None
    vote_abstentions: int | None = None
    unanimous: bool | None = None
    decision: str | None = None  # adopte, approuve, autorise or rejette (archive.taxonomy)
    actes: ActesInfo = field(default_factory=ActesInfo)


# The fields of an act stored as they are (``actes`` goes to the ACTES columns).
ACT_FIELDS = tuple(f.name for f in dataclasses.fields(ActRecord) if f.name != "actes")


@dataclass(slots=True, kw_only=True)
class DocumentFacts:
    """What reading a document found that the archive keeps in one column each.

    This class is the contract of those columns: ``archive.models.Document`` declares one
    column per field (its type from the annotation), new archives get them, older ones have
    them added by a migration, and the export, the document detail and the API read them by
    name. A new fact (a language code, say) is a field here, the code in ``pipelines.extract``
    that computes it, and a migration (``archive/migrations``, with ``SCHEMA_VERSION`` one up).
    """

    title: str | None = None
    filename: str | None = None
    doc_type: str = "other"
    date: dt.date | None = None  # of the sitting or act
    date_source: str | None = None  # why that date: text, title, url, listing…
    extraction: str | None = None  # how the text was read: pdfium, html, ocr…
    needs_ocr: bool = False  # the OCR queue: true until every page that needed OCR has text
    error: str | None = None  # why the text could not be read
    ocr_engine: str | None = None  # "tesseract 5.3.0 (fra)", once OCR has given the text
    ocr_confidence: float | None = None  # mean word confidence, 0-100
    ocr_error: str | None = None  # the last OCR attempt's failure

    def facts(self) -> dict[str, Any]:
        """The fields of this class only (not those a subclass adds), by name."""
        return {name: getattr(self, name) for name in FACT_FIELDS}


@dataclass(slots=True, kw_only=True)
class Analysis(DocumentFacts):
    """What extraction and analysis made of one document's bytes (the workers' answer)."""

    sha256: str
    kind: str  # html, pdf, doc, docx, odt, text
    pages: list[str] = field(default_factory=list)
    error_kind: str | None = None  # the class of ``error``, counted in the crawl's report
    actes: ActesInfo = field(default_factory=ActesInfo)
    acts: list[ActRecord] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # 1-based pages that need OCR
    unchanged: bool = False  # the bytes are the archive's latest version at this URL

    @property
    def text(self) -> str:
        return PAGE_SEPARATOR.join(self.pages)


@dataclass(slots=True, kw_only=True)
class Fetch:
    """What was fetched: the bytes, where and when, and what the server and listing said."""

    url: str
    body: bytes = field(repr=False)
    fetched_at: dt.datetime
    content_type: str | None = None
    source_slug: str | None = None  # the registry source whose crawl found the URL
    etag: str | None = None  # HTTP validators, for the next crawl's conditional request
    last_modified: str | None = None
    listing: dict[str, str] | None = None  # what a listing (SCDL row) says about the document


@dataclass(slots=True)
class FetchRecord:
    """One fetched document with its analysis and mentions, ready to be archived.

    Composed, not copied: the fetch and the analysis are the objects the crawl made.
    """

    fetch: Fetch
    analysis: Analysis
    mentions: list[MentionRecord] = field(default_factory=list)
    lexicon_version: str | None = None  # None: not tagged
    records: list[DecisionRecord] = field(default_factory=list)
    records_built_with: str | None = None  # version of the readers (None: not read)

    @property
    def url(self) -> str:
        return self.fetch.url

    @property
    def sha256(self) -> str:
        return self.analysis.sha256

    @property
    def text(self) -> str:
        return self.analysis.text


@dataclass(slots=True, kw_only=True)
class DecisionRecord:
    """A decision about surveillance technology, read from one act (or a document without
    acts): who decided what, when, for how much, with whom, under which law.

    Every field may be empty, none is guessed; ``evidence`` gives, for each filled field, the
    character span of the document's text it was read from (``start``, ``end``), so that a
    reader can check it. ``kind`` is one of ``DECISION_KINDS`` (see ``pipelines.records.kinds``).
    """

    kind: str
    act_seq: int | None = None  # the act it was read from (``ActRecord.seq``); None: the document
    scope: str | None = None  # prefectoral authorisations: new, renewal or modification
    technologies: list[str] = field(default_factory=list)  # lexicon categories
    authority: str | None = None
    act_number: str | None = None
    act_date: dt.date | None = None
    beneficiary: str | None = None  # who is authorised, funded or contracted
    commune: str | None = None
    cameras: int | None = None
    cameras_public_road: int | None = None
    amount_eur: float | None = None
    amount_tax: str | None = None  # HT or TTC
    funding_rate: float | None = None  # percent
    vendor: str | None = None
    legal_basis: list[str] = field(default_factory=list)  # "CSI L.251-1", "loi 2023-380"…
    retention_days: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_years: int | None = None
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in dataclasses.asdict(self).items()
        }


DECISION_KINDS = (
    "prefectoral_authorisation",
    "drone_authorisation",
    "experiment",
    "grant_request",
    "grant_award",
    "procurement_award",
    "maintenance",
    "convention",
    "renewal",
    "extension",
    "deployment",
    "motion_against",
    "moratorium_ban",
    "debate_only",
)
# A prefect's decisions: who authorises a system, where the commune's own acts decide to have one
# (the two sides of one story, linked; an authorisation's technology is its law's).
PREFECTORAL_KINDS = ("prefectoral_authorisation", "drone_authorisation")


# The columns of ``vigie records list``, of its CSV export and of the snapshot's records.csv,
# in order (a public contract: extend, never rename).
RECORD_EXPORT_COLUMNS = [
    "id",
    "kind",
    "scope",
    "technologies",
    "authority",
    "act_number",
    "act_date",
    "beneficiary",
    "commune",
    "cameras",
    "cameras_public_road",
    "amount_eur",
    "amount_tax",
    "funding_rate",
    "vendor",
    "legal_basis",
    "retention_days",
    "period_start",
    "period_end",
    "period_years",
    "document_id",
    "document_title",
    "document_date",
    "act",
    "url",
    "original_url",
    "read_from",  # added in 2026.12: "act" or "report" (``archive.taxonomy.read_from``)
]

# The decision_records columns that ``DecisionRecord`` declares (``act_seq`` becomes ``act_id``).
RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(DecisionRecord) if f.name != "act_seq")

# The documents columns that ``DocumentFacts`` declares, in order.
FACT_FIELDS = tuple(f.name for f in dataclasses.fields(DocumentFacts))
