"""``vigie crawl --job-dir DIR``: a crawl that survives being stopped, even by ``kill -9``.

The folder holds, per platform crawler, Scrapy's own JOBDIR (its request queue and seen
requests, saved when Scrapy stops cleanly: Ctrl-C, SIGTERM from cron or systemd), and Vigie's
``state.json`` (the run being resumed) and ``journal.jsonl`` (``pipelines.run_recorder``).

Started again with the same folder, the crawl resumes the same run:
- after a clean stop, Scrapy's saved queue goes on where it stopped;
- after ``kill -9``, Scrapy's queue files were never closed and cannot be trusted, so they
  are dropped; the crawl walks the site from its start pages again, and every URL the
  journal says was archived is answered from the archive without a download.
Either way nothing committed is lost, and the run's counts include the part before the stop.
A run that completes empties the folder, so that the next night starts afresh.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

STATE = "state.json"
RUNNING, STOPPED = "running", "stopped"


class JobDir:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def scrapy_dir(self, platform: str) -> Path:
        return self.path / f"scrapy-{platform}"

    def resumable_run(self) -> int | None:
        """The run to resume, after making the folder safe to resume from."""
        state_file = self.path / STATE
        if not state_file.exists():
            return None
        try:
            state = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        if state.get("state") == RUNNING:
            # The last process died without closing Scrapy's queues: drop them, keep the journal.
            for scrapy_dir in self.path.glob("scrapy-*"):
                shutil.rmtree(scrapy_dir, ignore_errors=True)
        run_id = state.get("run_id")
        return int(run_id) if isinstance(run_id, int) else None

    def mark(self, run_id: int, state: str) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / STATE).write_text(json.dumps({"run_id": run_id, "state": state}), encoding="utf-8")

    def clear(self) -> None:
        for child in self.path.iterdir():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
