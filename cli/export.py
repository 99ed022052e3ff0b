"""``vigie export``: one record per document (or per act), as JSON Lines or CSV."""

from __future__ import annotations

import sys
from typing import Any

import click

from cli.options import archive_options, reading_store
from cli.search_places import PlaceFilters, place_filters


@click.command()
@archive_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per line. csv: UTF-8 with BOM, opens in spreadsheets.",
)
@click.option(
    "--acts",
    is_flag=True,
    help="One record per act (deliberation, arrêté, agenda item) instead of per document.",
)
@click.option("--with-text", is_flag=True, help="Add each document's (or act's) full text.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="Write to this file instead of standard output.",
)
@place_filters(with_sources=False)
def export(
    db: str, files_dir: str | None, fmt: str, acts: bool, with_text: bool, output: str, places: PlaceFilters
) -> None:
    """Export the archive, one record per document, or per act with --acts.

    The whole archive, or with --commune, --epci, --departement or --region the documents of
    those places (and their acts), every version, as vigie search places them.

    Document fields: url, urls, title, date, doc_type, content_type, sha256, pages,
    text_length, extraction, needs_ocr, error, source, fetched_at, first_seen_at,
    last_seen_at, categories, mentions (each with the act it falls in), date_source,
    ocr_engine, ocr_confidence, ocr_error, the ACTES fields (actes_id, actes_department,
    actes_siren, actes_date, actes_number, actes_nature, prefecture_sent_on,
    prefecture_received_on, published_on), acts (their number), and the version fields:
    latest, replaced_at, removed_at, registry_sources, listing; text with --with-text.
    Every stored version of a URL is one record.

    Act fields (--acts): document_url, document_sha256, document_title, document_date,
    doc_type, seq, kind, number, title, page_start, page_end, vote_for, vote_against,
    vote_abstentions, unanimous, decision, label, the ACTES fields, categories, mentions.
    """
    from pathlib import Path

    from archive.export import iter_records, write_csv, write_jsonl
    from archive.export_acts import iter_act_records, write_acts_csv

    source_places = places.load() if places.given else None
    store = reading_store(db, files_dir)
    try:
        ids = _placed(store, places, source_places) if source_places is not None else None
        records = iter_act_records(store, with_text, ids) if acts else iter_records(store, with_text, ids)
        write = write_acts_csv if acts else write_csv

        def emit(out: object) -> int:
            return write(records, out, with_text) if fmt == "csv" else write_jsonl(records, out)  # type: ignore[arg-type]

        if output == "-":
            emit(sys.stdout)
        else:
            with Path(output).open("w", encoding="utf-8", newline="") as out:
                count = emit(out)
            click.echo(f"{count} {'acts' if acts else 'documents'} written to {output}", err=True)
    finally:
        store.close()


def _placed(store: Any, places: PlaceFilters, source_places: Any) -> list[int]:
    """The ids of every version of the documents in these places (one-line usage errors)."""
    from cli.search import cli_message
    from search import Searcher, SearchError, SearchQuery

    try:
        searcher = Searcher(store, source_places)
        return searcher.document_ids(SearchQuery(all_versions=True, **places.query_fields()))
    except SearchError as exc:
        raise click.UsageError(cli_message(exc, with_sources=False)) from None
