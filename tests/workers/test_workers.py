"""Three ``vigie worker`` processes crawl twelve sites from one queue into one PostgreSQL archive;
one is killed (SIGKILL) while it crawls a slow site, and the other two finish that site.

Nothing is lost or archived twice: the archive holds what one ``vigie crawl`` of the same twenty
sites into an SQLite file holds, export for export (times and ids aside). Twelve sites are four
jobs per worker: enough for the queue to hand each worker several, and for the killed worker's
site to be taken up while the others still have jobs waiting.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from archive import ArchiveStore, resolve_location
from tests.conftest import FAST, invoke_vigie, run_vigie, vigie_command, vigie_env
from tests.postgres import PostgresServer
from tests.workers.sites import Communes, serve_communes

SITES = 12
SLOW = 0  # the site being crawled when its worker is killed (queued first)
# Fast timings: heartbeats every second, a worker silent for 3 s is dead, upkeep every second.
TIMINGS = {
    "VIGIE_WORKER_HEARTBEAT": "1",
    "VIGIE_WORKER_STALLED_AFTER": "3",
    "VIGIE_WORKER_STALLED_CHECK": "1",
    "VIGIE_WORKER_POLL": "0.5",
    "VIGIE_EXTRACT_WORKERS": "1",
}
# What differs between two crawls of the same sites: when, in which order, by which run.
VOLATILE = {"id", "fetched_at", "first_seen_at", "last_seen_at", "url", "source"}


@pytest.fixture(scope="module")
def communes() -> Iterator[Communes]:
    served = serve_communes(SITES, slow=SLOW)
    try:
        yield served
    finally:
        served.stop()


def comparable(export: str) -> list[dict[str, Any]]:
    """Export records without what legitimately varies (the first URL of a document seen at many
    depends on which crawl wrote it first), sorted by content."""
    records = []
    for line in export.splitlines():
        record = {key: value for key, value in json.loads(line).items() if key not in VOLATILE}
        record["urls"] = sorted(record["urls"])
        record["registry_sources"] = sorted(record.get("registry_sources") or [])
        records.append(record)
    return sorted(records, key=lambda record: (record["sha256"], record["urls"]))


def start_worker(name: str, url: str, files: Path, registry: Path, cwd: Path) -> subprocess.Popen[bytes]:
    log = (cwd / f"{name}.log").open("wb")
    return subprocess.Popen(
        vigie_command(
            "worker", "--db", url, "--files-dir", str(files), "--name", name,
            "--registry", str(registry), "--no-shipped", "--grace", "5",
        ),
        cwd=cwd,
        env=vigie_env(TIMINGS),
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def queue_json(url: str, cwd: Path) -> dict[str, Any]:
    result = invoke_vigie("queue", "--db", url, "--format", "json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def wait_for(condition: Any, timeout: float, what: str, every: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.postgresql
def test_a_killed_worker_s_source_is_finished_by_the_others(
    communes: Communes, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    registry = communes.write_registry(tmp_path / "communes.toml")
    sources = [arg for slug in communes.slugs for arg in ("--source", slug)]
    url = postgres_server.url(postgres_server.create_database())
    files = tmp_path / "shared-files"
    slow = communes.slug(SLOW)

    queued = run_vigie(
        "crawl", *sources, "--enqueue", *FAST, "--db", url, "--registry", str(registry), "--no-shipped",
        cwd=tmp_path,
    )  # fmt: skip
    assert queued.returncode == 0, queued.stderr
    assert f"Queued {SITES} crawl job(s)" in queued.stdout
    again = run_vigie(
        "crawl", "--source", slow, "--enqueue", "--db", url, "--registry", str(registry), "--no-shipped",
        cwd=tmp_path,
    )  # fmt: skip
    assert "Queued 0 crawl job(s); 1 source(s) already had one waiting" in again.stdout
    assert queue_json(url, tmp_path)["counts"]["crawl"]["waiting"] == SITES

    # The archive and its search index first, so that the index's triggers follow the concurrent writes.
    ArchiveStore(resolve_location(url, str(files))).close()
    assert invoke_vigie("index", "--db", url, cwd=tmp_path).returncode == 0

    workers = {name: start_worker(name, url, files, registry, tmp_path) for name in ("w1", "w2", "w3")}
    try:
        # The slow site's crawl is under way (some of its pages fetched): kill its worker.
        def slow_crawl() -> dict[str, Any] | None:
            running = queue_json(url, tmp_path)["running"]
            job = next((job for job in running if job["target"] == slow and job["held_by"]), None)
            return job if job and len(communes.sites[SLOW].hits) >= 4 else None

        job = wait_for(slow_crawl, 40, "the slow site's crawl")
        victim = next(name for name in workers if f"worker {name}," in job["held_by"])
        workers[victim].send_signal(signal.SIGKILL)
        workers[victim].wait()
        hits_at_kill = len(communes.sites[SLOW].hits)

        def finished() -> bool:  # read from procrastinate's table: cheaper than 'vigie queue'
            with psycopg.connect(url) as connection:
                row = connection.execute(
                    "SELECT count(*) FROM procrastinate_jobs WHERE queue_name = 'crawl' "
                    "AND status IN ('todo', 'doing')"
                ).fetchone()
            return row == (0,)

        wait_for(finished, 300, "the queue to be done", every=1.0)
        counts = queue_json(url, tmp_path)["counts"]["crawl"]
        assert counts == {"waiting": 0, "running": 0, "failed": 0, "done": SITES}, _logs(tmp_path)
        # The slow site was crawled again, to its end, by a surviving worker.
        assert len(communes.sites[SLOW].hits) > hits_at_kill
        survivors = [name for name in workers if name != victim]
        logs = {name: (tmp_path / f"{name}.log").read_text(errors="replace") for name in workers}
        assert any(f"{slow}: " in logs[name] for name in survivors), _logs(tmp_path)

        # SIGTERM: the surviving workers stop cleanly.
        for name in survivors:
            workers[name].send_signal(signal.SIGTERM)
        for name in survivors:
            assert workers[name].wait(timeout=30) == 0, logs[name]
    finally:
        for process in workers.values():
            if process.poll() is None:
                process.kill()
                process.wait()

    with psycopg.connect(url) as connection:
        twice = connection.execute(
            "SELECT url, count(*) FROM document_urls GROUP BY url HAVING count(*) > 1"
        ).fetchall()
        runs = connection.execute(
            "SELECT status, close_reason FROM crawl_runs WHERE sources::jsonb ? %s ORDER BY id", (slow,)
        ).fetchall()
        shared = connection.execute(
            "SELECT count(*) FROM document_urls WHERE url LIKE '%%/docs/recueil.pdf'"
        ).fetchone()
        indexed = connection.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM documents_search)"
        ).fetchone()
    assert twice == []
    assert indexed is not None and indexed[0] == indexed[1]  # every document in the search index
    found = invoke_vigie("search", "--db", url, '"extension du réseau"', "--format", "json", cwd=tmp_path)
    assert [hit["url"].endswith("/docs/recueil.pdf") for hit in json.loads(found.stdout)] == [True]
    # The killed crawl's run is closed as lost by the crawl that finished its source.
    assert runs[0][0] == "interrupted" and runs[0][1].startswith("lost")
    assert runs[-1][0] == "completed"
    assert shared == (SITES,)

    # The same sites, crawled by one process into SQLite, give the same archive.
    reference = tmp_path / "reference.db"
    single = run_vigie(
        "crawl", *sources, *FAST, "--db", str(reference), "--registry", str(registry), "--no-shipped", "-q",
        cwd=tmp_path, env={"VIGIE_EXTRACT_WORKERS": "1"},
    )  # fmt: skip
    assert single.returncode == 0, single.stderr
    ours = invoke_vigie("export", "--db", url, "--files-dir", str(files), "--format", "jsonl", cwd=tmp_path)
    theirs = invoke_vigie("export", "--db", str(reference), "--format", "jsonl", cwd=tmp_path)
    assert ours.returncode == 0 and theirs.returncode == 0, ours.stderr + theirs.stderr
    mine, expected = comparable(ours.stdout), comparable(theirs.stdout)
    # Per site: home, council page, 3 deliberations, its PDF; the slow one 27 more; the shared PDF once.
    assert len(mine) == len(expected) == SITES * 6 + 27 + 1
    assert mine == expected
    # Every original is in the shared store, once.
    stored = [path for path in files.rglob("*") if path.is_file()]
    assert sorted(path.name for path in stored) == sorted(record["sha256"] for record in expected)


def _logs(folder: Path) -> str:
    return "\n".join(
        f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
        for path in sorted(folder.glob("w*.log"))
    )


def test_workers_need_a_server_database(tmp_path: Path) -> None:
    for args in (["worker"], ["queue"], ["crawl", "--all", "--enqueue"], ["ocr", "--enqueue"]):
        result = invoke_vigie(*args, "--db", str(tmp_path / "archive.db"), cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.strip().splitlines() == [
            "Error: workers and the queue need a PostgreSQL archive (--db postgresql://…): "
            "an SQLite file has one writer at a time"
        ], args
    assert not (tmp_path / "archive.db").exists()
    nowhere = f"postgresql://vigie@/vigie?host={tmp_path / 'no-server'}"
    for args in (["queue"], ["worker"]):
        result = invoke_vigie(*args, "--db", nowhere, cwd=tmp_path)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_the_queue_s_timings_are_checked(tmp_path: Path) -> None:
    for name, value, error in [
        ("VIGIE_WORKER_STALLED_CHECK", "7", "VIGIE_WORKER_STALLED_CHECK must divide 60"),
        ("VIGIE_WORKER_HEARTBEAT", "soon", "VIGIE_WORKER_HEARTBEAT must be a number of seconds, not 'soon'"),
        (
            "VIGIE_WORKER_STALLED_AFTER",
            "5",
            "VIGIE_WORKER_STALLED_AFTER must be longer than VIGIE_WORKER_HEARTBEAT",
        ),
    ]:
        result = invoke_vigie("worker", "--db", "postgresql://vigie@/vigie", cwd=tmp_path, env={name: value})
        assert result.returncode == 2 and result.stderr.startswith(f"Error: {error}"), result.stderr
