"""The generated registry: one source per French commune with a website, from the reference data
(``reference.authorities``, read from ``reference/authorities.csv``), and what the data complete in
a hand-written entry."""

from __future__ import annotations

from dataclasses import replace

from crawler.sources.registry import RegisteredSource
from reference.authorities import AUTHORITIES, Authorities, Place, read_authorities

__all__ = [
    "AUTHORITIES",
    "Authorities",
    "Place",
    "completed",
    "generated_sources",
    "identities",
    "read_authorities",
]


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
