"""``vigie runs``: past crawl runs, newest first, and each source's health over the last runs."""

from __future__ import annotations

import json
import sys

import click

from cli.options import archive_options, reading_store, table_or_json


@click.command()
@archive_options
@table_or_json
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Runs listed.")
@click.option("--health", is_flag=True, help="Per-source health over the last --last runs instead.")
@click.option(
    "--last", type=click.IntRange(min=1), default=7, show_default=True, help="Runs looked at by --health."
)
def runs(db: str, files_dir: str | None, fmt: str, limit: int, health: bool, last: int) -> None:
    """List past crawl runs, newest first, or (--health) each source's recent results.

    JSON runs: id, started_at, finished_at, status, close_reason, sources, start_urls,
    counts (pages, new, changed, unchanged, duplicate, removed, failed, needs_ocr, errors,
    mentions_new), mentions_by_category, errors_by_kind, broken_sources (sources that archived
    nothing), source_results (the same counts per source). --health: per source a badge
    (passing, recovered, failing), its statuses newest first (ok, empty, failed), when it last
    archived something, and how many documents. Exit 1 with --health if a source is failing.
    """
    from archive.runs import list_runs, run_to_dict, source_health

    store = reading_store(db, files_dir)
    try:
        if health:
            report = source_health(store, last)
            if fmt == "json":
                click.echo(json.dumps([item.to_dict() for item in report], ensure_ascii=False, indent=2))
            else:
                for item in report:
                    last_ok = item.last_ok.strftime("%Y-%m-%d %H:%M") if item.last_ok else "never"
                    click.echo(
                        f"{item.badge:<10} {item.slug:<36} {' '.join(item.statuses):<28} "
                        f"last ok {last_ok:<16} {item.documents} documents"
                    )
            if any(item.badge == "failing" for item in report):
                sys.exit(1)
            return
        records = [run_to_dict(run) for run in list_runs(store, limit)]
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{'run':>5} {'started (UTC)':<17} {'status':<11} {'src':>4} {'pages':>6} {'new':>5} {'chg':>4} "
        f"{'same':>5} {'gone':>4} {'err':>4} {'ment':>5}  broken"
    )
    for record in records:
        counts = record["counts"]
        broken = record["broken_sources"]
        click.echo(
            f"{record['id']:>5} {record['started_at'][:16].replace('T', ' '):<17} {record['status']:<11} "
            f"{len(record['source_results']):>4} {counts['pages']:>6} {counts['new']:>5} {counts['changed']:>4} "
            f"{counts['unchanged']:>5} {counts['removed']:>4} {counts['errors']:>4} {counts['mentions_new']:>5}  "
            + (", ".join(broken[:5]) + (" …" if len(broken) > 5 else "") if broken else "-")
        )
