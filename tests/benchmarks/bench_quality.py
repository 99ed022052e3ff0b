"""Quality: how often Vigie's analysis is right on real, labelled French text (no timing here).

    python tests/benchmarks/bench_quality.py [--smoke]
        [--split dev|heldout|dev2|heldout2|dev3|heldout3|all] [--failures 40] [--output results/quality.json]

The truth lives in ``tests/quality/`` (see its README.md): ``passages.toml`` holds real passages
(council minutes, prefecture acts, press, parliament, CNIL, association pages), each with the
categories a watchdog expects, an optional trap name and expected stance; ``minutes.toml`` holds
real minutes and deliberations with their true sitting date and item count. Each part is split
into ``dev`` (tune on it) and ``heldout`` (report only), and every figure is given for both. A second
and a third batch of passages, labelled later, are split the same way into ``dev2`` and ``heldout2``,
``dev3`` and ``heldout3``, and reported on their own (they have no documents, so their splits have
tagger figures only).

Vigie is measured through the functions a crawl and ``vigie tag`` run: the tagger of
``pipelines.tagging`` (``get_tagger().tag``) on each passage, and ``pipelines.extract.extract_document``
(text extraction, ``find_date``, ``split_acts``) on each document's bytes and URL. Printed:

- per category precision, recall and F1 (a category found in a passage or not), and micro-F1;
- traps: passages of a known false-alarm class where something beyond the expected fired;
- stance: the share of labelled opposition passages with a mention marked ``opposition``, and the
  share of neutral (deployment, description) passages wrongly marked so;
- dates: the sitting date found against the truth, with where Vigie found it (``date_source``);
- acts: the number of acts found against the true item count (within 10%);
- then every failure (missed, false alarm, trap, stance, date, count), to work from.

The summary rows follow ``run.py``'s table. There is no anchor: the "anchor" column says what the
figure is measured against, and the ratio is the figure over its target (for "at most" targets,
the target over the figure; 1.00 when both are zero). ``--smoke`` takes a sample of the passages
and leaves out the 255-page minutes: it checks the command, not the scores.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from pipelines.tagging import get_tagger  # noqa: E402
from tests.benchmarks.common import RESULTS, Row, machine, rows_dicts, rows_table, write_result  # noqa: E402
from tests.quality.scoring import (  # noqa: E402
    CategoryScore,
    DocumentResult,
    TaggerReport,
    analyse_document,
    score_tagger,
)
from tests.quality.truth import (  # noqa: E402
    DOCUMENT_SPLITS,
    SPLITS,
    Document,
    Passage,
    load_documents,
    load_passages,
)

SMOKE_EVERY = 4  # the smoke sample: every 4th passage of each split, in file order
SMOKE_SKIPPED_DOCUMENTS = {"montpellier-pv-2014-02-17"}  # 255 pages: the full run reads it

TARGET_MICRO_F1 = 0.95
TARGET_CATEGORY_RECALL = 0.90
TARGET_OPPOSITION_FOUND = 0.90
TARGET_FALSE_OPPOSITION = 0.05
TARGET_DATES = 0.95
TARGET_ACTS = 0.90


# --- one run ------------------------------------------------------------------------------------


def select(
    passages: list[Passage], documents: list[Document], split: str, smoke: bool
) -> tuple[list[Passage], list[Document]]:
    splits = SPLITS if split == "all" else (split,)
    passages = [p for p in passages if p.split in splits]
    documents = [d for d in documents if d.split in splits]
    if smoke:
        passages = [p for s in splits for p in [q for q in passages if q.split == s][::SMOKE_EVERY]]
        documents = [d for d in documents if d.id not in SMOKE_SKIPPED_DOCUMENTS]
    return passages, documents


def run(split: str = "all", smoke: bool = False) -> dict[str, object]:
    passages, documents = select(load_passages(), load_documents(), split, smoke)
    tagger = get_tagger()
    splits = [s for s in SPLITS if split in ("all", s)]
    start = time.perf_counter()
    taggers = {s: score_tagger(tagger, [p for p in passages if p.split == s]) for s in splits}
    results = [analyse_document(document) for document in documents]
    seconds = time.perf_counter() - start
    rows: list[Row] = []
    for s in splits:
        rows += summary_rows(s, taggers[s], [r for r in results if r.split == s], s in DOCUMENT_SPLITS)
    return {
        "benchmark": "quality",
        "machine": machine(),
        "smoke": smoke,
        "split": split,
        "seconds": round(seconds, 2),
        "lexicon_version": tagger.version,
        "tagger": {s: tagger_dict(report) for s, report in taggers.items()},
        "documents": [
            {**asdict(r), "date_right": r.date_right, "items_right": r.items_right} for r in results
        ],
        "rows": rows_dicts(rows),
    }


def summary_rows(
    split: str, report: TaggerReport, results: list[DocumentResult], documents: bool = True
) -> list[Row]:
    """The split's rows; the date and act rows only for a split that has documents."""
    worst, worst_recall = report.worst_recall
    dated = len(results)
    dates_right = sum(r.date_right for r in results)
    counted = [r for r in results if r.items_right is not None]
    counts_right = sum(bool(r.items_right) for r in counted)
    date_rate = dates_right / dated if dated else 0.0
    count_rate = counts_right / len(counted) if counted else 0.0
    fired = len(report.traps_fired)
    label = f"quality ({split})"
    tagger_rows = [
        Row(
            f"{label}: tagger micro-F1",
            f"{report.micro.f1:.3f}",
            f"labels of {report.passages} passages",
            _ratio_at_least(report.micro.f1, TARGET_MICRO_F1),
            f"≥ {TARGET_MICRO_F1:.2f}",
            report.micro.f1 >= TARGET_MICRO_F1,
        ),
        Row(
            f"{label}: lowest category recall",
            f"{worst_recall:.2f} ({worst})",
            "labels, per category",
            _ratio_at_least(worst_recall, TARGET_CATEGORY_RECALL),
            f"≥ {TARGET_CATEGORY_RECALL:.2f}",
            worst_recall >= TARGET_CATEGORY_RECALL,
        ),
        Row(
            f"{label}: traps fired",
            f"{fired} of {report.trap_passages}",
            "trap passages",
            _ratio_at_most(fired, 0),
            "0",
            fired == 0,
        ),
        Row(
            f"{label}: opposition found",
            f"{report.opposition_rate:.0%} ({report.opposition_found}/{report.opposition_passages})",
            "opposition passages",
            _ratio_at_least(report.opposition_rate, TARGET_OPPOSITION_FOUND),
            f"≥ {TARGET_OPPOSITION_FOUND:.0%}",
            report.opposition_rate >= TARGET_OPPOSITION_FOUND,
        ),
        Row(
            f"{label}: neutral marked opposition",
            f"{report.false_opposition_rate:.0%} ({report.neutral_marked}/{report.neutral_passages})",
            "neutral passages",
            _ratio_at_most(report.false_opposition_rate, TARGET_FALSE_OPPOSITION),
            f"≤ {TARGET_FALSE_OPPOSITION:.0%}",
            report.false_opposition_rate <= TARGET_FALSE_OPPOSITION,
        ),
    ]
    if not documents:
        return tagger_rows
    return [
        *tagger_rows,
        Row(
            f"{label}: sitting date right",
            f"{date_rate:.0%} ({dates_right}/{dated})",
            "true dates of minutes, deliberations",
            _ratio_at_least(date_rate, TARGET_DATES),
            f"≥ {TARGET_DATES:.0%}",
            dated > 0 and date_rate >= TARGET_DATES,
        ),
        Row(
            f"{label}: act count within 10%",
            f"{count_rate:.0%} ({counts_right}/{len(counted)})",
            "true item counts of minutes",
            _ratio_at_least(count_rate, TARGET_ACTS),
            f"≥ {TARGET_ACTS:.0%}",
            bool(counted) and count_rate >= TARGET_ACTS,
        ),
    ]


