"""The result set in SQL: every filtered match with its score and the columns that order and
facets read.

Ranking: a document that contains the whole input as a phrase comes first, then one whose
tagged mentions answer the query (its mentions' words match, in a requested category when
categories are given), then the rest; within each group, bm25 with the title weighted ten times
the body. Without query words, every score is 0 and the filtered documents come newest first.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, text

from search.index import FILTER_INDEX
from search.place_codes import check_code
from search.places import SourcePlaces, actes_forms
from search.query import FtsQuery, checked_bounds
from search.results import SearchQuery

TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0
PHRASE_BONUS, MENTION_BONUS = 100.0, 50.0
# The columns of each match beside its id and score, with their SQL over the document ``d``:
# the one place that names them for the scored query, the temporary table of hits
# (``search.sqlite.facets``), the page order and the facets.
HIT_COLUMNS: dict[str, tuple[str, str]] = {
    "day": ("TEXT", "COALESCE(d.date, date(d.first_seen_at))"),
    "source_id": ("INTEGER", "d.source_id"),
    "doc_type": ("TEXT", "d.doc_type"),
    "year": ("TEXT", "substr(COALESCE(d.date, d.first_seen_at), 1, 4)"),
    "found": ("TEXT", "d.first_seen_at"),
    # The mention summary (``archive.mention_summary``) that the category and stance facets count.
    "categories": ("TEXT", "d.mention_categories"),
    "stances": ("TEXT", "d.mention_stances"),
}
HITS_TABLE_DDL = (
    "CREATE TEMP TABLE search_hits (id INTEGER PRIMARY KEY, score REAL, "
    + ", ".join(f"{name} {kind}" for name, (kind, _) in HIT_COLUMNS.items())
    + ")"
)
# The documents of the hits, through the covering index (see search.index).
JOINED = f"JOIN documents d INDEXED BY {FILTER_INDEX} ON d.id = h.id"
# Best score first; without query words every score is 0, so the newest come first.
RANKED = "ORDER BY score DESC, day DESC, id DESC LIMIT :limit OFFSET :offset"
# Feeds: the documents Vigie archived last come first, whatever their score.
NEWEST = "ORDER BY found DESC, id DESC LIMIT :limit OFFSET :offset"
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's DateTime on SQLite


def filters(query: SearchQuery, places: SourcePlaces) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on ``d`` (documents) and, for sources, ``s``; checks the query's values."""
    since, until = checked_bounds(query)
    where: list[str] = []
    params: dict[str, Any] = {}
    if not query.all_versions:
        where.append("d.is_latest = 1")
    if query.categories:
        where.append(
            "EXISTS (SELECT 1 FROM mentions mc WHERE mc.document_id = d.id AND mc.category IN :categories)"
        )
        params["categories"] = query.categories
    elif query.with_mentions:
        where.append("EXISTS (SELECT 1 FROM mentions mc WHERE mc.document_id = d.id)")
    if query.stance:
        in_category = " AND ms.category IN :categories" if query.categories else ""
        where.append(
            f"EXISTS (SELECT 1 FROM mentions ms WHERE ms.document_id = d.id AND ms.stance = :stance{in_category})"
        )
        params["stance"] = query.stance
    if query.sources:
        clauses = ["s.host IN :sources"]
        for index, source in enumerate(query.sources):
            clauses.append(f"s.host LIKE :source_{index}")
            params[f"source_{index}"] = f"%.{source.lower()}"
        # A host (or its domain), or a registry source's slug (the crawl that found the URL).
        where.append(
            "(d.source_id IN (SELECT s.id FROM sources s WHERE " + " OR ".join(clauses) + ") "
            "OR d.id IN (SELECT u.document_id FROM document_urls u WHERE u.source_slug IN :sources))"
        )
        params["sources"] = [source.lower() for source in query.sources]
    places_where, places_params = place_filters(query, places)
    where += places_where
    params.update(places_params)
    if query.doc_types:
        where.append("d.doc_type IN :doc_types")
        params["doc_types"] = query.doc_types
    if since:
        where.append(f"{HIT_COLUMNS['day'][1]} >= :since")
        params["since"] = since.isoformat()
    if until:
        where.append(f"{HIT_COLUMNS['day'][1]} <= :until")
        params["until"] = until.isoformat()
    # As SQLAlchemy's DateTime writes times on SQLite, so that the texts compare as the times.
    if query.found_after is not None:
        where.append(f"{HIT_COLUMNS['found'][1]} > :found_after")
        params["found_after"] = query.found_after.strftime(SQLITE_TIME)
    if query.found_until is not None:
        where.append(f"{HIT_COLUMNS['found'][1]} <= :found_until")
        params["found_until"] = query.found_until.strftime(SQLITE_TIME)
    return where, params


