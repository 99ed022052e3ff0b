"""``vigie crawl``: crawl sites into the archive and print a summary."""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlsplit

import click

from crawler.cli.ocr import ocr_options
from crawler.cli.options import ByteSize, archive_options, location_or_exit


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise click.BadParameter(f"{url!r} is not an http(s) URL (example: https://www.ville.fr/)")
    try:
        _ = parts.port
    except ValueError:
        raise click.BadParameter(f"{url!r} has an invalid port") from None
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
@click.argument("urls", nargs=-1, required=True)
@archive_options
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    envvar="VIGIE_MAX_PAGES",
    help="Stop after this many responses. Env: VIGIE_MAX_PAGES [default: 2000].",
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
) -> None:
    """Crawl municipal sites from their start URLS into the archive.

    The crawl stays on the start pages' sites (scheme, host and port), follows council
    business first (délibérations, procès-verbaux, séances, actes…), and archives every HTML
    page and document with its text. It ends with a summary. Exit status: 0 when the crawl
    completed, even if some documents failed (they are listed); 1 when it could not run or
    fetched nothing; 2 for bad input.
    """
    from archive import ArchiveStore
    from crawler.runner import CrawlOptions, run_crawl
    from crawler.summary import format_summary

    start_urls = [check_url(url) for url in urls]
    location = location_or_exit(db, files_dir)
    ArchiveStore(location).close()  # fail now, in one line, if the archive cannot be opened
    options = CrawlOptions(
        start_urls=start_urls,
        location=location,
        max_pages=max_pages,
        max_depth=max_depth,
        delay=delay,
        pdf_backend=pdf_backend,
        max_size=max_size,
        log_level="INFO" if verbose else "WARNING",
        ocr=ocr,
        ocr_workers=ocr_workers,
        ocr_timeout=ocr_timeout,
        extra_settings=parse_settings(scrapy_settings),
    )
    run = run_crawl(options)
    click.echo(format_summary(run, location))
    exit_for(run)


def exit_for(run: Any) -> None:
    """Loud for cron: an interrupted run or one that fetched nothing is a failure."""
    archived = run.documents_new + run.documents_changed + run.documents_unchanged + run.documents_duplicate
    if run.status != "completed":
        click.echo(f"Error: the crawl did not complete ({run.close_reason})", err=True)
        sys.exit(1)
    if archived == 0:
        click.echo("Error: no page could be fetched from the start URLs (see errors above)", err=True)
        sys.exit(1)
