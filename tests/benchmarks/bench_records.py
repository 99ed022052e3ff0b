"""Quality of decision records: field-level precision and recall on real labelled acts.

    python tests/benchmarks/bench_records.py [--split dev|heldout|all] [--failures 40] [--smoke]

The truth is ``tests/quality/records.toml`` (real acts: prefectoral authorisations of
video-protection systems and drone flights, council deliberations, vœux, and negatives with
misleading words or numbers), split into ``dev`` (tune on it), ``heldout``, ``heldout2`` and ``heldout3`` (each measured once,
blind, then tuned on: they are seen now), ``dev2`` (a second batch to tune on) and ``heldout4``
(measured once, blind, at the end of a round of tuning, then tuned on), ``heldout5`` (labelled at
the end of session 11, measured once at the end of session 12's round, tuned on from session 13)
``heldout6`` (60 acts labelled at the start of session 13, before any reader ran on them;
measured once at that session's end, tuned on from session 14) and ``heldout7`` (60 acts labelled
at the start of session 14, before any reader ran on them; measured once at that session's end,
then tuned on) and ``heldout8`` (60 acts labelled at the end of session 14, before any reader ran on
them; measured once with records 2026.12.9, then tuned on) and ``heldout9`` (64 acts labelled
at the start of session 15, before any reader ran on them; measured once with records 2026.12.18,
then tuned on) and ``heldout10`` (54 acts labelled during session 15, before any reader ran on
them; measured once with records 2026.12.20, then learnt from) and ``heldout11`` (56 acts labelled at
the end of session 15, before any reader ran on them; measured once with records 2026.12.22, then
tuned on and learnt from) and ``heldout12`` (57 acts labelled at the start of session 16, before
any reader ran on them; measured once with records 2026.12.28, then tuned on and learnt from) and
``heldout13`` (57 acts labelled during session 16, before any reader ran on them; measured once
with records 2026.12.31, then tuned on and learnt from) and ``heldout14`` (55 acts labelled at the
end of session 16, before any reader ran on them; measured once with records 2026.12.35, then
tuned on and learnt from) and ``heldout15`` (56 acts labelled at the start of session 17, before
any reader ran on them; measured once with records 2026.12.36, then tuned on and learnt from)
and ``heldout16`` (60 acts labelled during session 17, before any reader ran on them; measured
once with records 2026.12.37, then tuned on and learnt from) and ``heldout17`` (52 acts labelled at
the end of session 17, before any reader ran on them; measured once with records 2026.12.43, then
tuned on and learnt from) and ``heldout18`` (51 acts labelled during session 18, before any
reader ran on them; measured once with records 2026.12.55, then tuned on and learnt from) and
``heldout19`` (47 acts labelled during session 19, before any reader ran on them; measured once
with records 2026.12.60, then tuned on and learnt from) and ``heldout20`` (45 acts labelled at the
end of session 19, before any reader ran on them; measured once with records 2026.12.68, then
tuned on and learnt from) and ``heldout21`` (43 acts labelled during session 20, before any reader
ran on them; measured once with records 2026.12.74, then tuned on and learnt from) and
``heldout22`` (35 acts labelled during session 20, before any reader ran on them; measured once
with records 2026.12.86, then tuned on and learnt from) and ``heldout23`` (38 acts labelled at the start of session 21, before any reader ran
on them; measured once with records 2026.12.95, then tuned on and learnt from) and ``heldout24`` (35 acts labelled during session 21, before
any reader ran on them; measured once with records 2026.12.106, then tuned on and learnt from) and ``heldout25`` (35 acts labelled at the end of
session 21, before any reader ran on them; measured once with records 2026.12.114, then tuned on and learnt from) and ``heldout26`` (39 acts labelled at the start of
session 22, before any reader ran on them; measured once with records 2026.12.119, then tuned on and learnt from) and ``heldout27`` (40 acts labelled during session 22, before any
reader ran on them; measured once with records 2026.12.133, then tuned on and learnt from) and ``heldout28``
(40 acts labelled during session 23, before any reader ran on them; measured once with records 2026.12.137, then tuned on and learnt from) and ``heldout29``
(31 acts labelled at the end of session 23, before any reader ran on them; measured once with records 2026.12.139, then tuned on and learnt from) and ``heldout30``
(27 acts labelled at the start of session 24, before any reader ran on them; measured once with records 2026.12.141, then tuned on and learnt from) and ``heldout31``
(27 acts labelled during session 24, before any reader ran on them; measured once with records 2026.12.143, then tuned on and learnt from) and ``heldout32``
(27 acts labelled during session 24, before any reader ran on them; measured once with records 2026.12.144, then tuned on and learnt from) and ``heldout33``
(27 acts labelled during session 24, before any reader ran on them; measured once with records 2026.12.145, then tuned on and learnt from) and ``heldout34``
(27 acts labelled at the end of session 24, before any reader ran on them; measured once with records 2026.12.147, then learnt from and tuned on) and ``heldout35``
(23 acts labelled at the end of session 24, before any reader ran on them; measured once with records 2026.12.149, then learnt from and tuned on) and ``heldout36``
(23 acts labelled at the start of session 25, before any reader ran on them; measured once with records 2026.12.152, then learnt from and tuned on) and ``heldout37``
(20 acts labelled during session 25, before any reader ran on them; measured once with records 2026.12.154, then learnt from and tuned on) and ``heldout38``
(20 acts labelled at the start of session 26, before any reader ran on them; measured once with records 2026.12.158, then learnt from and tuned on) and ``heldout39``
(12 acts labelled during session 26, before any reader ran on them; measured once with records 2026.12.160, then learnt from). A blind part is in ``BLIND``: its failures are never printed, so that
nobody tunes on it. The
scoring is ``tests/quality/records_scoring.py``: each act is tagged and read as a crawl reads a
short document, and every field is compared with its label. Printed per split: how many acts got
a record (and how many should), then per field the values filled, labelled and right, precision
and recall (again by where the act was read, and by what the record says it was read from, its
``read_from``), and the targets of the issue: every filled field at least 0.95 precise; kind,
technologies, act date and authority found at least 90% of the time; cameras, amounts and
vendors 80%. No other tool reads these records; for the names (commune, vendor, beneficiary) the
anchor is spaCy's small French model asked the same (``tests/quality/records_ner_anchor.py``),
when it is installed; for the kind, a classifier learnt from the other parts' acts
(``tests/quality/records_kind_anchor.py``, with scikit-learn). ``--smoke`` scores a sample of the
parts seen (never a blind one): it checks the command, not the scores.
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
from tests.quality.records_agreement import agreement, load_second  # noqa: E402
from tests.quality.records_kind_anchor import score_kind_anchor  # noqa: E402
from tests.quality.records_ner_anchor import FIELDS as ANCHOR_FIELDS  # noqa: E402
from tests.quality.records_ner_anchor import AnchorReport, load_model, score_anchor  # noqa: E402
from tests.quality.records_scoring import (  # noqa: E402
    BLIND,
    FIELDS,
    PRECISION_TARGET,
    RECALL_TARGETS,
    SPLITS,
    FieldScore,
    RecordsReport,
    load_records,
    report_dict,
    rules_alone,
    score_records,
)


def run(split: str, smoke: bool) -> tuple[dict[str, RecordsReport], float]:
    tagger = get_tagger()
    labelled = load_records()
    if smoke:
        labelled = labelled[::6]
    started = time.perf_counter()
    reports = {
        name: score_records(tagger, [item for item in labelled if item.split == name])
        for name in SPLITS
        if _scored(split, name, smoke) and any(item.split == name for item in labelled)
    }
    return reports, time.perf_counter() - started


def run_anchor(split: str, smoke: bool) -> dict[str, AnchorReport] | None:
    """spaCy's answers for the names, per split; None when spaCy or its model is not installed."""
    nlp = load_model()
    if nlp is None:
        return None
    labelled = load_records()[:: 6 if smoke else 1]
    return {
        name: score_anchor(nlp, [item for item in labelled if item.split == name])
        for name in SPLITS
        if _scored(split, name, smoke) and any(item.split == name for item in labelled)
    }


