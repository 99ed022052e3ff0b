"""The search URL: what ``/search``, ``/feed``, ``/api/search`` and the exports accept.

The URL holds the whole query, so a search can be shared and bookmarked. Repeat a filter to
combine values (``?category=drone&category=lapi``). Input is checked here, with messages in
French, and bounded: the query's length, the page size and how deep pagination may go.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from archive.taxonomy import CATEGORY_IDS, DOC_TYPES, STANCES
from search import SearchQuery
from search.place_codes import DEPARTEMENT_CODE, INSEE_CODE, REGION_CODE, SIREN
from web.labels import unknown

MAX_QUERY_LENGTH = 200  # characters: a search, not a document
MAX_FILTER_VALUES = 20  # per filter
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_RESULTS_REACHABLE = 10_000  # pagination stops there: deeper pages are for the exports
EXPORT_LIMIT = 10_000  # rows in one CSV/JSONL export
_PERIOD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SOURCE = re.compile(r"[a-z0-9][a-z0-9.:_-]{0,252}", re.IGNORECASE)
# The URL's parameters as the pages name them, for the messages ("since" is the form's "Du").
PARAMETER_LABELS = {
    "since": "Date de début",
    "until": "Date de fin",
    "page": "Le numéro de page",
    "per_page": "Le nombre de résultats par page",
    "year": "L'année",
    "expiring_within": "Le nombre de jours avant l'expiration",
}


class BadSearch(ValueError):  # noqa: N818 - reads as what it is: a 400 answer
    """A search URL that cannot be answered; the message is shown to the user, in French."""


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str = ""
    categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # "76"
    epcis: tuple[str, ...] = ()  # SIREN: "243400017"
    communes: tuple[str, ...] = ()  # INSEE code: "34172"
    doc_types: tuple[str, ...] = ()
    stance: str | None = None
    since: str | None = None
    until: str | None = None
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.categories or self.sources or self.placed or self.doc_types) or any(
            (self.stance, self.since, self.until)
        )

    @property
    def placed(self) -> bool:
        """A place filter is set: a région, département, EPCI or commune."""
        return bool(self.regions or self.departements or self.epcis or self.communes)

    def search_query(self, **changes: Any) -> SearchQuery:
        query = SearchQuery(
            text=self.q,
            categories=list(self.categories),
            sources=list(self.sources),
            departements=list(self.departements),
            regions=list(self.regions),
            epcis=list(self.epcis),
            communes=list(self.communes),
            doc_types=list(self.doc_types),
            stance=self.stance,
            since=self.since,
            until=self.until,
            limit=self.per_page,
            offset=(self.page - 1) * self.per_page,
        )
        return replace(query, **changes)

    def pairs(self) -> list[tuple[str, str]]:
        """The URL's query, in a fixed order (page only when not the first)."""
        pairs = [("q", self.q)] if self.q else []
        pairs += [("category", v) for v in self.categories] + [("source", v) for v in self.sources]
        pairs += [("departement", v) for v in self.departements] + [("region", v) for v in self.regions]
        pairs += [("epci", v) for v in self.epcis] + [("commune", v) for v in self.communes]
        pairs += [("doc_type", v) for v in self.doc_types]
        pairs += [(name, value) for name in ("stance", "since", "until") if (value := getattr(self, name))]
        if self.per_page != PER_PAGE:
            pairs.append(("per_page", str(self.per_page)))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def url(self, path: str = "/search", **changes: Any) -> str:
        """This search's URL at ``path``, with some fields changed (``page=2``)."""
        query = urlencode(replace(self, **changes).pairs())
        return f"{path}?{query}" if query else path

    def toggle(self, name: str, value: str) -> str:
        """The search URL with ``value`` added to (or removed from) a filter, back on page 1."""
        current: tuple[str, ...] = getattr(self, name)
        values = tuple(v for v in current if v != value) if value in current else (*current, value)
        return self.url(**{name: values, "page": 1})


