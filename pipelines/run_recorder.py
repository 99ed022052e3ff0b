"""What one ``vigie crawl`` run has done so far, shared by its crawlers, and its journal.

One run may drive several Scrapy crawlers at once (one per platform: generic, prefecture RAA,
CSV listings). They all count into one ``RunRecorder``, which ``crawler.runner`` hands to each
crawler's ``CrawlContext`` (``pipelines.crawl_context``), where the crawl's components find it.

With a job folder (``vigie crawl --job-dir``), every counted event is also appended to
``journal.jsonl`` there, one flushed line per event, right after the archive committed it.
A run killed with ``kill -9`` and resumed thus keeps its counts, and knows which URLs it had
already archived: those are replayed from the archive instead of being fetched again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from archive.records import FetchOutcome
from archive.runs import RunTally

JOURNAL = "journal.jsonl"


class RunRecorder:
    def __init__(self, run_id: int, job_dir: Path | None = None) -> None:
        self.run_id = run_id
        self.tally = RunTally()
        self.done: dict[str, str] = {}  # URL → sha256 archived by this run (for replays)
        self.close_reasons: list[str] = []
        self._journal: IO[str] | None = None
        if job_dir is not None:
            job_dir.mkdir(parents=True, exist_ok=True)
            path = job_dir / JOURNAL
            if path.exists():
                self._replay(path)
            self._journal = path.open("a", encoding="utf-8")

    # -- events ------------------------------------------------------------------------------

    def page(self, source: str) -> None:
        self.tally.source(source).pages += 1
        self._write({"p": source})

    def outcome(
        self, source: str, url: str, sha256: str, outcome: FetchOutcome, categories: list[str], **flags: bool
    ) -> None:
        self._count_outcome(source, url, sha256, outcome.value, categories, flags)
        self._write({"o": outcome.value, "s": source, "u": url, "h": sha256, "m": categories, **flags})

    def start_failed(self, source: str) -> None:
        self.tally.source(source).start_failures += 1
        self._write({"sf": source})

    def error(self, source: str, kind: str, url: str, message: str) -> None:
        self.tally.add_error(source, kind, url, message)
        self._write({"e": kind, "s": source, "u": url, "msg": message})

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    # -- journal -----------------------------------------------------------------------------

    def _count_outcome(
        self, source: str, url: str, sha256: str, outcome: str, categories: list[str], flags: dict[str, Any]
    ) -> None:
        self.tally.add_outcome(source, FetchOutcome(outcome), categories)
        tally = self.tally.source(source)
        tally.failed += bool(flags.get("failed"))
        tally.needs_ocr += bool(flags.get("needs_ocr"))
        if sha256:
            self.done[url] = sha256

    def _write(self, event: dict[str, Any]) -> None:
        if self._journal is not None:
            self._journal.write(json.dumps(event, ensure_ascii=False) + "\n")
            self._journal.flush()  # in the kernel's hands: survives kill -9 of this process

    def _replay(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue  # the last line of a killed run may be cut short
            if "p" in event:
                self.tally.source(event["p"]).pages += 1
            elif "o" in event:
                flags = {name: event.get(name, False) for name in ("failed", "needs_ocr")}
                self._count_outcome(event["s"], event["u"], event["h"], event["o"], event["m"], flags)
            elif "sf" in event:
                self.tally.source(event["sf"]).start_failures += 1
            elif "e" in event:
                self.tally.add_error(event["s"], event["e"], event["u"], event["msg"])
