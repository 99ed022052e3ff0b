"""Crawl runs: what one run found, source by source, and the reports ``vigie runs`` prints.

A run may crawl many registry sources at once. ``RunTally`` counts, per source slug, the
pages fetched, the documents new/changed/unchanged/removed, the new mentions by category and
the errors by kind. The run's row keeps the totals in its columns (the contract of
``vigie runs --format json``) and the per-source counts in ``source_results``.

A source is flagged as likely broken when every one of its start pages failed (``failed``:
the start URL moved, the site is down), or when it archived nothing (``empty``: the site
changed its layout). Documents requested again only because the archive knew them do not
make a source healthy: its start pages must answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from archive.db import ArchiveError, iso_utc, utcnow
from archive.models import CrawlRun
from archive.records import FetchOutcome
from archive.store import ArchiveStore

MAX_ERROR_SAMPLES = 50
# The error kind of a document fetched but not archived (disk full, database error): the one
# error that makes a crawl fail by itself, since what was fetched is lost until the next run.
ARCHIVE_FAILED = "archive_failed"
# One source's results: ok, or the two ways of archiving nothing.
SOURCE_OK, SOURCE_EMPTY, SOURCE_FAILED = "ok", "empty", "failed"


@dataclass(slots=True)
class SourceTally:
    """Counts of one source within one run."""

    pages: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # FetchOutcome values
    failed: int = 0  # documents archived with an extraction error
    needs_ocr: int = 0
    mentions: Counter[str] = field(default_factory=Counter)  # in new content, by category
    errors: Counter[str] = field(default_factory=Counter)  # by kind
    start_pages: int = 0  # the source's start URLs
    start_failures: int = 0  # start requests that failed

    @property
    def archived(self) -> int:
        return sum(count for outcome, count in self.outcomes.items() if outcome != FetchOutcome.REMOVED)

    @property
    def status(self) -> str:
        if self.start_pages and self.start_failures >= self.start_pages:
            return SOURCE_FAILED
        if self.archived:
            return SOURCE_OK
        return SOURCE_FAILED if sum(self.errors.values()) else SOURCE_EMPTY

    def add(self, other: SourceTally) -> None:
        self.pages += other.pages
        self.outcomes.update(other.outcomes)
        self.failed += other.failed
        self.needs_ocr += other.needs_ocr
        self.mentions.update(other.mentions)
        self.errors.update(other.errors)
        self.start_pages += other.start_pages
        self.start_failures += other.start_failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "pages": self.pages,
            **{outcome.value: self.outcomes[outcome.value] for outcome in FetchOutcome},
            "errors": sum(self.errors.values()),
            "errors_by_kind": dict(self.errors),
            "mentions_new": sum(self.mentions.values()),
            "mentions": dict(self.mentions),
            "start_failures": self.start_failures,
        }


@dataclass(slots=True)
class RunTally:
    """Counts of one crawl run, kept in memory while it runs and saved when it ends."""

    by_source: dict[str, SourceTally] = field(default_factory=dict)
    error_samples: list[dict[str, str]] = field(default_factory=list)

    def source(self, slug: str) -> SourceTally:
        if slug not in self.by_source:
            self.by_source[slug] = SourceTally()
        return self.by_source[slug]

    def add_outcome(self, slug: str, outcome: FetchOutcome, new_categories: list[str]) -> None:
        tally = self.source(slug)
        tally.outcomes[outcome.value] += 1
        if outcome in (FetchOutcome.NEW, FetchOutcome.CHANGED):
            tally.mentions.update(new_categories)

    def add_error(self, slug: str, kind: str, url: str, message: str) -> None:
        self.source(slug).errors[kind] += 1
        if len(self.error_samples) < MAX_ERROR_SAMPLES:
            self.error_samples.append({"kind": kind, "url": url, "message": message, "source": slug})

    def totals(self) -> SourceTally:
        total = SourceTally()
        for tally in self.by_source.values():
            total.add(tally)
        return total


def start_run(store: ArchiveStore, start_urls: list[str], sources: list[str]) -> int:
    with store.session() as session, session.begin():
        run = CrawlRun(started_at=utcnow(), status="running", start_urls=start_urls, sources=sources)
        session.add(run)
        session.flush()
        return run.id


def finish_run(
    store: ArchiveStore, run_id: int, tally: RunTally, status: str, close_reason: str | None
) -> None:
    total = tally.totals()
    with store.session() as session, session.begin():
        run = session.get(CrawlRun, run_id)
        if run is None:
            raise ArchiveError(f"crawl run {run_id} does not exist")
        run.finished_at = utcnow()
        run.status = status
        run.close_reason = close_reason
        run.pages_fetched = total.pages
        run.documents_new = total.outcomes[FetchOutcome.NEW.value]
        run.documents_changed = total.outcomes[FetchOutcome.CHANGED.value]
        run.documents_unchanged = total.outcomes[FetchOutcome.UNCHANGED.value]
        run.documents_duplicate = total.outcomes[FetchOutcome.DUPLICATE.value]
        run.documents_removed = total.outcomes[FetchOutcome.REMOVED.value]
        run.documents_failed = total.failed
        run.needs_ocr = total.needs_ocr
        run.mentions = dict(total.mentions)
        run.errors = dict(total.errors)
        run.error_samples = list(tally.error_samples)
        run.source_results = {slug: source.to_dict() for slug, source in sorted(tally.by_source.items())}


def broken_sources(run: CrawlRun) -> list[str]:
    """The sources of a run that archived nothing: likely a moved page or a new site layout."""
    results = run.source_results or {}
    return sorted(slug for slug, result in results.items() if result.get("status") != SOURCE_OK)


def run_to_dict(run: CrawlRun) -> dict[str, Any]:
    """One run as ``vigie runs --format json`` prints it (a public contract: extend, never rename)."""
    return {
        "id": run.id,
        "started_at": iso_utc(run.started_at),
        "finished_at": iso_utc(run.finished_at),
        "status": run.status,
        "close_reason": run.close_reason,
        "sources": list(run.sources or []),
        "start_urls": list(run.start_urls or []),
        "counts": {
            "pages": run.pages_fetched,
            "new": run.documents_new,
            "changed": run.documents_changed,
            "unchanged": run.documents_unchanged,
            "duplicate": run.documents_duplicate,
            "removed": run.documents_removed or 0,
            "failed": run.documents_failed,
            "needs_ocr": run.needs_ocr,
            "errors": sum((run.errors or {}).values()),
            "mentions_new": sum((run.mentions or {}).values()),
        },
        "mentions_by_category": dict(sorted((run.mentions or {}).items())),
        "errors_by_kind": dict(sorted((run.errors or {}).items())),
        "broken_sources": broken_sources(run),
        "source_results": run.source_results or {},
    }


def list_runs(store: ArchiveStore, limit: int | None = None) -> list[CrawlRun]:
    """Past runs, newest first."""
    with store.session() as session:
        query = select(CrawlRun).order_by(CrawlRun.id.desc())
        if limit:
            query = query.limit(limit)
        return list(session.scalars(query))


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """One source over the last runs that crawled it, newest first (City Scrapers' badges)."""

    slug: str
    statuses: list[str]  # ok, empty, failed, per run
    last_ok: dt.datetime | None
    documents: int  # archived over those runs

    @property
    def badge(self) -> str:
        if not self.statuses:
            return "never crawled"
        if self.statuses[0] == SOURCE_OK:
            return "passing" if all(status == SOURCE_OK for status in self.statuses) else "recovered"
        return "failing"

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "badge": self.badge,
            "statuses": self.statuses,
            "last_ok": iso_utc(self.last_ok),
            "documents": self.documents,
        }


