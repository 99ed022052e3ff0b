"""Decision records as GeoJSON (RFC 7946), for those who publish maps.

One Feature per record whose commune the registry locates (``search.record_places``): a Point at
its town hall, ``[lon, lat]``, and flat properties that map tools show as they are: the columns
of the CSV export (lists joined by ``;``), then where the record lies and how that was found,
then the evidence's address. The property names are a public contract (README, ``vigie
records``): extend, never rename.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from archive.record_queries import RecordView
from archive.records import RECORD_EXPORT_COLUMNS, RECORD_FIELDS
from search.record_places import RecordPlace, RecordPlaces

# What a feature adds to the CSV columns, in order.
PLACE_PROPERTIES = ["insee", "departement", "region", "epci", "place_resolution", "evidence_url"]
GEOJSON_PROPERTIES = [*RECORD_EXPORT_COLUMNS, *PLACE_PROPERTIES]


def evidence_url(view: RecordView) -> str:
    """The archived original, at the page of the first field (in the record's order) whose
    evidence has one: ``/originals/<sha256>#page=3``, relative to the web interface."""
    page = next((view.pages[name] for name in RECORD_FIELDS if name in view.pages), None)
    original = f"/originals/{view.sha256}"
    return f"{original}#page={page}" if page else original


def feature(view: RecordView, place: RecordPlace) -> dict[str, Any]:
    row = view.to_dict()
    properties = {name: _flat(row.get(name)) for name in RECORD_EXPORT_COLUMNS}
    properties.update(
        insee=place.insee,
        departement=place.departement,
        region=place.region,
        epci=place.epci,
        place_resolution=place.resolution,
        evidence_url=evidence_url(view),
    )
    return {
        "type": "Feature",
        "id": view.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def feature_collection(views: Iterable[RecordView], places: RecordPlaces) -> tuple[dict[str, Any], int]:
    """(the FeatureCollection of the located records, how many records had no known place)."""
    features, unplaced = [], 0
    for view in views:
        place = places.resolve(view.record.commune, view.source_slug)
        if place is None or not place.located:
            unplaced += 1
            continue
        features.append(feature(view, place))
    return {"type": "FeatureCollection", "features": features}, unplaced


def _flat(value: Any) -> Any:
    return ";".join(str(item) for item in value) if isinstance(value, list) else value