def _ratio_at_least(value: float, target: float) -> float:
    return round(value / target, 2) if target else 1.0


def _ratio_at_most(value: float, target: float) -> float:
    if value == 0:
        return 1.0
    return round(target / value, 2)


def tagger_dict(report: TaggerReport) -> dict[str, object]:
    return {
        "passages": report.passages,
        "micro": _score_dict(report.micro),
        "categories": {name: _score_dict(score) for name, score in report.categories.items()},
        "trap_passages": report.trap_passages,
        "traps_fired": report.traps_fired,
        "opposition": {"passages": report.opposition_passages, "found": report.opposition_found},
        "neutral": {"passages": report.neutral_passages, "marked_opposition": report.neutral_marked},
        "missed": report.missed,
        "false_alarms": report.false_alarms,
        "stance_failures": report.stance_failures,
    }


def _score_dict(score: CategoryScore) -> dict[str, object]:
    return {
        "expected": score.expected,
        "true_positives": score.true_positives,
        "false_positives": score.false_positives,
        "false_negatives": score.false_negatives,
        "precision": round(score.precision, 3),
        "recall": round(score.recall, 3),
        "f1": round(score.f1, 3),
    }


# --- printing -----------------------------------------------------------------------------------


def report_text(result: dict[str, object], failures: int) -> str:
    lines = [
        f"Quality on labelled real text (lexicon {result['lexicon_version']}, {result['machine']}, "
        f"{result['seconds']} s{', smoke sample' if result['smoke'] else ''})"
    ]
    taggers: dict[str, dict[str, object]] = result["tagger"]  # type: ignore[assignment]
    documents: list[dict[str, object]] = result["documents"]  # type: ignore[assignment]
    for split, tagger in taggers.items():
        lines += ["", f"### {split}: tagger, {tagger['passages']} passages", ""]
        lines += _category_table(tagger)
        opposition: dict[str, int] = tagger["opposition"]  # type: ignore[assignment]
        neutral: dict[str, int] = tagger["neutral"]  # type: ignore[assignment]
        fired: list[dict[str, object]] = tagger["traps_fired"]  # type: ignore[assignment]
        lines += [
            "",
            f"traps fired: {len(fired)} of {tagger['trap_passages']} trap passages; "
            f"opposition found in {opposition['found']}/{opposition['passages']} opposition passages; "
            f"{neutral['marked_opposition']}/{neutral['passages']} neutral passages marked opposition",
        ]
        if split in DOCUMENT_SPLITS:
            lines += ["", f"### {split}: dates and acts", ""]
            lines += _documents_table([d for d in documents if d["split"] == split])
    lines += ["", "## Failures (to work from)"]
    for split, tagger in taggers.items():
        lines += _failure_lines(split, tagger, [d for d in documents if d["split"] == split], failures)
    return "\n".join(lines)


