"""Run a crawl in this process and return its archived run record.

The CLI's ``crawl`` and ``demo`` commands call ``run_crawl``. Scrapy's Twisted reactor cannot
be restarted, so this runs once per process: tests call the CLI in a subprocess.
"""

from __future__ import annotations

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
    overrides.update(options.extra_settings)
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(options: CrawlOptions) -> CrawlRun:
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.generic import GenericSpider

    settings = build_settings(options)
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
