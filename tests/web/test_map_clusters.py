"""Points that overlap on the map are one disc with their count (``web.map_clusters``), which
leads to the list of its members; each point leads to its authority's page."""

from __future__ import annotations

import math
import random
import re

from fastapi.testclient import TestClient

from search.places import Authority
from search.source_counts import SourceCounts
from web.map import MapParams, map_points
from web.map_clusters import CLUSTER_MAX_RADIUS, CLUSTER_MIN_RADIUS, Cluster, group_points
from web.map_svg import base_map
from web.params import SearchParams

CLUSTER = re.compile(
    r'<a href="([^"]*)" class="cluster" data-count="(\d+)"><circle class="([^"]+)" cx="([\d.]+)" '
    r'cy="([\d.]+)" r="([\d.]+)"></circle><text x="[\d.]+" y="[\d.]+">(\d+)</text><title>([^<]*)</title>'
)
POINT = re.compile(r'<a href="([^"]*)" class="point" data-slug="([^"]+)">')


def points_at(places: dict[str, tuple[float, float, int]]) -> list:
    """Map points of communes (slug → lat, lon, documents), as the map computes them."""
    counts = [
        SourceCounts(slug, documents, documents, 0, {"videoprotection": documents})
        for slug, (_, _, documents) in places.items()
    ]
    authorities = {
        slug: Authority(slug, slug.title(), "commune", departement="50", lat=lat, lon=lon)
        for slug, (lat, lon, _) in places.items()
    }
    found = map_points(counts, authorities, str, base_map(), MapParams(SearchParams()))
    return [point for point in found if point.x is not None]


def overlap(a: object, b: object) -> bool:
    return math.dist((a.x, a.y), (b.x, b.y)) < a.radius + b.radius


def test_overlapping_points_are_one_cluster() -> None:
    placed = points_at(
        {
            "avranches": (48.686, -1.361, 10),
            "val-saint-pere": (48.664, -1.376, 2),
            "marcey": (48.697, -1.391, 1),
            "lodeve": (43.732, 3.317, 5),
        }
    )
    grouped = group_points(placed)
    assert [point.slug for point in grouped.alone] == ["lodeve"]
    (cluster,) = grouped.clusters
    assert [point.slug for point in cluster.members] == [
        "avranches",
        "val-saint-pere",
        "marcey",
    ]  # most first
    assert cluster.number == 1 and cluster.href == "#cluster-1" and cluster.departement == "50"
    avranches = next(point for point in placed if point.slug == "avranches")
    assert math.dist((cluster.x, cluster.y), (avranches.x, avranches.y)) < 1.5  # weighted by documents
    assert CLUSTER_MIN_RADIUS <= cluster.radius <= CLUSTER_MAX_RADIUS
    assert cluster.title.startswith("3 collectivités : Avranches, Val-Saint-Pere")
    assert cluster.css == "cat-videoprotection"


def test_no_two_discs_overlap_once_grouped_and_every_point_is_drawn_once() -> None:
    generator = random.Random(7)
    places = {
        f"c{index}": (generator.uniform(43, 50.5), generator.uniform(-4, 7.5), generator.randint(1, 50))
        for index in range(400)
    }
    placed = points_at(places)
    grouped = group_points(placed)
    discs = [*grouped.alone, *grouped.clusters]
    assert all(not overlap(a, b) for i, a in enumerate(discs) for b in discs[i + 1 :])
    drawn = [p.slug for p in grouped.alone] + [p.slug for c in grouped.clusters for p in c.members]
    assert sorted(drawn) == sorted(places)
    assert [c.number for c in grouped.clusters] == list(range(1, len(grouped.clusters) + 1))
    assert (
        group_points(points_at(places)).clusters[0].members == grouped.clusters[0].members
    )  # same input, same output
    far_apart = points_at({"brest": (48.39, -4.49, 3), "strasbourg": (48.58, 7.75, 3)})
    assert group_points(far_apart).clusters == []


def test_a_cluster_link_may_be_given() -> None:
    placed = points_at({"a": (48.686, -1.361, 1), "b": (48.687, -1.362, 1)})
    (cluster,) = group_points(placed, link=lambda c: f"/departements/{c.departement}").clusters
    assert isinstance(cluster, Cluster) and cluster.href == "/departements/50"


def test_sources_that_are_no_commune_lead_to_their_areas_page() -> None:
    counts = [
        SourceCounts("prefecture-50", 3, 3, 0, {"videoprotection": 3}, 5, {"Avranches": 4}),
        SourceCounts("ca-msm", 2, 2, 0, {"videoprotection": 2}, 1, {}),
        SourceCounts("normandie", 1, 1, 0, {"drone": 1}, 1, {}),
        SourceCounts("prefecture-34", 1, 1, 0, {"drone": 1}),  # no record: its documents
    ]
    authorities = {
        "prefecture-50": Authority(
            "prefecture-50", "Préfecture de la Manche", "prefecture", departement="50", lat=49.1, lon=-1.1
        ),
        "ca-msm": Authority(
            "ca-msm", "CA Mont-Saint-Michel", "epci", siren="200069425", departement="50", lat=48.7, lon=-1.4
        ),
        "normandie": Authority("normandie", "Région Normandie", "region", region="28", lat=49.4, lon=1.1),
        "prefecture-34": Authority(
            "prefecture-34", "Préfecture de l'Hérault", "prefecture", departement="34", lat=43.6, lon=3.9
        ),
    }
    found = {
        p.slug: p.href for p in map_points(counts, authorities, str, base_map(), MapParams(SearchParams()))
    }
    assert found == {
        "prefecture-50": "/departements/50",
        "ca-msm": "/epci/200069425",
        "normandie": "/regions/28",
        "prefecture-34": "/search?source=prefecture-34",
    }


def test_the_map_page_draws_the_cluster_and_lists_its_members(clustered: TestClient) -> None:
    response = clustered.get("/map")
    assert response.status_code == 200
    html = response.text
    (cluster,) = CLUSTER.findall(html)
    href, count, css, _, _, radius, shown, title = cluster
    assert href == "#cluster-1" and count == shown == "3" and css == "cat-videoprotection"
    assert float(radius) >= CLUSTER_MIN_RADIUS
    assert title.startswith("3 collectivités : ")
    assert [slug for _, slug in POINT.findall(html)] == ["lodeve"]  # the one alone
    entry = html[html.index('<li id="cluster-1">') :].split("</li>")[0]
    members = re.findall(r'<a href="([^"]+)">([^<]+)</a>', entry)
    assert {name for _, name in members} == {
        "Ville d&#39;Avranches",
        "Le Val-Saint-Père",
        "Marcey-les-Grèves",
    }
    assert ("/communes/Avranches", "Ville d&#39;Avranches") in members  # its records name it
    assert '<a class="departement-page" href="/departements/50">les décisions du département</a>' in entry
    for link, _ in members:
        assert clustered.get(link).status_code == 200
    manche = clustered.get("/departements/50").text
    assert '<strong id="total">4</strong>' in manche  # the four records of the three communes
    assert len(html.encode()) < 100_000
