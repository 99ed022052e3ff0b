"""``vigie crawl``: crawl sites into the archive and print a summary."""

from __future__ import annotations

import sys
from typing import Any

import click

from cli.ocr import ocr_options
from cli.options import (
    ByteSize,
    last_checks,
    location_or_exit,
    new_archive_options,
    registry_option,
    source_filters,
    source_selection,
)


def check_url(url: str) -> str:
    from crawler.sources.registry import RegistryError
    from crawler.sources.registry import check_url as check_start_url

    try:
        check_start_url(url)
    except RegistryError as exc:
        raise click.BadParameter(str(exc)) from None
    return url


def parse_settings(pairs: tuple[str, ...]) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="'-s'")
        settings[name.strip()] = value
    return settings


@click.command()
@click.argument("urls", nargs=-1)
@new_archive_options
@click.option(
    "--source",
    "slugs",
    multiple=True,
    metavar="SLUG",
    help="Crawl this registered source (repeat for more; see 'vigie sources list').",
)
@click.option(
    "--all",
    "all_sources",
    is_flag=True,
    help="Crawl every registered source that the filters below select, biggest population first.",
)
@source_filters(ordering=False)
@click.option(
    "--plan",
    is_flag=True,
    help="Print the sources --all/--source select, their count per filter and the estimate; crawl nothing.",
)
@click.option(
    "--include-unanswered",
    is_flag=True,
    help="Also crawl the sources whose start page did not answer at their last "
    "'vigie sources check' (--all and several --source skip them).",
)
@registry_option
@click.option(
    "--job-dir",
    type=click.Path(file_okay=False),
    envvar="VIGIE_JOB_DIR",
    help="Folder that makes the crawl resumable: run the same command again after a stop "
    "(even kill -9) to go on. Env: VIGIE_JOB_DIR.",
)
@click.option("--quiet", "-q", is_flag=True, help="For cron: print only errors and a one-line summary.")
@click.option(
    "--enqueue",
    is_flag=True,
    help="Put one job per source in the archive's queue for 'vigie worker' instead of crawling "
    "(PostgreSQL archives).",
)
@click.option(
    "--no-revisit",
    is_flag=True,
    help="Do not request again the archived documents that no page links to any more.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    envvar="VIGIE_MAX_PAGES",
    help="Stop a source after this many responses. Env: VIGIE_MAX_PAGES [default: 2000].",
)
@click.option(
    "--max-depth",
    type=click.IntRange(min=0),
    envvar="VIGIE_MAX_DEPTH",
    help="Most link hops from a start page along council links. Env: VIGIE_MAX_DEPTH [default: 10].",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    envvar="VIGIE_DOWNLOAD_DELAY",
    help="Seconds between requests to one site (AutoThrottle may wait longer). "
    "Env: VIGIE_DOWNLOAD_DELAY [default: 1.0].",
)
@click.option(
    "--max-size",
    type=ByteSize(),
    envvar="VIGIE_DOWNLOAD_MAXSIZE",
    help="Largest page or file downloaded, e.g. 100MB. Env: VIGIE_DOWNLOAD_MAXSIZE [default: 100MB].",
)
@click.option(
    "--pdf-backend",
    type=click.Choice(["pdfium", "pdfminer"]),
    envvar="VIGIE_PDF_BACKEND",
    help="PDF text extractor. Env: VIGIE_PDF_BACKEND [default: pdfium].",
)
@click.option(
    "-s",
    "--set",
    "scrapy_settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Any Scrapy or VIGIE_* setting, e.g. -s CONCURRENT_REQUESTS_PER_DOMAIN=1.",
)
@click.option(
    "--ocr",
    is_flag=True,
    envvar="VIGIE_OCR",
    help="OCR scans during the crawl instead of queueing them for 'vigie ocr'. Env: VIGIE_OCR.",
)
@ocr_options
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO level).")
def crawl(
    urls: tuple[str, ...],
    db: str,
    files_dir: str | None,
    max_pages: int | None,
    max_depth: int | None,
    delay: float | None,
    max_size: int | None,
    pdf_backend: str | None,
    scrapy_settings: tuple[str, ...],
    ocr: bool,
    ocr_workers: int | None,
    ocr_timeout: float | None,
    verbose: bool,
    slugs: tuple[str, ...],
    all_sources: bool,
    filters: Any,
    plan: bool,
    include_unanswered: bool,
    registry: str | None,
    no_shipped: bool,
    job_dir: str | None,
    quiet: bool,
    enqueue: bool,
    no_revisit: bool,
) -> None:
    """Crawl municipal sites from their start URLS, or registered sources, into the archive.

    The crawl stays on the start pages' sites (scheme, host and port), follows council
    business first (délibérations, procès-verbaux, séances, actes…), and archives every HTML
    page and document with its text. Known URLs are requested conditionally; unchanged ones
    are neither extracted nor tagged again. It ends with a summary, per source.

    Exit status: 0 when every source answered and archived something (some documents may
    have failed: they are listed); 1 when a source looks broken (its start pages failed, or it
    archived nothing), when a document could not be archived (disk full, database error), or
    the crawl did not complete; 2 for
    bad input; 3 when another Vigie run is writing to the archive.
    """
    from archive import ArchiveStore
    from archive.lock import ArchiveLock, ArchiveLockedError
    from cli.next_steps import archive_args, ocr_queue
    from crawler.runner import CrawlOptions, run_crawl
    from crawler.summary import format_summary, format_summary_line

    start_urls = [check_url(url) for url in urls]
    location = location_or_exit(db, files_dir)
    if enqueue:
        from cli.queue import server_location

        server_location(db, files_dir)  # workers need a server database: one line, exit 2
    # One named source is crawled whatever its last check said; many are planned around it.
    planned = all_sources or len(slugs) > 1
    skip = unanswered(location) if planned and not include_unanswered else {}
    selection = chosen_sources(slugs, all_sources, filters, registry, no_shipped, skip)
    sources = selection.sources if selection else []
    if not start_urls and not sources:
        raise click.UsageError("give start URLs, --source SLUG or --all")
    if plan and not selection:
        raise click.UsageError("--plan goes with --source or --all")
    options = CrawlOptions(
        start_urls=start_urls,
        location=location,
        max_pages=max_pages,
        max_depth=max_depth,
        delay=delay,
        pdf_backend=pdf_backend,
        max_size=max_size,
        log_level="INFO" if verbose else ("ERROR" if quiet else "WARNING"),
        ocr=ocr,
        ocr_workers=ocr_workers,
        ocr_timeout=ocr_timeout,
        extra_settings=parse_settings(scrapy_settings),
        sources=sources,
        job_dir=job_dir,
        revisit=not no_revisit,
    )
    if selection and (plan or (all_sources and not quiet and not enqueue)):
        announce(selection, options, listing=plan, skip=skip)
    if selection and selection.skipped and not (plan or all_sources or quiet):
        click.echo(skipped_line(selection.skipped, skip), err=True)
    if plan:
        return
    if enqueue:
        from cli.queue import enqueue_crawls

        enqueue_crawls(location, [source.slug for source in sources], start_urls, quiet)
        return
    ArchiveStore(location).close()  # fail now, in one line, if the archive cannot be opened
    lock = ArchiveLock(location)
    try:
        # On PostgreSQL, crawls of other sources may write beside this one (archive.lock).
        lock.acquire_sources("crawl", crawled_sources(sources, start_urls))
    except ArchiveLockedError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(3)
    if not location.is_sqlite:
        close_lost(location, [source.slug for source in sources])
    try:
        run = run_crawl(options)
    finally:
        lock.release()
    if quiet:
        click.echo(format_summary_line(run))
    else:
        click.echo(format_summary(run, location, ocr_queue(location), archive_args(db, files_dir)))
    exit_for(run)


