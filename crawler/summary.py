"""The one-screen summary printed at the end of a crawl (and its one-line form for cron)."""

from __future__ import annotations

from dataclasses import dataclass

from archive import DatabaseLocation
from archive.models import CrawlRun
from archive.runs import ARCHIVE_FAILED, broken_sources

MAX_SAMPLES = 8
MAX_SOURCE_LINES = 40


@dataclass(frozen=True, slots=True)
class OcrQueue:
    """The archive's scans still waiting for their text after the run, not only this run's: a
    second crawl archives no scan again, yet the first one's still waits."""

    queued: int  # 'vigie ocr' takes them
    failed: int = 0  # failed before: only 'vigie ocr --retry-failed' takes them


def format_summary(
    run: CrawlRun, location: DatabaseLocation, queue: OcrQueue | None = None, archive_args: str = ""
) -> str:
    """``queue``: the archive's OCR queue (this run's scans when None); ``archive_args``: the
    ``--db``/``--files-dir`` of the suggested command, so that it works when copied."""
    elapsed = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0.0
    results = run.source_results or {}
    lines = [
        f"Vigie crawl #{run.id}: {run.status} ({_reason(run.close_reason)}) in {elapsed:.1f} s",
        f"  start pages        {_start_pages(run)}",
        f"  pages fetched      {run.pages_fetched}",
        f"  documents          {run.documents_new} new, {run.documents_changed} changed, "
        f"{run.documents_unchanged} unchanged, {run.documents_duplicate} already archived from another URL, "
        f"{run.documents_removed or 0} removed",
        f"  needs OCR          {_ocr_queue(run, queue, archive_args)}",
        f"  new mentions       {_mentions(run.mentions)}",
    ]
    total_errors = sum(run.errors.values())
    if total_errors:
        by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(run.errors.items()))
        lines.append(f"  errors             {total_errors} ({by_kind})")
        for sample in run.error_samples[:MAX_SAMPLES]:
            lines.append(f"    {sample['kind']:<18} {sample['url']}  {sample['message'][:80]}")
        if len(run.error_samples) > MAX_SAMPLES:
            lines.append(f"    … {total_errors - MAX_SAMPLES} more in crawl run #{run.id}")
    else:
        lines.append("  errors             none")
    if run.errors.get(ARCHIVE_FAILED):
        lines.append(
            f"  NOT ARCHIVED       {run.errors[ARCHIVE_FAILED]} document(s): disk full or database error "
            f"(see {ARCHIVE_FAILED} above); this run fails"
        )
    if len(results) > 1 or run.sources:
        lines.append(f"  sources            {len(results)}, {len(broken_sources(run))} look broken")
        shown = sorted(results.items(), key=lambda item: (item[1].get("status") == "ok", item[0]))
        for slug, result in shown[:MAX_SOURCE_LINES]:
            flag = "" if result.get("status") == "ok" else f"  <- {result.get('status')}: likely broken"
            lines.append(
                f"    {slug:<34} {result.get('pages', 0):>5} pages {result.get('new', 0):>4} new "
                f"{result.get('changed', 0):>3} changed {result.get('removed', 0):>3} removed "
                f"{result.get('errors', 0):>3} errors{flag}"
            )
        if len(shown) > MAX_SOURCE_LINES:
            lines.append(f"    … {len(shown) - MAX_SOURCE_LINES} more: 'vigie runs --format json'")
    where = location.sqlite_path if location.is_sqlite else location.display
    lines.append(f"  archive            {where} (original files in {location.files_dir})")
    return "\n".join(lines)


def format_summary_line(run: CrawlRun) -> str:
    """One line for cron mail: what changed, what broke."""
    broken = broken_sources(run)
    return (
        f"vigie crawl #{run.id} {run.status}: {run.pages_fetched} pages, {run.documents_new} new, "
        f"{run.documents_changed} changed, {run.documents_removed or 0} removed, "
        f"{sum(run.mentions.values())} new mentions, {sum(run.errors.values())} errors"
        + (f", {len(broken)} source(s) look broken: {', '.join(broken[:10])}" if broken else "")
        + (
            f", {lost} NOT ARCHIVED (disk full or database error)"
            if (lost := run.errors.get(ARCHIVE_FAILED))
            else ""
        )
    )


def _ocr_queue(run: CrawlRun, queue: OcrQueue | None, archive_args: str) -> str:
    queue = queue or OcrQueue(run.needs_ocr)
    waiting = queue.queued + queue.failed
    if not waiting:
        return "0"
    # The command ends the line, unquoted, so that it can be copied whatever quotes its paths need.
    command = " ".join(["vigie ocr", *([archive_args] if archive_args else [])])
    failed = f", {queue.failed} failed before" if queue.failed else ""
    retry = " --retry-failed" if queue.failed else ""
    return f"{waiting} in the archive, {run.needs_ocr} from this run{failed}; OCR them with: {command}{retry}"


def _start_pages(run: CrawlRun) -> str:
    if run.sources:
        return f"{len(run.start_urls)} of {len(run.sources)} registered source(s)"
    return ", ".join(run.start_urls)


def _reason(close_reason: str | None) -> str:
    names = {
        "finished": "nothing left to fetch",
        "closespider_pagecount": "page limit reached",
        "shutdown": "stopped by a signal such as Ctrl-C",
    }
    reasons = [reason.strip() for reason in (close_reason or "").split(",") if reason.strip()]
    return ", ".join(names.get(reason, reason) for reason in reasons) or "unknown"


def _mentions(by_category: dict[str, int]) -> str:
    if not by_category:
        return "none"
    total = sum(by_category.values())
    return f"{total} (" + ", ".join(f"{c} {n}" for c, n in sorted(by_category.items())) + ")"
