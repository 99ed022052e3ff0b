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


@dataclass(frozen=True, slots=True)
class TagResult:
    lexicon_version: str | None
    mentions: list[MentionRecord]
    error: str | None = None


def tag_job(job: TagJob) -> TagResult:
    tagger = get_tagger(job.lexicon_path)
    return TagResult(tagger.version, tagger.tag(job.text, job.paged))
