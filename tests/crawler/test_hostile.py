"""One real crawl of a hostile site (tests/hostile_site.py): every attack at once, one test each.

The crawl runs in a subprocess under a small wrapper that reports the largest resident memory
of the crawl and of every process it started (``RUSAGE_CHILDREN``), and with Scrapy's stats in
its log, where the reactor stall monitor writes the longest stall.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FAST, rows, vigie_command, vigie_env
from tests.hostile_site import HostileSite, Recorder
from tests.httpsite import StaticSite

GB = 1024**3
# Runs a command and prints, last, the largest RSS (kB) of it and its descendants. A subreaper
# (Linux's PR_SET_CHILD_SUBREAPER), so that the descendants the crawl leaves to finish after it
# (its fork server, whose children are the extraction workers) are waited for here and counted.
_MEASURE = (
    "import ctypes, os, resource, subprocess, sys\n"
    "ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "while True:\n"
    "    try:\n"
    "        os.wait()\n"
    "    except ChildProcessError:\n"
    "        break\n"
    "print('max_rss_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class HostileCrawl:
    site: HostileSite
    elsewhere: Recorder
    db: Path
    result: subprocess.CompletedProcess[str]
    max_rss: int  # bytes

    def stat(self, name: str) -> int:
        found = re.search(rf"'{re.escape(name)}': (\d+)", self.result.stderr)
        return int(found.group(1)) if found else 0

    def documents(self) -> dict[str, tuple]:
        found = rows(
            self.db,
            "SELECT u.url, d.kind, d.error, d.extraction, d.id FROM document_urls u "
            "JOIN documents d ON d.id = u.document_id",
        )
        return {url.removeprefix(self.site.url): rest for url, *rest in found}

    def errors(self) -> list[tuple[str, str]]:
        found = rows(self.db, "SELECT error_samples FROM crawl_runs ORDER BY id DESC LIMIT 1")
        return [(sample["kind"], sample["url"]) for sample in json.loads(found[0][0] or "[]")]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileCrawl]:
    work = tmp_path_factory.mktemp("hostile")
    elsewhere = Recorder().start()
    site = HostileSite(elsewhere).start()
    try:
        command = [
            sys.executable,
            "-c",
            _MEASURE,
            *vigie_command("crawl", site.url, "--db", "h.db", *FAST, "-v"),
        ]
        result = subprocess.run(
            command, cwd=work, env=vigie_env(), capture_output=True, text=True, timeout=300
        )
        rss = int(re.search(r"max_rss_kb (\d+)", result.stderr).group(1)) * 1024  # type: ignore[union-attr]
        yield HostileCrawl(site, elsewhere, work / "h.db", result, rss)
    finally:
        site.stop()
        elsewhere.stop()


def test_the_crawl_finishes_and_archives_the_healthy_pages(hostile: HostileCrawl) -> None:
    assert hostile.result.returncode == 0, hostile.result.stdout + hostile.result.stderr[-3000:]
    assert "Traceback" not in hostile.result.stderr
    documents = hostile.documents()
    assert "/conseil/sain.html" in documents
    assert "/conseil/apres-profond.html" in documents  # the link below 100,000 <div>


def test_1_a_redirect_off_the_site_is_never_followed(hostile: HostileCrawl) -> None:
    """Item 1: a redirect to another port whose URL ends in /robots.txt."""
    assert hostile.elsewhere.hits == []
    hosts = {url.split("/")[2] for (url,) in rows(hostile.db, "SELECT url FROM document_urls")}
    assert hosts == {hostile.site.url.split("/")[2]}
    assert not [url for url in hostile.documents() if "robots" in url]


def test_2_deep_nesting_does_not_stall_the_reactor(hostile: HostileCrawl) -> None:
    """Item 2: 100,000 nested <div> held the reactor thread 72 s."""
    longest = hostile.stat("vigie/reactor/longest_stall_ms")
    assert 0 < longest < 2000, f"reactor stalled {longest} ms"
    assert hostile.stat("vigie/html_flattened") >= 1
    kind, _error, extraction, _id = hostile.documents()["/conseil/deep.html"]
    assert (kind, extraction) == ("html", "html-flattened")


def test_3_and_4_zip_bombs_stay_bounded_and_are_recorded(hostile: HostileCrawl) -> None:
    """Items 3 and 4: a 1.5 GB member in a 6.5 MB .odt and .docx; no process reaches 1 GB."""
    assert hostile.max_rss < 1 * GB, f"a crawl process reached {hostile.max_rss / GB:.2f} GB"
    documents = hostile.documents()
    odt_kind, odt_error, *_ = documents["/docs/bombe.odt"]
    docx_kind, docx_error, *_ = documents["/docs/bombe.docx"]
    assert docx_kind == "docx" and "unpacks to" in (docx_error or "")
    assert odt_kind in ("odt", "unknown") and odt_error  # archived, with its error
    kinds = {kind for kind, _url in hostile.errors()}
    assert {"office_too_large", "pdf_too_large"} <= kinds  # and a 600 MB PDF content stream


def test_5_one_page_cannot_amplify_into_mentions(hostile: HostileCrawl) -> None:
    """Item 5: one line of one term repeated: the first VIGIE_MAX_MENTIONS stored, the rest counted."""
    *_, document_id = hostile.documents()["/conseil/amplification.html"]
    stored = rows(hostile.db, "SELECT count(*) FROM mentions WHERE document_id = ?", document_id)[0][0]
    assert stored == 1000
    assert hostile.stat("vigie/mentions_over_limit") > 100_000
    with sqlite3.connect(hostile.db) as connection:
        size = sum(len(row[0] or "") for row in connection.execute("SELECT context FROM mentions"))
    assert size < 2_000_000


def test_5_search_answers_on_the_amplified_archive(hostile: HostileCrawl) -> None:
    """Item 5: afterwards, a search for "conseil" got no answer within 200 s.

    The page still holds its 125,000 words: FTS5's snippet() takes a time that grows with the
    square of a document's matches, so long documents get theirs from ``search.passages``.
    """
    for word, page in (("conseil", "/conseil/"), ("vidéoprotection", "amplification.html")):
        found = subprocess.run(
            vigie_command("search", word, "--db", str(hostile.db), "--facets"),
            env=vigie_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert found.returncode == 0, found.stderr
        assert page in found.stdout and f"[{word}]" in found.stdout.lower()


def test_10_a_long_link_and_a_redirect_loop_are_recorded_errors(hostile: HostileCrawl) -> None:
    """Item 10: both vanished without an error record."""
    kinds = [kind for kind, _url in hostile.errors()]
    assert "url_too_long" in kinds
    assert "redirect_loop" in kinds
    assert "url_too_long" in hostile.result.stdout and "redirect_loop" in hostile.result.stdout


def test_every_process_of_the_crawl_is_gone(hostile: HostileCrawl) -> None:
    """No extraction worker or resource tracker survives a finished crawl."""
    found = subprocess.run(["pgrep", "-f", str(hostile.db)], capture_output=True, text=True)
    assert found.stdout.strip() == ""


def _descendants(pid: int) -> list[int]:
    """Its children and theirs (extraction workers are the fork server's children)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found: list[int] = []
    wanted = {pid}
    while wanted:
        wanted = {child for child, parent in parents.items() if parent in wanted}
        found.extend(sorted(wanted))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_8_kill_9_of_a_crawl_leaves_no_worker_behind(tmp_path: Path) -> None:
    """Item 8: each kill -9 of a crawl left its extraction workers and resource tracker running."""
    pages = {"/": ("text/html", b"".join(b'<a href="/conseil/p%d.html">conseil</a>' % i for i in range(40)))}
    for i in range(40):
        pages[f"/conseil/p{i}.html"] = ("text/html", b"<p>Conseil municipal, vid\xc3\xa9oprotection.</p>")
    site = StaticSite(pages=pages, delay=0.2).start()
    crawl = subprocess.Popen(
        vigie_command("crawl", site.url, "--db", str(tmp_path / "k.db"), *FAST),
        env=vigie_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        # The resource tracker, the fork server and at least one extraction worker.
        while len(workers := _descendants(crawl.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) >= 3, "the crawl never started its worker processes"
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait(timeout=10)
        deadline = time.monotonic() + 5  # the bound: no Vigie process left within 5 s
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in workers if _alive(pid)], "orphaned processes of the killed crawl"
    finally:
        crawl.kill()
        site.stop()
