"""Workers: crawl pages/s with 1, 2 and 3 ``vigie worker`` processes on one queue, beside one
``vigie crawl`` of the same sources in one process, same sites, same run.

    python tests/benchmarks/bench_workers.py [--sites 12] [--pages 40]

Needs PostgreSQL's binaries (``scripts/setup-dev.sh``): the benchmark starts its own server as
the tests do (``tests/postgres.py``). The sites (``tests/workers/sites.py``) are served on
127.0.0.1; politeness is off (no delay, no AutoThrottle) so that the figure is the machine's,
not the sites'. Each measure crawls every site into a fresh database:

- Vigie: ``vigie crawl --all --enqueue``, then N workers until the queue is empty; pages/s is
  the pages every run fetched over the time from the first worker's start to the queue's end.
- anchor: ``vigie crawl --all`` of the same sources in one process (its crawlers run every
  source at once, in one reactor), the way a single machine crawls today.

Target: one more worker adds pages/s (2 workers faster than 1, 3 faster than 2). What one more
worker adds depends on the cores: each crawl is a process, extraction another; on a machine with
as many cores as workers, the sites' speed is the limit, not the queue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

import psycopg  # noqa: E402

from tests.benchmarks.common import Row, bench_arguments, machine, rows_dicts, write_and_print  # noqa: E402
from tests.postgres import PostgresServer, require_postgresql  # noqa: E402
from tests.workers.sites import serve_communes  # noqa: E402

FAST = ["--delay", "0", "-s", "AUTOTHROTTLE_ENABLED=False"]
ENV = {"VIGIE_WORKER_POLL": "0.5", "VIGIE_WORKER_HEARTBEAT": "2", "VIGIE_WORKER_STALLED_AFTER": "10"}


def vigie(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", *args]


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VIGIE_")}
    return {**env, **ENV, "PYTHONPATH": str(REPO)}


def pages_fetched(url: str) -> int:
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT coalesce(sum(pages_fetched), 0) FROM crawl_runs").fetchone()
    return int(row[0]) if row else 0


def with_workers(server: PostgresServer, registry: Path, count: int, folder: Path) -> tuple[int, float]:
    """Pages fetched and seconds taken by ``count`` workers emptying the queue of every source."""
    url = server.url(server.create_database())
    common = ["--db", url, "--registry", str(registry), "--no-shipped"]
    subprocess.run(vigie("crawl", "--all", "--enqueue", *FAST, *common), check=True, env=environment(),
                   capture_output=True)  # fmt: skip
    start = time.perf_counter()
    logs = [folder / f"worker-{count}-{n}.log" for n in range(count)]
    workers = [
        subprocess.Popen(
            vigie("worker", *common, "--files-dir", str(folder / f"files-{count}"), "--name", f"bench-{n}"),
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        for n, log in enumerate(logs)
    ]
    try:
        while True:
            for worker, log in zip(workers, logs, strict=True):
                if worker.poll() is not None:
                    raise RuntimeError(
                        f"a worker ended ({worker.returncode}):\n{log.read_text(errors='replace')}"
                    )
            status = subprocess.run(
                vigie("queue", "--db", url, "--format", "json"),
                env=environment(),
                capture_output=True,
                text=True,
            )
            counts = json.loads(status.stdout)["counts"]["crawl"]
            if counts["waiting"] == 0 and counts["running"] == 0:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(60)
    return pages_fetched(url), elapsed


def one_process(server: PostgresServer, registry: Path, folder: Path) -> tuple[int, float]:
    url = server.url(server.create_database())
    start = time.perf_counter()
    subprocess.run(
        vigie("crawl", "--all", *FAST, "--db", url, "--files-dir", str(folder / "files-single"),
              "--registry", str(registry), "--no-shipped", "-q"),
        check=True, env=environment(), capture_output=True,
    )  # fmt: skip
    return pages_fetched(url), time.perf_counter() - start


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "workers")
    parser.add_argument("--sites", type=int, default=12)
    parser.add_argument("--pages", type=int, default=40, help="deliberation pages per site")
    parser.add_argument("--workers", type=int, default=3, help="measure 1 to this many workers")
    args = parser.parse_args(argv)
    server = PostgresServer(require_postgresql())
    communes = serve_communes(args.sites, deliberations=args.pages)
    server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="vigie-bench-workers-") as tmp:
            folder = Path(tmp)
            registry = communes.write_registry(folder / "communes.toml")
            single_pages, single_s = one_process(server, registry, folder)
            measures = {n: with_workers(server, registry, n, folder) for n in range(1, args.workers + 1)}
    finally:
        server.stop()
        communes.stop()
    single_rate = single_pages / single_s
    rates = {n: pages / seconds for n, (pages, seconds) in measures.items()}
    rows = [
        Row(
            f"workers: {n} worker{'s' if n > 1 else ''}, {args.sites} sites",
            f"{rates[n]:.1f} pages/s",
            f"one vigie crawl {single_rate:.1f} pages/s",
            rates[n] / single_rate,
            "more pages/s than one worker fewer" if n > 1 else "(the base)",
            n == 1 or rates[n] > rates[n - 1],
        )
        for n in rates
    ]
    result = {
        "machine": machine(),
        "cores": os.cpu_count(),
        "sites": args.sites,
        "single": {"pages": single_pages, "seconds": round(single_s, 2)},
        "workers": {str(n): {"pages": p, "seconds": round(s, 2)} for n, (p, s) in measures.items()},
        "rows": rows_dicts(rows),
    }
    write_and_print(result, args.output)
    return result


if __name__ == "__main__":
    main()