def _scored(split: str, name: str, smoke: bool) -> bool:
    """Whether part ``name`` is scored when ``split`` is asked for. A smoke run checks the command:
    it scores no blind part, whose figures, even on a sample, are for its one measure only
    (``--split heldoutN`` names a blind part on purpose)."""
    return split == name or (split == "all" and not (smoke and name in BLIND))


def kind_anchor_rows(
    split: str, report: RecordsReport, rules: RecordsReport | None, smoke: bool
) -> list[Row]:
    """Vigie's kind (the rules, and the learnt model where it is sure) beside the rules alone and
    beside the classifier learnt again without the part measured."""
    anchor = None if smoke else score_kind_anchor(load_records(), split)
    right = report.fields["kind"].right
    ours = right / report.decisions if report.decisions else 0.0
    rows = [
        Row(
            f"records ({split}): kind, right",
            f"{ours:.2f} ({right}/{report.decisions})",
            f"{anchor.model}: {anchor.accuracy:.2f} ({anchor.right}/{anchor.decisions})"
            if anchor
            else "scikit-learn not installed"
            if not smoke
            else "not run in smoke",
            ours / anchor.accuracy if anchor and anchor.accuracy else 0.0,
            "≥ 0.9",
            ours >= 0.9,
        )
    ]
    if rules is not None and rules.decisions:
        alone = rules.fields["kind"].right
        rows.append(
            Row(
                f"records ({split}): kind, the rules alone (without the learnt model)",
                f"{alone / rules.decisions:.2f} ({alone}/{rules.decisions})",
                f"the rules, and the model where no rule reads a kind: {ours:.2f} ({right}/{report.decisions})",
                alone / right if right else 0.0,
                "≥ 0.9",
                alone / rules.decisions >= 0.9,
            )
        )
    return rows


