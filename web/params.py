"""The search URL of a request: what ``/search``, ``/feed``, ``/api/search`` and the exports accept.

The parameters and their checks are the search's (``search.url_params``), shared with the saved
searches of alerts; here they are read from a request, and described for the API's schema.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from archive.taxonomy import CATEGORY_IDS, DOC_TYPES
from search.url_params import (
    MAX_FILTER_VALUES,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    MAX_RESULTS_REACHABLE,
    PARAMETER_LABELS,
    PER_PAGE,
    BadSearch,
    SearchParams,
    bounded_number,
    checked_choices,
    checked_search,
    parse_search_url,
)

__all__ = [
    "EXPORT_LIMIT",
    "MAX_FILTER_VALUES",
    "MAX_PER_PAGE",
    "MAX_QUERY_LENGTH",
    "MAX_RESULTS_REACHABLE",
    "PARAMETER_LABELS",
    "PER_PAGE",
    "BadSearch",
    "SearchParams",
    "bounded_number",
    "checked_choices",
    "parse_search_url",
    "search_params",
]

EXPORT_LIMIT = 10_000  # rows in one CSV/JSONL export


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
    return checked_search(
        q,
        category,
        source,
        departement,
        region,
        epci,
        commune,
        doc_type,
        stance,
        since,
        until,
        page,
        per_page,
    )
