"""``vigie records list|show|export|rebuild``: decision records, with their evidence."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from archive.records import RECORD_EXPORT_COLUMNS
from cli.options import archive_options, existing_store, reading_store, writing
from cli.record_places import place_filter, place_options, record_places, split_communes
from cli.workspace_options import workspace_option

# The columns of ``vigie records list`` and of the CSV export, in order (a public contract).
RECORD_COLUMNS = list(RECORD_EXPORT_COLUMNS)


@click.group()
def records() -> None:
    """Decision records: who decided what about which technology, when, for how much.

    One record per act (or short document) whose mentions concern surveillance technology,
    each field with the words of the document it was read from (``show``).
    """


def _filters(func: Any) -> Any:
    options = [
        click.option(
            "--kind", "kinds", multiple=True, help="Only this kind (repeat): deployment, grant_request…"
        ),
        click.option("--category", "technologies", multiple=True, help="Only records about this technology."),
        click.option("--authority", help="Authority whose name contains this (any case)."),
        click.option("--vendor", help="Vendor or contractor whose name contains this."),
        click.option("--year", type=click.IntRange(1900, 2100), help="Acts of this year."),
        click.option(
            "--expiring-within",
            type=click.IntRange(0, 36_500),
            metavar="DAYS",
            help="Prefects' authorisations that end within DAYS from today (183: six months).",
        ),
        click.option(
            "--without-authorisation",
            is_flag=True,
            help="A commune's own acts where no prefect's authorisation was found in the archive.",
        ),
        *place_options(),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _record_filter(**given: Any) -> Any:
    from archive.record_queries import RecordFilter
    from archive.records import DECISION_KINDS

    unknown = [kind for kind in given["kinds"] if kind not in DECISION_KINDS]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)}: not a kind; one of {', '.join(DECISION_KINDS)}", param_hint="'--kind'"
        )
    return RecordFilter(**given)


def _found(
    db: str, files_dir: str | None, given: dict[str, Any], placing: bool = False
) -> tuple[int, list[Any], Any]:
    """(how many records the filters select, the page of them asked for, the registry's places
    when a place filter or ``placing`` needs them, else None)."""
    from archive.record_queries import find_records

    commune, codes = split_communes(given.pop("communes"))
    areas = given.pop("departements"), given.pop("regions"), given.pop("epcis"), codes
    registry, no_shipped = given.pop("registry"), given.pop("no_shipped")
    places = record_places(registry, no_shipped) if placing or any(areas) else None
    place = place_filter(places, *areas) if places is not None else None
    wanted = _record_filter(**given, commune=commune, place=place)
    store = reading_store(db, files_dir)
    try:
        return (*find_records(store, wanted), places)
    finally:
        store.close()


@records.command("list")
@archive_options
@_filters
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@workspace_option
def list_records(db: str, files_dir: str | None, fmt: str, workspace: str | None, **given: Any) -> None:
    """List records, the newest act first. JSON: {"total", "records": [...]}, each record with
    its fields and their evidence (start, end, quote, page), and its ``review`` (null when not
    reviewed, or without a workspace)."""
    total, views, _ = _found(db, files_dir, given)
    if fmt == "json":
        from workspace.review_marks import reviewed_dict

        marks = _review_marks(db, files_dir, workspace, views, required=False)
        records = [reviewed_dict(view, marks.get(view.id)) for view in views]
        click.echo(json.dumps({"total": total, "records": records}, ensure_ascii=False, indent=2))
        return
    for view in views:
        record = view.record
        when = record.act_date or view.document_date
        figures = ", ".join(
            part
            for part in (
                f"{record.cameras} caméras" if record.cameras is not None else "",
                f"{record.amount_eur:,.2f} € {record.amount_tax or ''}".strip()
                if record.amount_eur is not None
                else "",
                record.vendor or "",
                record.beneficiary or "",
            )
            if part
        )
        click.echo(
            f"{view.id:>6}  {when.isoformat() if when else '----------'}  {record.kind:<26} "
            f"{','.join(record.technologies):<24} {record.authority or record.commune or '-'}"
            + (f"  ({figures})" if figures else "")
        )
    click.echo(f"{len(views)} of {total} record(s)", err=True)


@records.command("show")
@click.argument("record_id", type=int)
@archive_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@workspace_option
def show_record(record_id: int, db: str, files_dir: str | None, fmt: str, workspace: str | None) -> None:
    """One record, each field beside the words of the document it was read from, and the
    records on the other side of the same story: for a prefect's authorisation, the commune's
    acts about the same technology; for a commune's act, the prefect's authorisations there."""
    from archive.record_queries import record_by_id

    store = reading_store(db, files_dir)
    try:
        view = record_by_id(store, record_id)
    finally:
        store.close()
    if view is None:
        raise click.BadParameter(f"no record {record_id}", param_hint="'RECORD_ID'")
    from workspace.review_marks import reviewed_dict

    data = reviewed_dict(view, _review_marks(db, files_dir, workspace, [view], required=False).get(view.id))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"Record {view.id} — {view.document_title or view.url}")
    click.echo(f"  document   {view.url}  (original: {data['original_url']})")
    if view.act:
        click.echo(f"  act        {view.act}")
    for name, value in data.items():
        if name in {
            "id",
            "evidence",
            "url",
            "original_url",
            "sha256",
            "act",
            "document_title",
            "document_id",
            "related",
            "review",
        }:
            continue
        if value in (None, [], ""):
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        line = f"  {name:<20} {shown}"
        evidence = data["evidence"].get(name)
        if evidence and evidence.get("quote"):
            page = f"p. {evidence['page']}: " if evidence.get("page") else ""
            line += f"\n  {'':<20} ↳ {page}« {evidence['quote']} »"
        click.echo(line)
    if data["review"]:
        click.echo(
            f"  review               {_review_cell(data['review'])} by {data['review']['by']} ({data['review']['at']})"
        )
    for other in view.related:
        click.echo(
            f"  related              record {other['id']}: {other['kind']} {other['act_date'] or ''} "
            f"{other['authority'] or ''} {other['act_number'] or ''}".rstrip()
        )


@records.command("export")
@archive_options
@_filters
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="jsonl", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-")
@click.option(
    "--confirmed",
    is_flag=True,
    help="Only the records the group confirmed or corrected (vigie serve --accounts), corrections applied.",
)
@workspace_option
def export_records(
    db: str,
    files_dir: str | None,
    fmt: str,
    output: str,
    confirmed: bool,
    workspace: str | None,
    **given: Any,
) -> None:
    """Every record (that the filters select): JSON Lines with the evidence of each field, CSV
    (UTF-8 with BOM; lists joined by ';') with the columns of ``vigie records list``, or GeoJSON:
    the records whose commune the registry locates, at its town hall (see the README). With a
    workspace, each record says how it was reviewed: a ``review`` object in JSON (null when not
    reviewed), a ``review`` column at the end of the CSV."""
    from pathlib import Path

    from archive.spreadsheet import SpreadsheetWriter
    from search.record_geojson import feature_collection
    from workspace.review_marks import reviewed_dict

    total, views, places = _found(db, files_dir, given, placing=fmt == "geojson")
    marks = _review_marks(db, files_dir, workspace, views, required=confirmed)
    if confirmed:
        from workspace.review_marks import confirmed_only

        views = confirmed_only(views, marks)
        total = len(views)

    def emit(out: Any) -> None:
        if fmt == "geojson":
            collection, unplaced = feature_collection(views, places)
            out.write(json.dumps(collection, ensure_ascii=False) + "\n")
            click.echo(f"{unplaced} record(s) without a known place, left out", err=True)
            return
        if fmt == "jsonl":
            for view in views:
                row = reviewed_dict(view, marks.get(view.id), corrected=confirmed)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        out.write("\ufeff")
        writer = SpreadsheetWriter(out, [*RECORD_COLUMNS, "review"])
        writer.writeheader()
        for view in views:
            row = reviewed_dict(view, marks.get(view.id), corrected=confirmed)
            cells = {name: _cell(row.get(name)) for name in RECORD_COLUMNS}
            writer.writerow({**cells, "review": _review_cell(row["review"])})

    if output == "-":
        emit(sys.stdout)
    else:
        with Path(output).open("w", encoding="utf-8", newline="") as out:
            emit(out)
    click.echo(f"{total} record(s) exported", err=True)


def _cell(value: Any) -> Any:
    return ";".join(value) if isinstance(value, list) else value


def _review_cell(review: dict[str, Any] | None) -> str:
    """The CSV's ``review`` column: "confirmed", "corrected: kind, vendor", "rejected"; empty
    when the record was not reviewed."""
    if review is None:
        return ""
    corrected = ", ".join(review.get("corrections") or {})
    return f"{review['status']}: {corrected}" if corrected else review["status"]


def _review_marks(
    db: str, files_dir: str | None, workspace: str | None, views: list[Any], required: bool
) -> Any:
    """The reviews of ``views`` by record id, from the workspace when it exists (``required``:
    it must)."""
    from cli.workspace_options import BadInput, open_cli_workspace
    from workspace.review_marks import record_marks

    opened = open_cli_workspace(db, workspace, must_exist=True)
    if opened is None:
        if required:
            raise BadInput("--confirmed: no workspace yet, so no review (see vigie serve --accounts)")
        return {}
    store = reading_store(db, files_dir)
    try:
        return record_marks(store, opened, views)
    finally:
        store.close()
        opened.close()


@records.command("rebuild")
@archive_options
@click.option("--all", "everything", is_flag=True, help="Read every document again, not only stale ones.")
def rebuild(db: str, files_dir: str | None, everything: bool) -> None:
    """Read the decision records of the archive's documents again, from their stored text, acts
    and mentions: those never read, or read by an older version of the readers (``--all``:
    every document). ``vigie retag`` does it too for the documents it re-tags."""
    from archive.decisions import documents_to_read, save_records
    from pipelines.records.build import RECORDS_VERSION, records_for

    store = existing_store(db, files_dir)
    documents = built = 0
    try:
        with writing(store, "records rebuild"):
            for document in documents_to_read(store, RECORDS_VERSION, everything):
                found = records_for(
                    document.text,
                    document.acts,
                    document.mentions,
                    document.title,
                    document.date,
                    date_source=document.date_source,
                )
                built += save_records(store, document.id, found, RECORDS_VERSION)
                documents += 1
    finally:
        store.close()
    click.echo(f"Records {RECORDS_VERSION}: {documents} documents read, {built} records.")
