"""Vigie's spiders: one per platform, thin subclasses of ``base.VigieSpider``.

To add a platform: ``vigie sources new NAME`` writes ``NAME.py`` here (a ``follow`` skeleton:
which links lead where), ``tests/crawler/test_spider_NAME.py`` (a test on a saved page, marked
to fail until filled in) and ``tests/fixtures/pages/NAME/`` (how to save a real page), and adds
the name to ``PLATFORMS`` (``crawler.sources.registry``) and to ``PLATFORM_SPIDERS`` below.
Save a page, write ``follow``, fill in the test (``tests/spider_pages.py`` builds the response
and the spider without a reactor); a crawl served on 127.0.0.1 (``tests/crawler/test_platforms.py``)
is for end-to-end behaviour only.
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
