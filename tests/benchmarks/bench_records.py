"""Quality of decision records: field-level precision and recall on real labelled acts.

    python tests/benchmarks/bench_records.py [--split dev|heldout|all] [--failures 40] [--smoke]

The truth is ``tests/quality/records.toml`` (84 real acts: prefectoral authorisations of
video-protection systems and drone flights, council deliberations, vœux, and negatives with
misleading words or numbers), split into ``dev`` (tune on it) and ``heldout`` (report only). The
scoring is ``tests/quality/records_scoring.py``: each act is tagged and read as a crawl reads a
short document, and every field is compared with its label. Printed per split: how many acts got
a record (and how many should), then per field the values filled, labelled and right, precision
and recall, and the targets of the issue: every filled field at least 0.95 precise; kind,
technologies, act date and authority found at least 90% of the time; cameras, amounts and
vendors 80%. No anchor: no other tool reads these fields (the "anchor" column says what the
figure is measured against). ``--smoke`` scores a sample: it checks the command, not the scores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from pipelines.tagging import get_tagger  # noqa: E402
from tests.benchmarks.common import RESULTS, Row, machine, rows_dicts, rows_table, write_result  # noqa: E402
from tests.quality.records_scoring import (  # noqa: E402
    FIELDS,
    PRECISION_TARGET,
    RECALL_TARGETS,
    RecordsReport,
    load_records,
    report_dict,
    score_records,
)

SPLITS = ("dev", "heldout")


def run(split: str, smoke: bool) -> tuple[dict[str, RecordsReport], float]:
    tagger = get_tagger()
    labelled = load_records()
    if smoke:
        labelled = labelled[::6]
    started = time.perf_counter()
    reports = {
        name: score_records(tagger, [item for item in labelled if item.split == name])
        for name in SPLITS
        if split in ("all", name)
    }
    return reports, time.perf_counter() - started


def summary_rows(split: str, report: RecordsReport) -> list[Row]:
    rows = [
        Row(
            f"records ({split}): acts given a record",
            f"{report.records_right}/{report.decisions} decisions",
            f"{report.records_given - report.records_right} of {report.acts - report.decisions} negatives",
            report.records_right / report.decisions if report.decisions else 0.0,
            "every decision, no negative",
            report.records_right == report.decisions and report.records_given == report.records_right,
        )
    ]
    filled = [score for score in report.fields.values() if score.filled]
    worst = min(filled, key=lambda score: score.precision or 0.0) if filled else None
    if worst is not None:
        name = next(field for field, score in report.fields.items() if score is worst)
        rows.append(
            Row(
                f"records ({split}): lowest field precision",
                f"{worst.precision:.2f} ({name})",
                "labelled fields",
                (worst.precision or 0.0) / PRECISION_TARGET,
                f"≥ {PRECISION_TARGET}",
                (worst.precision or 0.0) >= PRECISION_TARGET,
            )
        )
    for name, target in RECALL_TARGETS.items():
        recall = report.fields[name].recall
        if recall is None:
            continue
        rows.append(
            Row(
                f"records ({split}): {name} recall",
                f"{recall:.2f} ({report.fields[name].right}/{report.fields[name].labelled})",
                "labelled fields",
                recall / target,
                f"≥ {target}",
                recall >= target,
            )
        )
    return rows


def report_text(reports: dict[str, RecordsReport], failures: int) -> str:
    lines = []
    for split, report in reports.items():
        lines += [
            f"\n### records, {split}: {report.acts} acts, {report.decisions} decisions\n",
            f"records given: {report.records_given} ({report.records_right} for decisions)\n",
            "| field | filled | labelled | right | precision | recall |",
            "|---|---|---|---|---|---|",
        ]
        for name in FIELDS:
            score = report.fields[name]
            precision = f"{score.precision:.2f}" if score.precision is not None else "–"
            recall = f"{score.recall:.2f}" if score.recall is not None else "–"
            lines.append(
                f"| {name} | {score.filled} | {score.labelled} | {score.right} | {precision} | {recall} |"
            )
        if failures:
            lines.append(f"\n#### {split}: failures ({len(report.failures)})")
            for failure in report.failures[:failures]:
                lines.append(
                    f"- {failure['id']} {failure['field']}: given {failure['given']!r}, truth {failure['truth']!r}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=(__doc__ or "records").splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--failures", type=int, default=40, help="failures printed per split")
    parser.add_argument("--smoke", action="store_true", help="a sample of the acts")
    parser.add_argument("--output", type=Path, default=RESULTS / "records.json")
    args = parser.parse_args(argv)
    reports, seconds = run(args.split, args.smoke)
    rows = [row for split, report in reports.items() for row in summary_rows(split, report)]
    print(f"Decision records on labelled real acts ({machine()}, {seconds:.2f} s)")
    print(report_text(reports, args.failures))
    print("\n" + rows_table(rows_dicts(rows)))
    result = {
        "machine": machine(),
        "smoke": args.smoke,
        "splits": {split: report_dict(report) for split, report in reports.items()},
        "rows": rows_dicts(rows),
    }
    write_result(result, args.output)
    return result


if __name__ == "__main__":
    main()
