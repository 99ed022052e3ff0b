"""SQLAlchemy 2.0 typed models of the archive.

A document is one exact byte sequence (keyed by its sha256). The URLs where it was seen are
separate rows, so the same PDF under two URLs is one document with two URLs, and new content
at a known URL is a new document (a new *version* of that URL) while the old one is kept.

Text is stored once, in ``documents.text``; for paged formats (PDF) the pages are separated by
a form feed (U+000C), the convention of pdftotext, so page N is ``text.split("\\f")[N - 1]``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeEngine

from archive.records import PAGE_SEPARATOR, DecisionRecord, DocumentFacts
from archive.sqltypes import WideInteger, short_text

__all__ = [
    "PAGE_SEPARATOR",
    "Act",
    "ActesColumns",
    "Base",
    "CrawlRun",
    "DecisionRow",
    "Document",
    "DocumentUrl",
    "FactColumns",
    "Mention",
    "SchemaVersion",
    "Source",
    "SourceCheck",
]


class Base(DeclarativeBase):
    # Keys and counts are 64-bit on both backends (``archive.sqltypes``).
    type_annotation_map: typing.ClassVar[dict[typing.Any, typing.Any]] = {int: WideInteger}


class SchemaVersion(Base):
    """One row per schema version applied; the highest is the archive's version."""

    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(WideInteger, primary_key=True, autoincrement=False)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ActesColumns:
    """What an ACTES identifier and the prefecture's stamp say (``archive.records.ActesInfo``)."""

    actes_id: Mapped[str | None] = mapped_column(short_text(64))
    actes_department: Mapped[str | None] = mapped_column(short_text(3))
    actes_date: Mapped[dt.date | None] = mapped_column(Date)
    actes_number: Mapped[str | None] = mapped_column(short_text(32))
    actes_nature: Mapped[str | None] = mapped_column(short_text(2))
    prefecture_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    prefecture_received_on: Mapped[dt.date | None] = mapped_column(Date)
    published_on: Mapped[dt.date | None] = mapped_column(Date)

    @declared_attr
    def actes_siren(cls) -> Mapped[str | None]:  # noqa: N805 - SQLAlchemy's declared_attr
        return mapped_column(short_text(9), index=True)


# How a fact's column is stored, where the plain mapping of its type is not enough: a length
# that keeps older archives' DDL, an index the search filters on. A new fact needs no entry.
_FACT_STORAGE: dict[str, dict[str, typing.Any]] = {
    "filename": {"type": short_text(512)},
    "doc_type": {"type": short_text(32), "index": True},
    "date": {"index": True},
    "date_source": {"type": short_text(32)},
    "extraction": {"type": short_text(32)},
    "needs_ocr": {"index": True},
    "ocr_engine": {"type": short_text(64)},
}
_PLAIN_TYPES: dict[type, TypeEngine[typing.Any] | type[TypeEngine[typing.Any]]] = {
    str: Text,
    bool: Boolean,
    int: WideInteger,
    float: Float,
    dt.date: Date,
    dt.datetime: DateTime,
}


def contract_columns(
    name: str, contract: type, storage: dict[str, dict[str, typing.Any]], skip: tuple[str, ...] = ()
) -> type:
    """A declarative mixin with one column per field of the dataclass ``contract``: its type
    from the annotation (lists and dicts as JSON), NULL when it is optional, and what
    ``storage`` says of its length or index. A field added to the contract is a column."""
    hints = typing.get_type_hints(contract)
    columns = {
        item.name: _contract_column(item, hints[item.name], storage.get(item.name, {}))
        for item in dataclasses.fields(contract)
        if item.name not in skip
    }
    return type(name, (), columns)


def _contract_column(
    item: dataclasses.Field[typing.Any], annotation: typing.Any, storage: dict[str, typing.Any]
) -> declared_attr[typing.Any]:
    members = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    nullable = type(None) in members
    (plain,) = [member for member in members if member is not type(None)]
    origin = typing.get_origin(plain) or plain
    if origin in (list, dict):
        column_type: typing.Any = storage.get("type", JSON)
        default = None
    else:
        column_type = storage.get("type", _PLAIN_TYPES[plain])
        default = None if item.default is dataclasses.MISSING else item.default

    def column(cls: type) -> Mapped[typing.Any]:
        return mapped_column(
            column_type, nullable=nullable, index=storage.get("index", False), default=default
        )

    return declared_attr(column)


