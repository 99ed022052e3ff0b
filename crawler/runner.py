"""Run a crawl in this process and return its archived run record.

The CLI's ``crawl`` and ``demo`` commands call ``run_crawl``. Scrapy's Twisted reactor cannot
be restarted, so this runs once per process: tests call the CLI in a subprocess.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any

from archive import ArchiveStore, DatabaseLocation
from archive.models import CrawlRun


@dataclass(slots=True)
class CrawlOptions:
    start_urls: list[str]
    location: DatabaseLocation
    max_pages: int | None = None
    max_depth: int | None = None
    delay: float | None = None
    pdf_backend: str | None = None
    max_size: int | None = None
    log_level: str = "WARNING"
    ocr: bool = False
    ocr_workers: int | None = None
    ocr_timeout: float | None = None
    extra_settings: dict[str, Any] = field(default_factory=dict)


def build_settings(options: CrawlOptions) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    overrides: dict[str, Any] = {
        "VIGIE_DB": options.location.url,
        "VIGIE_FILES_DIR": str(options.location.files_dir),
        "LOG_LEVEL": options.log_level,
    }
    if options.max_pages is not None:
        overrides["VIGIE_MAX_PAGES"] = options.max_pages
        overrides["CLOSESPIDER_PAGECOUNT"] = options.max_pages
    if options.max_depth is not None:
        overrides["VIGIE_MAX_DEPTH"] = options.max_depth
        overrides["DEPTH_LIMIT"] = options.max_depth + 1
    if options.delay is not None:
        overrides["DOWNLOAD_DELAY"] = options.delay
        overrides["AUTOTHROTTLE_START_DELAY"] = max(options.delay, 0.01)
    if options.pdf_backend is not None:
        overrides["VIGIE_PDF_BACKEND"] = options.pdf_backend
    if options.max_size is not None:
        overrides["DOWNLOAD_MAXSIZE"] = options.max_size
        overrides["DOWNLOAD_WARNSIZE"] = min(settings.getint("DOWNLOAD_WARNSIZE"), options.max_size)
    if options.ocr:
        overrides["VIGIE_OCR"] = True
    if options.ocr_workers is not None:
        overrides["VIGIE_OCR_WORKERS"] = options.ocr_workers
    if options.ocr_timeout is not None:
        overrides["VIGIE_OCR_TIMEOUT"] = options.ocr_timeout
    overrides.update(options.extra_settings)
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(options: CrawlOptions) -> CrawlRun:
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.generic import GenericSpider

    settings = build_settings(options)
    # Scrapy's own console handler prints tracebacks for expected failures (an unreachable
    # robots.txt); ours prints one line per record. LOG_FILE, when set, keeps Scrapy's.
    if not settings.get("LOG_FILE"):
        settings.set("LOG_ENABLED", False, priority="cmdline")
        _install_console_log(options.log_level)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(GenericSpider)
    process.crawl(crawler, start_urls=options.start_urls)
    process.start()
    run_id = crawler.stats.get_value("vigie/run_id") if crawler.stats else None
    store = ArchiveStore(options.location)
    try:
        if run_id is None:
            raise RuntimeError("the crawl did not start (see the log above)")
        return store.get_run(int(run_id))
    finally:
        store.close()


class OneLineFormatter(logging.Formatter):
    """A failed download is one line in the log, never a traceback.

    The crawl summary already counts failures by kind. ``VIGIE_DEBUG=1`` keeps tracebacks.
    """

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        error = ei[1]
        first_line = (str(error).splitlines() or [""])[0]
        return f"  ({type(error).__name__}: {first_line})"

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return ""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n  (", " (")


def _install_console_log(level: str) -> None:
    handler = logging.StreamHandler()
    fmt, datefmt = "%(asctime)s [%(name)s] %(levelname)s: %(message)s", "%Y-%m-%d %H:%M:%S"
    debug = bool(os.environ.get("VIGIE_DEBUG"))
    handler.setFormatter(logging.Formatter(fmt, datefmt) if debug else OneLineFormatter(fmt, datefmt))
    handler.setLevel(level)
    logging.root.addHandler(handler)
    logging.root.setLevel(logging.NOTSET)
