"""A crawl that cannot write what it fetched fails loudly: exit 1 and a summary line.

The full disk is a file-size limit (``RLIMIT_FSIZE``) on the crawl process: every write that
would grow a file past it fails with ``EFBIG``, which SQLite reports as a full disk, as a
full filesystem would, without needing root or a small filesystem.
"""

from __future__ import annotations

import resource
import signal
import subprocess
from pathlib import Path

from tests import realdocs
from tests.conftest import FAST, rows, vigie_command, vigie_env
from tests.httpsite import StaticSite

LIMIT = 400_000  # bytes per file: the small pages fit, the 1.2 MB minutes do not


def _full_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def test_documents_lost_for_lack_of_space_fail_the_crawl(tmp_path: Path) -> None:
    home = b'<html><body><main><h1>Conseil municipal</h1><a href="/pv.pdf">PV</a></main></body></html>'
    site = StaticSite(
        pages={
            "/": ("text/html", home),
            "/pv.pdf": ("application/pdf", realdocs.PV_255_PAGES.read_bytes()),
        }
    ).start()
    db = tmp_path / "full.db"
    try:
        result = subprocess.run(
            vigie_command("crawl", site.url, "--db", str(db), *FAST),
            env=vigie_env(),
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=_full_disk,
        )
    finally:
        site.stop()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "NOT ARCHIVED       1 document(s)" in result.stdout
    assert "archive_failed" in result.stdout
    assert "could not be archived" in result.stderr and "Traceback" not in result.stderr
    # What fitted is kept: the home page is archived, the run is recorded with the loss.
    assert [url for (url,) in rows(db, "SELECT url FROM document_urls")] == [site.url]
    errors = rows(db, "SELECT errors FROM crawl_runs")[0][0]
    assert "archive_failed" in errors