def source_health(store: ArchiveStore, last: int, slugs: list[str] | None = None) -> list[SourceHealth]:
    """Health of every source seen in the runs (and of ``slugs``, even if never crawled)."""
    statuses: dict[str, list[str]] = {slug: [] for slug in slugs or []}
    last_ok: dict[str, dt.datetime] = {}
    documents: Counter[str] = Counter()
    for run in list_runs(store):
        for slug, result in (run.source_results or {}).items():
            history = statuses.setdefault(slug, [])
            if len(history) >= last:
                continue
            history.append(result.get("status", SOURCE_FAILED))
            documents[slug] += sum(result.get(o.value, 0) for o in FetchOutcome if o != FetchOutcome.REMOVED)
            if result.get("status") == SOURCE_OK and slug not in last_ok:
                last_ok[slug] = run.started_at
    return [
        SourceHealth(slug, history, last_ok.get(slug), documents[slug])
        for slug, history in sorted(statuses.items())
    ]


LOST = "lost: its process ended without closing it"


def close_lost_runs(store: ArchiveStore, sources: list[str]) -> list[int]:
    """Mark ``interrupted`` the runs still ``running`` that crawled one of ``sources``; their ids.

    Call it holding those sources' locks (``ArchiveLock.acquire_sources``): a live run holds
    the locks of all its sources, so a run still marked running over one of them has died
    (killed, or its machine lost) without recording its end. Everything it archived stays.
    """
    wanted = set(sources)
    with store.session() as session, session.begin():
        lost = [
            run
            for run in session.scalars(select(CrawlRun).where(CrawlRun.status == "running"))
            if wanted & set(run.sources or [])
        ]
        for run in lost:
            run.status = "interrupted"
            run.close_reason = LOST
        return [run.id for run in lost]
