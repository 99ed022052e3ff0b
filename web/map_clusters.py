"""Points that overlap on the map, drawn as one disc with their count.

The map is an SVG scaled to the screen: points that overlap in its coordinates overlap at every
width, so they are grouped once, on the server. Greedily: the biggest discs first, any two discs
that overlap become one cluster, at the mean of its members' places weighted by their documents,
sized by their sum; a cluster that grew is compared again, until no two discs overlap. Same
points, same clusters (ties are broken by slug).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from web.map_svg import MAX_RADIUS, radius

CLUSTER_MIN_RADIUS = 10.0  # room for a count of two digits
CLUSTER_MAX_RADIUS = 20.0


class Placed(Protocol):
    """What clustering needs of a point (``web.map.Point``)."""

    slug: str
    name: str
    departement: str
    css: str
    documents: int
    records: int
    x: float | None
    y: float | None
    radius: float


@dataclass(slots=True)
class Cluster:
    """Overlapping points drawn as one: ``number`` is its anchor (``#cluster-3``) in the list
    beneath the map, ``href`` its link (its département's page, or that list)."""

    members: list[Placed]
    x: float
    y: float
    radius: float
    number: int = 0
    href: str = ""
    departement: str = ""  # when every member lies in the same one
    css: str = ""

    @property
    def weight(self) -> int:
        return sum(_weight(point) for point in self.members)

    @property
    def title(self) -> str:
        names = ", ".join(point.name for point in self.members[:8])
        more = f" et {len(self.members) - 8} autres" if len(self.members) > 8 else ""
        return f"{len(self.members)} collectivités : {names}{more}"


@dataclass(slots=True)
class Grouped:
    """The map's discs: points alone, and clusters (their members not drawn apart)."""

    alone: list[Placed] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)


def cluster_radius(documents: int, most: int) -> float:
    """A cluster's disc: as a point's of that many documents, a little bigger, within bounds."""
    grown = radius(documents, most) + 2
    return round(min(CLUSTER_MAX_RADIUS, max(CLUSTER_MIN_RADIUS, grown)), 1)


def group_points(
    points: list[Placed], link: Callable[[Cluster], str] = lambda cluster: f"#cluster-{cluster.number}"
) -> Grouped:
    """Group the placed points (``x`` and ``y`` set) whose discs overlap. ``link`` gives each
    cluster's address once it is numbered (the biggest cluster is number 1)."""
    most = max((_weight(point) for point in points), default=1)
    discs = [Cluster([point], point.x or 0.0, point.y or 0.0, point.radius) for point in points]
    discs.sort(key=lambda disc: (-disc.radius, disc.members[0].slug))
    merged = True
    while merged:
        merged = False
        cell = 2 * max(CLUSTER_MAX_RADIUS, MAX_RADIUS)
        grid: dict[tuple[int, int], list[Cluster]] = {}
        kept: list[Cluster] = []
        for disc in discs:
            near = _neighbours(grid, disc, cell)
            other = next(
                (o for o in near if math.dist((o.x, o.y), (disc.x, disc.y)) < o.radius + disc.radius), None
            )
            if other is None:
                grid.setdefault(_cell(disc, cell), []).append(disc)
                kept.append(disc)
                continue
            grid[_cell(other, cell)].remove(other)
            _absorb(other, disc, most)
            grid.setdefault(_cell(other, cell), []).append(other)
            merged = True
        discs = kept
    grouped = Grouped()
    clusters = sorted(
        (disc for disc in discs if len(disc.members) > 1), key=lambda c: (-c.weight, c.members[0].slug)
    )
    for number, cluster in enumerate(clusters, 1):
        cluster.members.sort(key=lambda point: (-_weight(point), point.slug))
        cluster.number = number
        departements = {point.departement for point in cluster.members}
        cluster.departement = departements.pop() if len(departements) == 1 else ""
        cluster.css = cluster.members[0].css
        cluster.href = link(cluster)
    grouped.clusters = clusters
    grouped.alone = [disc.members[0] for disc in discs if len(disc.members) == 1]
    return grouped


def _weight(point: Placed) -> int:
    return max(point.documents or point.records, 1)


def _absorb(cluster: Cluster, disc: Cluster, most: int) -> None:
    """``disc``'s members join ``cluster``, which moves to their weighted mean and grows."""
    total = cluster.weight + disc.weight
    cluster.x = round((cluster.x * cluster.weight + disc.x * disc.weight) / total, 1)
    cluster.y = round((cluster.y * cluster.weight + disc.y * disc.weight) / total, 1)
    cluster.members.extend(disc.members)
    cluster.radius = cluster_radius(total, most)


def _cell(disc: Cluster, size: float) -> tuple[int, int]:
    return int(disc.x // size), int(disc.y // size)


def _neighbours(grid: dict[tuple[int, int], list[Cluster]], disc: Cluster, size: float) -> list[Cluster]:
    """The discs of the nine cells around ``disc``'s: the only ones it can overlap, as no disc is
    wider than half a cell."""
    column, row = _cell(disc, size)
    return [
        other for dx in (-1, 0, 1) for dy in (-1, 0, 1) for other in grid.get((column + dx, row + dy), [])
    ]
