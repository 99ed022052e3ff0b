"""A place's decisions in time order, as its page shows them: a commune's, an EPCI's, a
département's or a région's records grouped by year, with counts by technology and by commune,
the latest decision and the documents they come from. ``web.records`` (communes) and
``web.place_pages`` (EPCIs, départements, régions) build one for their pages and Atom feeds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from fastapi import HTTPException

from archive.record_queries import RecordView
from archive.taxonomy import CATEGORY_IDS
from search.geography import Place
from search.record_places import RecordPlace, RecordPlaces

TIMELINE_RECORDS = 1_000  # an area's page shows its newest records, at most this many
AREA_PATHS = {"epci": "epci", "departement": "departements", "region": "regions"}
UNNAMED = "Sans commune nommée"  # a prefect's act about a département-wide system, say


@dataclass(frozen=True, slots=True)
class CommuneCount:
    """The records of one commune of a place: the registry's name when it places them, else
    the name as the records write it (``written``, the commune page's address)."""

    name: str
    written: str | None
    insee: str | None
    records: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """A place's records, oldest first, grouped by year ("Date inconnue" last)."""

    name: str
    views: list[RecordView]
    years: list[tuple[str, list[RecordView]]]
    technologies: list[tuple[str, int]]  # (category, records), in the taxonomy's order
    latest: RecordView | None
    documents: list[tuple[int, str, dt.date | None, int]]  # (id, title, date, records)
    communes: list[CommuneCount]  # the most records first; empty without the registry's places
    total: int  # the place's records: ``views`` may be the newest ``TIMELINE_RECORDS`` only

    @property
    def newest_first(self) -> list[RecordView]:
        """The feed's order: the newest decision first, undated ones last."""
        dated = [view for view in reversed(self.views) if view.date]
        return dated + [view for view in self.views if not view.date]


def timeline(
    views: list[RecordView],
    name: str,
    missing: str,
    places: RecordPlaces | None = None,
    total: int | None = None,
) -> Timeline:
    """The timeline of ``views`` (oldest first); a 404 saying ``missing`` when there is none.
    ``places`` count the records by commune."""
    if not views:
        raise HTTPException(404, missing)
    years: dict[str, list[RecordView]] = {}
    for view in views:
        years.setdefault(str(view.date.year) if view.date else "Date inconnue", []).append(view)
    counts = Counter(technology for view in views for technology in view.record.technologies)
    order = {category: index for index, category in enumerate(CATEGORY_IDS)}
    documents: dict[int, tuple[int, str, dt.date | None, int]] = {}
    for view in views:
        _, title, date, count = documents.get(
            view.document_id, (view.document_id, view.document_display_title or "", view.document_date, 0)
        )
        documents[view.document_id] = (view.document_id, title, date, count + 1)
    dated = [view for view in views if view.date]
    return Timeline(
        name=name,
        views=views,
        years=list(years.items()),
        technologies=sorted(counts.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0])),
        latest=dated[-1] if dated else views[-1],
        documents=sorted(documents.values(), key=lambda doc: (doc[2] is None, doc[2] or dt.date.min, doc[0])),
        communes=commune_counts(views, places) if places is not None else [],
        total=len(views) if total is None else total,
    )


def commune_counts(views: list[RecordView], places: RecordPlaces) -> list[CommuneCount]:
    """The records by commune, as the registry places them (one line per INSEE code, whatever
    the spellings); a record it cannot place counts under its own spelling, or under no name."""
    counts: Counter[tuple[str | None, str]] = Counter()
    spellings: dict[tuple[str | None, str], str | None] = {}
    for view in views:
        written = view.record.commune
        place = places.resolve(written, view.source_slug)
        key = (place.insee, place.name) if place is not None else (None, written or "")
        counts[key] += 1
        spellings[key] = spellings.get(key) or written
    found = [
        CommuneCount(name or UNNAMED, spellings[(insee, name)], insee, count)
        for (insee, name), count in counts.items()
    ]
    return sorted(found, key=lambda c: (-c.records, c.name == UNNAMED, c.name))


def place_of(views: list[RecordView], places: RecordPlaces) -> RecordPlace | None:
    """Where most of a commune's records are placed (a name borne by two communes may be
    placed in either, by the sources that found each record)."""
    found = Counter(
        place
        for view in views
        if (place := places.resolve(view.record.commune, view.source_slug)) is not None
    )
    return found.most_common(1)[0][0] if found else None


def areas_above(place: RecordPlace | None, places: RecordPlaces) -> list[Place]:
    """The région, département and EPCI of a commune, for the crumbs of its pages."""
    if place is None:
        return []
    return places.geography.above(place.epci, place.departement, place.region)


def area_url(area: Place) -> str:
    """``/epci/200069425``, ``/departements/50``, ``/regions/28``."""
    return f"/{AREA_PATHS[area.kind]}/{area.code}"
