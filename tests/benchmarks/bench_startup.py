"""Start-up: whole ``vigie --help`` and ``vigie tag`` processes beside ``python -c pass``.

    python tests/benchmarks/bench_startup.py [--runs 10] [--output results/startup.json]

Each command is started ``--runs`` times as a new process; the median wall time is reported.
The target (≤ 0.5 s) holds for the whole process: the CLI imports Scrapy, SQLAlchemy and the
HTML stack only in the commands that need them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.benchmarks.common import Row, bench_main, machine, rows_dicts  # noqa: E402

TARGET_S = 0.5


def _median_seconds(command: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run(runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        one_line = Path(folder) / "one-line.txt"
        one_line.write_text("Le conseil approuve l'extension de la vidéoprotection.\n", encoding="utf-8")
        python = _median_seconds([sys.executable, "-c", "pass"], runs)
        commands = {
            "vigie --help": [sys.executable, "-m", "cli", "--help"],
            "vigie tag (one-line file)": [sys.executable, "-m", "cli", "tag", str(one_line)],
        }
        seconds = {name: _median_seconds(command, runs) for name, command in commands.items()}
    rows = [
        Row(
            f"start-up: {name}",
            f"{value:.2f} s",
            f"python -c pass {python:.2f} s",
            round(python / value, 2),
            f"≤ {TARGET_S} s",
            value <= TARGET_S,
        )
        for name, value in seconds.items()
    ]
    return {
        "benchmark": "startup",
        "machine": machine(),
        "runs": runs,
        "python_s": round(python, 3),
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
        "rows": rows_dicts(rows),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    return bench_main(argv, __doc__, run, 10, "startup")


if __name__ == "__main__":
    main()
