"""The record list's URL: what ``/records`` and ``/api/records`` accept.

The filters of ``vigie records list``, checked the way ``web.params`` checks a search: a bad
value is a ``BadSearch`` (a 400 page in French, or ``{"error": …}`` in the API), never a 500.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from archive.record_places import PlaceFilter
from archive.record_queries import RecordFilter
from archive.records import DECISION_KINDS
from archive.taxonomy import CATEGORY_IDS
from search.errors import SearchError
from search.place_codes import DEPARTEMENT_CODE, INSEE_CODE, REGION_CODE, SIREN, normalise_departement
from search.record_places import RecordPlaces
from web.labels import unknown
from web.params import MAX_RESULTS_REACHABLE, BadSearch, bounded_number, checked_choices

PER_PAGE = 50
MAX_TEXT = 100  # characters of a name filter: a commune's or a company's name, not a document
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_CODES = 101  # every département once (and as many communes or EPCIs)


@dataclass(frozen=True, slots=True)
class RecordParams:
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    vendor: str = ""
    commune: str = ""
    authority: str = ""
    year: int | None = None
    expiring_within: int | None = None  # days: prefects' authorisations that end by then
    without_authorisation: bool = False  # a commune's acts where no prefect's authorisation is found
    departements: tuple[str, ...] = ()  # "50", "2A": records placed there through the registry
    regions: tuple[str, ...] = ()  # "28"
    epcis: tuple[str, ...] = ()  # SIREN: "200069425"
    communes: tuple[str, ...] = ()  # INSEE codes ("50025"), given as ``commune`` like a name
    page: int = 1

    @property
    def per_page(self) -> int:
        return PER_PAGE

    @property
    def filtered(self) -> bool:
        return bool(
            self.categories
            or self.kinds
            or self.vendor
            or self.commune
            or self.authority
            or self.year
            or self.expiring_within is not None
            or self.without_authorisation
            or self.places
        )

    @property
    def places(self) -> bool:
        """Whether a place is asked for: records of any of these communes, EPCIs, départements,
        régions."""
        return bool(self.departements or self.regions or self.epcis or self.communes)

    def place_filter(self, places: RecordPlaces) -> PlaceFilter | None:
        """The records of the places asked for; a code the registry does not know is a
        ``BadSearch`` (a département only needs to be one: the registry may have none there)."""
        if not self.places:
            return None
        try:
            epcis = [places.geography.check("epci", code) for code in self.epcis]
            communes = [places.geography.check("commune", code) for code in self.communes]
        except SearchError as exc:
            label = "EPCI" if exc.field == "epcis" else "Commune"
            raise BadSearch(f"{unknown(label)} du registre : « {exc.value} ».") from None
        return places.place_filter(self.departements, self.regions, epcis, communes)

    def record_filter(self, places: RecordPlaces | None = None, everything: bool = False) -> RecordFilter:
        """The archive's filter; ``places`` (the registry's) for a département or région,
        ``everything`` for every record at once (an export), else the page asked for."""
        return RecordFilter(
            kinds=self.kinds,
            technologies=self.categories,
            authority=self.authority or None,
            commune=self.commune or None,
            vendor=self.vendor or None,
            year=self.year,
            expiring_within=self.expiring_within,
            without_authorisation=self.without_authorisation,
            place=self.place_filter(places) if places is not None else None,
            limit=None if everything else PER_PAGE,
            offset=0 if everything else (self.page - 1) * PER_PAGE,
        )

    def pairs(self) -> list[tuple[str, str]]:
        """The URL's query, in a fixed order (page only when not the first)."""
        pairs = [("category", v) for v in self.categories] + [("kind", v) for v in self.kinds]
        pairs += [
            (name, value) for name in ("vendor", "commune", "authority") if (value := getattr(self, name))
        ]
        pairs += [("commune", v) for v in self.communes] + [("epci", v) for v in self.epcis]
        if self.year is not None:
            pairs.append(("year", str(self.year)))
        if self.expiring_within is not None:
            pairs.append(("expiring_within", str(self.expiring_within)))
        if self.without_authorisation:
            pairs.append(("without_authorisation", "1"))
        pairs += [("departement", v) for v in self.departements] + [("region", v) for v in self.regions]
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def url(self, path: str = "/records", **changes: Any) -> str:
        query = urlencode(replace(self, **changes).pairs())
        return f"{path}?{query}" if query else path


