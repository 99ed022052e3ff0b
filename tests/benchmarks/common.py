"""What every benchmark shares: the machine's description, the summary rows, the JSON output.

Each benchmark's result has ``rows``: one per measure, with Vigie's figure, the anchor's figure
measured in the same run on the same input, their ratio, the target and whether it is met.
``run.py`` prints them all as one table.
"""

from __future__ import annotations

import argparse
import json
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


@dataclass(frozen=True, slots=True)
class Row:
    benchmark: str
    vigie: str  # the figure with its unit: "105.4 MB/s", "0.16 s"
    anchor: str  # the anchor's figure, same input, same run: "naive re 5.4 MB/s"
    ratio: float  # Vigie's speed over the anchor's (above 1: Vigie is faster)
    target: str
    met: bool


def machine() -> str:
    return " ".join(filter(None, [platform.machine(), platform.processor(), platform.python_version()]))


def write_result(result: dict[str, object], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def rows_dicts(rows: list[Row]) -> list[dict[str, object]]:
    return [asdict(row) for row in rows]


def rows_table(rows: list[dict[str, object]]) -> str:
    lines = ["| benchmark | Vigie | anchor (same run) | ratio | target | met |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {r['benchmark']} | {r['vigie']} | {r['anchor']} | {r['ratio']:.2f}× | {r['target']} | "
        f"{'yes' if r['met'] else '**no**'} |"
        for r in rows
    ]
    return "\n".join(lines)


def bench_arguments(doc: str | None, name: str) -> argparse.ArgumentParser:
    """A benchmark's command line: its description and ``--output`` (its JSON file)."""
    parser = argparse.ArgumentParser(description=(doc or name).splitlines()[0])
    parser.add_argument("--output", type=Path, default=RESULTS / f"{name}.json")
    return parser


def write_and_print(result: dict[str, object], output: Path) -> None:
    write_result(result, output)
    print(rows_table(result["rows"]))  # type: ignore[arg-type]


def bench_main(
    argv: list[str] | None, doc: str, run: Callable[[int], dict[str, object]], runs: int, name: str
) -> dict[str, object]:
    """The command line of a benchmark measured over ``--runs``: run, write its JSON, print its rows."""
    parser = bench_arguments(doc, name)
    parser.add_argument("--runs", type=int, default=runs)
    args = parser.parse_args(argv)
    result = run(args.runs)
    write_and_print(result, args.output)
    return result
