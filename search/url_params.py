"""The search URL's parameters: what ``/search``, ``/feed``, ``/api/search``, the exports and the
saved searches of alerts accept, checked once.

The URL holds the whole query, so a search can be shared, bookmarked and saved. Repeat a filter
to combine values (``?category=drone&category=lapi``). Input is checked here, with messages in
French, and bounded: the query's length, the page size and how deep pagination may go. The web's
``web.params`` reads a request's parameters with it; an alert (``workspace.alerts``) reads the
query string it saved with it too, so a saved search means exactly what the page showed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from archive.taxonomy import CATEGORY_IDS, DOC_TYPES, STANCES
from search.place_codes import DEPARTEMENT_CODE, INSEE_CODE, REGION_CODE, SIREN
from search.results import SearchQuery

MAX_QUERY_LENGTH = 200  # characters: a search, not a document
MAX_FILTER_VALUES = 20  # per filter
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_RESULTS_REACHABLE = 10_000  # pagination stops there: deeper pages are for the exports
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
# The feminine names of fields and filters, for the adjective that follows ("Catégorie inconnue",
# "Département inconnu"); any other is masculine.
FEMININE_LABELS = frozenset(
    {"Catégorie", "Commune", "Couleur", "Date", "Nature de décision", "Position", "Région", "Source"}
)
# The parameters that hold a list (repeated in the URL), and the one-value ones.
LIST_PARAMETERS = ("category", "source", "departement", "region", "epci", "commune", "doc_type")
ONE_VALUE_PARAMETERS = ("q", "stance", "since", "until", "page", "per_page")


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


def checked_search(
    q: str = "",
    category: Sequence[str] = (),
    source: Sequence[str] = (),
    departement: Sequence[str] = (),
    region: Sequence[str] = (),
    epci: Sequence[str] = (),
    commune: Sequence[str] = (),
    doc_type: Sequence[str] = (),
    stance: str = "",
    since: str = "",
    until: str = "",
    page: str = "1",
    per_page: str = str(PER_PAGE),
) -> SearchParams:
    """The checked search of the URL's parameters, named as in the URL (raises ``BadSearch``)."""
    text = " ".join(q.split())
    if len(text) > MAX_QUERY_LENGTH:
        raise BadSearch(f"La recherche est trop longue ({len(text)} caractères, {MAX_QUERY_LENGTH} au plus).")
    per = bounded_number(per_page, "per_page", 1, MAX_PER_PAGE)
    number = bounded_number(page, "page", 1, max(1, MAX_RESULTS_REACHABLE // per))
    return SearchParams(
        q=text,
        categories=checked_choices(list(category), CATEGORY_IDS, "Catégorie"),
        sources=_matching(list(source), _SOURCE, "Source"),
        departements=tuple(v.upper() for v in _matching(list(departement), DEPARTEMENT_CODE, "Département")),
        regions=tuple(v.zfill(2) for v in _matching(list(region), REGION_CODE, "Région")),
        epcis=_matching(["".join(v.split()) for v in epci], SIREN, "EPCI"),
        communes=tuple(v.upper() for v in _matching(list(commune), INSEE_CODE, "Commune")),
        doc_types=checked_choices(list(doc_type), DOC_TYPES, "Type de document"),
        stance=_stance(stance),
        since=_period(since, "since"),
        until=_period(until, "until"),
        page=number,
        per_page=per,
    )


def parse_search_url(url: str) -> SearchParams:
    """The search of a ``/search`` URL (``/search?q=…``, ``https://…/search?…``) or of its query
    string alone (``q=…&category=…``), as the page reads it: a repeated filter's values combine,
    a one-value parameter keeps its last value, the page's other parameters are left aside."""
    url = url.strip()
    address, mark, query = url.partition("?")
    if not mark and "=" in address and not address.startswith(("/", "http:", "https:")):
        address, query = "", address  # a query string alone
    if urlsplit(address).path.rstrip("/") not in ("", "/search"):
        raise BadSearch(f"Ce n'est pas l'adresse d'une recherche (/search?…) : « {url[:60]} ».")
    values = parse_qs(query, keep_blank_values=True)
    lists = {name: values.get(name, []) for name in LIST_PARAMETERS}
    singles = {name: values[name][-1] for name in ONE_VALUE_PARAMETERS if name in values}
    return checked_search(**lists, **singles)


def unknown(label: str) -> str:
    """ "Catégorie inconnue", "Département inconnu": the adjective agrees with the field."""
    return f"{label} {'inconnue' if label in FEMININE_LABELS else 'inconnu'}"


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
