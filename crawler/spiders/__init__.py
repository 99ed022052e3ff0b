"""Vigie's spiders: one per platform, thin subclasses of ``base.VigieSpider``.

To add a platform: write a spider class here (its ``follow`` says which links lead where),
add its name to ``PLATFORMS`` in ``crawler.sources.registry`` and below, and a fixture test.
"""

from __future__ import annotations

import importlib
from typing import Any

# Platform (registry) → spider class, imported only when a crawl needs it.
PLATFORM_SPIDERS = {
    "generic": "crawler.spiders.generic:GenericSpider",
    "prefecture_raa": "crawler.spiders.prefecture_raa:PrefectureRaaSpider",
    "scdl_csv": "crawler.spiders.listing:ScdlCsvSpider",
    "montpellier_list": "crawler.spiders.listing:MontpellierListSpider",
}


def spider_for(platform: str) -> Any:
    module, _, name = PLATFORM_SPIDERS[platform].partition(":")
    return getattr(importlib.import_module(module), name)
