"""The Scrapy stages with a crawler built by get_crawler, without starting the engine."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from scrapy import signals
from scrapy.utils.test import get_crawler

from archive.db import utcnow
from crawler.spiders.generic import GenericSpider
from pipelines.extraction import ExtractionPipeline
from pipelines.items import DocumentItem, FetchFailure
from pipelines.storage import StoragePipeline
from tests import realdocs


def test_extraction_then_storage(tmp_path: Path) -> None:
    crawler = get_crawler(GenericSpider, {"VIGIE_DB": str(tmp_path / "vigie.db"), "VIGIE_EXTRACT_WORKERS": 1})
    crawler.spider = crawler._create_spider(start_urls="http://v.fr/")
    crawler.stats.open_spider()
    extraction, storage = ExtractionPipeline.from_crawler(crawler), StoragePipeline.from_crawler(crawler)
    storage.open_spider()
    item = DocumentItem(
        url="http://v.fr/document.php?id=77",
        body=realdocs.DELIB_VIDEOPROTECTION.read_bytes(),
        status=200,
        fetched_at=utcnow(),
        content_type="application/octet-stream",
    )

    async def run() -> None:
        await storage.process_item(await extraction.process_item(item))
        await storage.process_item(FetchFailure("http://v.fr/x", "http_404", "HTTP 404"))
        await storage.process_item(
            FetchFailure("http://v.fr/prive/", "robots_forbidden", "Forbidden by robots.txt")
        )

    asyncio.run(run())
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    assert item.body == b""  # freed once archived
    assert crawler.stats.get_value("vigie/documents/new") == 1
    assert crawler.stats.get_value("vigie/skipped/robots_forbidden") == 1
    with sqlite3.connect(tmp_path / "vigie.db") as db:
        assert db.execute("SELECT kind, extraction, doc_type FROM documents").fetchall() == [
            ("pdf", "pdfium", "deliberation")
        ]
        assert db.execute("SELECT status, documents_new, errors FROM crawl_runs").fetchall() == [
            ("completed", 1, '{"http_404": 1}')
        ]
