"""``vigie worker`` and ``vigie queue``, and the ``--enqueue`` of ``vigie crawl`` and ``vigie ocr``.

The queue lives in a PostgreSQL archive (``workers/``); on an SQLite file these exit 2 in one line.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from pathlib import Path
from typing import Any

import click

from cli.ocr import ocr_options
from cli.options import location_or_exit, new_archive_options, registry_option, table_or_json
from cli.tag import lexicon_option


def server_location(db: str, files_dir: str | None) -> Any:
    """The archive's location, which must be a server database (else one line, exit 2)."""
    from workers.app import conninfo

    location = location_or_exit(db, files_dir)
    conninfo(location)  # NeedsServerError, an ArchiveError: one line, exit 2
    return location


@click.command()
@new_archive_options
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Jobs at once (each crawl is one process; a source is crawled by one worker at a time).",
)
@click.option("--name", help="This worker's name in logs and in 'vigie queue' [default: HOST-PID].")
@click.option(
    "--grace",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    envvar="VIGIE_WORKER_GRACE",
    help="On SIGTERM, seconds the running jobs have to finish before they are stopped and put "
    "back in the queue. Env: VIGIE_WORKER_GRACE.",
)
@registry_option
@click.option(
    "-s",
    "--set",
    "scrapy_settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="A setting for every crawl of this worker, as 'vigie crawl -s' (repeatable).",
)
@ocr_options
@lexicon_option
def worker(
    db: str,
    files_dir: str | None,
    concurrency: int,
    name: str | None,
    grace: float,
    registry: str | None,
    no_shipped: bool,
    scrapy_settings: tuple[str, ...],
    ocr_workers: int | None,
    ocr_timeout: float | None,
    lexicon: Path | None,
) -> None:
    """Take crawl and OCR jobs from the archive's queue until stopped (PostgreSQL archives).

    Run one on each machine, all with the same --db and a --files-dir they share. Each job of
    'vigie crawl --enqueue' runs 'vigie crawl --source SLUG --quiet' into the archive; each of
    'vigie ocr --enqueue' gives one scan its text. A worker that dies (even kill -9) stops
    sending heartbeats, and the other workers retry its jobs. SIGTERM or Ctrl-C: no new job,
    the running ones get --grace seconds, then are stopped and put back in the queue.
    """
    from archive import ArchiveStore
    from workers.config import Timings, WorkerConfig
    from workers.run import serve

    location = server_location(db, files_dir)
    timings = Timings.from_environment()
    ArchiveStore(location).close()  # create or upgrade the archive once, before any crawl
    crawl_args = [*(["--registry", str(Path(registry).resolve())] if registry else [])]
    crawl_args += ["--no-shipped"] if no_shipped else []
    for setting in scrapy_settings:
        crawl_args += ["-s", setting]
    config = WorkerConfig(
        location=location,
        name=name or f"{socket.gethostname()}-{os.getpid()}",
        crawl_args=crawl_args,
        lexicon=str(lexicon) if lexicon else None,
        ocr_workers=ocr_workers,
        ocr_timeout=ocr_timeout,
        grace=grace,
        timings=timings,
    )
    click.echo(f"Worker {config.name} on {location.display}, {concurrency} job(s) at once", err=True)
    asyncio.run(serve(config, concurrency))
    click.echo(f"Worker {config.name} stopped", err=True)


