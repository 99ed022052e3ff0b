"""One OCR job: a scan the archive queued gets its text, as ``vigie ocr`` gives it.

It runs in the worker's process (in a thread of procrastinate's), through the same
``drain_queue`` as ``vigie ocr``, restricted to its one document. It holds the archive's
writers' lock shared, as a crawl does, so it runs beside crawls but never during a
``vigie retag`` or ``vigie ocr`` that rewrites the archive.
"""

from __future__ import annotations

from pathlib import Path

from archive import ArchiveStore
from archive.lock import ArchiveLock
from workers.config import WorkerConfig


class OcrFailedError(Exception):
    """The document's OCR failed (its ``ocr_error`` is recorded; ``vigie ocr --retry-failed``)."""


def ocr_one(config: WorkerConfig, document_id: int) -> str:
    from pipelines.ocr import DEFAULT_TIMEOUT, find_engine
    from pipelines.ocr.queue import drain_queue
    from pipelines.tagging import get_tagger

    engine = find_engine()  # OcrUnavailableError: the job fails, the document stays queued
    tagger = get_tagger(Path(config.lexicon) if config.lexicon else None)
    store = ArchiveStore(config.location)
    lock = ArchiveLock(config.location)
    try:
        lock.acquire_sources("ocr", [])
        try:
            report = drain_queue(
                store,
                engine,
                tagger,
                workers=config.ocr_workers,
                timeout=config.ocr_timeout or DEFAULT_TIMEOUT,
                ids=[document_id],
            )
        finally:
            lock.release()
    finally:
        store.close()
    if report.failed:
        raise OcrFailedError("; ".join(f"{url}: {error}" for url, error in report.failed))
    if not report.documents:
        return f"document {document_id} no longer waits for OCR"
    return f"document {document_id}: {report.pages} pages read"
