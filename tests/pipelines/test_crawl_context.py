"""The crawl context: one per crawler, on the crawler, closed in order by spider_closed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from archive import ArchiveStore, resolve_location
from archive.runs import start_run
from crawler.spiders.generic import GenericSpider
from pipelines.crawl_context import CrawlContext
from pipelines.extraction import ExtractionPipeline
from pipelines.run_recorder import RunRecorder
from pipelines.storage import StoragePipeline
from pipelines.tagging_stage import TaggingPipeline


def _crawler(tmp_path: Path) -> Crawler:
    crawler = get_crawler(GenericSpider, {"VIGIE_DB": str(tmp_path / "vigie.db"), "VIGIE_EXTRACT_WORKERS": 1})
    crawler.spider = crawler._create_spider(start_urls="http://v.fr/")
    crawler.stats.open_spider()
    return crawler


def _close(crawler: Crawler, reason: str = "finished") -> None:
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason=reason)


def test_one_context_per_crawler_shared_by_the_stages(tmp_path: Path) -> None:
    crawler, other = _crawler(tmp_path), _crawler(tmp_path)
    extraction, tagging = ExtractionPipeline.from_crawler(crawler), TaggingPipeline.from_crawler(crawler)
    storage = StoragePipeline.from_crawler(crawler)
    assert CrawlContext.of(crawler) is storage.context
    assert extraction.pool is tagging.pool is CrawlContext.of(crawler).pool
    assert CrawlContext.of(other) is not CrawlContext.of(crawler)
    with pytest.raises(RuntimeError):
        CrawlContext.attach(crawler)


def test_a_crawler_of_its_own_starts_and_finishes_its_run(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path)
    storage = StoragePipeline.from_crawler(crawler)
    storage.open_spider()
    context = CrawlContext.of(crawler)
    assert context.recorder is not None and crawler.stats.get_value("vigie/run_id") == context.recorder.run_id
    _close(crawler, "shutdown")
    _close(crawler, "finished")  # once only
    assert context.recorder.close_reasons == ["shutdown"]
    assert crawler.stats.get_value("vigie/archive_transactions") == 0
    with sqlite3.connect(tmp_path / "vigie.db") as db:
        assert db.execute("SELECT status, close_reason FROM crawl_runs").fetchall() == [
            ("interrupted", "shutdown")
        ]


def test_a_store_and_run_handed_in_are_left_to_their_owner(tmp_path: Path) -> None:
    store = ArchiveStore(resolve_location(str(tmp_path / "vigie.db")))
    recorder = RunRecorder(start_run(store, ["http://v.fr/"], []))
    crawler = get_crawler(GenericSpider, {"VIGIE_DB": str(tmp_path / "elsewhere.db")})
    context = CrawlContext.attach(crawler, store, recorder)
    crawler.spider = crawler._create_spider(start_urls="http://v.fr/")
    crawler.stats.open_spider()
    storage = StoragePipeline.from_crawler(crawler)
    storage.open_spider()
    assert storage.store is store and storage.recorder is recorder and context.location == store.location
    _close(crawler, "finished")
    assert recorder.close_reasons == ["finished"]
    assert store.get_run(recorder.run_id).status == "running"  # the runner finishes it
    store.close()
    assert not (tmp_path / "elsewhere.db").exists()
