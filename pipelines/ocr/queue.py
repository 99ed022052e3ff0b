"""Drain the archive's OCR queue (``vigie ocr``): OCR each scan, re-read it, re-tag it, save it.

Several documents are in flight at once and their pages share one pool of single-threaded
tesseracts (one per core). Each document is saved as soon as it is done, so an interrupted
run keeps what it finished.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from archive.ocr_queue import QueuedDocument, queued_documents, save_ocr, save_ocr_error
from archive.records import Analysis
from archive.store import ArchiveStore
from pipelines.limits import DocumentLimits
from pipelines.ocr.document import DEFAULT_TIMEOUT, apply_ocr, ocr_pdf
from pipelines.ocr.engine import OcrEngine
from pipelines.records.build import RECORDS_VERSION, records_for
from pipelines.tagging.tagger import Tagger
from pipelines.worker_pool import WorkerPool


@dataclass
class OcrReport:
    documents: int = 0
    pages: int = 0  # pages whose text OCR gave
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, error)
    mentions: Counter[str] = field(default_factory=Counter)
    confidences: list[float] = field(default_factory=list)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def drain_queue(
    store: ArchiveStore,
    engine: OcrEngine,
    tagger: Tagger,
    limit: int | None = None,
    retry_failed: bool = False,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[QueuedDocument], None] | None = None,
    ids: list[int] | None = None,
) -> OcrReport:
    """OCR the queue (``ids``: only those of its documents), saving each document when done."""
    documents = queued_documents(store, limit, retry_failed, ids)
    return asyncio.run(
        _drain(store, engine, tagger, documents, workers or default_workers(), timeout, progress)
    )


async def _drain(
    store: ArchiveStore,
    engine: OcrEngine,
    tagger: Tagger,
    documents: list[QueuedDocument],
    workers: int,
    timeout: float,
    progress: Callable[[QueuedDocument], None] | None,
) -> OcrReport:
    pool = WorkerPool(workers, timeout)
    report = OcrReport()
    in_flight = asyncio.Semaphore(workers)

    async def one(document: QueuedDocument) -> None:
        async with in_flight:
            await _ocr_document(store, engine, tagger, pool, document, timeout, report)
        if progress:
            progress(document)

    try:
        await asyncio.gather(*(one(document) for document in documents))
    finally:
        pool.close()
    return report


async def _ocr_document(
    store: ArchiveStore,
    engine: OcrEngine,
    tagger: Tagger,
    pool: WorkerPool,
    document: QueuedDocument,
    timeout: float,
    report: OcrReport,
) -> None:
    path = store.files.path_for(document.sha256)
    if not path.is_file():
        message = f"the original file is missing from {store.files.root}"
        save_ocr_error(store, document.id, message)
        report.failed.append((document.url, message))
        return
    outcome = await ocr_pdf(pool, path, engine, timeout)
    result = apply_ocr(
        Analysis(**document.facts.facts(), sha256=document.sha256, kind=document.kind),
        outcome,
        document.url,
    )
    if result.ocr_error:
        save_ocr_error(store, document.id, result.ocr_error)
        report.failed.append((document.url, result.ocr_error))
        return
    mentions = tagger.tag("\f".join(result.pages), paged=True, limit=DocumentLimits.from_env().max_mentions)
    records = records_for(
        result.text, result.acts, list(mentions), result.title, result.date, date_source=result.date_source
    )
    save_ocr(store, document.id, result, mentions, tagger.version, records, RECORDS_VERSION)
    report.documents += 1
    report.pages += len(outcome.ocr_pages)
    report.mentions.update(mention.category for mention in mentions)
    if result.ocr_confidence is not None:
        report.confidences.append(result.ocr_confidence)
