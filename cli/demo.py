"""``vigie demo``: serve the bundled municipal site on 127.0.0.1 and crawl it."""

from __future__ import annotations

import click

from cli.crawl import exit_for
from cli.options import DEMO_DB, location_or_exit

DEMO_PORT = 8754


@click.command()
@click.option("--db", default=DEMO_DB, show_default=True, help="Archive to crawl into.")
@click.option("--files-dir", help="Folder of archived original files [default: DB.files].")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEMO_PORT,
    show_default=True,
    help="Port of the demo site; a fixed one keeps its URLs, so a second demo run adds nothing. 0: any.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO level).")
def demo(db: str, files_dir: str | None, port: int, verbose: bool) -> None:
    """Crawl a bundled demo municipal website into demo.db and print the summary.

    Works without a network: three sites are served on 127.0.0.1, crawled as the registry's
    Ville de Montpellier (a council page, sittings, real PDFs of its deliberations, a scanned
    compte rendu, paginated news, an endless agenda), Ville de Montrouge (a vœu against facial
    recognition, a video-protection extension, a FIPD grant request) and Préfecture de
    l'Hérault (a recueil of arrêtés): their documents get a place on the web map. The crawl uses
    the normal settings, with no delay between requests since the server is our own.
    """
    import os
    import sys

    from archive import ArchiveStore
    from cli.next_steps import archive_args, ocr_queue
    from crawler.demo import demo_sources, serve_demo_site
    from crawler.runner import CrawlOptions, run_crawl
    from crawler.sources.registry import load_registry
    from crawler.summary import format_summary

    location = location_or_exit(db, files_dir)
    # The port first: a taken one is a usage error, and the archive is not created for nothing.
    try:
        server, url = serve_demo_site(port)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        click.echo(
            f"Error: cannot serve the demo site on 127.0.0.1:{port}: {reason}; choose another --port",
            err=True,
        )
        sys.exit(2)
    try:
        ArchiveStore(location).close()
        click.echo(f"Demo site served at {url}", err=True)
        run = run_crawl(
            CrawlOptions(
                start_urls=[],
                sources=demo_sources(url, load_registry(include_shipped=True)),
                location=location,
                delay=0.0,
                log_level="INFO" if verbose else "WARNING",
                extra_settings={"AUTOTHROTTLE_ENABLED": False},
            )
        )
    finally:
        server.shutdown()
        server.server_close()
    given = archive_args(db, files_dir)
    queue = ocr_queue(location)
    click.echo(format_summary(run, location, queue, given))
    # One command a line, its comment after "#": the whole line can be pasted into a shell.
    next_steps = [
        f"  vigie serve {given}   # then open http://127.0.0.1:8000/",
        f"  vigie search {given} vidéoprotection",
        f"  vigie export {given} --format csv -o demo.csv",
    ]
    if queue is None or queue.queued:
        next_steps.append(f"  vigie ocr {given}   # the scanned compte rendu's text (needs tesseract)")
    click.echo("\nNext:\n" + "\n".join(next_steps), err=True)
    exit_for(run)
