"""Run a crawl in this process and return its archived run record.

The CLI's ``crawl`` and ``demo`` commands call ``run_crawl``. Scrapy's Twisted reactor cannot
be restarted, so this runs once per process: tests call the CLI in a subprocess.

One run crawls any number of sources: they are grouped by platform, and each platform gets
one Scrapy crawler (its spider handles all of that platform's sources), all running at once
in the one reactor. Politeness is per site either way (Scrapy's download slots are per
domain). Each crawler gets a ``CrawlContext`` (``pipelines.crawl_context``) holding this
function's store (one database engine for the whole run) and the run's one ``RunRecorder``;
the run's row is written, and the store closed, here when all crawlers are done.
"""

from __future__ import annotations

import gc
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from archive import ArchiveStore, DatabaseLocation
from archive.models import CrawlRun
from crawler.sources.registry import RegisteredSource


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
    sources: list[RegisteredSource] = field(default_factory=list)  # with or instead of start_urls
    job_dir: str | None = None
    revisit: bool = True


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
    overrides["VIGIE_REVISIT"] = options.revisit
    overrides.update(options.extra_settings)
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(options: CrawlOptions) -> CrawlRun:
    from scrapy.crawler import CrawlerProcess

    from archive.runs import finish_run, start_run
    from crawler.jobs import RUNNING, STOPPED, JobDir
    from crawler.spiders import spider_for
    from crawler.spiders.base import adhoc_sources
    from pipelines.crawl_context import COMPLETED_REASONS, CrawlContext
    from pipelines.run_recorder import RunRecorder
    from search import ensure_index

    settings = build_settings(options)
    # Scrapy's own console handler prints tracebacks for expected failures (an unreachable
    # robots.txt); ours prints one line per record. LOG_FILE, when set, keeps Scrapy's.
    if not settings.get("LOG_FILE"):
        settings.set("LOG_ENABLED", False, priority="cmdline")
        _install_console_log(options.log_level)
    sources = [*options.sources, *adhoc_sources(options.start_urls)]
    store = ArchiveStore(options.location)
    if options.location.is_sqlite:
        # Built before the first write, the full-text index's triggers then follow every one
        # (a plain `scrapy crawl` leaves it to the first search or `vigie index`).
        ensure_index(store.engine)
    job = JobDir(options.job_dir) if options.job_dir else None
    run_id = job.resumable_run() if job else None
    if run_id is not None and not _resumable(store, run_id):
        run_id = None
    if run_id is None:
        start_urls = [url for source in sources for url in source.start_urls]
        registered = [source.slug for source in options.sources]
        run_id = start_run(store, start_urls, registered)
    recorder = RunRecorder(run_id, job.path if job else None)
    for source in sources:
        recorder.tally.source(source.slug).start_pages = len(source.start_urls)
    if job:
        job.mark(run_id, RUNNING)
    process = CrawlerProcess(settings)
    by_platform: dict[str, list[RegisteredSource]] = {}
    for source in sources:
        by_platform.setdefault(source.platform, []).append(source)
    for platform, group in by_platform.items():
        crawler = process.create_crawler(spider_for(platform))
        CrawlContext.attach(crawler, store, recorder)
        # --max-pages is per source: the crawler's backstop grows with its number of sources.
        per_source = crawler.settings.getint("VIGIE_MAX_PAGES")
        crawler.settings.set("CLOSESPIDER_PAGECOUNT", per_source * len(group), priority="cmdline")
        if job:  # each crawler its own Scrapy job folder (settings freeze when it starts)
            crawler.settings.set("JOBDIR", str(job.scrapy_dir(platform)), priority="cmdline")
        process.crawl(crawler, sources=group)
    try:
        # Everything alive now (modules, settings, the lexicon, the registry) lives until the
        # end of the run: moved out of the collector's generations, a full collection, which
        # holds every thread (the reactor's too), no longer walks it again (160 → 70 ms).
        gc.freeze()
        process.start()
        reasons = sorted(set(recorder.close_reasons)) or ["not_started"]
        completed = all(reason in COMPLETED_REASONS for reason in reasons)
        finish_run(
            store, run_id, recorder.tally, "completed" if completed else "interrupted", ", ".join(reasons)
        )
        recorder.close()
        if job:
            job.clear() if completed else job.mark(run_id, STOPPED)
        return store.get_run(run_id)
    finally:
        store.close()


def _resumable(store: ArchiveStore, run_id: int) -> bool:
    from archive.errors import ArchiveError

    try:
        return store.get_run(run_id).status in ("running", "interrupted")
    except ArchiveError:
        return False


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
