"""Safe under cron: one writer at a time, resumable after kill -9, quiet output, exit codes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests import realdocs
from tests.conftest import FAST, invoke_vigie, rows, run_vigie, vigie_command, vigie_env
from tests.httpsite import StaticSite

HTML = "text/html; charset=utf-8"
PDFS = [
    realdocs.DELIB_VIDEOPROTECTION,
    realdocs.DELIB_BUDGET,
    realdocs.DELIB_POESIE,
    realdocs.DELIB_CLSPD,
    realdocs.COUTHENANS_CR,
]


def big_site(delay: float) -> StaticSite:
    """Ten séance pages, each with PDFs (real ones, made distinct by a trailing comment)."""
    pages: dict[str, tuple[str, bytes]] = {}
    links = []
    for number in range(1, 11):
        links.append(f'<li><a href="/seances/seance-{number}.html">Séance du conseil n°{number}</a></li>')
        docs = []
        for index, pdf in enumerate(PDFS[:3]):
            path = f"/seances/{number}/deliberation-{index}.pdf"
            body = pdf.read_bytes() + f"\n% seance {number} piece {index}\n".encode()
            pages[path] = ("application/pdf", body)
            docs.append(f'<li><a href="{path}">Délibération {number}-{index}</a></li>')
        pages[f"/seances/seance-{number}.html"] = (
            HTML,
            f"<html><body><h1>Séance n°{number}</h1><ul>{''.join(docs)}</ul></body></html>".encode(),
        )
    pages["/conseil-municipal/"] = (
        HTML,
        f"<html><body><h1>Conseil</h1><ul>{''.join(links)}</ul></body></html>".encode(),
    )
    return StaticSite(pages=pages, delay=delay).start()


def start_crawl(site: StaticSite, work: Path, *extra: str) -> subprocess.Popen:
    url = site.url + "/conseil-municipal/"
    return subprocess.Popen(
        vigie_command("crawl", url, "--db", str(work / "vigie.db"), *FAST, *extra),
        cwd=work,
        env=vigie_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def resume_crawl(site: StaticSite, work: Path, job: Path) -> subprocess.CompletedProcess:
    """The same crawl again, on the job folder a stopped or killed one left."""
    url = site.url + "/conseil-municipal/"
    return run_vigie("crawl", url, "--db", str(work / "vigie.db"), *FAST, "--job-dir", str(job), cwd=work)


def documents_in(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> tuple:
    return (
        sorted(
            rows(db, "SELECT u.url, d.sha256 FROM document_urls u JOIN documents d ON d.id = u.document_id")
        ),
        sorted(
            rows(
                db,
                "SELECT d.sha256, m.category, m.start FROM mentions m JOIN documents d ON d.id = m.document_id",
            )
        ),
    )


def reference_snapshot(site: StaticSite, tmp_path: Path) -> tuple:
    """What an uninterrupted crawl of ``site`` archives, for a stopped and resumed one to match."""
    reference = tmp_path / "reference"
    reference.mkdir()
    full = run_vigie(
        "crawl", site.url + "/conseil-municipal/", "--db", str(reference / "vigie.db"), *FAST, cwd=reference
    )
    assert full.returncode == 0, full.stderr
    return snapshot(reference / "vigie.db")


def test_a_second_concurrent_run_is_refused_with_exit_code_3(tmp_path: Path) -> None:
    site = big_site(delay=0.3)
    first = start_crawl(site, tmp_path)
    try:
        deadline = time.monotonic() + 60
        while documents_in(tmp_path / "vigie.db") == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        second = run_vigie(
            "crawl", site.url + "/conseil-municipal/", "--db", str(tmp_path / "vigie.db"), cwd=tmp_path
        )
        assert second.returncode == 3
        assert "busy" in second.stderr and "vigie crawl" in second.stderr and "Traceback" not in second.stderr
        assert first.poll() is None  # the first run goes on
        retag = invoke_vigie("retag", "--db", str(tmp_path / "vigie.db"), cwd=tmp_path)
        assert retag.returncode == 3 and "busy" in retag.stderr
    finally:
        first.kill()
        first.wait()
        site.stop()
    # The kernel released the lock with the killed process: the next run may write.
    third = invoke_vigie("runs", "--db", str(tmp_path / "vigie.db"), cwd=tmp_path)
    assert third.returncode == 0


def test_kill_9_then_resume_loses_nothing(tmp_path: Path) -> None:
    site = big_site(delay=0.05)
    try:
        expected = reference_snapshot(site, tmp_path)
        assert len(expected[0]) == 41  # index, 10 séances, 30 PDFs

        work = tmp_path / "killed"
        work.mkdir()
        job = work / "job"
        site.hits.clear()
        crawl = start_crawl(site, work, "--job-dir", str(job))
        deadline = time.monotonic() + 120
        while documents_in(work / "vigie.db") < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait()
        archived_before = documents_in(work / "vigie.db")
        assert 12 <= archived_before < 41, "the kill came too late to test anything"
        journaled = {
            json.loads(line)["u"].removeprefix(site.url)
            for line in (job / "journal.jsonl").read_text(encoding="utf-8").splitlines()
            if line.endswith("}") and '"o"' in line
        }
        assert journaled

        site.hits.clear()
        resumed = resume_crawl(site, work, job)
        assert resumed.returncode == 0, resumed.stderr
        assert snapshot(work / "vigie.db") == expected
        # One run, resumed: it counts what was archived before the kill too. The documents of
        # a group commit that the kill caught between the commit and its journal lines count as
        # seen again: a few at most (under load, two were seen), never lost nor doubled.
        ((run_id, status, new, unchanged),) = rows(
            work / "vigie.db", "SELECT id, status, documents_new, documents_unchanged FROM crawl_runs"
        )
        assert (run_id, status, new + unchanged) == (1, "completed", 41) and new >= 36
        # What the journal says was archived is not downloaded again.
        refetched = {hit.path for hit in site.hits}
        assert not refetched & journaled
        assert list(job.iterdir()) == []  # a completed job leaves its folder empty
    finally:
        site.stop()


def test_ctrl_c_stops_without_fetching_what_waits_behind_the_polite_delay_and_resume_gets_it(
    tmp_path: Path,
) -> None:
    """At one request a second, Scrapy's graceful stop used to fetch every request it had queued
    for the site (16 more, 20 s) before exiting; now the unsent ones go back to the job folder."""
    site = big_site(delay=0)
    try:
        expected = reference_snapshot(site, tmp_path)

        work = tmp_path / "stopped"
        work.mkdir()
        job = work / "job"
        site.hits.clear()
        # The polite delay of a real crawl, after FAST's: the last --delay given is the one used.
        crawl = start_crawl(site, work, "--delay", "1", "--job-dir", str(job))
        deadline = time.monotonic() + 60
        while len(site.hits) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        before_stop = len(site.hits)
        crawl.send_signal(signal.SIGINT)
        _, err = crawl.communicate(timeout=120)
        assert crawl.returncode == 1 and "did not complete (shutdown)" in err and "Traceback" not in err
        # At most the one request on the wire when the signal came; the rest waited to be sent.
        assert len(site.hits) - before_stop <= 1
        ((status, failed, errors),) = rows(
            work / "vigie.db", "SELECT status, documents_failed, errors FROM crawl_runs"
        )
        assert (status, failed, json.loads(errors)) == ("interrupted", 0, {})

        resumed = resume_crawl(site, work, job)
        assert resumed.returncode == 0, resumed.stderr
        assert snapshot(work / "vigie.db") == expected
        ((status, failed),) = rows(work / "vigie.db", "SELECT status, documents_failed FROM crawl_runs")
        assert (status, failed) == ("completed", 0)
        assert list(job.iterdir()) == []
    finally:
        site.stop()


def test_quiet_prints_one_line_and_exit_1_when_a_source_archives_nothing(tmp_path: Path) -> None:
    site = big_site(delay=0)
    try:
        result = run_vigie(
            "crawl",
            site.url + "/conseil-municipal/",
            "--db",
            str(tmp_path / "vigie.db"),
            *FAST,
            "--quiet",
            cwd=tmp_path,
        )
        assert result.returncode == 0
        assert result.stdout.count("\n") == 1 and "41 new" in result.stdout
        assert result.stderr == ""
        broken = run_vigie(
            "crawl",
            site.url + "/nulle-part/",
            "--db",
            str(tmp_path / "vigie.db"),
            *FAST,
            "--quiet",
            cwd=tmp_path,
        )
        assert broken.returncode == 1
        assert "look broken" in broken.stdout and "look broken" in broken.stderr
    finally:
        site.stop()
