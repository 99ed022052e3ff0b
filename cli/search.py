"""``vigie search`` and ``vigie index``: thin wrappers over the ``search`` library."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from typing import Any

import click

from cli.options import archive_options, existing_store, reading_store, writing
from cli.search_places import PlaceFilters, place_filters


@click.command()
@click.argument("query", default="")
@archive_options
@click.option("--raw", is_flag=True, help="Pass the query to FTS5 as is: NEAR, OR, NOT, prefix*, title:…")
@click.option(
    "--category",
    "categories",
    multiple=True,
    metavar="ID",
    help="Only documents with mentions in this category (repeatable).",
)
@click.option(
    "--source",
    "--host",
    "sources",
    multiple=True,
    metavar="HOST",
    help="Only this host or domain (repeatable).",
)
@place_filters()
@click.option(
    "--doc-type", "doc_types", multiple=True, metavar="TYPE", help="Only this document type (repeatable)."
)
@click.option("--since", metavar="DATE", help="Documents dated (else first seen) on or after this ISO date.")
@click.option("--until", metavar="DATE", help="Documents dated (else first seen) on or before this ISO date.")
@click.option(
    "--stance", metavar="STANCE", help="Only documents whose mentions have this stance: opposition."
)
@click.option("--all-versions", is_flag=True, help="Also show superseded versions of each URL.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Results per page.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Results to skip.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for a terminal; json: a list of result objects; csv: UTF-8 with BOM.",
)
@click.option(
    "--facets",
    is_flag=True,
    help="Also count results per category, stance, source, place, doc type and year.",
)
def search(
    query: str,
    db: str,
    files_dir: str | None,
    raw: bool,
    categories: tuple[str, ...],
    sources: tuple[str, ...],
    places: PlaceFilters,
    doc_types: tuple[str, ...],
    since: str | None,
    until: str | None,
    stance: str | None,
    all_versions: bool,
    limit: int,
    offset: int,
    fmt: str,
    facets: bool,
) -> None:
    """Full-text search of the archive, in French: accents optional, best passages highlighted.

    QUERY is plain words and "quoted phrases" (all must appear; the exact phrase ranks first);
    a trailing * matches word beginnings. An empty QUERY lists the filtered documents, newest
    first. Results show the latest version of each URL unless --all-versions. When QUERY names
    a category of the lexicon ("reconnaissance faciale", "VSA"), a last line offers the
    documents tagged with it, which the words alone may miss.

    A document is in a commune, EPCI, département or région when a registry source there found
    it; also in a département and its région when its ACTES identifier says so.
    """
    from search import Searcher, SearchError, SearchQuery

    # The registry places sources: read only when a filter or a facet needs it.
    source_places = places.load() if places.given or facets else None
    store = reading_store(db, files_dir)
    request = SearchQuery(
        text=query, raw=raw, categories=list(categories), sources=list(sources), doc_types=list(doc_types),
        since=since, until=until, stance=stance, all_versions=all_versions, limit=limit, offset=offset,
        facets=facets, **places.query_fields(),
    )  # fmt: skip
    try:
        # Only the table prints the hint: the JSON list and the CSV keep their shape.
        page = Searcher(store, source_places).search(request, _hints() if fmt == "table" else None)
    except SearchError as exc:
        raise click.UsageError(cli_message(exc)) from exc
    finally:
        store.close()
    if fmt == "json":
        results = [hit.to_dict() for hit in page.hits]
        document: Any = results
        if facets:
            document = {
                "total": page.total,
                "results": results,
                "facets": page.facets.to_dict() if page.facets else {},
                "ranking_bounded": page.ranking_bounded,
            }
        elif page.ranking_bounded:
            click.echo(BOUNDED_NOTE, err=True)  # the list keeps its shape
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        if page.ranking_bounded:
            click.echo(BOUNDED_NOTE, err=True)
        _write_csv(page.hits)
    else:
        _print_table(page, offset)
        if page.suggested_category:
            # The same filters as this search, but the category's documents instead of the words.
            filters = [("--source", v) for v in sources] + [("--doc-type", v) for v in doc_types]
            filters += [
                (name, v) for name, v in (("--since", since), ("--until", until), ("--stance", stance)) if v
            ]
            filters += [("--db", db)] if db != "vigie.db" else []
            options = [flag for pair in filters for flag in pair] + places.arguments()
            _print_hint(page, options + ["--all-versions"] * all_versions)


# When a query matches so many documents that only the most recently archived are scored
# (``search.sqlite.bounded``): every match is counted, only the order is bounded.
BOUNDED_NOTE = (
    "Ranking bounded: the words are in so many documents that only the most recently archived "
    "matches were ranked by relevance; the others follow, newest first. Add words or filters."
)


# The command-line option of each SearchQuery field that an error may name.
OPTIONS = {
    "categories": "--category",
    "doc_types": "--doc-type",
    "stance": "--stance",
    "since": "--since",
    "until": "--until",
    "departements": "--departement",
    "regions": "--region",
    "epcis": "--epci",
    "communes": "--commune",
}


def cli_message(exc: Any, with_sources: bool = True) -> str:
    """A ``SearchError`` in the command line's words: its options, its commands (``--source``
    among them unless ``with_sources`` is false)."""
    from search import errors

    fields = exc.fields
    option = OPTIONS.get(fields.field or "", fields.field)
    if exc.kind == errors.UNKNOWN_VALUE:
        return f"{option}: unknown value {fields.value!r}; choose from {', '.join(fields.choices)}"
    if exc.kind == errors.BAD_DATE:
        return f"{option}: {fields.value!r} is not a date; use YYYY-MM-DD (or YYYY, YYYY-MM)"
    if exc.kind == errors.BAD_DEPARTEMENT:
        return f"{option}: {fields.value!r} is not a département code (01, 2A, 974…)"
    if exc.kind == errors.BAD_PLACE:
        # "montpellier" or "commune-34172" is a registry slug: the source filter takes it.
        value = str(fields.value).lower()
        slug = (
            with_sources
            and option == "--commune"
            and re.fullmatch(r"[a-z0-9-]*[a-z][a-z0-9-]*[a-z][a-z0-9-]*", value)
        )
        hint = f"; for a registry source, use --source {value}" if slug else ""
        return f"{option}: {fields.value!r} is not {fields.detail}{hint}"
    if exc.kind == errors.BAD_PAGE:
        return "--limit must be at least 1 and --offset at least 0"
    if exc.kind == errors.MALFORMED_QUERY and not fields.raw:
        return f"malformed query ({fields.detail}); try --raw for FTS5 syntax"
    if exc.kind == errors.NO_INDEX:
        return "the archive has no search index yet; run 'vigie index' once"
    return str(exc)


def _hints() -> Any:
    """The lexicon's terms for the category hint; none when the lexicon cannot be read (the
    search itself does not need it, and ``vigie tag`` or ``retag`` report what is wrong)."""
    from pipelines.tagging.lexicon import LexiconError, load_lexicon
    from search.hints import CategoryHints

    try:
        return CategoryHints.from_lexicon(load_lexicon())
    except LexiconError:
        return None


def _print_hint(page: Any, options: list[str]) -> None:
    """ "Hint: 5 documents are tagged videoprotection: vigie search --category videoprotection"."""
    import shlex

    count = page.suggested_total
    command = shlex.join(["vigie", "search", "--category", page.suggested_category, *options])
    noun = "document is" if count == 1 else "documents are"
    click.echo(f"\nHint: {count} {noun} tagged {page.suggested_category}: {command}")


def _write_csv(hits: list[Any]) -> None:
    from archive.spreadsheet import SpreadsheetWriter
    from search.results import CSV_FIELDS

    sys.stdout.write("\ufeff")
    writer = SpreadsheetWriter(sys.stdout, CSV_FIELDS)
    writer.writeheader()
    writer.writerows(hit.csv_row() for hit in hits)


def _print_table(page: Any, offset: int) -> None:
    shown = f"{offset + 1}–{offset + len(page.hits)}" if page.hits else "none"
    click.echo(f"{page.total} documents ({shown} shown)")
    if page.ranking_bounded:
        click.echo(BOUNDED_NOTE)
    for hit in page.hits:
        date = hit.date.isoformat() if hit.date else "????-??-??"
        where = f" p.{hit.page}" if hit.page else ""
        categories = f" [{', '.join(hit.categories)}]" if hit.categories else ""
        click.echo(f"\n{hit.rank:>3}. {date}  {hit.source}  {hit.doc_type}{categories}")
        click.echo(f"     {hit.title or '(sans titre)'}{where}")
        if hit.act:
            click.echo(f"     {hit.act}")
        for line in textwrap.wrap(hit.snippet, width=96):
            click.echo(f"     {line}")
        click.echo(f"     {hit.url} (#{hit.document_id})")
    if page.facets:
        for name, counts in page.facets.to_dict().items():
            if counts:
                click.echo(f"\n{name}: " + ", ".join(f"{value} {count}" for value, count in counts.items()))


@click.command()
@archive_options
@click.option("--rebuild", is_flag=True, help="Rebuild the full-text index from the archive.")
@click.option("--optimize", is_flag=True, help="Merge the index segments (smaller, faster).")
def index(db: str, files_dir: str | None, rebuild: bool, optimize: bool) -> None:
    """Create the full-text index if it is missing, and maintain it.

    The index follows every change to the archive by itself (triggers); --rebuild repairs it,
    --optimize compacts it after big crawls. It holds the archive's writer lock: exit 3 while
    a crawl, OCR or retag is writing.
    """
    from search import SearchError, ensure_index, optimize_index, rebuild_index

    store = existing_store(db, files_dir)
    # Rebuilding rewrites the whole index: never while a crawl, OCR or retag writes (exit 3).
    with writing(store, "index"):
        try:
            created = ensure_index(store.engine)
            if rebuild:
                rebuild_index(store.engine)
            if optimize:
                optimize_index(store.engine)
        except SearchError as exc:  # a PostgreSQL archive, for now
            raise click.UsageError(cli_message(exc)) from exc
        finally:
            store.close()
    done = [
        "created" if created else "present",
        *(["rebuilt"] if rebuild else []),
        *(["optimized"] if optimize else []),
    ]
    click.echo(f"Full-text index {', '.join(done)}.")
