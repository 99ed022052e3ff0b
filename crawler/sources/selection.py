"""Choosing sources among 21,000: by place, kind, population and name, biggest first.

``vigie sources list|check`` and ``vigie crawl --all`` share these filters. Each step's count is
kept, so that a long crawl can say before it starts what every filter left.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, fields

from crawler.sources.authorities import Authorities
from crawler.sources.registry import KINDS, RegisteredSource, RegistryError, normalise_kind
from pipelines.doctype import fold

ORDERS = ("slug", "population")


@dataclass(frozen=True, slots=True)
class SourceFilter:
    kind: str | None = None
    departement: str | None = None  # "34", "2A", "974"
    region: str | None = None  # a code ("76") or part of a name ("occitanie")
    epci: str | None = None  # a SIREN or part of a name ("montpellier mediterranee")
    min_population: int | None = None
    max_population: int | None = None
    name: str | None = None  # part of the name, case and accents ignored
    limit: int | None = None
    order: str = "slug"  # or "population": biggest first, ties by slug; "given": as named

    def given(self) -> list[str]:
        """The filters set, as options (``--departement 34``), for messages."""
        return [
            f"--{item.name.replace('_', '-')} {getattr(self, item.name)}"
            for item in fields(self)
            if item.name != "order" and getattr(self, item.name) is not None
        ]


@dataclass(frozen=True, slots=True)
class Selection:
    sources: list[RegisteredSource]
    counts: list[tuple[str, int]]  # ("registry", 21584), ("--departement 34", 291), …
    skipped: list[RegisteredSource] = field(default_factory=list)  # passed the filters, but ``skip``


# The count after ``skip``, in the line ``vigie crawl`` prints before it starts.
SKIP_LABEL = "answered or never checked"


def select(
    sources: list[RegisteredSource],
    wanted: SourceFilter,
    authorities: Authorities | None,
    skip: Collection[str] = (),
) -> Selection:
    """The sources that pass every filter, in the asked order, then cut to ``limit``.

    ``skip``: slugs left out after the filters but before ``limit`` (the sources whose start
    page did not answer at the last check), so that ``--limit 50`` still gives 50.
    """
    counts = [("registry", len(sources))]

    def keep(label: str, value: object, test: object) -> None:
        nonlocal sources
        if value is not None:
            sources = [source for source in sources if test(source)]  # type: ignore[operator]
            counts.append((f"{label} {value}", len(sources)))

    kind = normalise_kind(wanted.kind) if wanted.kind is not None else None
    if kind is not None and kind not in KINDS:
        raise RegistryError(f"kind {wanted.kind!r} is not one of {', '.join(KINDS)}")
    keep("--kind", wanted.kind, lambda s: s.kind == kind)
    code = wanted.departement.upper().zfill(2) if wanted.departement is not None else None
    keep("--departement", wanted.departement, lambda s: s.departement == code)
    regions = _regions(wanted.region, authorities) if wanted.region is not None else set()
    keep("--region", wanted.region, lambda s: s.region in regions)
    epcis = _epcis(wanted.epci, authorities) if wanted.epci is not None else set()
    keep("--epci", wanted.epci, lambda s: s.epci in epcis or (s.kind == "epci" and s.siren in epcis))
    low, high = wanted.min_population, wanted.max_population
    keep("--min-population", low, lambda s: s.population is not None and s.population >= (low or 0))
    keep("--max-population", high, lambda s: s.population is not None and s.population <= (high or 0))
    part = fold(wanted.name) if wanted.name is not None else ""
    keep("--name", wanted.name, lambda s: part in fold(s.name))
    skipped = [source for source in sources if source.slug in skip]
    if skipped:
        sources = [source for source in sources if source.slug not in skip]
        counts.append((SKIP_LABEL, len(sources)))
    if wanted.order == "population":
        sources = sorted(sources, key=lambda s: (-(s.population or -1), s.slug))
    elif wanted.order == "slug":
        sources = sorted(sources, key=lambda s: s.slug)
    # "given": as named (``vigie crawl --source A --source B``)
    if wanted.limit is not None:
        sources = sources[: wanted.limit]
        counts.append((f"--limit {wanted.limit}", len(sources)))
    return Selection(sources, counts, skipped)


def _regions(query: str, authorities: Authorities | None) -> set[str]:
    places = authorities.named("region") if authorities else []
    codes = {place.code for place in places if place.code == query.strip()}
    codes = codes or {place.code for place in places if fold(query) in fold(place.name)}
    if not codes and re.fullmatch(r"[0-9]{2}", query.strip()):
        codes = {query.strip()}  # a code the data do not know may still be in a user's entries
    if not codes:
        raise RegistryError(f"no région matches {query!r} (a code such as 76, or part of a name)")
    return codes


def _epcis(query: str, authorities: Authorities | None) -> set[str]:
    if re.fullmatch(r"[0-9]{9}", query.strip()):
        return {query.strip()}
    part = fold(query)
    places = authorities.named("epci") if authorities else []
    sirens = {place.code for place in places if part and part in fold(place.name)}
    if not sirens:
        raise RegistryError(f"no EPCI matches {query!r} (a SIREN, or part of its name)")
    return sirens