# Declared on ``Document`` from the contract, so that a new fact is a new column by itself.
FactColumns = contract_columns("FactColumns", DocumentFacts, _FACT_STORAGE)
_RECORD_STORAGE: dict[str, dict[str, typing.Any]] = {
    "kind": {"type": short_text(32), "index": True},
    "scope": {"type": short_text(16)},
    "act_number": {"type": short_text(64)},
    "act_date": {"index": True},
    "amount_tax": {"type": short_text(3)},
}
RecordColumns = contract_columns("RecordColumns", DecisionRecord, _RECORD_STORAGE, skip=("act_seq",))


class Source(Base):
    """A host that documents were fetched from (``www.ville-x.fr`` or ``127.0.0.1:8000``)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(short_text(255), unique=True)
    name: Mapped[str | None] = mapped_column(short_text(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    documents: Mapped[list[Document]] = relationship(back_populates="source")


class Document(FactColumns, ActesColumns, Base):
    """One archived byte sequence (HTML page, PDF, office file…) and its extracted text.

    What analysis found (title, type, date, OCR state…) are the ``FactColumns``, one per field
    of ``archive.records.DocumentFacts``. ``needs_ocr`` stays true until OCR has given text to
    every page that needed it: it is the OCR queue. ``extraction`` then says ``ocr``, with the
    engine in ``ocr_engine`` and the mean word confidence (0-100) in ``ocr_confidence``.
    """

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(short_text(64), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    content_type: Mapped[str | None] = mapped_column(short_text(255))
    kind: Mapped[str] = mapped_column(short_text(16))  # html, pdf, doc, docx, odt, text
    size: Mapped[int] = mapped_column(WideInteger)
    pages: Mapped[int] = mapped_column(WideInteger, default=0)
    text_length: Mapped[int] = mapped_column(WideInteger, default=0)
    # False once every URL where it was seen serves newer content: search hides it by default.
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    # Version of the lexicon whose mentions the document holds (None: never tagged).
    tagged_with: Mapped[str | None] = mapped_column(short_text(32), index=True)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # The distinct categories and stances of its mentions, sorted, space-separated (None: none),
    # written with the mentions: what the search facets count (``archive.mention_summary``).
    mention_categories: Mapped[str | None] = mapped_column(Text)
    mention_stances: Mapped[str | None] = mapped_column(Text)
    # Last on purpose: SQLite reads a row's columns in order, and every column stored after a
    # long text would cost the overflow pages of that text on each filter or join.
    # (sort_order: after the columns of the ActesColumns mixin too.)
    text: Mapped[str] = mapped_column(Text, default="", sort_order=100)

    source: Mapped[Source] = relationship(back_populates="documents")
    urls: Mapped[list[DocumentUrl]] = relationship(
        back_populates="document", order_by="DocumentUrl.first_seen_at, DocumentUrl.id"
    )
    mentions: Mapped[list[Mention]] = relationship(back_populates="document")
    acts: Mapped[list[Act]] = relationship(back_populates="document", order_by="Act.seq")


class DocumentUrl(Base):
    """A URL where a document was seen: one *version* of that URL.

    The latest version of a URL is its newest ``last_seen_at``. When the URL later serves
    other content, this row gets ``replaced_at``; when it answers 404 or 410, its latest row
    gets ``removed_at`` (cleared if the URL comes back). The HTTP validators of the last fetch
    (``etag``, ``last_modified``) make the next crawl's request conditional.
    """

    __tablename__ = "document_urls"
    __table_args__ = (UniqueConstraint("document_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text, index=True)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Since schema version 3: provenance and history of the URL.
    source_slug: Mapped[str | None] = mapped_column(short_text(64), index=True)  # registry source
    etag: Mapped[str | None] = mapped_column(short_text(255))
    last_modified: Mapped[str | None] = mapped_column(short_text(64))  # as the server wrote it
    replaced_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # What the listing that pointed here says about the document (an SCDL CSV row).
    # none_as_null: no listing is SQL NULL, however the row is inserted (ORM or bulk).
    listing: Mapped[dict[str, str] | None] = mapped_column(JSON(none_as_null=True))

    document: Mapped[Document] = relationship(back_populates="urls")


class Act(ActesColumns, Base):
    """One act (deliberation, arrêté, agenda item) inside a document: ``pipelines.acts``."""

    __tablename__ = "acts"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(WideInteger)  # 1-based order in the document
    kind: Mapped[str] = mapped_column(short_text(16))  # deliberation, arrete, item
    number: Mapped[str | None] = mapped_column(short_text(32))
    title: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(WideInteger)  # character offsets in documents.text
    end: Mapped[int] = mapped_column(WideInteger)
    page_start: Mapped[int | None] = mapped_column(WideInteger)
    page_end: Mapped[int | None] = mapped_column(WideInteger)
    vote_for: Mapped[int | None] = mapped_column(WideInteger)
    vote_against: Mapped[int | None] = mapped_column(WideInteger)
    vote_abstentions: Mapped[int | None] = mapped_column(WideInteger)
    unanimous: Mapped[bool | None] = mapped_column(Boolean)
    decision: Mapped[str | None] = mapped_column(short_text(16))  # adopte, approuve, autorise, rejette

    document: Mapped[Document] = relationship(back_populates="acts")
    mentions: Mapped[list[Mention]] = relationship(back_populates="act")


class Mention(Base):
    """A tagged mention of surveillance technology (filled by the tagging stage)."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(short_text(64), index=True)
    term: Mapped[str] = mapped_column(Text)  # canonical term of the lexicon
    matched: Mapped[str] = mapped_column(Text)  # the exact text of the document
    start: Mapped[int] = mapped_column(WideInteger)  # character offsets in documents.text
    end: Mapped[int] = mapped_column(WideInteger)
    page: Mapped[int | None] = mapped_column(WideInteger)  # 1-based, for paged documents
    context: Mapped[str] = mapped_column(Text)
    stance: Mapped[str | None] = mapped_column(short_text(16))  # "opposition" or None
    lexicon_version: Mapped[str] = mapped_column(short_text(32))
    # The act the mention falls in, when the document was split into acts.
    act_id: Mapped[int | None] = mapped_column(ForeignKey("acts.id", ondelete="SET NULL"), index=True)

    document: Mapped[Document] = relationship(back_populates="mentions")
    act: Mapped[Act | None] = relationship(back_populates="mentions")


