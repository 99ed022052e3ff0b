"""``vigie snapshot``: a dated, citable Frictionless data package of the archive's metadata and
decision records, reproducible (the same archive and date give the same bytes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from archive.snapshot_licences import DEFAULT_LICENCE, LICENCES
from cli.options import archive_options, reading_store


@click.command()
@archive_options
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the package into (created; must be empty unless --force).",
)
@click.option(
    "--date",
    "date",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The snapshot's date and version, YYYY-MM-DD [default: today].",
)
@click.option("--title", help="The package's title [default: Vigie — … (DATE)].")
@click.option(
    "--licence",
    type=click.Choice(list(LICENCES), case_sensitive=False),
    default=DEFAULT_LICENCE,
    show_default=True,
    help="The package's own licence (the documents' information stays under the CRPA's free reuse).",
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty (our files are replaced).")
def snapshot(
    db: str,
    files_dir: str | None,
    folder: Path,
    date: dt.datetime | None,
    title: str | None,
    licence: str,
    force: bool,
) -> None:
    """Write a dated, citable release of the archive as a Frictionless data package.

    FOLDER gets datapackage.json (table schemas, keys, licences, SHA-256 of each file),
    documents.csv (one row per archived version: the fields of vigie export without the text
    and mentions, plus mention_count and record_count), records.csv (the columns of vigie
    records export, plus sha256 and expires_on), mentions.csv, evidence.csv (each record
    field's span and quote) and a README.md in French and English. UTF-8 without BOM, RFC 4180.
    The same archive and --date give byte-identical files.
    """
    from archive.snapshot import SnapshotInfo, write_snapshot
    from archive.snapshot_rows import document_count
    from crawler import __version__
    from pipelines.records.build import RECORDS_VERSION
    from pipelines.tagging.lexicon import load_lexicon

    if folder.exists() and any(folder.iterdir()) and not force:
        raise click.BadParameter(
            f"{str(folder)!r} is not empty (use --force to write into it)", param_hint="'-o'"
        )
    day = date.date() if date else dt.date.today()
    store = reading_store(db, files_dir)
    try:
        if document_count(store) == 0:
            raise click.BadParameter(
                f"the archive {db!r} holds no document; run 'vigie crawl' first", param_hint="'--db'"
            )
        info = SnapshotInfo(
            date=day,
            title=title or f"Vigie — surveillance dans les actes des collectivités ({day.isoformat()})",
            licence=licence,
            vigie_version=__version__,
            lexicon_version=load_lexicon(None).version,
            records_version=RECORDS_VERSION,
            registry_names=_registry_names(),
        )
        folder.mkdir(parents=True, exist_ok=True)
        counts = write_snapshot(store, folder, info)
    finally:
        store.close()
    click.echo(
        f"Snapshot {day.isoformat()} written to {folder}: {counts['documents']} documents, "
        f"{counts['records']} records, {counts['mentions']} mentions, {counts['evidence']} evidence spans.",
        err=True,
    )


def _registry_names() -> dict[str, str]:
    """The names of the shipped registry's sources (only those: a user's own registry file would
    make the package depend on where it is written)."""
    from crawler.sources.registry import SHIPPED_REGISTRY, read_registry_file

    return {slug: source.name for slug, source in read_registry_file(SHIPPED_REGISTRY, "shipped").items()}
