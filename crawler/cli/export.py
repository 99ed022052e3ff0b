"""``vigie export``: one record per document, as JSON Lines or CSV."""

from __future__ import annotations

import sys

import click

from crawler.cli.options import archive_options, existing_store


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
@click.option("--with-text", is_flag=True, help="Add each document's full text.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="Write to this file instead of standard output.",
)
def export(db: str, files_dir: str | None, fmt: str, with_text: bool, output: str) -> None:
    """Export the archive, one record per document.

    Fields: url, urls, title, date, doc_type, content_type, sha256, pages, text_length,
    extraction, needs_ocr, error, source, fetched_at, first_seen_at, last_seen_at,
    categories, mentions (and text with --with-text).
    """
    from pathlib import Path

    from archive.export import iter_records, write_csv, write_jsonl

    store = existing_store(db, files_dir)
    try:
        records = iter_records(store, with_text=with_text)
        if output == "-":
            out = sys.stdout
            count = write_csv(records, out, with_text) if fmt == "csv" else write_jsonl(records, out)
        else:
            with Path(output).open("w", encoding="utf-8", newline="") as out:
                count = write_csv(records, out, with_text) if fmt == "csv" else write_jsonl(records, out)
            click.echo(f"{count} documents written to {output}", err=True)
    finally:
        store.close()