def _category_table(tagger: dict[str, object]) -> list[str]:
    categories: dict[str, dict[str, float]] = tagger["categories"]  # type: ignore[assignment]
    micro: dict[str, float] = tagger["micro"]  # type: ignore[assignment]
    lines = [
        "| category | expected | TP | FP | FN | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, s in [*categories.items(), ("**micro**", micro)]:
        lines.append(
            f"| {name} | {s['expected']} | {s['true_positives']} | {s['false_positives']} | "
            f"{s['false_negatives']} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} |"
        )
    return lines


def _documents_table(documents: list[dict[str, object]]) -> list[str]:
    lines = [
        "| document | kind | true date | found (source) | date | true items | acts found | within 10% |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in documents:
        items = "-" if d["true_items"] is None else str(d["true_items"])
        right = {None: "-", True: "yes", False: "**no**"}[d["items_right"]]  # type: ignore[index]
        lines.append(
            f"| {d['id']} | {d['kind']} | {d['true_date']} | {d['found_date']} ({d['date_source']}) | "
            f"{'yes' if d['date_right'] else '**no**'} | {items} | {d['found_items']} | {right} |"
        )
    sources = Counter(str(d["date_source"]) for d in documents if d["date_right"])
    lines.append("")
    lines.append("right dates by source: " + (", ".join(f"{k} {v}" for k, v in sources.items()) or "none"))
    return lines


def _failure_lines(
    split: str, tagger: dict[str, object], documents: list[dict[str, object]], limit: int
) -> list[str]:
    lines: list[str] = []

    def section(title: str, entries: list[dict[str, object]], describe: str) -> None:
        lines.extend(["", f"### {split}: {title} ({len(entries)})"])
        for entry in entries[:limit]:
            lines.append(f"- {entry['id']}: {describe.format(**entry)} — {str(entry.get('text', ''))[:220]}")
        if len(entries) > limit:
            lines.append(f"- … {len(entries) - limit} more in the JSON output")

    section("missed", tagger["missed"], "missed {missing}; found {found}")  # type: ignore[arg-type]
    section("false alarms", tagger["false_alarms"], "{extra} not expected; found {found}")  # type: ignore[arg-type]
    section("traps fired", tagger["traps_fired"], "trap {trap}: {extra}; found {found}")  # type: ignore[arg-type]
    section("stance", tagger["stance_failures"], "expected {expected}: {why}")  # type: ignore[arg-type]
    if split not in DOCUMENT_SPLITS:
        return lines
    wrong_dates = [d for d in documents if not d["date_right"]]
    lines.extend(["", f"### {split}: wrong dates ({len(wrong_dates)})"])
    lines += [
        f"- {d['id']}: found {d['found_date']} ({d['date_source']}), true {d['true_date']}"
        for d in wrong_dates
    ]
    wrong_counts = [d for d in documents if d["items_right"] is False]
    lines.extend(["", f"### {split}: act counts off by more than 10% ({len(wrong_counts)})"])
    lines += [
        f"- {d['id']}: {d['found_items']} acts found ({d['doc_type']}), true {d['true_items']}"
        for d in wrong_counts
    ]
    return lines


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=(__doc__ or "quality").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a sample, without the 255-page minutes")
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--failures", type=int, default=40, help="failures printed per kind and split")
    parser.add_argument("--output", type=Path, default=RESULTS / "quality.json")
    args = parser.parse_args(argv)
    result = run(args.split, args.smoke)
    write_result(result, args.output)
    print(report_text(result, args.failures))
    print()
    print(rows_table(result["rows"]))  # type: ignore[arg-type]
    return result


if __name__ == "__main__":
    main()