class DecisionRow(RecordColumns, Base):
    """A decision record (``archive.records.DecisionRecord``), read from an act or a document.

    ``evidence`` maps each filled field to the span of ``documents.text`` it was read from.
    ``built_with`` is the version of the readers (``pipelines.records.build.RECORDS_VERSION``).
    """

    __tablename__ = "decision_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    act_id: Mapped[int | None] = mapped_column(ForeignKey("acts.id", ondelete="SET NULL"), index=True)
    built_with: Mapped[str] = mapped_column(short_text(32))

    document: Mapped[Document] = relationship()
    act: Mapped[Act | None] = relationship()


class CrawlRun(Base):
    """One run of a crawl: when, from where, what it found, and how it ended."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(short_text(16))  # running, completed, failed
    close_reason: Mapped[str | None] = mapped_column(short_text(64))
    start_urls: Mapped[list[str]] = mapped_column(JSON)
    pages_fetched: Mapped[int] = mapped_column(WideInteger, default=0)
    documents_new: Mapped[int] = mapped_column(WideInteger, default=0)
    documents_changed: Mapped[int] = mapped_column(WideInteger, default=0)
    documents_unchanged: Mapped[int] = mapped_column(WideInteger, default=0)
    documents_duplicate: Mapped[int] = mapped_column(WideInteger, default=0)
    documents_failed: Mapped[int] = mapped_column(WideInteger, default=0)
    needs_ocr: Mapped[int] = mapped_column(WideInteger, default=0)
    mentions: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # new ones, by category
    errors: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    error_samples: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # Since schema version 3: registry sources crawled, and the results of each one.
    sources: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    documents_removed: Mapped[int | None] = mapped_column(WideInteger, default=0)
    source_results: Mapped[dict[str, dict] | None] = mapped_column(JSON, default=dict)


class SourceCheck(Base):
    """One start URL checked by ``vigie sources check`` (since schema version 5).

    Rows are never updated: the history stays, and a source's latest check is its rows of the
    latest ``checked_at`` (one time per run of the command, so a source's start URLs share it).
    ``slug`` is the registry's, not a foreign key: the registry lives in files, not here.
    """

    __tablename__ = "source_checks"
    __table_args__ = (Index("ix_source_checks_slug_checked_at", "slug", "checked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(short_text(128))
    url: Mapped[str] = mapped_column(Text)
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ok: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[int | None] = mapped_column(WideInteger)  # HTTP status, None without an answer
    final_url: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
