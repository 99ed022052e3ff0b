"""The timelines of the areas above the commune: ``/epci/{siren}``, ``/departements/{code}``,
``/regions/{code}``, each with its Atom feed (``…/feed``).

An area's records are those the registry places there (``search.record_places``: the records
of its communes, and those its own sources found that name no commune elsewhere), as
``/records?epci=…`` lists them; the page shows the newest ``TIMELINE_RECORDS`` of them, oldest
first. A code the registry does not know, or an area without a record, is a 404 in French.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from archive.record_queries import RecordFilter, find_records
from search.errors import SearchError
from search.geography import Place
from web.app import archive_of, render
from web.record_feed import timeline_feed
from web.timeline import TIMELINE_RECORDS, Timeline, area_url, timeline

router = APIRouter(include_in_schema=False)

# How the pages name each kind of area: (unknown code, no record, subtitle).
WORDS = {
    "epci": ("Aucun EPCI de SIREN « {code} » dans le registre.", "l'EPCI « {name} »", "EPCI · SIREN {code}"),
    "departement": (
        "Aucun département « {code} » dans le registre.",
        "le département « {name} » ({code})",
        "Département {code}",
    ),
    "region": ("Aucune région « {code} » dans le registre.", "la région « {name} »", "Région {code}"),
}


@router.get("/epci/{siren}", response_class=HTMLResponse)
def epci_page(request: Request, siren: str) -> Response:
    return _page(request, "epci", siren)


@router.get("/epci/{siren}/feed", response_class=Response)
def epci_feed(request: Request, siren: str) -> Response:
    return _feed(request, "epci", siren)


@router.get("/departements/{code}", response_class=HTMLResponse)
def departement_page(request: Request, code: str) -> Response:
    return _page(request, "departement", code)


@router.get("/departements/{code}/feed", response_class=Response)
def departement_feed(request: Request, code: str) -> Response:
    return _feed(request, "departement", code)


@router.get("/regions/{code}", response_class=HTMLResponse)
def region_page(request: Request, code: str) -> Response:
    return _page(request, "region", code)


@router.get("/regions/{code}/feed", response_class=Response)
def region_feed(request: Request, code: str) -> Response:
    return _feed(request, "region", code)


def _page(request: Request, kind: str, code: str) -> Response:
    area = _area(request, kind, code)
    if area.code != code:  # "050", "2a": the page has one address
        return RedirectResponse(area_url(area), status_code=308)
    found = _timeline(request, area)
    above = archive_of(request).geography.above(None, area.departement, area.region)
    return render(
        request,
        "timeline.html",
        title=f"Décisions : {area.name}",
        timeline=found,
        kind=kind,
        subtitle=WORDS[kind][2].format(code=area.code),
        trail=[*above, area],
        feed_url=area_url(area) + "/feed",
        list_url="/records?" + urlencode({kind: area.code}),
        search_url="/search?" + urlencode({"departement": area.code}) if kind == "departement" else None,
    )


def _feed(request: Request, kind: str, code: str) -> Response:
    area = _area(request, kind, code)
    found = _timeline(request, area)
    base = str(request.base_url).rstrip("/")
    xml = timeline_feed(
        f"Vigie : décisions · {area.name}",
        f"urn:vigie:{kind}:{area.code}",
        area_url(area),
        found.newest_first,
        base,
        str(request.url),
    )
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


def _area(request: Request, kind: str, code: str) -> Place:
    """The area of that code (in any spelling the filters take), else a 404."""
    geography = archive_of(request).geography
    try:
        checked = geography.check(kind, code[:20])
    except SearchError:
        raise HTTPException(404, WORDS[kind][0].format(code=code[:20])) from None
    area = geography.get(kind, checked)
    if area is None:  # ``check`` knows every area ``get`` gives: never, but say so clearly
        raise HTTPException(404, WORDS[kind][0].format(code=checked))
    return area


def _timeline(request: Request, area: Place) -> Timeline:
    archive = archive_of(request)
    places = archive.record_places
    place = places.place_filter(**{f"{area.kind}s": [area.code]})
    total, views = find_records(archive.reader, RecordFilter(place=place, limit=TIMELINE_RECORDS))
    missing = (
        "Aucune décision enregistrée pour " + WORDS[area.kind][1].format(name=area.name, code=area.code) + "."
    )
    return timeline(list(reversed(views)), area.name, missing, places, total)