def crawled_sources(sources: list[Any], start_urls: list[str]) -> list[str]:
    """What a crawl locks: its registered sources' slugs, and the sites of its bare start URLs."""
    from urllib.parse import urlsplit

    return [source.slug for source in sources] + [urlsplit(url).netloc.lower() for url in start_urls]


def close_lost(location: Any, slugs: list[str]) -> None:
    """Runs of these sources left ``running`` by a process that died are now ``interrupted``."""
    from archive import ArchiveStore
    from archive.runs import close_lost_runs

    store = ArchiveStore(location)
    try:
        lost = close_lost_runs(store, slugs)
    finally:
        store.close()
    if lost:
        click.echo(f"Closed as interrupted: run(s) {', '.join(map(str, lost))}, whose crawl died", err=True)


def chosen_sources(
    slugs: tuple[str, ...],
    all_sources: bool,
    filters: Any,
    registry: str | None,
    no_shipped: bool = False,
    skip: dict[str, Any] | None = None,
) -> Any:
    """The registered sources that --source/--all select (a ``Selection``), or None.

    With --all the biggest population comes first, so that --limit N keeps the N biggest.
    ``skip``: the sources left out (their start page did not answer at the last check).
    """
    from dataclasses import replace

    if not slugs and not all_sources:
        if filters.given():
            raise click.UsageError(f"{', '.join(filters.given())}: these go with --all or --source")
        return None
    selection = source_selection(
        registry,
        no_shipped,
        slugs,
        replace(filters, order="population") if all_sources else filters,
        skip or {},
    )
    if not selection.sources and selection.skipped:
        raise click.UsageError(
            f"{skipped_line(selection.skipped, skip or {})}, and no other source is selected"
        )
    if not selection.sources:
        given = ", ".join(filters.given()) or "the registry"
        raise click.UsageError(f"no registered source matches {given}")
    return selection


