"""Scrapy settings for Vigie: the one place where crawl configuration lives.

Every value that an operator may want to change reads an environment variable first
(``VIGIE_*``, listed in the README); the ``vigie crawl`` options and ``-s NAME=VALUE`` override
both. The defaults are polite towards small municipal servers: robots.txt obeyed, a bot
User-Agent with a contact URL, AutoThrottle, two requests at a time per site, capped sizes.
"""

from __future__ import annotations

import os

from scrapy.settings import default_settings as scrapy_defaults

from crawler import PROJECT_URL, __version__
from crawler.links import DEFAULT_MAX_CHARS, DEFAULT_MAX_LINKS
from pipelines.limits import DocumentLimits


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


BOT_NAME = "vigie"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- identity and politeness ----------------------------------------------------------------
VIGIE_CONTACT_URL = _env("VIGIE_CONTACT_URL", PROJECT_URL)
USER_AGENT = _env("VIGIE_USER_AGENT", f"vigie/{__version__} (+{VIGIE_CONTACT_URL})")
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = int(_env("VIGIE_CONCURRENT_REQUESTS_PER_DOMAIN", "2"))
DOWNLOAD_DELAY = float(_env("VIGIE_DOWNLOAD_DELAY", "1.0"))
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = float(_env("VIGIE_AUTOTHROTTLE_START_DELAY", "2.0"))
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False

# -- sizes, timeouts, retries, redirects ----------------------------------------------------
DOWNLOAD_MAXSIZE = int(_env("VIGIE_DOWNLOAD_MAXSIZE", str(100 * 1024 * 1024)))
DOWNLOAD_WARNSIZE = min(32 * 1024 * 1024, DOWNLOAD_MAXSIZE)
DOWNLOAD_TIMEOUT = int(_env("VIGIE_DOWNLOAD_TIMEOUT", "60"))
RETRY_ENABLED = True
RETRY_TIMES = int(_env("VIGIE_RETRY_TIMES", "2"))
REDIRECT_ENABLED = True
REDIRECT_MAX_TIMES = 10

# -- hostile pages and files: what one response may cost (README, "Limits") ----------------
URLLENGTH_LIMIT = 2083  # Scrapy's default, stated: longer links are recorded as url_too_long
# Per-document limits: defaults and environment variables in pipelines/limits.py.
_LIMITS = DocumentLimits.from_env()
VIGIE_HTML_MAX_DEPTH = _LIMITS.html_max_depth  # deeper markup is flattened before parsing
VIGIE_HTML_MAX_BYTES = _LIMITS.html_max_bytes  # a bigger page's text is read flat
VIGIE_OFFICE_MAX_UNPACKED = _LIMITS.office_max_unpacked  # bytes of one .docx/.odt member
VIGIE_OFFICE_MAX_RATIO = _LIMITS.office_max_ratio  # unpacked / packed size of one member
VIGIE_MAX_MENTIONS = _LIMITS.max_mentions  # stored per document; the rest counted
VIGIE_PDF_MAX_UNPACKED = _LIMITS.pdf_max_unpacked  # a PDF's streams, unpacked (PDF bombs)
# Links of one page: read from its first characters only, and at most this many new ones.
VIGIE_HTML_LINKS_MAX_CHARS = int(_env("VIGIE_HTML_LINKS_MAX_CHARS", str(DEFAULT_MAX_CHARS)))
VIGIE_MAX_LINKS_PER_PAGE = int(_env("VIGIE_MAX_LINKS_PER_PAGE", str(DEFAULT_MAX_LINKS)))

# -- focus: how far the generic spider goes (see crawler/linkrules.py) ----------------------
VIGIE_MAX_PAGES = int(_env("VIGIE_MAX_PAGES", "2000"))
VIGIE_MAX_DEPTH = int(_env("VIGIE_MAX_DEPTH", "10"))
VIGIE_SHALLOW_DEPTH = int(_env("VIGIE_SHALLOW_DEPTH", "2"))
CLOSESPIDER_PAGECOUNT = VIGIE_MAX_PAGES
DEPTH_LIMIT = VIGIE_MAX_DEPTH + 1  # a backstop: the spider's own budget stops earlier

