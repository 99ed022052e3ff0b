"""Re-analyse the whole archive after a lexicon or rules change, without re-crawling.

Mentions are what the lexicon finds, but a crawl also read each text's acts, ACTES identifier
and sitting date, with rules that improve between versions: an archive made by an earlier
version keeps their mistakes (such as the date of the minutes a sitting approved) until its
documents are read again. So re-tagging reads them all again from the stored text, title and
first URL, as a crawl of the same bytes would now, and the report says how many documents
each part changed, which is how a user sees what an upgrade did to their archive.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from archive.mentions import MentionKey, StoredText, replace_analysis, texts_to_tag
from archive.records import Analysis
from archive.store import ArchiveStore
from pipelines.extract import describe
from pipelines.limits import DocumentLimits
from pipelines.records.build import RECORDS_VERSION, records_for
from pipelines.tagging.tagger import Tagger


@dataclass
class RetagReport:
    """Documents re-read, and how many changed in each respect.

    ``documents_changed``: any mention differs; ``tags_changed``: the set of categories differs;
    ``stance_changed``: the mentions marked opposition differ; ``dates_changed``: the date or
    its ``date_source``; ``acts_changed``: the acts found (number, object, pages, vote…).
    """

    lexicon_version: str
    documents: int = 0
    documents_changed: int = 0
    tags_changed: int = 0
    stance_changed: int = 0
    dates_changed: int = 0
    acts_changed: int = 0
    added: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)


def retag_archive(
    store: ArchiveStore,
    tagger: Tagger,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RetagReport:
    """Replace the mentions, acts, date and decision records of every document tagged with
    another lexicon version (or all)."""
    report = RetagReport(tagger.version)
    limit = DocumentLimits.from_env().max_mentions
    for stored in texts_to_tag(store, tagger.version, everything):
        mentions = tagger.tag(stored.text, stored.paged, limit)
        analysis = read_again(stored)
        records = records_for(
            stored.text,
            analysis.acts,
            list(mentions),
            analysis.title,
            analysis.date,
            date_source=analysis.date_source,
        )
        replaced = replace_analysis(
            store, stored.id, mentions, tagger.version, analysis, (records, RECORDS_VERSION)
        )
        old, new = replaced.old, replaced.new
        report.documents += 1
        report.documents_changed += old != new
        report.tags_changed += _categories(old) != _categories(new)
        report.stance_changed += _opposed(old) != _opposed(new)
        report.dates_changed += replaced.date_changed
        report.acts_changed += replaced.acts_changed
        for (category, *_), count in (new - old).items():
            report.added[category] += count
        for (category, *_), count in (old - new).items():
            report.removed[category] += count
        if progress:
            progress(report.documents)
    return report


def read_again(stored: StoredText) -> Analysis:
    """What a crawl of the same bytes would now read in the stored text: the same ``describe``
    (type, sitting date, ACTES fields, acts, and any fact added since), the listing's date when
    the document names none."""
    analysis = Analysis(**stored.facts.facts(), sha256="", kind=stored.kind, pages=stored.text.split("\f"))
    describe(analysis, stored.url)
    if analysis.date is None and stored.listing_date is not None:
        analysis.date, analysis.date_source = stored.listing_date, "listing"
    return analysis


def _categories(keys: Counter[MentionKey]) -> set[str]:
    return {category for category, *_ in keys}


def _opposed(keys: Counter[MentionKey]) -> set[tuple[str, int, int]]:
    return {(category, start, end) for category, _term, start, end, stance in keys if stance == "opposition"}