def search_params(
    q: Annotated[str, Query(description="Mots ou « expression exacte » (200 caractères au plus).")] = "",
    category: Annotated[list[str], Query(description=f"Catégorie : {', '.join(CATEGORY_IDS)}.")] = [],  # noqa: B006
    source: Annotated[list[str], Query(description="Source : hôte (www.nice.fr) ou slug du registre.")] = [],  # noqa: B006
    departement: Annotated[list[str], Query(description="Code de département : 34, 2A, 974.")] = [],  # noqa: B006
    region: Annotated[list[str], Query(description="Code de région : 76.")] = [],  # noqa: B006
    epci: Annotated[
        list[str], Query(description="SIREN d'un EPCI (ses communes comprises) : 243400017.")
    ] = [],  # noqa: B006
    commune: Annotated[list[str], Query(description="Code INSEE de commune : 34172.")] = [],  # noqa: B006
    doc_type: Annotated[list[str], Query(description=f"Type : {', '.join(DOC_TYPES)}.")] = [],  # noqa: B006
    stance: Annotated[str, Query(description="Position : opposition.")] = "",
    since: Annotated[str, Query(description="À partir de cette date : AAAA, AAAA-MM ou AAAA-MM-JJ.")] = "",
    until: Annotated[str, Query(description="Jusqu'à cette date : AAAA, AAAA-MM ou AAAA-MM-JJ.")] = "",
    page: Annotated[str, Query(description="Page de résultats, à partir de 1.")] = "1",
    per_page: Annotated[str, Query(description=f"Résultats par page, {MAX_PER_PAGE} au plus.")] = str(
        PER_PAGE
    ),
) -> SearchParams:
    """FastAPI dependency: the checked search of a request (raises ``BadSearch``)."""
    text = " ".join(q.split())
    if len(text) > MAX_QUERY_LENGTH:
        raise BadSearch(f"La recherche est trop longue ({len(text)} caractères, {MAX_QUERY_LENGTH} au plus).")
    per = bounded_number(per_page, "per_page", 1, MAX_PER_PAGE)
    number = bounded_number(page, "page", 1, max(1, MAX_RESULTS_REACHABLE // per))
    return SearchParams(
        q=text,
        categories=checked_choices(category, CATEGORY_IDS, "Catégorie"),
        sources=_matching(source, _SOURCE, "Source"),
        departements=tuple(v.upper() for v in _matching(departement, DEPARTEMENT_CODE, "Département")),
        regions=tuple(v.zfill(2) for v in _matching(region, REGION_CODE, "Région")),
        epcis=_matching(["".join(v.split()) for v in epci], SIREN, "EPCI"),
        communes=tuple(v.upper() for v in _matching(commune, INSEE_CODE, "Commune")),
        doc_types=checked_choices(doc_type, DOC_TYPES, "Type de document"),
        stance=_stance(stance),
        since=_period(since, "since"),
        until=_period(until, "until"),
        page=number,
        per_page=per,
    )


def _stance(value: str) -> str | None:
    """One position at most; a blank value (``?stance=%20``) is no filter, as an empty one."""
    chosen = checked_choices([value], STANCES, "Position")
    return chosen[0] if chosen else None


def _values(values: list[str], label: str) -> list[str]:
    kept = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    if len(kept) > MAX_FILTER_VALUES:
        raise BadSearch(f"{label} : {MAX_FILTER_VALUES} valeurs au plus.")
    return kept


def checked_choices(values: list[str], allowed: tuple[str, ...], label: str) -> tuple[str, ...]:
    kept = _values(values, label)
    for value in kept:
        if value not in allowed:
            raise BadSearch(f"{unknown(label)} : « {value[:40]} ». Valeurs possibles : {', '.join(allowed)}.")
    return tuple(kept)


def _matching(values: list[str], pattern: re.Pattern[str], label: str) -> tuple[str, ...]:
    kept = _values(values, label)
    for value in kept:
        if not pattern.fullmatch(value):
            raise BadSearch(f"{label} invalide : « {value[:40]} ».")
    return tuple(kept)


def _period(value: str, name: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        if not _PERIOD.fullmatch(value):
            raise ValueError(value)
        parts = [int(p) for p in value.split("-")]
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise BadSearch(
            f"{PARAMETER_LABELS[name]} invalide : « {value[:20]} » (AAAA, AAAA-MM ou AAAA-MM-JJ)."
        ) from None
    return value


def bounded_number(value: str, name: str, low: int, high: int) -> int:
    label = PARAMETER_LABELS.get(name, name)
    try:
        number = int(value)
    except ValueError:
        raise BadSearch(f"{label} doit être un nombre entier : « {value[:20]} ».") from None
    if not low <= number <= high:
        raise BadSearch(f"{label} doit être un nombre entier de {low} à {high}.")
    return number