def record_params(
    category: Annotated[list[str], Query(description=f"Technologie : {', '.join(CATEGORY_IDS)}.")] = [],  # noqa: B006
    kind: Annotated[list[str], Query(description=f"Nature : {', '.join(DECISION_KINDS)}.")] = [],  # noqa: B006
    vendor: Annotated[str, Query(description="Prestataire dont le nom contient ce texte.")] = "",
    commune: Annotated[
        list[str],
        Query(
            description="Commune (répétable) : son code INSEE (50025), lieu tiré du registre ; "
            "toute autre valeur est une partie du nom que la décision écrit (une seule)."
        ),
    ] = [],  # noqa: B006
    authority: Annotated[str, Query(description="Autorité dont le nom contient ce texte.")] = "",
    year: Annotated[str, Query(description="Année de l'acte (AAAA).")] = "",
    expiring_within: Annotated[
        str,
        Query(
            description="Autorisations préfectorales qui expirent dans ce nombre de jours (183 : six mois)."
        ),
    ] = "",
    without_authorisation: Annotated[
        str, Query(description="1 : actes d'une commune où aucune autorisation préfectorale n'est archivée.")
    ] = "",
    departement: Annotated[
        list[str], Query(description="Département (répétable) : 50, 2A, 974 ; lieux tirés du registre.")
    ] = [],  # noqa: B006
    region: Annotated[list[str], Query(description="Code de région (répétable) : 28, 76.")] = [],  # noqa: B006
    epci: Annotated[list[str], Query(description="EPCI (répétable) : son SIREN, 200069425.")] = [],  # noqa: B006
    page: Annotated[str, Query(description=f"Page, à partir de 1 ({PER_PAGE} décisions par page).")] = "1",
) -> RecordParams:
    """FastAPI dependency: the checked filters of a request (raises ``BadSearch``)."""
    names = [value for value in commune if value.strip() and not value.strip()[:1].isdigit()]
    if len(names) > 1:
        raise BadSearch("Commune : un seul nom (ou des codes INSEE, répétés).")
    return RecordParams(
        categories=checked_choices(category, CATEGORY_IDS, "Catégorie"),
        kinds=checked_choices(kind, DECISION_KINDS, "Nature de décision"),
        vendor=_text(vendor, "Prestataire"),
        commune=_text(names[0] if names else "", "Commune"),
        authority=_text(authority, "Autorité"),
        year=bounded_number(year.strip(), "year", FIRST_YEAR, LAST_YEAR) if year.strip() else None,
        expiring_within=(
            bounded_number(expiring_within.strip(), "expiring_within", 0, 36_500)
            if expiring_within.strip()
            else None
        ),
        without_authorisation=without_authorisation.strip() in {"1", "true", "on"},
        departements=tuple(
            normalise_departement(v) for v in _codes(departement, DEPARTEMENT_CODE, "Département")
        ),
        regions=tuple(v.zfill(2) for v in _codes(region, REGION_CODE, "Région")),
        epcis=_codes(epci, SIREN, "EPCI"),
        # A value that starts with a digit is a code: no commune's name does.
        communes=_codes([v.upper() for v in commune if v.strip()[:1].isdigit()], INSEE_CODE, "Commune"),
        page=bounded_number(page, "page", 1, MAX_RESULTS_REACHABLE // PER_PAGE),
    )


def _text(value: str, name: str) -> str:
    text = " ".join(value.split())
    if len(text) > MAX_TEXT:
        raise BadSearch(f"{name} : {MAX_TEXT} caractères au plus.")
    return text


def _codes(values: list[str], pattern: re.Pattern[str], label: str) -> tuple[str, ...]:
    """The codes given, once each, blank ones ignored; one that is no code is a ``BadSearch``."""
    kept = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
    if len(kept) > MAX_CODES:
        raise BadSearch(f"{label} : {MAX_CODES} valeurs au plus.")
    for value in kept:
        if not pattern.fullmatch(value):
            raise BadSearch(f"{label} invalide : « {value[:40]} ».")
    return kept
