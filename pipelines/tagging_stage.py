"""Stage 500: tag each document's text with the lexicon, in the worker processes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from pipelines.crawl_context import CrawlContext
from pipelines.items import DocumentItem
from pipelines.limits import DocumentLimits
from pipelines.records.build import RECORDS_VERSION, RecordsJob, records_job
from pipelines.tagging import load_lexicon
from pipelines.tagging.jobs import TagJob, TagResult, tag_job
from pipelines.worker_pool import WorkerPool

logger = logging.getLogger(__name__)


class TaggingPipeline:
    def __init__(self, crawler: Crawler, pool: WorkerPool, lexicon_path: Path | None) -> None:
        self.crawler = crawler
        self.pool = pool
        self.lexicon_path = lexicon_path
        self.max_mentions = DocumentLimits.from_settings(crawler.settings).max_mentions
        # Load once here: a broken lexicon stops the crawl before it starts, in one line.
        self.version = load_lexicon(lexicon_path).version

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TaggingPipeline:
        path = crawler.settings.get("VIGIE_LEXICON")
        return cls(crawler, CrawlContext.of(crawler).pool, Path(path) if path else None)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, DocumentItem) or item.extracted is None or item.extracted.unchanged:
            return item
        text = "\f".join(item.extracted.pages)
        if not text.strip():
            item.lexicon_version = self.version  # nothing to find, and nothing was missed
            return item
        result = await self.pool.run(
            tag_job,
            TagJob(
                text,
                paged=item.extracted.kind == "pdf",
                lexicon_path=self.lexicon_path,
                max_mentions=self.max_mentions,
            ),
            lambda kind, message: TagResult(None, [], message),
        )
        if result.error:
            self.crawler.stats.inc_value("vigie/tagging_failed")
            return item  # untagged: `vigie retag` will try again
        item.mentions, item.lexicon_version = result.mentions, result.lexicon_version
        stats = self.crawler.stats
        over = result.found - len(result.mentions)
        if over > 0:
            # Counted, not stored: the first VIGIE_MAX_MENTIONS in text order are the evidence.
            stats.inc_value("vigie/mentions_over_limit", over)
            stats.inc_value("vigie/documents_over_mention_limit")
            logger.warning(
                "%s: %d mentions found, the first %d stored (VIGIE_MAX_MENTIONS)",
                item.url,
                result.found,
                len(result.mentions),
            )
        for mention in result.mentions:
            stats.inc_value(f"vigie/mentions/{mention.category}")
        if result.mentions:
            await self._read_records(item, text)
        return item

    async def _read_records(self, item: DocumentItem, text: str) -> None:
        """The decision records of a document with mentions, read in a worker like its tags."""
        extracted = item.extracted
        assert extracted is not None
        job = RecordsJob(
            text, extracted.acts, item.mentions, extracted.title, extracted.date, extracted.date_source
        )
        records = await self.pool.run(records_job, job, lambda kind, message: None)
        if records is None:
            self.crawler.stats.inc_value("vigie/records_failed")
            return  # none stored: `vigie records --rebuild` reads it again
        item.records, item.records_built_with = records, RECORDS_VERSION
        for record in records:
            self.crawler.stats.inc_value(f"vigie/records/{record.kind}")
