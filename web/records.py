"""The decision records' pages: ``/records`` (the list, filtered), ``/records/{id}`` (one record,
each field beside its evidence highlighted in the document's text), ``/communes/{name}`` (a
commune's timeline, ``web.timeline``) and its Atom feed ``/communes/{name}/feed``. The timelines
of EPCIs, départements and régions are ``web.place_pages``'."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from archive.record_queries import EvidencePassage, RecordView, commune_records, find_records, record_by_id
from archive.records import RECORD_FIELDS
from search.record_geojson import feature_collection
from search.record_places import RecordPlaces
from web.app import archive_of, path_segment, render
from web.labels import RECORD_FIELD_LABELS, SCOPE_LABELS, decision_kind_label, euros, french_date
from web.pages import page_numbers
from web.record_feed import commune_feed
from web.record_params import PER_PAGE, RecordParams, record_params
from web.review_marks import view_marks
from web.timeline import Timeline, area_url, areas_above, place_of, timeline

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
        place_links=place_links(filters, archive.record_places) if filters.places else [],
        marks=view_marks(request, views),
    )


def place_links(filters: RecordParams, places: RecordPlaces) -> list[tuple[str, str]]:
    """(label, page) of each place the list is filtered by: its timeline."""
    links = []
    for kind, codes in (
        ("region", filters.regions),
        ("departement", filters.departements),
        ("epci", filters.epcis),
    ):
        for code in codes:
            area = places.geography.get(kind, code)
            if area is not None:
                links.append((_area_label(area.kind, area.name, area.code), area_url(area)))
    for code in filters.communes:
        commune = places.commune(code)
        if commune is not None:
            links.append((commune.name, f"/communes/{path_segment(commune.name)}"))
    return links


def _area_label(kind: str, name: str, code: str) -> str:
    return f"{name} ({code})" if kind == "departement" else name


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
    archive = archive_of(request)
    view = record_by_id(archive.reader, record_id)
    if view is None:
        raise HTTPException(404, f"Aucune décision n° {record_id} dans l'archive.")
    places = archive.record_places
    place = places.resolve(view.record.commune, view.source_slug)
    filled = field_rows(view)
    shown = {row.name for row in filled}
    return render(
        request,
        "record.html",
        title=" · ".join(
            part
            for part in (
                decision_kind_label(view.record.kind),
                view.record.authority or view.document_display_title,
            )
            if part
        ),
        view=view,
        mark=view_marks(request, [view]).get(view.id),
        place=place,
        trail=areas_above(place, places),
        rows=filled,
        missing=[
            RECORD_FIELD_LABELS[name]
            for name in RECORD_FIELDS
            if name in RECORD_FIELD_LABELS and name not in shown
        ],
    )


@router.get("/communes/{name}", response_class=HTMLResponse)
def commune_page(request: Request, name: str) -> HTMLResponse:
    places = archive_of(request).record_places
    found = _commune_timeline(request, name)
    place = place_of(found.views, places)
    return render(
        request,
        "timeline.html",
        title=f"Décisions : {found.name}",
        timeline=found,
        kind="commune",
        subtitle=f"Commune · code INSEE {place.insee}" if place is not None and place.insee else "Commune",
        trail=areas_above(place, places),
        feed_url=f"/communes/{path_segment(found.name)}/feed",
        list_url="/records?" + urlencode({"commune": place.insee if place and place.insee else found.name}),
        search_url="/search?" + urlencode({"q": f'"{found.name}"'}),
    )


@router.get("/communes/{name}/feed", response_class=Response)
def commune_feed_route(request: Request, name: str) -> Response:
    found = _commune_timeline(request, name)
    base = str(request.base_url).rstrip("/")
    xml = commune_feed(found.name, found.newest_first, base, str(request.url))
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


def _commune_timeline(request: Request, name: str) -> Timeline:
    views = commune_records(archive_of(request).reader, name)
    commune = views[0].record.commune if views and views[0].record.commune else name
    return timeline(views, commune, f"Aucune décision enregistrée pour la commune « {name[:100]} ».")


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
