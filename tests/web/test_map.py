"""The map (``/map``): points of the fixture archive's sources, filters, 400s, nothing external."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from search.geography import Geography
from search.places import Authority, SourcePlaces
from search.source_counts import SourceCounts
from tests.conftest import REPO
from tests.web.site import TESTVILLE_LOCATION
from web.map import MapParams, map_points, sources_inside
from web.map_svg import HEIGHT, INSET_TOP, WIDTH, base_map, place
from web.params import SearchParams

POINT = re.compile(
    r'<a href="([^"]*)" class="point" data-slug="([^"]+)"><circle class="([^"]+)" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"><title>([^<]*)</title>'
)


def points(html: str) -> dict[str, dict[str, str]]:
    return {
        slug: {"href": href, "css": css, "x": x, "y": y, "r": r, "title": title}
        for href, slug, css, x, y, r, title in POINT.findall(html)
    }


def get_map(client: TestClient, **params: object) -> str:
    page = client.get("/map", params=params)
    assert page.status_code == 200, page.text
    return page.text


def test_the_fixture_source_is_a_point_at_its_location(client: TestClient) -> None:
    html = get_map(client)
    found = points(html)
    assert list(found) == ["testville"]
    point = found["testville"]
    x, y = place(base_map(), *TESTVILLE_LOCATION)
    assert (float(point["x"]), float(point["y"])) == (x, y)
    assert 0 < x < WIDTH and 0 < y < INSET_TOP  # metropolitan France, above the insets
    assert point["title"].startswith("Testville (34) — ")
    assert "documents avec mentions" in point["title"]
    # Testville's own records name it: the point leads to the commune's page.
    assert point["href"] == "/communes/Testville"
    assert client.get(point["href"]).status_code == 200
    assert f'viewBox="0 0 {WIDTH} {HEIGHT}"' in html
    assert 'class="land" d="M' in html
    assert '<a href="/map">Carte</a>' in html  # in the navigation
    assert '<td data-label="Collectivité"><a href="/communes/Testville">Testville</a>' in html


def test_counts_agree_with_the_search(client: TestClient) -> None:
    counts = {c.slug: c for c in client.app.state.archive.searcher.source_counts()}
    testville = counts["testville"]
    facets = client.get("/api/search", params={"source": "testville"}).json()["facets"]
    assert testville.by_category == facets["categories"]
    assert testville.opposed == facets["stances"].get("opposition", 0) == 1
    with_mentions = client.get(
        "/api/search", params={"source": "testville", "category": list(facets["categories"])}
    ).json()
    assert testville.documents == with_mentions["total"]
    assert testville.records >= 3  # the three Avranches arrêtés, at least
    assert "Testville" in testville.record_communes


def test_filters_like_the_search(client: TestClient) -> None:
    assert "testville" in points(get_map(client, category="reconnaissance_faciale"))
    assert points(get_map(client, stance="opposition"))["testville"]["css"] == "cat-reconnaissance_faciale"
    assert "testville" in points(get_map(client, departement="34"))
    assert points(get_map(client, departement="75")) == {}
    assert points(get_map(client, since="2090")) == {}
    assert "Aucune collectivité avec ces filtres" in get_map(client, departement="75")
    # The other places of the search: a commune by its INSEE code (kept in the form).
    kept = get_map(client, commune="34999")
    assert "testville" in points(kept) and 'name="commune" value="34999" checked' in kept
    assert points(get_map(client, commune="34172")) == {}
    assert points(get_map(client, commune="34999", departement="75")) == {}  # every kind at once
    for bad in ({"commune": "3417"}, {"epci": "24340001"}, {"region": "7600"}):
        page = client.get("/map", params=bad)
        assert page.status_code == 400 and "invalide" in page.text, bad
    # Filtered, a point leads to the search of that source's documents under the same filters.
    assert points(get_map(client, category="videoprotection", since="2010"))["testville"]["href"] == (
        "/search?category=videoprotection&amp;source=testville&amp;since=2010"
    )


def test_colour_by_stance(client: TestClient) -> None:
    html = get_map(client, colour="stance")
    assert points(html)["testville"]["css"] == "stance-opposition"
    assert "Au moins un document marque une opposition" in html
    assert 'href="/map">par technologie</a>' in html
    assert 'href="/map?colour=stance">par position</a>' in get_map(client)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"category": "bogus"}, "Catégorie inconnue"),
        ({"colour": "red"}, "Couleur inconnue"),
        ({"since": "2024-13"}, "Date de début invalide"),
        ({"departement": "99"}, "Département invalide"),
        ({"stance": "pour"}, "Position inconnue"),
    ],
)
def test_bad_filters_get_the_400_page(client: TestClient, params: dict[str, str], message: str) -> None:
    page = client.get("/map", params=params)
    assert page.status_code == 400
    assert message in page.text and '<html lang="fr">' in page.text


def test_nothing_is_fetched_from_elsewhere(client: TestClient) -> None:
    html = get_map(client, colour="stance")
    urls = re.findall(r'\b(?:href|src|xlink:href|action)="([^"]*)"', html)
    assert urls and all(url.startswith(("/", "#")) and not url.startswith("//") for url in urls), urls
    assert "url(" not in html and "@import" not in html
    assert len(html.encode()) < 100_000  # light on a phone


def authority(
    slug: str, name: str, lat: float | None, lon: float | None, departement: str = "34"
) -> Authority:
    return Authority(slug=slug, name=name, kind="commune", departement=departement, lat=lat, lon=lon)


def test_points_place_size_colour_and_link() -> None:
    counts = [
        SourceCounts("montpellier", 10, 30, 2, {"videoprotection": 6, "drone": 6}, 4, {"Montpellier": 4}),
        SourceCounts("saint-denis", 1, 1, 0, {"lapi": 1}),
        SourceCounts("papeete", 2, 2, 0, {"drone": 2}),
        SourceCounts("nowhere", 3, 3, 0, {"vsa": 3}),
        SourceCounts("127.0.0.1:8754", 1, 1, 0, {"vsa": 1}),
        SourceCounts("records-only", 0, 0, 0, {}, 2, {"Ailleurs": 2}),
    ]
    authorities = {
        "montpellier": authority("montpellier", "Ville de Montpellier", 43.6, 3.88),
        "saint-denis": authority("saint-denis", "Saint-Denis", -20.88, 55.45, "974"),
        "papeete": authority("papeete", "Papeete", -17.54, -149.57, "987"),
        "nowhere": authority("nowhere", "Sans lieu", None, None),
        "records-only": authority("records-only", "Lodève", 43.73, 3.32),
    }
    params = MapParams(SearchParams())
    found = {p.slug: p for p in map_points(counts, authorities, lambda s: s or "", base_map(), params)}
    montpellier, reunion = found["montpellier"], found["saint-denis"]
    assert montpellier.href == "/communes/Montpellier"  # its records name it
    assert montpellier.category == "videoprotection"  # a tie goes to the taxonomy's order
    assert montpellier.css == "cat-videoprotection" and montpellier.radius == 14.0
    assert reunion.y is not None and reunion.y > INSET_TOP  # in La Réunion's inset
    assert reunion.radius < montpellier.radius
    assert found["papeete"].x is None and found["nowhere"].x is None  # in the table only
    assert found["127.0.0.1:8754"].name == "127.0.0.1:8754" and found["127.0.0.1:8754"].x is None
    assert (
        found["records-only"].css == "cat-none"
        and found["records-only"].href == "/search?source=records-only"
    )
    by_stance = map_points(counts, authorities, str, base_map(), MapParams(SearchParams(), "stance"))
    assert {p.slug: p.css for p in by_stance}["montpellier"] == "stance-opposition"
    in_974 = SearchParams(departements=("974",))
    geography = Geography.of(authorities.values())
    inside = sources_inside(SourcePlaces.of(authorities.values(), geography), in_974, geography)
    only_974 = map_points(counts, authorities, str, base_map(), MapParams(in_974), inside)
    assert [p.slug for p in only_974] == ["saint-denis"]


def test_the_land_is_small_and_covers_every_area() -> None:
    base = base_map()
    assert [frame.area for frame in base.frames] == ["metropole", "971", "972", "973", "974", "976"]
    assert 3_000 < len(base.land) < 30_000
    # Smooth outlines, not cells: curves (``q``), and no rectangle's ``H``/``V`` steps.
    assert base.land.startswith("M") and base.land.count("q") > 300 and not re.search("[HV]", base.land)
    assert [inset.label for inset in base.insets] == [
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
    ]
    # A point of each area lands in its box: Brest, Strasbourg, Ajaccio, Fort-de-France.
    for lat, lon in ((48.39, -4.49), (48.58, 7.75), (41.93, 8.74), (14.6, -61.07)):
        x, y = place(base, lat, lon) or (-1, -1)
        assert 0 < x < WIDTH and 0 < y < HEIGHT


def test_the_table_is_capped_but_every_source_is_a_point(client: TestClient, monkeypatch) -> None:
    monkeypatch.setattr("web.map.TABLE_ROWS", 0)
    html = get_map(client)
    assert "testville" in points(html)
    assert "Les 0 qui ont le plus de documents, sur 1." in html
    assert '<td data-label="Collectivité">' not in html


def test_the_shipped_outline_is_what_the_registry_gives() -> None:
    """web/static/france.json is rebuilt from reference/authorities.csv byte for byte."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_map_outline.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
