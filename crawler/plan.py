"""What a crawl of many sources will do, said before it starts: how many, and how long at most.

The estimate is an upper bound from the polite settings, not a forecast: every site is assumed
to fill its page cap (``VIGIE_MAX_PAGES``) at one request per download delay, and each platform's
crawler to work on ``CONCURRENT_REQUESTS`` sites at a time. Most commune sites run out of council
pages far sooner; AutoThrottle slows down for slow sites, which the bound ignores.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from crawler.sources.registry import RegisteredSource


@dataclass(frozen=True, slots=True)
class Estimate:
    seconds: float
    pages: int  # the page cap of one source
    delays: dict[str, float]  # platform → seconds between two requests to one site
    concurrency: int  # sites at once, per platform

    def describe(self) -> str:
        delays = ", ".join(f"{delay:g} s ({platform})" for platform, delay in sorted(self.delays.items()))
        return (
            f"up to {duration(self.seconds)} at the polite rate: an upper bound (every site filling "
            f"its cap of {self.pages} pages, one request per {delays} per site, {self.concurrency} "
            "sites at a time per platform); most sites end far sooner"
        )


def estimate(sources: list[RegisteredSource], settings: Any, delay: float | None) -> Estimate:
    """``settings``: the run's Scrapy settings (``crawler.runner.build_settings``)."""
    from crawler.spiders import spider_for

    pages = settings.getint("VIGIE_MAX_PAGES")
    concurrency = max(1, settings.getint("CONCURRENT_REQUESTS"))
    counts: dict[str, int] = {}
    for source in sources:
        counts[source.platform] = counts.get(source.platform, 0) + 1
    delays: dict[str, float] = {}
    seconds = 0.0
    for platform, count in counts.items():
        own = (spider_for(platform).custom_settings or {}).get("DOWNLOAD_DELAY")
        delays[platform] = delay if delay is not None else float(own or settings.getfloat("DOWNLOAD_DELAY"))
        # Platforms crawl side by side, each its own crawler: the slowest one sets the time.
        seconds = max(seconds, math.ceil(count / concurrency) * pages * delays[platform])
    return Estimate(seconds, pages, delays, concurrency)


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    return f"{hours / 24:.1f} days"


def counts_line(counts: list[tuple[str, int]]) -> str:
    """``registry: 21584 → --departement 34: 291 → --limit 50: 50``."""
    return " → ".join(f"{label}: {count:,}".replace(",", " ") for label, count in counts)
