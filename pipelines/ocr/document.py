"""OCR one PDF: its pages without usable text go to tesseract, one page per worker.

Pages are spread over the OCR pool, so a 12-page scan keeps every core busy. The document has
one time limit (``timeout``), shared by its pages. OCR is all or nothing: if one page fails,
the document keeps its text layer, stays in the queue with the error, and nothing is lost.
A page's OCR text comes first, and the prefecture stamp of its text layer, if any, after it.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from archive.records import Analysis
from pipelines.ocr.engine import OcrEngine
from pipelines.ocr.jobs import LayerJob, LayerResult, PageJob, PageResult, ocr_page, read_layer
from pipelines.textnorm import normalise_text
from pipelines.worker_pool import WorkerPool

DEFAULT_TIMEOUT = 1800.0  # seconds for one document: about 15 minutes of pages per core


@dataclass(slots=True)
class OcrOutcome:
    pages: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # the pages whose text OCR gave
    engine: str | None = None
    confidence: float | None = None  # mean word confidence, 0-100
    error: str | None = None


async def ocr_pdf(
    pool: WorkerPool, path: Path, engine: OcrEngine, timeout: float = DEFAULT_TIMEOUT
) -> OcrOutcome:
    deadline = time.time() + timeout
    layer = await pool.run(read_layer, LayerJob(path), lambda kind, message: LayerResult(error=message))
    if layer.error:
        return OcrOutcome(error=layer.error)
    if not layer.ocr_pages:
        return OcrOutcome(pages=layer.pages, engine=engine.label)
    results = await asyncio.gather(
        *(
            pool.run(
                ocr_page,
                PageJob(path, number, engine, deadline),
                lambda kind, message, number=number: PageResult(number, error=message),
            )
            for number in layer.ocr_pages
        )
    )
    failed = [result for result in results if result.error]
    if failed:
        return OcrOutcome(error=f"page {failed[0].page}: {failed[0].error}")
    pages = list(layer.pages)
    confidences: list[float] = []
    for result in results:
        stamp = pages[result.page - 1].strip()
        pages[result.page - 1] = normalise_text(result.text + ("\n\n" + stamp if stamp else ""))
        confidences.extend(result.confidences)
    return OcrOutcome(
        pages=pages,
        ocr_pages=layer.ocr_pages,
        engine=engine.label,
        confidence=round(statistics.fmean(confidences), 1) if confidences else None,
    )


def apply_ocr(result: Analysis, outcome: OcrOutcome, url: str) -> Analysis:
    """The extraction of a scan once OCR is done: its text, and what the text says (``describe``).

    On failure the document keeps its text layer and stays queued (``needs_ocr``), with the error.
    """
    if outcome.error:
        result.ocr_error = outcome.error
        return result
    result.pages = outcome.pages
    result.needs_ocr, result.ocr_pages, result.ocr_error = False, [], None
    if outcome.ocr_pages:
        result.extraction = "ocr"
        result.ocr_engine, result.ocr_confidence = outcome.engine, outcome.confidence
    # Imported here: a crawl's own process loads the readers of dates and acts only when a scan
    # was read (see pipelines.extraction_input).
    from pipelines.extract import describe

    return describe(result, url)


@dataclass(frozen=True, slots=True)
class DescribeJob:
    result: Analysis
    outcome: OcrOutcome
    url: str


def _apply_job(job: DescribeJob) -> Analysis:
    return apply_ocr(job.result, job.outcome, job.url)


async def apply_ocr_in(pool: WorkerPool, result: Analysis, outcome: OcrOutcome, url: str) -> Analysis:
    """``apply_ocr`` in a worker of ``pool``, for ``vigie crawl --ocr``: ``describe`` reads the
    whole OCR text (its date, its acts, its type), CPU work that would otherwise hold the crawl's
    reactor for as long as a long scan takes to read. A worker that fails leaves the document in
    the queue, with the error. (``vigie ocr``, a batch with no reactor, reads it in place.)"""
    if outcome.error:
        return apply_ocr(result, outcome, url)

    def failed(kind: str, message: str) -> Analysis:
        result.ocr_error = f"reading the OCR text: {message}"
        return result

    return await pool.run(_apply_job, DescribeJob(result, outcome, url), failed)
