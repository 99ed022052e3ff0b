"""The areas records are grouped by above the commune: EPCIs (by SIREN), départements and
régions (by code), with their names, for the timeline pages and the place filters.

Their names come from the generated registry's reference rows (``search.places.Authority`` of
kind ``epci``, ``departement`` or ``region``, see ``search.record_places.reference_authority``); a
code that only sources and communes carry (a registry read without the shipped data) is an area
too, named by its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from search.errors import UNKNOWN_VALUE, SearchError
from search.place_codes import check_code
from search.places import Authority

AREA_KINDS = ("epci", "departement", "region")
_NAMED_BY_CODE = {"epci": "EPCI {}", "departement": "Département {}", "region": "Région {}"}
_WORDS = {"epci": "an EPCI's SIREN", "departement": "a département code", "region": "a région code"}


@dataclass(frozen=True, slots=True)
class Area:
    """An EPCI, a département or a région: its code, its name, and the areas it lies in (an
    EPCI's département is its most populous member's, as the official data give it)."""

    kind: str  # epci, departement, region
    code: str  # SIREN, département code ("50", "2A"), région code ("28")
    name: str
    departement: str | None = None
    region: str | None = None


class Areas:
    """Every area the registry knows, by kind and code."""

    def __init__(self, sources: Iterable[Authority], reference: Iterable[Authority] = ()) -> None:
        """``sources`` carry codes (a conseil départemental's name is not its département's);
        ``reference`` rows name the areas."""
        self.areas: dict[tuple[str, str], Area] = {}
        codes: set[tuple[str, str]] = set()
        named: dict[tuple[str, str], Area] = {}  # an EPCI source names its EPCI
        for row in reference:
            code = _own_code(row)
            if row.kind in AREA_KINDS and code:
                region = row.region if row.kind != "region" else None
                departement = row.departement if row.kind == "epci" else None
                self.areas[(row.kind, code)] = Area(row.kind, code, row.name, departement, region)
        for authority in sources:
            if authority.epci:
                codes.add(("epci", authority.epci))
            if authority.kind == "epci" and authority.siren:
                named[("epci", authority.siren)] = Area(
                    "epci", authority.siren, authority.name, authority.departement, authority.region
                )
            if authority.departement:
                codes.add(("departement", authority.departement))
            if authority.region:
                codes.add(("region", authority.region))
        for key, area in named.items():
            self.areas.setdefault(key, area)
        for kind, code in codes - set(self.areas):
            self.areas[(kind, code)] = Area(kind, code, _NAMED_BY_CODE[kind].format(code))

    def get(self, kind: str, code: str | None) -> Area | None:
        return self.areas.get((kind, code)) if code else None

    def above(self, epci: str | None, departement: str | None, region: str | None) -> list[Area]:
        """The areas a place lies in, the largest first: its région, département and EPCI."""
        found = [self.get("region", region), self.get("departement", departement), self.get("epci", epci)]
        return [area for area in found if area is not None]

    def codes(self, kind: str) -> list[str]:
        return sorted(code for k, code in self.areas if k == kind)

    def check(self, kind: str, code: str) -> str:
        """A known area's code in one spelling (``check_code``: "050" is "50", "2a" "2A"), else a
        ``SearchError`` whose field is the filter's name (``epcis``, ``departements``, ``regions``)."""
        code = check_code(kind, code)
        field = f"{kind}s"
        if kind == "region" and (kind, code) not in self.areas:  # few enough to list
            choices = tuple(self.codes("region"))
            message = f"regions: unknown région {code!r}; choose from {', '.join(choices)}"
            raise SearchError(UNKNOWN_VALUE, message, field=field, value=code, choices=choices)
        if (kind, code) not in self.areas:
            raise SearchError(
                UNKNOWN_VALUE,
                f"{field}: {code!r} is not {_WORDS[kind]} of the registry",
                field=field,
                value=code,
            )
        return code


def _own_code(authority: Authority) -> str | None:
    if authority.kind == "epci":
        return authority.siren
    return authority.departement if authority.kind == "departement" else authority.region
