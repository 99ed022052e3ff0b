"""The result set in PostgreSQL's SQL: every filtered match with its score and the columns that
order and facets read, as ``search.sqlite.matches`` gives it on SQLite.

Ranking follows SQLite's: a document that holds the whole input as a phrase comes first, then
one whose tagged mentions answer the query, then the rest; within each group ``ts_rank_cd``
(cover density) with a title match worth ten body matches (weights A and B of the index).
List parameters are arrays (``= ANY(:x)``): one parameter however many values.
"""

from __future__ import annotations

from typing import Any

from search.place_codes import check_code
from search.places import SourcePlaces, actes_forms
from search.postgres.index import CONFIG, TABLE
from search.postgres.tsquery import TsQuery
from search.query import checked_bounds
from search.results import SearchQuery
from search.sqlite.matches import MENTION_BONUS, PHRASE_BONUS, TEXT_WEIGHT, TITLE_WEIGHT, where_clause

# ts_rank_cd's weights, in PostgreSQL's order {D, C, B, A}: the body B, the title A.
RANK_WEIGHTS = f"'{{0, 0, {TEXT_WEIGHT / TITLE_WEIGHT}, 1}}'"
HIT_COLUMNS: dict[str, str] = {
    "day": "COALESCE(d.date, CAST(d.first_seen_at AS date))",
    "source_id": "d.source_id",
    "doc_type": "d.doc_type",
    "year": "to_char(COALESCE(d.date, CAST(d.first_seen_at AS date)), 'YYYY')",
    "found": "d.first_seen_at",
    "actes_department": "d.actes_department",
    # The mention summary (``archive.mention_summary``) that the category and stance facets count.
    "categories": "d.mention_categories",
    "stances": "d.mention_stances",
}
RANKED = "ORDER BY score DESC, day DESC, id DESC LIMIT :limit OFFSET :offset"
NEWEST = "ORDER BY found DESC, id DESC LIMIT :limit OFFSET :offset"


def filters(query: SearchQuery, places: SourcePlaces) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on ``d`` (documents); checks the query's values as SQLite's does."""
    since, until = checked_bounds(query)
    where: list[str] = []
    params: dict[str, Any] = {}
    if not query.all_versions:
        where.append("d.is_latest")
    if query.categories:
        where.append(
            "EXISTS (SELECT 1 FROM mentions mc WHERE mc.document_id = d.id AND mc.category = ANY(:categories))"
        )
        params["categories"] = query.categories
    elif query.with_mentions:
        where.append("EXISTS (SELECT 1 FROM mentions mc WHERE mc.document_id = d.id)")
    if query.stance:
        in_category = " AND ms.category = ANY(:categories)" if query.categories else ""
        where.append(
            f"EXISTS (SELECT 1 FROM mentions ms WHERE ms.document_id = d.id AND ms.stance = :stance{in_category})"
        )
        params["stance"] = query.stance
    if query.sources:
        # A host (or its domain), or a registry source's slug (the crawl that found the URL).
        where.append(
            "(d.source_id IN (SELECT s.id FROM sources s WHERE s.host = ANY(:sources) "
            "OR s.host LIKE ANY(:source_domains)) "
            "OR d.id IN (SELECT u.document_id FROM document_urls u WHERE u.source_slug = ANY(:sources)))"
        )
        params["sources"] = [source.lower() for source in query.sources]
        params["source_domains"] = [f"%.{source.lower()}" for source in query.sources]
    places_where, places_params = place_filters(query, places)
    where += places_where
    params.update(places_params)
    if query.doc_types:
        where.append("d.doc_type = ANY(:doc_types)")
        params["doc_types"] = query.doc_types
    if since:
        where.append(f"{HIT_COLUMNS['day']} >= :since")
        params["since"] = since
    if until:
        where.append(f"{HIT_COLUMNS['day']} <= :until")
        params["until"] = until
    if query.found_after is not None:
        where.append(f"{HIT_COLUMNS['found']} > :found_after")
        params["found_after"] = query.found_after
    if query.found_until is not None:
        where.append(f"{HIT_COLUMNS['found']} <= :found_until")
        params["found_until"] = query.found_until
    return where, params


def place_filters(query: SearchQuery, places: SourcePlaces) -> tuple[list[str], dict[str, Any]]:
    """As ``search.sqlite.matches.place_filters``: the kinds of place all apply, the codes of
    one kind are alternatives."""
    communes = [check_code("commune", code) for code in query.communes]
    epcis = [check_code("epci", code) for code in query.epcis]
    departements = [check_code("departement", code) for code in query.departements]
    regions = [places.geography.check("region", code) for code in query.regions]
    where: list[str] = []
    params: dict[str, Any] = {}
    if communes:
        where.append(_found_by("commune_slugs"))
        params["commune_slugs"] = places.slugs_in(communes, "insee")
    if epcis:
        where.append(_found_by("epci_slugs"))
        params["epci_slugs"] = places.slugs_in(epcis, "epci")
    for name, codes, level, actes in (
        ("dep", departements, "departement", departements),
        ("reg", regions, "region", places.geography.departements_in(regions)),
    ):
        if codes:
            where.append(f"(d.actes_department = ANY(:{name}_actes) OR {_found_by(f'{name}_slugs')})")
            params[f"{name}_actes"] = [form for code in actes for form in actes_forms(code)]
            params[f"{name}_slugs"] = places.slugs_in(codes, level)
    return where, params


def _found_by(slugs: str) -> str:
    return (
        "d.id IN (SELECT u.document_id FROM document_urls u "
        f"WHERE u.source_slug = ANY(CAST(:{slugs} AS text[])))"
    )


def scored(
    query: SearchQuery, tsq: TsQuery | None, where: list[str], params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """SQL of every filtered match: its id, score and ``HIT_COLUMNS``, in that order."""
    params = dict(params)
    score = "0.0"
    if tsq is None:
        base = "SELECT id, 0.0 AS rank, false AS phrase_hit FROM documents"
    else:
        params["match"] = tsq.match
        phrase = "false"
        if tsq.phrase:
            params["phrase"] = tsq.phrase
            phrase = "tsv @@ CAST(:phrase AS tsquery)"
        base = (
            f"SELECT id, ts_rank_cd({RANK_WEIGHTS}, tsv, q) AS rank, {phrase} AS phrase_hit "
            f"FROM {TABLE}, CAST(:match AS tsquery) AS q WHERE tsv @@ q"
        )
        score = f"h.rank + {PHRASE_BONUS} * CAST(h.phrase_hit AS integer)"
        if not query.raw:
            in_category = " AND m.category = ANY(:categories)" if query.categories else ""
            score += (
                f" + {MENTION_BONUS} * CAST(EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id "
                f"AND to_tsvector('{CONFIG}', m.matched) @@ CAST(:match AS tsquery){in_category}) AS integer)"
            )
    columns = ", ".join(f"{sql} AS {name}" for name, sql in HIT_COLUMNS.items())
    sql = (
        f"WITH h AS MATERIALIZED ({base}) "
        f"SELECT d.id AS id, CAST({score} AS double precision) AS score, {columns} "
        f"FROM h JOIN documents d ON d.id = h.id {where_clause(where)}"
    )
    return sql, params
