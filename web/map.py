"""``/map``: France with a point for each registry source that found documents with mentions or
decision records, at the source's location, sized by its documents, coloured by its main
technology or by stance; the same points in a table beneath.

Filters are the search's (``category``, ``stance``, ``departement``, ``region``, ``epci``,
``commune``, ``since``, ``until``, checked by the same code, with the same 400 page), plus
``colour`` (``category`` or ``stance``). The search filters a document by its source's place or
its ACTES identifier; the map places sources, so a place filter keeps the sources placed there
(``search.places.SourcePlaces``: an EPCI keeps its own source and its communes'), each kind of
place narrowing the others as in the search. Each point links to the
commune's page when the source is a commune whose decision records name it, to the EPCI's,
département's or région's page when the source is one with records, else to the search of that
source's documents under the same filters. Points whose discs overlap are one disc with their
count (``web.map_clusters``), which leads to the list of its members beneath the map.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from archive.taxonomy import CATEGORY_IDS
from search import SearchError
from search.geography import Geography
from search.place_codes import check_code, normalise_departement
from search.places import Authority, SourcePlaces
from search.record_places import RecordPlaces
from search.source_counts import SourceCounts
from web.app import archive_of, path_segment, render
from web.labels import category_label
from web.map_clusters import group_points
from web.map_svg import HEIGHT, WIDTH, Base, base_map, place, radius
from web.params import BadSearch, SearchParams, search_params
from web.search_errors import french_message

router = APIRouter(include_in_schema=False)
COLOURS = ("category", "stance")
# The table beneath the map keeps the page light on a phone when thousands of sources have
# mentions (a point weighs about 0.3 KB, a row 0.4 KB); every source stays a point.
TABLE_ROWS = 300
CLUSTER_NAMES = 20  # members named in a cluster's entry beneath the map (all are in the table)
# "Ville de Montpellier" is "Montpellier" in the records (and on its commune page).
_TOWN_PREFIX = re.compile(r"^(ville|commune|mairie) d(e |')", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MapParams:
    search: SearchParams
    colour: str = "category"

    def url(self, colour: str | None = None) -> str:
        """This map's URL, with another colouring if given (the default one is left out)."""
        colour = colour or self.colour
        url = self.search.url("/map")
        if colour == "category":
            return url
        return url + ("&" if "?" in url else "?") + f"colour={colour}"


@dataclass(frozen=True, slots=True)
class Point:
    slug: str
    name: str
    departement: str
    documents: int
    mentions: int
    opposed: int
    records: int
    category: str | None  # the technology with the most documents
    href: str
    x: float | None = None  # None: no location, or outside the areas drawn (table only)
    y: float | None = None
    radius: float = 0.0
    css: str = ""

    @property
    def title(self) -> str:
        parts = [self.name + (f" ({self.departement})" if self.departement else "")]
        parts.append(
            _count(self.documents, "document") + " avec mentions, " + _count(self.mentions, "mention")
        )
        if self.opposed:
            parts.append(_count(self.opposed, "document") + " avec une opposition")
        if self.records:
            parts.append(_count(self.records, "décision"))
        if self.category:
            parts.append("surtout : " + category_label(self.category))
        return " — ".join(parts)


def map_params(
    category: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
    departement: Annotated[list[str], Query()] = [],  # noqa: B006
    region: Annotated[list[str], Query()] = [],  # noqa: B006
    epci: Annotated[list[str], Query()] = [],  # noqa: B006
    commune: Annotated[list[str], Query()] = [],  # noqa: B006
    stance: str = "",
    since: str = "",
    until: str = "",
    colour: str = "category",
) -> MapParams:
    """The map's filters, checked as the search checks them (raises ``BadSearch``)."""
    checked = search_params(
        category=category,
        departement=departement,
        region=region,
        epci=epci,
        commune=commune,
        stance=stance,
        since=since,
        until=until,
    )
    if colour not in COLOURS:
        raise BadSearch(f"Couleur inconnue : « {colour[:40]} ». Valeurs possibles : {', '.join(COLOURS)}.")
    return MapParams(checked, colour)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, params: Annotated[MapParams, Depends(map_params)]) -> HTMLResponse:
    archive = archive_of(request)
    search = params.search
    counts = archive.searcher.source_counts(
        list(search.categories), search.stance, search.since, search.until
    )
    base = base_map()
    inside = sources_inside(archive.searcher.places, search, archive.geography)
    points = map_points(counts, archive.authorities, archive.source_name, base, params, inside)
    placed = sorted((p for p in points if p.x is not None), key=lambda p: (-p.radius, p.slug))
    grouped = group_points(placed)
    shown_categories = [c for c in CATEGORY_IDS if any(p.category == c for p in placed)]
    return render(
        request,
        "map.html",
        title="Carte",
        params=search,
        map_params=params,
        base=base,
        base_width=WIDTH,
        base_height=HEIGHT,
        placed=placed,
        alone=sorted(grouped.alone, key=lambda p: (-p.radius, p.slug)),
        clusters=grouped.clusters,
        cluster_names=CLUSTER_NAMES,
        with_records=departements_with_records(counts, archive.record_places),
        points=points,
        table_rows=TABLE_ROWS,
        legend=shown_categories,
        feed_url=search.url("/feed"),
        place=archive.place_label,
    )


