"""Re-tag the whole archive after a lexicon change, without re-crawling.

The acts and the ACTES identifier are read again from each re-tagged text too: mentions link
to acts, and an archive from before acts existed (schema version 1) gets them this way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from archive.mentions import replace_mentions, texts_to_tag
from archive.store import ArchiveStore
from pipelines.actes import find_actes
from pipelines.acts import split_acts
from pipelines.limits import DocumentLimits
from pipelines.tagging.tagger import Tagger


@dataclass
class RetagReport:
    lexicon_version: str
    documents: int = 0
    documents_changed: int = 0
    added: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)


def retag_archive(
    store: ArchiveStore,
    tagger: Tagger,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RetagReport:
    """Replace the mentions of every document tagged with another lexicon version (or all)."""
    report = RetagReport(tagger.version)
    limit = DocumentLimits.from_env().max_mentions
    for stored in texts_to_tag(store, tagger.version, everything):
        mentions = tagger.tag(stored.text, stored.paged, limit)
        structure = (
            find_actes(stored.text),
            split_acts(stored.text, stored.doc_type, stored.title, paged=stored.paged),
        )
        old, new = replace_mentions(store, stored.id, mentions, tagger.version, structure)
        report.documents += 1
        if old != new:
            report.documents_changed += 1
        for (category, *_), count in (new - old).items():
            report.added[category] += count
        for (category, *_), count in (old - new).items():
            report.removed[category] += count
        if progress:
            progress(report.documents)
    return report
