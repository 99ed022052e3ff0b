"""The names of places, for whoever shows codes to readers, and the région of each département.

Filters and facets speak in codes ("76", "34", "243400017", "34172"); readers read names
("Occitanie", "Hérault", "Montpellier Méditerranée Métropole", "Montpellier"). The registry's
reference data hold them (``crawler/sources/authorities.csv``): whoever holds the registry (the
CLI) builds a ``Geography`` and passes it on, since ``search`` and ``web`` never import the
crawler. Without it, ``Geography.of`` keeps what the sources themselves say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from search.place_codes import normalise_departement
from search.places import Authority
from search.record_places import commune_name

# The facets (``search.results.Facets``) whose values are places, by the field naming them here.
PLACE_FACETS = ("regions", "departements", "epcis", "communes")


@dataclass(frozen=True, slots=True)
class Geography:
    regions: dict[str, str] = field(default_factory=dict)  # "76" → "Occitanie"
    departements: dict[str, str] = field(default_factory=dict)  # "34" → "Hérault"
    epcis: dict[str, str] = field(default_factory=dict)  # SIREN → "Montpellier Méditerranée Métropole"
    communes: dict[str, str] = field(default_factory=dict)  # INSEE → "Montpellier"
    region_of: dict[str, str] = field(default_factory=dict)  # département "34" → région "76"

    @classmethod
    def of(cls, authorities: Iterable[Authority]) -> Geography:
        """What registry sources say of themselves: their communes' and EPCIs' names and the
        région of their départements. (A département's or région's source is its council or
        prefecture, whose name is not the place's.)"""
        epcis: dict[str, str] = {}
        communes: dict[str, str] = {}
        region_of: dict[str, str] = {}
        for authority in authorities:
            if authority.kind == "epci" and authority.siren:
                epcis.setdefault(authority.siren, authority.name)
            if authority.kind == "commune" and authority.insee:
                communes.setdefault(authority.insee.upper(), commune_name(authority))
            if authority.departement and authority.region:
                region_of.setdefault(normalise_departement(authority.departement), authority.region)
        return cls(epcis=epcis, communes=communes, region_of=region_of)

    def name(self, facet: str, code: str) -> str | None:
        """The place's name for a value of a place facet (``PLACE_FACETS``), None if unknown."""
        names: dict[str, str] = getattr(self, facet) if facet in PLACE_FACETS else {}
        return names.get(code)

    def names(self, facet: str, codes: Iterable[str]) -> dict[str, str]:
        """The known names of these codes (a facet's values, a filter's)."""
        return {code: name for code in codes if (name := self.name(facet, code))}