def unanswered(location: Any) -> dict[str, Any]:
    """Slug → latest check, of the sources whose start page did not answer at their last check."""
    from archive.source_checks import unanswered as failed

    return failed(last_checks(location))


def skipped_line(skipped: list[Any], checks: dict[str, Any]) -> str:
    from archive.source_checks import dates

    when = dates([checks[source.slug] for source in skipped])
    return (
        f"{len(skipped)} skipped: their start page did not answer at the last check "
        f"(vigie sources check, {when}); --include-unanswered crawls them"
    )


def announce(selection: Any, options: Any, listing: bool, skip: dict[str, Any] | None = None) -> None:
    """Say what the run will crawl and how long it may take at most; with --plan, which sources."""
    from crawler.plan import counts_line, estimate
    from crawler.runner import build_settings

    chosen = selection.sources
    guess = estimate(chosen, build_settings(options), options.delay)
    click.echo(f"{len(chosen)} source(s) selected ({counts_line(selection.counts)})", err=True)
    if selection.skipped:
        click.echo(skipped_line(selection.skipped, skip or {}), err=True)
    click.echo(f"estimated duration: {guess.describe()}", err=True)
    if listing:
        for rank, source in enumerate(chosen, 1):
            people = f"{source.population:,}".replace(",", " ") if source.population is not None else "-"
            click.echo(
                f"{rank:>5} {source.slug:<36} {source.kind:<11} {source.departement or '':<4} "
                f"{people:>10} {source.start_urls[0]}"
            )


def exit_for(run: Any) -> None:
    """Loud for cron: an interrupted run, or a source that archived nothing, is a failure."""
    from archive.runs import ARCHIVE_FAILED, broken_sources

    archived = run.documents_new + run.documents_changed + run.documents_unchanged + run.documents_duplicate
    if run.status != "completed":
        click.echo(f"Error: the crawl did not complete ({run.close_reason})", err=True)
        sys.exit(1)
    if archived == 0:
        click.echo("Error: no page could be fetched from the start URLs (see errors above)", err=True)
        sys.exit(1)
    lost = run.errors.get(ARCHIVE_FAILED, 0)
    if lost:
        click.echo(
            f"Error: {lost} document(s) could not be archived (disk full or database error); "
            "they are listed above as archive_failed and will be fetched again by the next crawl",
            err=True,
        )
        sys.exit(1)
    broken = broken_sources(run)
    if broken:
        click.echo(
            f"Error: {len(broken)} source(s) look broken (start pages failing, or nothing archived): "
            + ", ".join(broken[:20]),
            err=True,
        )
        sys.exit(1)
