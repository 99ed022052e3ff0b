"""The map of France as an SVG drawn on the server: land, overseas insets, one point per source.

Nothing is fetched, by the server or the reader's browser (the Content-Security-Policy allows
no other origin, and no script): the land is ``static/france.json``, the town halls' locations
of every commune of the registry on a grid of about 5 km (``scripts/build_map_outline.py``),
drawn as one path of smooth outlines traced around the grid's cells (``web.map_outline``); the
points are the registry's locations of the sources (``web.map_clusters`` groups those that
overlap).

Projection: equirectangular, each area's longitudes shortened by the cosine of its middle
latitude (46.5° for metropolitan France), so that shapes keep their proportions near that
latitude; distances are off by a few percent at the north and south ends, which a map of
points does not mind. The overseas départements (971 to 976, the ones with communes in the
COG) are insets in a row under metropolitan France, each at its own scale.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from web.map_outline import land_outline

LAND_FILE = Path(__file__).parent / "static" / "france.json"
WIDTH = 600
MAINLAND = (41.25, 51.2, -5.3, 9.75)  # south, north, west, east (Corsica included)
MAINLAND_LAT = 46.5
MAINLAND_SCALE = 56.0  # pixels per degree of latitude
INSET_TOP, INSET_HEIGHT, INSET_GAP = 570, 100, 8
INSETS = (  # (area, label), in the order of their codes
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
)
HEIGHT = INSET_TOP + INSET_HEIGHT + 4
MIN_RADIUS, MAX_RADIUS = 4.0, 14.0


@dataclass(frozen=True, slots=True)
class Frame:
    """Where an area goes on the map: its bounds in degrees, its box in pixels."""

    area: str
    south: float
    north: float
    west: float
    east: float
    x: float
    y: float
    scale: float  # pixels per degree of latitude
    shrink: float  # cos(middle latitude): a degree of longitude is that much shorter

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = self.exact(lat, lon)
        return round(x, 1), round(y, 1)

    def exact(self, lat: float, lon: float) -> tuple[float, float]:
        """The pixel, unrounded: the land's outline rounds once, after it is smoothed."""
        return self.x + (lon - self.west) * self.shrink * self.scale, self.y + (self.north - lat) * self.scale

    @property
    def width(self) -> float:
        return (self.east - self.west) * self.shrink * self.scale

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale


@dataclass(frozen=True, slots=True)
class Inset:
    label: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Base:
    """What every map shares: the land path and the frames (built once per process)."""

    land: str  # the SVG path of the land's outlines
    frames: tuple[Frame, ...]  # metropolitan France first
    insets: tuple[Inset, ...]


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    radius: float


def place(base: Base, lat: float, lon: float) -> tuple[float, float] | None:
    """The map's pixel for a location; None outside every area drawn (Saint-Martin, Polynésie)."""
    for frame in base.frames:
        if frame.contains(lat, lon):
            return frame.project(lat, lon)
    return None


def radius(documents: int, most: int) -> float:
    """A disc whose area grows with the count, so that a big city does not hide its region."""
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(documents / max(most, 1)), 1)


@cache
def base_map() -> Base:
    areas = json.loads(LAND_FILE.read_text(encoding="utf-8"))["areas"]
    south, north, west, east = MAINLAND
    frames = [
        Frame(
            "metropole", south, north, west, east, 4, 4, MAINLAND_SCALE, math.cos(math.radians(MAINLAND_LAT))
        )
    ]
    insets = []
    box_width = (WIDTH - INSET_GAP * (len(INSETS) + 1)) / len(INSETS)
    for index, (area, label) in enumerate(INSETS):
        x = INSET_GAP + index * (box_width + INSET_GAP)
        frames.append(_inset_frame(area, areas[area], x, box_width))
        insets.append(Inset(label, round(x, 1), INSET_TOP, round(box_width, 1), INSET_HEIGHT))
    paths = [_land_path(frame, areas[frame.area]) for frame in frames]
    return Base(" ".join(paths), tuple(frames), tuple(insets))


def _inset_frame(area: str, shape: dict[str, Any], x: float, box_width: float) -> Frame:
    """The area's land, fitted into its box below a 14-pixel label, centred."""
    rows = shape["rows"]
    south = shape["lat0"] + rows[0][0] * shape["lat_cell"]
    north = shape["lat0"] + (rows[-1][0] + 1) * shape["lat_cell"]
    west = shape["lon0"] + min(row[1][0] for row in rows) * shape["lon_cell"]
    east = shape["lon0"] + max(row[1][-1] for row in rows) * shape["lon_cell"]
    shrink = shape["lat_cell"] / shape["lon_cell"]
    margin, label = 0.08, 16
    south, north = south - margin * (north - south), north + margin * (north - south)
    west, east = west - margin * (east - west), east + margin * (east - west)
    scale = min((box_width - 8) / ((east - west) * shrink), (INSET_HEIGHT - label - 4) / (north - south))
    width, height = (east - west) * shrink * scale, (north - south) * scale
    left = x + (box_width - width) / 2
    top = INSET_TOP + label + (INSET_HEIGHT - label - height) / 2
    return Frame(area, south, north, west, east, left, top, scale, shrink)


def _land_path(frame: Frame, shape: dict[str, Any]) -> str:
    """The area's land cells as smooth outlines (``web.map_outline``)."""
    return land_outline(shape, frame.exact)
