"""``vigie migrate``: copy an archive to another database (SQLite to PostgreSQL, and back)."""

from __future__ import annotations

import sys

import click


@click.command()
@click.option(
    "--from",
    "source",
    required=True,
    metavar="DB",
    help="The archive to copy: an SQLite file or a database URL (as --db).",
)
@click.option(
    "--to",
    "destination",
    required=True,
    metavar="DB",
    help="Where to copy it: a new SQLite file, or an empty PostgreSQL database (as --db).",
)
@click.option(
    "--from-files",
    metavar="DIR",
    help="The source's originals [default: as --files-dir would be for --from].",
)
@click.option(
    "--to-files",
    metavar="DIR",
    help="Where to copy the originals [default: as --files-dir would be for --to].",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Empty the destination's archive first, when it holds one (else it is refused).",
)
def migrate(
    source: str, destination: str, from_files: str | None, to_files: str | None, replace: bool
) -> None:
    """Copy a whole archive to another database, with its original files.

    Every table is copied (documents, URLs and their history, mentions, acts, decision records,
    runs, source checks, the OCR queue's state), ids kept, in batches; the row counts are
    checked before the copy is committed, each original is checked against its hash, and the
    full-text index is rebuilt at the destination. The source is only read.
    """
    from archive import ArchiveStore
    from archive.db import resolve_location
    from archive.errors import ArchiveError
    from archive.transfer import copy_archive
    from cli.options import writing
    from search import ensure_index, rebuild_index

    source_location = resolve_location(source, from_files, writable=False)
    destination_location = resolve_location(destination, to_files)
    if source_location.url == destination_location.url:
        raise ArchiveError("the destination is the source: --to names another database")
    store = ArchiveStore(destination_location)  # creates the archive's tables when needed
    try:
        with writing(store, "migrate"):
            report = copy_archive(source_location, store, replace)
            if not ensure_index(store.engine):  # a new index is built full; an old one, rebuilt
                rebuild_index(store.engine)
    finally:
        store.close()
    rows = report.rows
    click.echo(
        f"Copied {rows['documents']} documents, {rows['document_urls']} URLs, {rows['mentions']} mentions, "
        f"{rows['acts']} acts, {rows['decision_records']} decision records, {rows['crawl_runs']} runs, "
        f"{rows['source_checks']} source checks and {report.originals_copied} originals "
        f"from {source_location.display} to {destination_location.display}; search index rebuilt."
    )
    if not report.complete:
        for label, hashes in (("missing", report.originals_missing), ("damaged", report.originals_damaged)):
            if hashes:
                shown = ", ".join(hashes[:3]) + (" …" if len(hashes) > 3 else "")
                click.echo(
                    f"Warning: {len(hashes)} originals {label} at the source, not copied: {shown}", err=True
                )
        sys.exit(1)