@click.command()
@new_archive_options
@table_or_json
def queue(db: str, files_dir: str | None, fmt: str) -> None:
    """Show the archive's queue: jobs waiting, running, failed and done, and the running ones.

    A running job shows procrastinate's id of its worker, the seconds since that worker's last
    heartbeat, and for a crawl who holds its source's lock (the worker's name and the crawl's pid).
    """
    from workers.status import queue_status

    location = server_location(db, files_dir)
    status = asyncio.run(queue_status(location))
    if fmt == "json":
        click.echo(json.dumps(status.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{'queue':<8} {'waiting':>8} {'running':>8} {'failed':>8} {'done':>8}")
    for name, counts in status.counts.items():
        click.echo(
            f"{name:<8} {counts['waiting']:>8} {counts['running']:>8} {counts['failed']:>8} {counts['done']:>8}"
        )
    if status.running:
        click.echo("")
        click.echo(f"{'job':>6} {'task':<6} {'target':<32} {'worker':>6} {'heartbeat':>9}  held by")
    for job in status.running:
        age = f"{job.heartbeat_age:.0f} s ago" if job.heartbeat_age is not None else "-"
        click.echo(
            f"{job.id:>6} {job.task:<6} {job.target:<32} {job.worker_id or '-':>6} {age:>9}  {job.held_by or ''}"
        )


def crawl_options(params: dict[str, Any]) -> list[str]:
    """The options of a ``vigie crawl --enqueue`` that its jobs' crawls keep."""
    flags = {
        "max_pages": "--max-pages",
        "max_depth": "--max-depth",
        "delay": "--delay",
        "max_size": "--max-size",
        "pdf_backend": "--pdf-backend",
        "ocr_workers": "--ocr-workers",
        "ocr_timeout": "--ocr-timeout",
    }
    options = [
        item
        for key, flag in flags.items()
        if params.get(key) is not None
        for item in (flag, str(params[key]))
    ]
    for setting in params.get("scrapy_settings") or ():
        options += ["-s", setting]
    options += ["--ocr"] if params.get("ocr") else []
    options += ["--no-revisit"] if params.get("no_revisit") else []
    return options


def enqueue_crawls(location: Any, slugs: list[str], start_urls: list[str], quiet: bool) -> None:
    """One crawl job per source, unless one is already waiting (its queueing lock)."""
    if start_urls:
        raise click.UsageError("--enqueue takes registered sources (--source, --all), not start URLs")
    options = crawl_options(click.get_current_context().params)
    added, waiting = asyncio.run(_defer_crawls(location, slugs, options))
    if not quiet or added:
        click.echo(
            f"Queued {added} crawl job(s)"
            + (f"; {waiting} source(s) already had one waiting" if waiting else "")
            + " (vigie queue shows them; vigie worker runs them)"
        )


async def _defer_crawls(location: Any, slugs: list[str], options: list[str]) -> tuple[int, int]:
    from procrastinate.exceptions import AlreadyEnqueued

    from workers.app import opened
    from workers.tasks import crawl_job

    added = waiting = 0
    async with opened(location) as app:
        for slug in slugs:
            try:
                await crawl_job(app, slug).defer_async(source=slug, options=options)
                added += 1
            except AlreadyEnqueued:
                waiting += 1
    return added, waiting


def enqueue_ocr(location: Any, retry_failed: bool, limit: int | None) -> None:
    """One OCR job per document waiting for OCR, oldest first."""
    from archive import ArchiveStore
    from archive.ocr_queue import queued_ids

    server_location(location.url, str(location.files_dir))
    store = ArchiveStore(location)
    try:
        ids = queued_ids(store, retry_failed)[:limit]
    finally:
        store.close()
    added, waiting = asyncio.run(_defer_ocr(location, ids))
    click.echo(
        f"Queued {added} OCR job(s)"
        + (f"; {waiting} document(s) already had one waiting" if waiting else "")
        + " (vigie queue shows them; vigie worker runs them)"
    )


async def _defer_ocr(location: Any, ids: list[int]) -> tuple[int, int]:
    from procrastinate.exceptions import AlreadyEnqueued

    from workers.app import opened
    from workers.tasks import ocr_job

    added = waiting = 0
    async with opened(location) as app:
        for document_id in ids:
            try:
                await ocr_job(app, document_id).defer_async(document_id=document_id)
                added += 1
            except AlreadyEnqueued:
                waiting += 1
    return added, waiting
