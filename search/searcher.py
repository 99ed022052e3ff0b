"""Answer searches over the archive: filters, ranking, snippets, pages, facets.

Ranking: a document that contains the whole input as a phrase comes first, then one whose
tagged mentions answer the query (its mentions' words match, in a requested category when
categories are given), then the rest; within each group, bm25 with the title weighted ten times
the body. Without query words, the filtered documents come newest first.
"""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
import time
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.exc import OperationalError

from archive import ArchiveStore
from archive.reader import ArchiveReader
from archive.taxonomy import CATEGORY_IDS, DOC_TYPES, STANCES
from search.deadline import deadline, search_timeout, searches_stopped
from search.errors import SearchError
from search.facets import count_facets, fill_hits
from search.hints import CategoryHints
from search.index import FILTER_INDEX, ensure_index, require_index
from search.locate import CLOSE, OPEN, act_at, locate, page_at
from search.passages import FTS_SNIPPET_MAX_CHARS, READ_CHARS, passage, query_words
from search.places import SourcePlaces, actes_forms
from search.query import FtsQuery, check_choices, parse_date, passage_words, plain_query, raw_query
from search.results import SearchHit, SearchPage

TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0
PHRASE_BONUS, MENTION_BONUS = 100.0, 50.0
SNIPPET_TOKENS = 32  # about 200 characters
# The documents of the hits, through the covering index (see search.index).
JOINED = f"JOIN documents d INDEXED BY {FILTER_INDEX} ON d.id = h.id"
# Best score first; without query words every score is 0, so the newest come first.
RANKED = "ORDER BY score DESC, day DESC, id DESC LIMIT :limit OFFSET :offset"
# Feeds: the documents Vigie archived last come first, whatever their score.
NEWEST = "ORDER BY found DESC, id DESC LIMIT :limit OFFSET :offset"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    raw: bool = False
    categories: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # host, or a domain that the host ends with
    doc_types: list[str] = field(default_factory=list)
    since: str | None = None  # ISO date, on the document's date, else the day first seen
    until: str | None = None
    stance: str | None = None
    departements: list[str] = field(default_factory=list)  # "34", "2A": see search.places
    all_versions: bool = False  # include documents superseded at every URL
    with_mentions: bool = False  # only documents with at least one mention
    newest_first: bool = False  # order by when Vigie first archived them (feeds), not by score
    limit: int = 20
    offset: int = 0
    facets: bool = False


