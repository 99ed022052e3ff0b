"""The commands a crawl or the demo suggests next, written so that they work when copied.

A suggested command names the archive as the user gave it (``--db``, ``--files-dir``), quoted
for a shell: ``vigie ocr`` alone would open ``vigie.db``, not the archive just written.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archive.db import DatabaseLocation
    from crawler.summary import OcrQueue


def archive_args(db: str, files_dir: str | None) -> str:
    """``--db DB`` (and ``--files-dir DIR`` when given), quoted for a shell."""
    args = ["--db", db, *(["--files-dir", files_dir] if files_dir else [])]
    return shlex.join(args)


def ocr_queue(location: DatabaseLocation) -> OcrQueue | None:
    """The archive's scans waiting for OCR once the run is over, the failed ones apart; None
    when the archive cannot be read (the summary then counts the run's own, and still shows)."""
    from sqlalchemy.exc import SQLAlchemyError

    from archive import ArchiveStore
    from archive.errors import ArchiveError
    from archive.ocr_queue import count_failed, count_queued
    from crawler.summary import OcrQueue

    try:
        store = ArchiveStore(location)
        try:
            queued, _ = count_queued(store)
            return OcrQueue(queued, count_failed(store))
        finally:
            store.close()
    except (ArchiveError, SQLAlchemyError):
        return None