def map_points(
    counts: list[SourceCounts],
    authorities: dict[str, Authority],
    name_of: Callable[[str | None], str],
    base: Base,
    params: MapParams,
    inside: set[str] | None = None,
) -> list[Point]:
    """The sources' points, most documents first; those with no place on the map too.
    ``inside``: the slugs the place filters keep (``sources_inside``), None when none is given."""
    search = params.search
    kept = []
    for count in counts:
        if inside is not None and count.slug not in inside:
            continue
        authority = authorities.get(count.slug)
        departement = (
            normalise_departement(authority.departement) if authority and authority.departement else ""
        )
        kept.append((count, authority, departement))
    most = max((count.documents or count.records for count, _, _ in kept), default=1)
    points = []
    for count, authority, departement in kept:
        name = authority.name if authority else name_of(count.slug)
        category = _main_category(count)
        position = (
            place(base, authority.lat, authority.lon) if authority and authority.lat is not None else None
        )
        x, y = position if position else (None, None)
        if params.colour == "stance":
            css = "stance-opposition" if count.opposed else "stance-none"
        else:
            css = f"cat-{category}" if category else "cat-none"
        points.append(
            Point(
                slug=count.slug,
                name=name,
                departement=departement,
                documents=count.documents,
                mentions=count.mentions,
                opposed=count.opposed,
                records=count.records,
                category=category,
                href=_link(count, authority, search),
                x=x,
                y=y,
                radius=radius(count.documents or count.records, most),
                css=css,
            )
        )
    return sorted(points, key=lambda p: (-p.documents, -p.records, p.name))


def sources_inside(places: SourcePlaces, search: SearchParams, geography: Geography) -> set[str] | None:
    """The registry sources the place filters keep: those in one of the codes of each kind of
    place given (a commune, an EPCI, a département, a région), every kind given at once. A bad
    code is the search's 400, in its words."""
    given = {
        "commune": search.communes,
        "epci": search.epcis,
        "departement": search.departements,
        "region": search.regions,
    }
    try:
        # As the search checks them: the shape of each code, and the région against the registry.
        checked = {
            kind: tuple(
                geography.check(kind, code) if kind == "region" else check_code(kind, code) for code in codes
            )
            for kind, codes in given.items()
        }
    except SearchError as exc:
        raise BadSearch(french_message(exc)) from None
    levels = {"insee": checked["commune"], "epci": checked["epci"], "region": checked["region"]}
    levels["departement"] = tuple(normalise_departement(code) for code in checked["departement"])
    inside: set[str] | None = None
    for level, codes in levels.items():
        if codes:
            found = set(places.slugs_in(codes, level))
            inside = found if inside is None else inside & found
    return inside


def _main_category(count: SourceCounts) -> str | None:
    if not count.by_category:
        return None
    order = {category: index for index, category in enumerate(CATEGORY_IDS)}
    return min(count.by_category, key=lambda c: (-count.by_category[c], order.get(c, len(order)), c))


def _link(count: SourceCounts, authority: Authority | None, search: SearchParams) -> str:
    """The authority's page: a commune's when its records name it, an EPCI's, département's
    or région's when the source is one and found records; else the search of its documents."""
    if authority is not None and authority.kind == "commune":
        wanted = {authority.name.casefold(), _TOWN_PREFIX.sub("", authority.name).casefold()}
        for commune in count.record_communes:
            if commune.casefold() in wanted:
                return f"/communes/{path_segment(commune)}"
    area = _area_page(authority) if authority is not None and count.records else None
    return area or search.url("/search", sources=(count.slug,), page=1)


def _area_page(authority: Authority) -> str | None:
    """The page of the area a source that is no commune speaks for: an EPCI's, a conseil
    départemental's or a prefecture's département, a région."""
    if authority.kind == "epci" and authority.siren:
        return f"/epci/{authority.siren}"
    if authority.kind in ("departement", "prefecture") and authority.departement:
        return f"/departements/{normalise_departement(authority.departement)}"
    if authority.kind == "region" and authority.region:
        return f"/regions/{authority.region}"
    return None


def departements_with_records(counts: list[SourceCounts], places: RecordPlaces) -> set[str]:
    """The départements whose page has records, as far as the map's counts tell: where the
    registry places a record its source found, or the source's own, for a record naming no
    commune (as ``/departements/{code}`` selects them)."""
    found = set()
    for count in counts:
        source = places.authorities.get(count.slug)
        if source is not None and source.departement and count.records > sum(count.record_communes.values()):
            found.add(source.departement)
        for commune in count.record_communes:
            place = places.resolve(commune, count.slug)
            if place is not None and place.departement:
                found.add(place.departement)
    return found


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"