def place_filters(query: SearchQuery, places: SourcePlaces) -> tuple[list[str], dict[str, Any]]:
    """One condition per kind of place asked for: the codes of one kind are alternatives, the
    kinds all apply (``--region 76 --commune 34172``: Montpellier's documents). A commune, an
    EPCI or a département the registry does not know finds nothing; a région must be known."""
    communes = [check_code("commune", code) for code in query.communes]
    epcis = [check_code("epci", code) for code in query.epcis]
    departements = [check_code("departement", code) for code in query.departements]
    regions = [places.geography.check("region", code) for code in query.regions]
    where: list[str] = []
    params: dict[str, Any] = {}
    if communes:
        where.append(_found_by("commune_slugs"))
        params["commune_slugs"] = json.dumps(places.slugs_in(communes, "insee"))
    if epcis:
        where.append(_found_by("epci_slugs"))
        params["epci_slugs"] = json.dumps(places.slugs_in(epcis, "epci"))
    # A département or a région: where the crawl found it (a registry source), or the ACTES
    # identifier it carries, whoever found it.
    for name, codes, level, actes in (
        ("dep", departements, "departement", departements),
        ("reg", regions, "region", places.geography.departements_in(regions)),
    ):
        if codes:
            where.append(f"(d.actes_department IN :{name}_actes OR {_found_by(f'{name}_slugs')})")
            params[f"{name}_actes"] = [form for code in actes for form in actes_forms(code)] or [""]
            params[f"{name}_slugs"] = json.dumps(places.slugs_in(codes, level))
    return where, params


def _found_by(slugs: str) -> str:
    """The documents that a registry source among ``:slugs`` (a JSON list, one parameter however
    many: a région has thousands of communes) found."""
    return (
        "d.id IN (SELECT u.document_id FROM document_urls u "
        f"WHERE u.source_slug IN (SELECT value FROM json_each(:{slugs})))"
    )


def base(fts: FtsQuery | None, bounded: bool = False) -> str:
    """The matching documents with their bm25 (0 without query words); ``bounded``: only the
    matches from rowid ``:scored_from`` on are scored (``search.sqlite.bounded``), the others 0."""
    if fts is None:
        return "SELECT id, 0.0 AS bm25 FROM documents"
    bm25 = f"bm25(documents_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT})"
    if bounded:
        bm25 = f"CASE WHEN rowid >= :scored_from THEN {bm25} ELSE 0.0 END"
    return f"SELECT rowid AS id, {bm25} AS bm25 FROM documents_fts WHERE documents_fts MATCH :match"


def scored(
    query: SearchQuery,
    fts: FtsQuery | None,
    where: list[str],
    params: dict[str, Any],
    scored_from: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """SQL of every filtered match: its id, score and ``HIT_COLUMNS``, in that order; with
    ``scored_from``, bm25 only for the matches of that rowid or above."""
    params = dict(params)
    if scored_from is not None:
        params["scored_from"] = scored_from
    score = "0.0"
    if fts is not None:
        score = "-h.bm25"
        if fts.phrase:
            params["phrase"] = fts.phrase
            score += f" + {PHRASE_BONUS} * (d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :phrase))"
        if not query.raw:
            in_category = " AND m.category IN :categories" if query.categories else ""
            score += (
                f" + {MENTION_BONUS} * (d.id IN (SELECT m.document_id FROM mentions m WHERE m.id IN "
                f"(SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH :match){in_category}))"
            )
    columns = ", ".join(f"{sql} AS {name}" for name, (_, sql) in HIT_COLUMNS.items())
    sql = (
        f"WITH hits AS MATERIALIZED ({base(fts, scored_from is not None)}) "
        f"SELECT d.id AS id, {score} AS score, {columns} "
        f"FROM hits h {JOINED} {where_clause(where)}"
    )
    return sql, params


def where_clause(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def bind(sql: str, params: dict[str, Any]) -> Any:
    """``text(sql)`` with the list parameters expanded (``IN :categories``)."""
    return text(sql).bindparams(*expanding(params))


def expanding(params: dict[str, Any]) -> list[Any]:
    return [bindparam(name, expanding=True) for name, value in params.items() if isinstance(value, list)]
