"""``vigie feed``: an Atom feed of the documents with mentions that Vigie archived last."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.options import archive_options, reading_store
from cli.search_places import PlaceFilters, place_filters


@click.command()
@archive_options
@click.option(
    "--category", "categories", multiple=True, help="Only documents with mentions of this category."
)
@click.option("--source", "sources", multiple=True, help="Only this source: a registry slug or a host.")
@place_filters()
@click.option(
    "--query", "query", default="", help='Only documents matching this search (plain words, "phrases").'
)
@click.option("--since", help="Only documents dated from this day (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=50, show_default=True, help="Entries in the feed."
)
@click.option("--title", help="The feed's title [default: built from the filters].")
@click.option("--self-url", help="The URL where the feed will be published (its rel=self link).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-", help="Write to this file."
)
def feed(
    db: str,
    files_dir: str | None,
    categories: tuple[str, ...],
    sources: tuple[str, ...],
    places: PlaceFilters,
    query: str,
    since: str | None,
    limit: int,
    title: str | None,
    self_url: str | None,
    output: str,
) -> None:
    """Write an Atom feed of new documents with mentions, newest first.

    Each entry links to the original URL and carries the context of the mentions. Made for
    cron, after each crawl: vigie crawl --all --quiet && vigie feed --category drone -o drone.xml
    """
    from cli.search import cli_message
    from search import SearchError
    from search.feed import atom_feed, feed_id, feed_title
    from search.searcher import Searcher, SearchQuery

    source_places = places.load() if places.given else None
    store = reading_store(db, files_dir)
    try:
        search_query = SearchQuery(
            text=query,
            categories=list(categories),
            sources=list(sources),
            since=since,
            limit=limit,
            with_mentions=True,
            newest_first=True,
            **places.query_fields(),
        )
        try:
            page = Searcher(store, source_places).search(search_query)
        except SearchError as exc:
            raise click.UsageError(cli_message(exc)) from None
    finally:
        store.close()
    xml = atom_feed(page.hits, title or feed_title(search_query), feed_id(search_query), self_url)
    if output == "-":
        sys.stdout.buffer.write(xml)
    else:
        Path(output).write_bytes(xml)
        click.echo(f"{len(page.hits)} entries written to {output}", err=True)