class Searcher:
    """Searches one archive.

    ``store`` is an ``ArchiveStore`` or a read-only ``ArchiveReader``; with a reader the index
    must already exist (a crawl builds it), since nothing may be written. ``places`` maps
    registry source slugs to their département, for the département filter and facet.
    """

    def __init__(
        self,
        store: ArchiveStore | ArchiveReader,
        places: SourcePlaces | None = None,
        timeout: float | None = None,
    ) -> None:
        self.store = store
        self.places = places or SourcePlaces()
        self.timeout = timeout if timeout is not None else search_timeout()
        if isinstance(store, ArchiveReader):
            require_index(store.engine)
        else:
            ensure_index(store.engine)

    def search(self, query: SearchQuery, hints: CategoryHints | None = None) -> SearchPage:
        """One page of results; with ``hints`` (the lexicon's terms, see ``search.hints``), also
        the category that the query names and the documents it tags, as a suggestion."""
        fts = self._fts(query)
        suggested = self._suggested(query, hints)
        where, params = self._filters(query)
        if fts is not None:
            params["match"] = fts.match
        scored, params = self._scored(query, fts, where, params)
        page = {"limit": query.limit, "offset": query.offset}
        order = NEWEST if query.newest_first else RANKED
        ends_at = time.monotonic() + self.timeout
        with self.store.engine.connect() as connection, deadline(connection, self.timeout):
            try:
                if query.facets:
                    # One pass over the matches feeds both the page and the facets.
                    fill_hits(connection, scored, params, self.places)
                    rows = list(
                        connection.execute(text(f"SELECT id, score FROM temp.search_hits {order}"), page)
                    )
                    total = int(
                        connection.execute(text("SELECT count(*) FROM temp.search_hits")).scalar() or 0
                    )
                    facets = count_facets(connection, bool(self.places.departements))
                else:
                    sql = f"SELECT id, score, count(*) OVER () AS total FROM ({scored}) {order}"
                    rows = list(connection.execute(_bind(sql, params), {**params, **page}))
                    total = rows[0].total if rows else self._count(connection, scored, params)
                    facets = None
                hits = self._hits(connection, query, fts, rows, ends_at)
                suggested_total = self._tagged(connection, query, suggested) if suggested else 0
            except OperationalError as exc:
                if "interrupted" in str(exc):
                    if searches_stopped():
                        raise SearchError("the search was stopped: the server is shutting down") from exc
                    raise SearchError(
                        f"the search took longer than {self.timeout:g} s and was stopped; "
                        "add words or filters to narrow it"
                    ) from exc
                raise _explain(exc, query.raw) from exc
        return SearchPage(
            total=total,
            hits=hits,
            facets=facets,
            suggested_category=suggested if suggested_total else None,
            suggested_total=suggested_total,
        )

    # -- building the query -------------------------------------------------------------------

    @staticmethod
    def _fts(query: SearchQuery) -> FtsQuery | None:
        if not query.text.strip():
            return None
        return raw_query(query.text) if query.raw else plain_query(query.text)

    @staticmethod
    def _suggested(query: SearchQuery, hints: CategoryHints | None) -> str | None:
        """The category the plain query names, unless the search already keeps only it."""
        if hints is None or query.raw or not query.text.strip():
            return None
        category = hints.category_for(query.text)
        return None if category is None or query.categories == [category] else category

    def _tagged(self, connection: Connection, query: SearchQuery, category: str) -> int:
        """How many documents ``--category CATEGORY`` gives, with the query's other filters."""
        tagged = replace(query, text="", raw=False, categories=[category], facets=False)
        where, params = self._filters(tagged)
        scored, params = self._scored(tagged, None, where, params)
        return self._count(connection, scored, params)

    def _filters(self, query: SearchQuery) -> tuple[list[str], dict[str, Any]]:
        """SQL conditions on ``d`` (documents) and, for sources, ``s``; see ``joined``."""
        check_choices(query.categories, CATEGORY_IDS, "--category")
        check_choices(query.doc_types, DOC_TYPES, "--doc-type")
        check_choices([query.stance] if query.stance else [], STANCES, "--stance")
        since = parse_date(query.since, "--since")
        until = parse_date(query.until, "--until", end_of_period=True)
        if query.limit < 1 or query.offset < 0:
            raise SearchError("--limit must be at least 1 and --offset at least 0")
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
        if query.departements:
            codes = [self.places.check(code) for code in query.departements]
            # Where the crawl found it (a registry source), or the ACTES identifier it carries.
            where.append(
                "(d.actes_department IN :dep_actes OR d.id IN "
                "(SELECT u.document_id FROM document_urls u WHERE u.source_slug IN :dep_slugs))"
            )
            params["dep_actes"] = [form for code in codes for form in actes_forms(code)]
            params["dep_slugs"] = self.places.slugs_in(codes) or [""]
        if query.doc_types:
            where.append("d.doc_type IN :doc_types")
            params["doc_types"] = query.doc_types
        if since:
            where.append("COALESCE(d.date, date(d.first_seen_at)) >= :since")
            params["since"] = since.isoformat()
        if until:
            where.append("COALESCE(d.date, date(d.first_seen_at)) <= :until")
            params["until"] = until.isoformat()
        return where, params

    @staticmethod
    def _base(fts: FtsQuery | None) -> str:
        """The matching documents with their bm25 (0 without query words)."""
        if fts is None:
            return "SELECT id, 0.0 AS bm25 FROM documents"
        return (
            f"SELECT rowid AS id, bm25(documents_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS bm25 "
            "FROM documents_fts WHERE documents_fts MATCH :match"
        )

    def _scored(
        self, query: SearchQuery, fts: FtsQuery | None, where: list[str], params: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """SQL of every filtered match with its score, sort date and facet values."""
        params = dict(params)
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
        sql = (
            f"WITH hits AS MATERIALIZED ({self._base(fts)}) "
            f"SELECT d.id AS id, {score} AS score, COALESCE(d.date, date(d.first_seen_at)) AS day, "
            "d.source_id AS source_id, d.doc_type AS doc_type, substr(COALESCE(d.date, d.first_seen_at), 1, 4) AS year, "
            "d.first_seen_at AS found "
            f"FROM hits h {JOINED} {_where(where)}"
        )
        return sql, params

    @staticmethod
    def _count(connection: Connection, scored: str, params: dict[str, Any]) -> int:
        """The total when the requested page is past the end (the window count saw no row)."""
        return int(
            connection.execute(_bind(f"SELECT count(*) FROM ({scored})", params), params).scalar() or 0
        )

    # -- the page of results ------------------------------------------------------------------

    def _hits(
        self,
        connection: Connection,
        query: SearchQuery,
        fts: FtsQuery | None,
        rows: list[Any],
        ends_at: float = float("inf"),
    ) -> list[SearchHit]:
        if not rows:
            return []
        ids = [row.id for row in rows]
        details = {
            row.id: row
            for row in connection.execute(
                text(
                    "SELECT d.id, d.title, d.doc_type, d.date, d.first_seen_at, d.kind, d.sha256, s.host, "
                    "(SELECT url FROM document_urls u WHERE u.document_id = d.id ORDER BY u.first_seen_at, u.id LIMIT 1) AS url, "
                    "(SELECT group_concat(DISTINCT category) FROM mentions m WHERE m.document_id = d.id) AS categories "
                    "FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id IN :ids"
                ).bindparams(bindparam("ids", expanding=True)),
                {"ids": ids},
            )
        }
        words = query.text if query.raw else passage_words(query.text)
        snippets = self._snippets(connection, fts, ids, query.categories, words, ends_at)
        hits = []
        for position, row in enumerate(rows, start=query.offset + 1):
            info = details[row.id]
            marked, offset = snippets.get(row.id, ("", None))
            if offset is None:
                offset = locate(connection, row.id, marked)
            page = page_at(connection, row.id, offset) if offset is not None and info.kind == "pdf" else None
            act = act_at(connection, row.id, offset, page) if offset is not None else None
            hits.append(
                SearchHit(
                    rank=position,
                    document_id=row.id,
                    url=info.url,
                    title=info.title,
                    source=info.host,
                    date=_day(info.date) or _day(info.first_seen_at),
                    doc_type=info.doc_type,
                    categories=sorted(info.categories.split(",")) if info.categories else [],
                    score=float(row.score),
                    snippet=_plain(marked),
                    snippet_html=_html(marked),
                    page=page,
                    act_number=act[0] if act else None,
                    act=act[1] if act else None,
                    sha256=info.sha256,
                    first_seen_at=_moment(info.first_seen_at),
                )
            )
        return hits

    def _snippets(
        self,
        connection: Connection,
        fts: FtsQuery | None,
        ids: list[int],
        categories: list[str],
        words: str,
        ends_at: float = float("inf"),
    ) -> dict[int, tuple[str, int | None]]:
        """Each document's marked snippet, and its match's offset in the text when already known."""
        if fts is None:
            return self._mention_snippets(connection, ids, categories)
        long_ones = self._long_passages(connection, ids, words, ends_at)
        found: dict[int, str] = {}
        for column in (1, 0):  # the body's best passage; the title when only the title matches
            missing = [i for i in ids if OPEN not in found.get(i, "") and i not in long_ones]
            if column == 0:
                missing += [i for i, (marked, _) in long_ones.items() if not marked]
            if not missing:
                break
            sql = text(
                f"SELECT rowid, snippet(documents_fts, {column}, char(2), char(3), '…', {SNIPPET_TOKENS}) AS s "
                "FROM documents_fts WHERE documents_fts MATCH :match AND rowid IN :ids"
            ).bindparams(bindparam("ids", expanding=True))
            for row in connection.execute(sql, {"match": fts.match, "ids": missing}):
                if OPEN in (row.s or "") or row.rowid not in found:
                    found[row.rowid] = row.s or ""
        snippets: dict[int, tuple[str, int | None]] = {i: (marked, None) for i, marked in found.items()}
        for document_id, (marked, offset) in long_ones.items():
            if marked:
                snippets[document_id] = (marked, offset)
        return snippets

    @staticmethod
    def _long_passages(
        connection: Connection, ids: list[int], words: str, ends_at: float
    ) -> dict[int, tuple[str, int | None]]:
        """Snippets of the documents too long for FTS5's ``snippet()`` (see ``search.passages``).

        This is Python, which SQLite's time limit cannot interrupt: past the search's deadline
        the remaining documents keep an empty snippet (their title's is asked for instead).
        """
        rows = connection.execute(
            text(
                "SELECT id, substr(text, 1, :read) AS head FROM documents "
                "WHERE id IN :ids AND text_length > :longer"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": ids, "read": READ_CHARS, "longer": FTS_SNIPPET_MAX_CHARS},
        )
        wanted = query_words(words)
        found: dict[int, tuple[str, int | None]] = {}
        for row in rows:
            if time.monotonic() > ends_at:
                found[row.id] = ("", None)
                continue
            marked = passage(row.head or "", wanted)
            found[row.id] = marked if marked else ("", None)  # "": the title's snippet is asked for
        return found

    @staticmethod
    def _mention_snippets(
        connection: Connection, ids: list[int], categories: list[str]
    ) -> dict[int, tuple[str, int | None]]:
        """Without query words: the first mention (of a requested category), else the text's start."""
        in_category = "AND m.category IN :categories" if categories else ""
        sql = text(
            "SELECT d.id, (SELECT m.matched || char(31) || m.context || char(31) || m.start FROM mentions m "
            "WHERE m.document_id = d.id "
            f"{in_category} ORDER BY m.start LIMIT 1) AS mention, substr(d.text, 1, 200) AS head "
            "FROM documents d WHERE d.id IN :ids"
        ).bindparams(
            bindparam("ids", expanding=True),
            *([bindparam("categories", expanding=True)] if categories else []),
        )
        found: dict[int, tuple[str, int | None]] = {}
        for row in connection.execute(
            sql, {"ids": ids, **({"categories": categories} if categories else {})}
        ):
            if row.mention:
                matched, rest = row.mention.split("\x1f", 1)
                context, start = rest.rsplit("\x1f", 1)
                found[row.id] = (context.replace(matched, OPEN + matched + CLOSE, 1), int(start))
            else:
                found[row.id] = (row.head + ("…" if len(row.head) == 200 else ""), None)
        return found


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _bind(sql: str, params: dict[str, Any]) -> Any:
    expanding = [bindparam(name, expanding=True) for name, value in params.items() if isinstance(value, list)]
    return text(sql).bindparams(*expanding)


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _plain(marked: str) -> str:
    return " ".join(marked.replace(OPEN, "[").replace(CLOSE, "]").split())


def _html(marked: str) -> str:
    escaped = html.escape(" ".join(marked.split()))
    return escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>")


def _explain(exc: OperationalError, raw: bool) -> SearchError:
    message = str(getattr(exc, "orig", exc)).splitlines()[0]
    fts_words = ("fts5", "syntax", "unterminated", "unknown special query", "malformed MATCH")
    if isinstance(getattr(exc, "orig", None), sqlite3.OperationalError) and any(
        w in message for w in fts_words
    ):
        hint = "check quotes, parentheses and operators" if raw else "try --raw for FTS5 syntax"
        return SearchError(f"malformed query ({message}); {hint}")
    if "no such column" in message:
        return SearchError(f"malformed query ({message}); columns are title and text")
    return SearchError(f"search failed: {message}")
