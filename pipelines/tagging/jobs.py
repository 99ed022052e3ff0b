"""Tagging as a picklable job, for worker processes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archive.records import MentionRecord
from pipelines.tagging.tagger import get_tagger


@dataclass(frozen=True, slots=True)
class TagJob:
    text: str
    paged: bool = False
    lexicon_path: Path | None = None
    max_mentions: int | None = None  # stored per document (VIGIE_MAX_MENTIONS)


@dataclass(frozen=True, slots=True)
class TagResult:
    lexicon_version: str | None
    mentions: list[MentionRecord]
    error: str | None = None
    found: int = 0  # mentions found, stored or over ``max_mentions``


def tag_job(job: TagJob) -> TagResult:
    tagger = get_tagger(job.lexicon_path)
    mentions = tagger.tag(job.text, job.paged, job.max_mentions)
    return TagResult(tagger.version, list(mentions), found=mentions.found)
