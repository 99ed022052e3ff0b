"""The one-screen summary printed at the end of a crawl."""

from __future__ import annotations

from archive import DatabaseLocation
from archive.models import CrawlRun

MAX_SAMPLES = 8


def format_summary(run: CrawlRun, location: DatabaseLocation) -> str:
    elapsed = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0.0
    lines = [
        f"Vigie crawl #{run.id}: {run.status} ({_reason(run.close_reason)}) in {elapsed:.1f} s",
        f"  start pages        {', '.join(run.start_urls)}",
        f"  pages fetched      {run.pages_fetched}",
        f"  documents          {run.documents_new} new, {run.documents_changed} changed, "
        f"{run.documents_unchanged} unchanged, {run.documents_duplicate} already archived from another URL",
        f"  needs OCR          {run.needs_ocr}"
        + (" (queued: 'vigie ocr' gives them their text)" if run.needs_ocr else ""),
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
    where = location.url.removeprefix("sqlite:///")
    lines.append(f"  archive            {where} (original files in {location.files_dir})")
    return "\n".join(lines)


def _reason(close_reason: str | None) -> str:
    return {
        "finished": "nothing left to fetch",
        "closespider_pagecount": "page limit reached",
        "shutdown": "stopped by a signal such as Ctrl-C",
    }.get(close_reason or "", close_reason or "unknown")


def _mentions(by_category: dict[str, int]) -> str:
    if not by_category:
        return "none"
    total = sum(by_category.values())
    return f"{total} (" + ", ".join(f"{c} {n}" for c, n in sorted(by_category.items())) + ")"