# -- archive and extraction -----------------------------------------------------------------
VIGIE_DB = os.environ.get("VIGIE_DB")  # None: vigie.db in the current directory
VIGIE_FILES_DIR = os.environ.get("VIGIE_FILES_DIR")
VIGIE_PDF_BACKEND = _env("VIGIE_PDF_BACKEND", "pdfium")
VIGIE_EXTRACT_WORKERS = int(_env("VIGIE_EXTRACT_WORKERS", str(os.cpu_count() or 2)))
VIGIE_EXTRACT_TIMEOUT = float(_env("VIGIE_EXTRACT_TIMEOUT", "300"))
VIGIE_OCR = _env("VIGIE_OCR", "false").lower() in ("1", "true", "yes")
VIGIE_OCR_WORKERS = int(_env("VIGIE_OCR_WORKERS", str(os.cpu_count() or 1)))
VIGIE_OCR_TIMEOUT = float(_env("VIGIE_OCR_TIMEOUT", "1800"))
VIGIE_LEXICON = os.environ.get("VIGIE_LEXICON")  # None: the lexicon shipped with Vigie

# -- incremental re-crawls (crawler/incremental.py, crawler/spiders/base.py) ---------------
# Ask again, at the end of a crawl, for archived documents that no page linked to this time.
VIGIE_REVISIT = _env("VIGIE_REVISIT", "true").lower() in ("1", "true", "yes")

# How long the reactor thread may be held before the crawl logs a warning (crawler/stall.py).
VIGIE_STALL_WARN = float(_env("VIGIE_STALL_WARN", "1.0"))
EXTENSIONS = {"crawler.stall.ReactorStallMonitor": 500, "crawler.prompt_stop.PromptStop": 500}
# Scrapy 2.19's remote control runs any Python code sent to a local HTTP port, and leaves a job
# file with its token in the user's profile (~/.local/state/scrapy) at every crawl that dies: not
# for a bot run by cron. Off, like the telnet console. They are left out of Scrapy's own list
# rather than set to None in ours: Scrapy imports every listed class to merge the two lists, and
# the remote control's imports aiohttp's web server (a quarter of a second of every crawl).
# (Lower-case names: Scrapy takes every upper-case name of this module as a setting.)
_off = {"scrapy.extensions.remote_control.RemoteControl", "scrapy.extensions.telnet.TelnetConsole"}
EXTENSIONS_BASE = {name: order for name, order in scrapy_defaults.EXTENSIONS_BASE.items() if name not in _off}
REMOTE_CONTROL_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SameOriginMiddleware": 50,
    # After the site filter, before robots.txt: URLs already archived by this run (a resumed
    # run) are answered from the archive; known URLs get conditional requests.
    "crawler.incremental.ConditionalRequestMiddleware": 60,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.LoopAwareRedirectMiddleware": 600,  # Scrapy's place for redirects
}
# Phases, spaced so that new stages slot in between: extract, tag, store.
ITEM_PIPELINES = {
    "pipelines.extraction.ExtractionPipeline": 300,
    "pipelines.ocr_stage.OcrPipeline": 400,  # off unless VIGIE_OCR (vigie crawl --ocr)
    "pipelines.tagging_stage.TaggingPipeline": 500,
    "pipelines.storage.StoragePipeline": 900,
}
# What one response's callback yields (its document and the requests for its new links) is
# handled by this many asyncio tasks, created afresh for every response. Scrapy's 100 cost the
# crawl benchmark about a tenth of the reactor thread's time on tasks that had nothing to do;
# a page yields one document, and a listing's records are requests, which take no time.
CONCURRENT_ITEMS = 16

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = _env("VIGIE_LOG_LEVEL", "INFO")
