"""The decision records' pages: ``/records`` (the list, filtered), ``/records/{id}`` (one record,
each field beside its evidence highlighted in the document's text), ``/communes/{name}`` (a
commune's timeline) and its Atom feed ``/communes/{name}/feed``."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from archive.record_queries import EvidencePassage, RecordView, commune_records, find_records, record_by_id
from archive.records import RECORD_FIELDS
from archive.taxonomy import CATEGORY_IDS
from search.record_geojson import feature_collection
from web.app import archive_of, path_segment, render
from web.labels import RECORD_FIELD_LABELS, SCOPE_LABELS, decision_kind_label, euros, french_date
from web.pages import page_numbers
from web.record_feed import commune_feed
from web.record_params import PER_PAGE, RecordParams, record_params

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One filled field of a record as the page shows it, beside its evidence."""

    name: str
    label: str
    value: str
    quote: str | None = None
    passage: EvidencePassage | None = None
    categories: list[str] = field(default_factory=list)  # technologies: shown as badges


@dataclass(frozen=True, slots=True)
class Timeline:
    """A commune's records, oldest first, grouped by year ("date inconnue" last)."""

    commune: str
    views: list[RecordView]
    years: list[tuple[str, list[RecordView]]]
    technologies: list[tuple[str, int]]  # (category, records), in the taxonomy's order
    latest: RecordView | None
    documents: list[tuple[int, str, dt.date | None, int]]  # (id, title, date, records)


@router.get("/records", response_class=HTMLResponse)
def record_list(request: Request, filters: Annotated[RecordParams, Depends(record_params)]) -> HTMLResponse:
    archive = archive_of(request)
    total, views = find_records(archive.reader, filters.record_filter(archive.record_places))
    last_page = max(1, -(-total // PER_PAGE))
    return render(
        request,
        "records.html",
        title="Décisions",
        filters=filters,
        total=total,
        views=views,
        pages=page_numbers(filters.page, last_page),
        last_page=last_page,
    )


@router.get("/records.geojson", response_class=Response)
def record_geojson(request: Request, filters: Annotated[RecordParams, Depends(record_params)]) -> Response:
    """Every record the filters select (not one page) that the registry places, as GeoJSON;
    ``X-Vigie-Unplaced`` says how many were left out for want of a known place."""
    archive = archive_of(request)
    _, views = find_records(archive.reader, filters.record_filter(archive.record_places, everything=True))
    collection, unplaced = feature_collection(views, archive.record_places)
    return Response(
        json.dumps(collection, ensure_ascii=False),
        media_type="application/geo+json",
        headers={"X-Vigie-Unplaced": str(unplaced)},
    )


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, record_id: int) -> HTMLResponse:
    view = record_by_id(archive_of(request).reader, record_id)
    if view is None:
        raise HTTPException(404, f"Aucune décision n° {record_id} dans l'archive.")
    filled = field_rows(view)
    shown = {row.name for row in filled}
    return render(
        request,
        "record.html",
        title=" · ".join(
            part
            for part in (decision_kind_label(view.record.kind), view.record.authority or view.document_title)
            if part
        ),
        view=view,
        rows=filled,
        missing=[
            RECORD_FIELD_LABELS[name]
            for name in RECORD_FIELDS
            if name in RECORD_FIELD_LABELS and name not in shown
        ],
    )


@router.get("/communes/{name}", response_class=HTMLResponse)
def commune_page(request: Request, name: str) -> HTMLResponse:
    found = timeline(commune_records(archive_of(request).reader, name), name)
    return render(
        request,
        "commune.html",
        title=f"Décisions : {found.commune}",
        timeline=found,
        feed_url=f"/communes/{path_segment(found.commune)}/feed",
    )


@router.get("/communes/{name}/feed", response_class=Response)
def commune_feed_route(request: Request, name: str) -> Response:
    found = timeline(commune_records(archive_of(request).reader, name), name)
    newest_first = [view for view in reversed(found.views) if view.date] + [
        view for view in found.views if not view.date
    ]
    base = str(request.base_url).rstrip("/")
    xml = commune_feed(found.commune, newest_first, base, str(request.url))
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


def timeline(views: list[RecordView], asked: str) -> Timeline:
    """The commune's timeline (``views`` oldest first); a 404 when it has no record."""
    if not views:
        raise HTTPException(404, f"Aucune décision enregistrée pour la commune « {asked[:100]} ».")
    years: dict[str, list[RecordView]] = {}
    for view in views:
        years.setdefault(str(view.date.year) if view.date else "Date inconnue", []).append(view)
    counts = Counter(technology for view in views for technology in view.record.technologies)
    order = {category: index for index, category in enumerate(CATEGORY_IDS)}
    documents: dict[int, tuple[int, str, dt.date | None, int]] = {}
    for view in views:
        _, title, date, count = documents.get(
            view.document_id, (view.document_id, view.document_title or "", view.document_date, 0)
        )
        documents[view.document_id] = (view.document_id, title, date, count + 1)
    dated = [view for view in views if view.date]
    return Timeline(
        commune=views[0].record.commune or asked,
        views=views,
        years=list(years.items()),
        technologies=sorted(counts.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0])),
        latest=dated[-1] if dated else views[-1],
        documents=sorted(documents.values(), key=lambda doc: (doc[2] is None, doc[2] or dt.date.min, doc[0])),
    )


def field_rows(view: RecordView) -> list[FieldRow]:
    """The record's filled fields, in the contract's order, each with its French label, its
    value as a reader reads it, and its quoted evidence."""
    record = view.record
    rows = []
    for name in RECORD_FIELDS:
        value = getattr(record, name, None)
        if name not in RECORD_FIELD_LABELS or value in (None, "", []):
            continue
        rows.append(
            FieldRow(
                name,
                RECORD_FIELD_LABELS[name],
                _shown(name, value),
                view.quotes.get(name),
                view.passages.get(name),
                list(value) if name == "technologies" else [],
            )
        )
    return rows


def _shown(name: str, value: object) -> str:
    if name == "kind":
        return decision_kind_label(str(value))
    if name == "scope":
        return SCOPE_LABELS.get(str(value), str(value))
    if isinstance(value, dt.date):
        return french_date(value)
    if name == "amount_eur" and isinstance(value, float | int):
        return euros(float(value))
    if name == "funding_rate":
        return f"{value:g} %".replace(".", ",")
    if name == "retention_days":
        return f"{value} jour{'s' if value != 1 else ''}"
    if name == "period_years":
        return f"{value} an{'s' if value != 1 else ''}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
