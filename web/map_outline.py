"""The map's land as smooth outlines, traced from the grid of land cells that ``static/france.json``
ships (``scripts/build_map_outline.py``).

Drawn cell by cell, the land is a staircase of 5 km steps: "pixelled" at any zoom. Here the
edges between land and sea are followed into closed loops, each loop's staircase is straightened
(Douglas–Peucker, within ``TOLERANCE`` of a cell, so the coast never moves by more than that),
and the straightened loop is drawn as a quadratic B-spline: a curve through the middle of each
side whose control points are the corners. Same data, same bytes on every run, a few tens of
kilobytes of path, computed once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TOLERANCE = 1.0  # cells: how far a straightened coast may lie from the cells' edges
Point = tuple[float, float]
Project = Callable[[float, float], Point]  # (lat, lon) → (x, y) pixels, unrounded


def land_outline(shape: dict[str, Any], project: Project) -> str:
    """The SVG path of an area's land (``france.json``'s shape of one area)."""
    cells = _cells(shape["rows"])
    lat0, lon0, lat_cell, lon_cell = shape["lat0"], shape["lon0"], shape["lat_cell"], shape["lon_cell"]
    parts = []
    for loop in _loops(cells):
        corners = _straightened(loop)
        parts.append(_spline([project(lat0 + y * lat_cell, lon0 + x * lon_cell) for x, y in corners]))
    return "".join(parts)


def _cells(rows: list[list[Any]]) -> set[tuple[int, int]]:
    """(x, y) of every land cell: each row's runs are [first, last + 1] pairs from the west."""
    cells = set()
    for y, runs in rows:
        for start, end in zip(runs[::2], runs[1::2], strict=True):
            cells.update((x, y) for x in range(start, end))
    return cells


# The four sides of a cell (x, y) whose neighbour is sea, as edges between corners with the land
# on their left (y grows northward): bottom eastward, right northward, top westward, left southward.
_SIDES = (
    ((0, -1), (0, 0), (1, 0)),
    ((1, 0), (1, 0), (1, 1)),
    ((0, 1), (1, 1), (0, 1)),
    ((-1, 0), (0, 1), (0, 0)),
)


def _loops(cells: set[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The closed outlines of the land (coasts and lakes' shores), corners in order, each
    corner where the outline turns."""
    edges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for x, y in cells:
        for (dx, dy), (ax, ay), (bx, by) in _SIDES:
            if (x + dx, y + dy) not in cells:
                edges.setdefault((x + ax, y + ay), []).append((x + bx, y + by))
    loops = []
    for start in sorted(edges):
        while edges.get(start):
            loop, here, heading = [start], start, None
            while True:
                ends = edges[here]
                # Where two land cells touch by a corner, turn left: they stay one piece of land.
                end = max(ends, key=lambda e: _turn(heading, here, e)) if len(ends) > 1 else ends[0]
                ends.remove(end)
                heading = (end[0] - here[0], end[1] - here[1])
                here = end
                if here == start:
                    break
                loop.append(here)
            loops.append(_corners(loop))
    return loops


def _turn(heading: tuple[int, int] | None, here: tuple[int, int], end: tuple[int, int]) -> int:
    """2 for a left turn, 1 straight on, 0 right (the cross product's sign, shifted)."""
    if heading is None:
        return 1
    cross = heading[0] * (end[1] - here[1]) - heading[1] * (end[0] - here[0])
    return 1 + (cross > 0) - (cross < 0)


def _corners(loop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The loop without the points where it goes straight on."""
    kept = []
    for index, (x, y) in enumerate(loop):
        px, py = loop[index - 1]
        nx, ny = loop[(index + 1) % len(loop)]
        if (x - px) * (ny - y) - (y - py) * (nx - x) != 0:
            kept.append((x, y))
    return kept


def _straightened(loop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The loop's staircase as straight sides (Douglas–Peucker between its two farthest-apart
    corners); a loop of a few cells is kept whole, else it would vanish."""
    if len(loop) <= 8:
        return loop
    far = max(range(len(loop)), key=lambda i: (loop[i][0] - loop[0][0]) ** 2 + (loop[i][1] - loop[0][1]) ** 2)
    first = _simplified(loop[: far + 1])
    second = _simplified([*loop[far:], loop[0]])
    return first[:-1] + second[:-1]


def _simplified(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Douglas–Peucker, without recursion (a coast has thousands of corners)."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 or 1.0
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            x, y = points[index]
            away = abs((bx - ax) * (ay - y) - (ax - x) * (by - ay)) / length
            if away > distance:
                farthest, distance = index, away
        if distance > TOLERANCE:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[index] for index in sorted(keep)]


def _spline(corners: list[Point]) -> str:
    """A closed quadratic B-spline: from the middle of each side to the next one's, bent by the
    corner between them. Relative coordinates in tenths of a pixel keep the path short."""
    tenths = [(round(x * 10), round(y * 10)) for x, y in corners]
    middles = [
        (round((x + nx) * 5), round((y + ny) * 5))
        for (x, y), (nx, ny) in zip(corners, corners[1:] + corners[:1], strict=True)
    ]
    here = middles[-1]
    parts = [f"M{_number(here[0])} {_number(here[1])}"]
    for corner, middle in zip(tenths, middles, strict=True):
        numbers = [corner[0] - here[0], corner[1] - here[1], middle[0] - here[0], middle[1] - here[1]]
        parts.append("q" + _numbers(numbers))
        here = middle
    return "".join(parts) + "z"


def _numbers(values: list[int]) -> str:
    """Tenths as SVG numbers, a space only where no minus sign separates them."""
    text = ""
    for value in values:
        number = _number(value)
        text += number if not text or number.startswith("-") else " " + number
    return text


def _number(tenths: int) -> str:
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{whole}.{tenth}" if tenth else f"{sign}{whole}"
