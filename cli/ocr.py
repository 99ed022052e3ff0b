"""``vigie ocr``: give the archive's scans their text, with a progress bar."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import click

from cli.options import archive_options, existing_store, writing
from cli.tag import lexicon_option, tagger_or_exit


def ocr_options(func: object) -> object:
    func = click.option(
        "--ocr-timeout",
        type=click.FloatRange(min=1),
        envvar="VIGIE_OCR_TIMEOUT",
        help="Seconds allowed for one document, all its pages. Env: VIGIE_OCR_TIMEOUT [default: 1800].",
    )(func)
    return click.option(
        "--ocr-workers",
        type=click.IntRange(min=1),
        envvar="VIGIE_OCR_WORKERS",
        help="Tesseract processes at once, each single-threaded. Env: VIGIE_OCR_WORKERS "
        "[default: one per core].",
    )(func)


@click.command()
@archive_options
@click.option(
    "--limit", type=click.IntRange(min=1), help="OCR at most N documents of the queue, oldest first."
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Try again the documents whose OCR failed before (they are skipped otherwise).",
)
@click.option(
    "--enqueue",
    is_flag=True,
    help="Put one job per queued document in the archive's queue for 'vigie worker' instead "
    "(PostgreSQL archives).",
)
@ocr_options
@lexicon_option
def ocr(
    db: str,
    files_dir: str | None,
    limit: int | None,
    retry_failed: bool,
    ocr_workers: int | None,
    ocr_timeout: float | None,
    enqueue: bool,
    lexicon: Path | None,
) -> None:
    """OCR the scanned PDFs a crawl queued, in French, with tesseract.

    Pages without a usable text layer (a scan, or a scan whose only text is the prefecture's
    stamp) are read by tesseract; the document's text, type, date, acts and mentions are then
    updated. Exit status: 0 when every document was done, 1 when some failed or tesseract is
    missing (the documents stay queued), 2 for bad input.
    """
    from archive.ocr_queue import count_failed, count_queued
    from pipelines.ocr import DEFAULT_TIMEOUT, OcrUnavailableError, find_engine
    from pipelines.ocr.queue import drain_queue

    if enqueue:
        from cli.options import location_or_exit
        from cli.queue import enqueue_ocr

        enqueue_ocr(location_or_exit(db, files_dir), retry_failed, limit)
        return
    tagger = tagger_or_exit(lexicon)
    store = existing_store(db, files_dir)
    try:
        documents, pages = count_queued(store, retry_failed)
        if limit is not None:
            documents = min(documents, limit)
        skipped = 0 if retry_failed else count_failed(store)
        if documents == 0:
            click.echo("The OCR queue is empty." + _skipped_note(skipped))
            return
        try:
            engine = find_engine()
        except OcrUnavailableError as exc:
            click.echo(f"Error: {exc}; the OCR queue keeps its {_documents(documents)}.", err=True)
            sys.exit(1)
        with (
            writing(store, "ocr"),
            click.progressbar(length=pages, label=f"OCR ({engine.label})", file=sys.stderr) as bar,
        ):
            report = drain_queue(
                store,
                engine,
                tagger,
                limit=limit,
                retry_failed=retry_failed,
                workers=ocr_workers,
                timeout=ocr_timeout or DEFAULT_TIMEOUT,
                progress=lambda document: bar.update(document.pages),
            )
        remaining, _ = count_queued(store, retry_failed=True)
    finally:
        store.close()
    confidence = f", mean confidence {statistics.fmean(report.confidences):.1f}" if report.confidences else ""
    pages = f"{report.pages} page" + ("" if report.pages == 1 else "s")
    click.echo(f"OCR: {_documents(report.documents)}, {pages}{confidence}.")
    for category, count in sorted(report.mentions.items()):
        click.echo(f"  {category:<24} {count} mentions")
    click.echo(f"{_documents(remaining)} in the OCR queue." + _skipped_note(skipped))
    if report.failed:
        for url, error in report.failed:
            click.echo(f"Error: OCR failed for {url}: {error}", err=True)
        sys.exit(1)


def _documents(count: int) -> str:
    return f"{count} document" + ("" if count == 1 else "s")


def _skipped_note(skipped: int) -> str:
    return f" ({skipped} failed before: --retry-failed tries them again)" if skipped else ""