def read_in_rows(split: str, report: RecordsReport, smoke: bool) -> list[Row]:
    """The kind right in acts' own texts and in web pages, beside how often a second careful
    reader agrees with the labels on the same acts (``records_second.toml``), when it read them."""

    def share(right: int, total: int) -> str:
        return f"{right / total:.2f} ({right}/{total})" if total else "–"

    ours = {
        where: (
            report.kind_read_in[(where, True)],
            report.kind_read_in[(where, True)] + report.kind_read_in[(where, False)],
        )
        for where in ("act", "page")
    }
    labelled = [item for item in load_records() if item.split == split]
    second = None if smoke else agreement(labelled, load_second())
    theirs = {where: second.share(where) for where in ("act", "page")} if second else None
    ratio = 0.0
    if theirs and ours["page"][1] and theirs["page"][0]:
        ratio = (ours["page"][0] / ours["page"][1]) / (theirs["page"][0] / theirs["page"][1])
    return [
        Row(
            f"records ({split}): kind right (none: no record), in acts / in web pages",
            f"{share(*ours['act'])} / {share(*ours['page'])}",
            f"second reader {share(*theirs['act'])} / {share(*theirs['page'])}"
            if theirs
            else "not read twice",
            ratio,
            "≥ 0.9",
            all(total == 0 or right / total >= 0.9 for right, total in ours.values()),
        )
    ]


def anchor_rows(split: str, report: RecordsReport, anchor: AnchorReport | None) -> list[Row]:
    """Vigie's readers beside the model, field by field: precision and recall."""
    rows = []
    for name in ANCHOR_FIELDS:
        ours = report.fields[name]
        theirs = anchor.fields[name] if anchor is not None else None
        rows.append(
            Row(
                f"records ({split}): {name} precision / recall",
                _pair(ours),
                f"{anchor.model} {_pair(theirs)}" if anchor and theirs else "spaCy not installed",
                (ours.precision or 0.0) / theirs.precision if theirs and theirs.precision else 0.0,
                f"P ≥ {PRECISION_TARGET}",
                (ours.precision or 0.0) >= PRECISION_TARGET or not ours.filled,
            )
        )
    return rows


def _pair(score: FieldScore) -> str:
    def figure(value: float | None) -> str:
        return f"{value:.2f}" if value is not None else "–"

    return (
        f"{figure(score.precision)} / {figure(score.recall)} ({score.right}/{score.filled}/{score.labelled})"
    )


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
        lines += _two_sides(
            f"{split}, by where the act was read (its own text / a web page that reports it)",
            ("in acts", "in web pages"),
            report.fields_read_in["act"],
            report.fields_read_in["page"],
        )
        lines += _two_sides(
            f"{split}, by what the record says it was read from (`read_from`, the document's type as a crawl guesses it)",
            ("marked act", "marked report"),
            report.fields_read_from["act"],
            report.fields_read_from["report"],
        )
        if failures and split in BLIND:
            lines.append(f"\n#### {split}: {len(report.failures)} failures (blind split: not shown)")
        elif failures:
            lines.append(f"\n#### {split}: failures ({len(report.failures)})")
            for failure in report.failures[:failures]:
                lines.append(
                    f"- {failure['id']} {failure['field']}: given {failure['given']!r}, truth {failure['truth']!r}"
                )
    return "\n".join(lines)


def _two_sides(
    title: str, sides: tuple[str, str], left: dict[str, FieldScore], right: dict[str, FieldScore]
) -> list[str]:
    """A table of every field scored on two sides (where the act was read, what a record says)."""
    lines = [
        f"\n{title}:\n",
        f"| field | {sides[0]}: P / R (right/filled/labelled) | {sides[1]}: P / R (right/filled/labelled) |",
        "|---|---|---|",
    ]
    for name in FIELDS:
        one, other = left[name], right[name]
        if one.filled or one.labelled or other.filled or other.labelled:
            lines.append(f"| {name} | {_pair(one)} | {_pair(other)} |")
    return lines


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=(__doc__ or "records").splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--failures", type=int, default=40, help="failures printed per split")
    parser.add_argument("--smoke", action="store_true", help="a sample of the acts")
    parser.add_argument("--output", type=Path, default=RESULTS / "records.json")
    parser.add_argument("--no-anchor", action="store_true", help="skip spaCy's answers")
    args = parser.parse_args(argv)
    reports, seconds = run(args.split, args.smoke)
    anchors = None if args.no_anchor else run_anchor(args.split, args.smoke)
    rows = [row for split, report in reports.items() for row in summary_rows(split, report)]
    rows += [
        row
        for split, report in reports.items()
        for row in anchor_rows(split, report, anchors.get(split) if anchors else None)
    ]
    if not args.no_anchor:
        by_rules: dict[str, RecordsReport] = {}
        if not args.smoke:  # the smoke run checks the command, not the scores
            with rules_alone():
                by_rules, _ = run(args.split, args.smoke)
        rows += [
            row
            for split, report in reports.items()
            for row in kind_anchor_rows(split, report, by_rules.get(split), args.smoke)
        ]
    rows += [row for split, report in reports.items() for row in read_in_rows(split, report, args.smoke)]
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
