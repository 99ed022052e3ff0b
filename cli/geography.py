"""The geography of places, built once from the registry's reference data for whatever places
documents or records: ``vigie search``, ``feed``, ``export``, ``records`` and ``serve``.

The names come from ``authorities.csv`` whatever ``--no-shipped`` says: they are geography, not
sources. ``search`` and ``web`` never import the crawler, so the CLI reads the data and hands
them a ``search.geography.Geography``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.sources.authorities import Place as Row
    from search.geography import Geography, Place
    from search.places import Authority


def official_geography(sources: Iterable[Authority]) -> Geography:
    """Every région, département, EPCI and commune of the official data (INSEE's names: "Hérault",
    "Montpellier"), completed by what the registry's ``sources`` say of themselves."""
    from crawler.sources.authorities import read_authorities
    from search.geography import KINDS, Geography

    # (The kinds of places the map and the filters know; a former commune's name only places a
    # record that names it in today's commune.)
    rows = read_authorities().places.values()
    former = [(row.name, row.parent) for row in rows if row.kind == "former_commune" and row.parent]
    return Geography.of(sources, [official_place(row) for row in rows if row.kind in KINDS], former)


def official_place(row: Row) -> Place:
    """A row of the registry's data as a place (``search`` has its own type): only
    a commune or an EPCI lies in a département, and a région in none."""
    from search.geography import Place

    kind, location = row.kind, row.location
    return Place(
        kind=kind,
        code=row.code,
        name=row.name,
        departement=row.departement if kind in ("commune", "epci") else None,
        region=row.region if kind != "region" else None,
        epci=row.epci if kind == "commune" else None,
        lat=location.lat if location is not None else None,
        lon=location.lon if location is not None else None,
    )
