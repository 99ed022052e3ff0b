"""Where a decision record lies: its commune resolved to an authority of the registry.

Records hold a commune's name as the document writes it ("VALOGNES", "Saint-Lo") and the
source that found their document; the registry (``search.places.Authority`` by slug, given by
whoever holds it) and the geography of places (``search.geography``, with the communes without
a website) know codes, EPCIs, départements and locations. Names are not unique in France (ten
Saint-Sauveur), so a name is looked for in the source's département first, and alone only when
one commune in France bears it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from archive.record_places import PlaceFilter, fold_place_name
from search.geography import Geography, Place, commune_name
from search.places import Authority

# A commune that places records: a registry source, or the geography's place where no source
# stands for it (a commune without a website). Both give its name, codes and town hall alike.
Commune = Authority | Place
FILTERS_KEPT = 64  # place filters kept, by what they select: each walks every commune once


@dataclass(frozen=True, slots=True)
class RecordPlace:
    """A record's commune as the registry knows it, and how it was found: ``source`` (the
    commune whose site published the act), ``name+departement`` (its name in the source's
    département) or ``name`` (the only commune in France of that name); ``insee`` when asked
    for by code (``RecordPlaces.commune``)."""

    insee: str | None
    name: str
    departement: str | None
    region: str | None
    epci: str | None
    lat: float | None
    lon: float | None
    resolution: str

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


class RecordPlaces:
    """The registry's communes by folded name, to place records and select them by place.

    ``authorities`` are the registry's sources by slug; ``geography`` the places they lie in
    (by default what they say of themselves). With ``every_commune``, the geography's communes
    that no source stands for (those without a website) place records as well as the others;
    without it (a registry of one's own only, ``--no-shipped``), the sources' communes alone do.
    """

    def __init__(
        self,
        authorities: Mapping[str, Authority],
        geography: Geography | None = None,
        every_commune: bool = True,
    ) -> None:
        self.authorities = authorities
        self.geography = geography or Geography.of(authorities.values())
        self.communes: dict[str, list[Commune]] = {}  # folded name → one commune per INSEE code
        self.by_insee: dict[str, Commune] = {}  # a source first, else the geography's commune
        self._named: set[tuple[str, str]] = set()  # (folded name, INSEE code) already there
        for authority in authorities.values():
            self._add_commune(authority)
        if every_commune:
            for place in self.geography.communes():
                # A source stands for that commune by its code, or by the generated registry's slug.
                if place.code not in self.by_insee and _slug(place) not in authorities:
                    self._add_commune(place)
        # A former commune's name places a record in today's commune ("Sauzé-Vaussais", a commune
        # déléguée of Sauzé-entre-Bois since 2025), as one more name of it.
        for name, parent in self.geography.former_communes:
            commune = self.by_insee.get(parent)
            folded = fold_place_name(name)
            if commune is not None and (folded, parent) not in self._named:
                self._named.add((folded, parent))
                self.communes.setdefault(folded, []).append(commune)
        # The sources of each département: a name several communes bear is placed through them.
        self._departement_sources: dict[str, set[str]] = {}
        for slug, authority in authorities.items():
            if authority.departement:
                self._departement_sources.setdefault(authority.departement, set()).add(slug)
        self._filters: dict[tuple[frozenset[str], ...], PlaceFilter] = {}

    def _add_commune(self, commune: Commune) -> None:
        if commune.kind != "commune":
            return
        folded = fold_place_name(commune_name(commune))
        if commune.insee:
            if (folded, commune.insee) in self._named:
                return  # one commune per INSEE code and name
            self._named.add((folded, commune.insee))
            self.by_insee.setdefault(commune.insee, commune)
        self.communes.setdefault(folded, []).append(commune)

    def resolve(self, commune: str | None, source_slug: str | None) -> RecordPlace | None:
        """The record's place, or None when the registry cannot say which commune it is."""
        source = self.authorities.get(source_slug) if source_slug else None
        own = source if source is not None and source.kind == "commune" else None
        if commune is None or not commune.strip():
            return _place(own, "source") if own is not None else None
        folded = fold_place_name(commune)
        named = self.communes.get(folded, [])
        if own is not None and (
            fold_place_name(commune_name(own)) == folded
            or (own.insee and any(other.insee == own.insee for other in named))
        ):
            return _place(own, "source")
        if source is not None and source.departement:
            here = [other for other in named if other.departement == source.departement]
            if len(here) == 1:
                return _place(here[0], "name+departement")
            if here:
                return None
        return _place(named[0], "name") if len(named) == 1 else None

    def place_filter(
        self,
        departements: Iterable[str] = (),
        regions: Iterable[str] = (),
        epcis: Iterable[str] = (),
        communes: Iterable[str] = (),
    ) -> PlaceFilter:
        """The records of these départements, régions, EPCIs (SIREN) and communes (INSEE code),
        as ``resolve`` places them (see ``archive.record_places``): any of them."""
        key = (frozenset(departements), frozenset(regions), frozenset(epcis), frozenset(communes))
        if key not in self._filters:
            if len(self._filters) >= FILTERS_KEPT:
                self._filters.clear()
            self._filters[key] = self._place_filter(*key)
        return self._filters[key]

    def _place_filter(
        self,
        departements: frozenset[str],
        regions: frozenset[str],
        epcis: frozenset[str],
        insees: frozenset[str],
    ) -> PlaceFilter:
        def inside(place: Commune) -> bool:
            return (
                place.departement in departements
                or place.region in regions
                or place.epci in epcis
                or place.insee in insees
            )

        names_in, names_out = set(), set()
        near: dict[str, set[str]] = {}  # département → names borne inside and outside
        for name, communes in self.communes.items():
            here = [commune for commune in communes if inside(commune)]
            if not here:
                names_out.add(name)
            elif len(here) == len(communes):
                names_in.add(name)
            else:
                for commune in here:
                    twins = [other for other in communes if other.departement == commune.departement]
                    if commune.departement and len(twins) == 1:  # as ``resolve`` places it
                        near.setdefault(commune.departement, set()).add(name)
        sources = frozenset(
            slug
            for slug, authority in self.authorities.items()
            if inside(authority) or (authority.kind == "epci" and authority.siren in epcis)
        )
        groups = tuple(
            (frozenset(names), frozenset(self._departement_sources.get(departement, ())))
            for departement, names in sorted(near.items())
        )
        return PlaceFilter(frozenset(names_in), sources, frozenset(names_out), groups)

    def commune(self, insee: str | None) -> RecordPlace | None:
        """The commune of this INSEE code, as a record placed there would be."""
        authority = self.by_insee.get(insee) if insee else None
        return _place(authority, "insee") if authority is not None else None


def _slug(commune: Place) -> str:
    """The slug the generated registry gives a commune's source: ``commune-2a004``."""
    return f"commune-{commune.code.lower()}"


def _place(commune: Commune, resolution: str) -> RecordPlace:
    return RecordPlace(
        insee=commune.insee,
        name=commune_name(commune),
        departement=commune.departement,
        region=commune.region,
        epci=commune.epci,
        lat=commune.lat,
        lon=commune.lon,
        resolution=resolution,
    )
