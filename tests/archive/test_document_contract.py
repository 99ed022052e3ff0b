"""The document contract (``archive.records.DocumentFacts``) and everything derived from it.

A fact the archive keeps is declared once, in the contract; the documents table, the export,
the document detail and the API take it from there. These tests hold every consumer to the
contract, and show a fact travelling from a crawl's analysis to the API without any of them
naming it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from fastapi.testclient import TestClient

from archive import ArchiveStore, FetchRecord, resolve_location
from archive.export import EXPORT_FIELDS, iter_records
from archive.models import Document
from archive.reader import ArchiveReader
from archive.records import FACT_FIELDS, Analysis, DocumentFacts, Fetch
from search import ensure_index
from search.documents import DocumentDetail, load_document
from web.api import DocumentOut
from web.app import create_app
from web.archive_view import WebArchive


def test_every_fact_is_a_column_an_export_field_a_detail_and_an_api_field() -> None:
    columns = set(Document.__table__.columns.keys())
    detail = {field.name for field in dataclasses.fields(DocumentDetail)}
    for name in FACT_FIELDS:
        assert name in columns, name
        assert name in EXPORT_FIELDS, name
        assert name in detail, name
        assert name in DocumentOut.model_fields, name


def test_a_facts_column_type_and_nullability_follow_its_annotation() -> None:
    table = Document.__table__.columns
    assert not table["doc_type"].nullable and not table["needs_ocr"].nullable
    assert table["date"].nullable and table["ocr_confidence"].nullable
    assert table["date"].index and table["doc_type"].index and table["needs_ocr"].index
    assert table["title"].type.python_type is str
    assert table["date"].type.python_type is dt.date


def test_facts_travel_from_the_analysis_to_export_detail_and_api(tmp_path: Path) -> None:
    db = tmp_path / "vigie.db"
    store = ArchiveStore(resolve_location(str(db)))
    ensure_index(store.engine)
    facts = DocumentFacts(
        title="Délibération 2024-12",
        filename="delib-2024-12.pdf",
        doc_type="deliberation",
        date=dt.date(2024, 3, 4),
        date_source="text",
        extraction="ocr",
        needs_ocr=False,
        error=None,
        ocr_engine="tesseract 5.3.0 (fra)",
        ocr_confidence=91.5,
        ocr_error=None,
    )
    body = b"%PDF-1.4 contract"
    analysis = Analysis(**facts.facts(), sha256="a" * 64, kind="pdf", pages=["Le conseil délibère."])
    fetch = Fetch(url="http://v.fr/delib.pdf", body=body, fetched_at=dt.datetime(2026, 1, 1))
    store.record(FetchRecord(fetch, analysis))

    expected = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in facts.facts().items()
    }
    (exported,) = list(iter_records(store))
    assert {name: exported[name] for name in FACT_FIELDS} == expected
    with store.session() as session:
        document_id = session.query(Document.id).scalar()
    detail = load_document(store.engine, document_id)
    assert (
        detail is not None and DocumentFacts(**{name: getattr(detail, name) for name in FACT_FIELDS}) == facts
    )
    store.close()

    reader = ArchiveReader(resolve_location(str(db), writable=False))
    with TestClient(create_app(WebArchive.open(reader))) as client:
        answer = client.get(f"/api/documents/{document_id}")
    reader.close()
    assert answer.status_code == 200
    assert {name: json.loads(answer.text)[name] for name in FACT_FIELDS} == expected
