"""Main-content text: Vigie beside trafilatura and resiliparse on the public article benchmark.

    python tests/benchmarks/bench_maincontent.py [--smoke] [--runs 3] [--output results/maincontent.json]

Input: the 181 news pages of Scrapinghub's article-extraction benchmark, with their human-checked
article bodies (../shared/benchmarks/article-extraction/, MIT licence, see its README). Each
extractor reads every page; its text is scored against the article body with the benchmark's
own method (its ``evaluate.py``), reproduced here:

- the gold text and the extracted text are cut into ``\\w+`` tokens, then word 4-grams
  ("shingles"), counted with repeats; per page, tp/fp/fn are the shingles matched, extra and
  missing, divided by their sum so that a long page weighs no more than a short one;
- precision is the mean over pages of tp/(tp+fp) (pages with tp+fp > 0), recall the mean of
  tp/(tp+fn) (pages with tp+fn > 0), F1 their harmonic mean;
- accuracy is the share of pages whose token sequence equals the gold one exactly;
- the ± figure is the bootstrap standard deviation over 1000 resamples of the pages (seeded).

Extractors: Vigie's ``extract_html`` from the page's bytes, told they are UTF-8 as the benchmark
says they are (as an HTTP charset would; the decoding is still timed);
``trafilatura.extract`` with its default settings and resiliparse's
``extract_plain_text(main_content=True)``, each given the decoded page as the benchmark's own
runners do. docs/s is the page count over the median of ``--runs`` timed passes over all the
pages, extractors run in turn, same process, same machine.

The pages are split once, by a rule fixed before any tuning: a page is held out when the first
byte of the SHA-256 of its id is a multiple of 3 (about one third). Tuning looks at the dev part
only; the held-out part checks it. Both are reported, and all pages together.

Target: Vigie's F1 at least trafilatura's, at ≥ 5× trafilatura's docs/s. trafilatura and
resiliparse are anchors only (the ``bench`` extra); when one is missing, its rows say so.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from pipelines.html_text import extract_html  # noqa: E402
from tests.benchmarks.common import Row, bench_arguments, machine, rows_dicts, write_and_print  # noqa: E402

BENCHMARK = HERE.parents[2] / "shared" / "benchmarks" / "article-extraction"
SMOKE_PAGES = 6
TARGET_SPEED_RATIO = 5.0  # Vigie's docs/s over trafilatura's
BOOTSTRAP = 1000
PARTS = ("dev", "held-out", "all")
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

Page = tuple[str, bytes, str]  # id, raw bytes, decoded text
Scores = tuple[float, float, float]  # tp, fp, fn, normalised per page


def is_held_out(page_id: str) -> bool:
    """The fixed split: about one page in three is kept out of tuning."""
    return hashlib.sha256(page_id.encode()).digest()[0] % 3 == 0


def load_pages(limit: int | None = None) -> tuple[list[Page], dict[str, str]]:
    if not (BENCHMARK / "ground-truth.json").exists():
        raise SystemExit(f"the article benchmark is missing: expected it in {BENCHMARK}")
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for path in sorted((BENCHMARK / "html").glob("*.html.gz")):
        raw = gzip.decompress(path.read_bytes())
        pages.append((path.name.split(".")[0], raw, raw.decode("utf-8")))
    if limit is not None:  # a few of each part
        dev = [page for page in pages if not is_held_out(page[0])]
        held = [page for page in pages if is_held_out(page[0])]
        pages = dev[: limit - limit // 3] + held[: limit // 3]
    return pages, {key: value.get("articleBody") or "" for key, value in truth.items()}


# The benchmark's metric.


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _tokens(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_scores(gold: str, predicted: str) -> Scores:
    """tp, fp, fn over word 4-grams, divided by their sum (each page weighs the same)."""
    true, pred = _shingles(gold), _shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(scores: list[Scores], exact: list[bool]) -> dict[str, float]:
    precisions = [_precision(*s) for s in scores if s[0] + s[1] > 0]
    recalls = [_recall(*s) for s in scores if s[0] + s[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": statistics.mean(exact)}


def evaluate(gold: list[str], predicted: list[str]) -> dict[str, float]:
    scores = [shingle_scores(g, p) for g, p in zip(gold, predicted, strict=True)]
    exact = [_tokens(g) == _tokens(p) for g, p in zip(gold, predicted, strict=True)]
    result = metrics(scores, exact)
    if len(scores) > 1:
        rng = random.Random(0)
        samples: dict[str, list[float]] = {key: [] for key in result}
        for _ in range(BOOTSTRAP):
            picks = [rng.randrange(len(scores)) for _ in scores]
            for key, value in metrics([scores[i] for i in picks], [exact[i] for i in picks]).items():
                samples[key].append(value)
        result |= {f"{key}_std": statistics.stdev(values) for key, values in samples.items()}
    return {key: round(value, 4) for key, value in result.items()}


# The extractors.


def _vigie(page: Page) -> str:
    return extract_html(page[1], "utf-8").text


def extractors() -> tuple[dict[str, Callable[[Page], str]], dict[str, str]]:
    """Vigie and the anchors that are installed, and each one's name with its version."""
    found: dict[str, Callable[[Page], str]] = {"vigie": _vigie}
    versions = {"vigie": "working tree"}
    try:
        import trafilatura

        found["trafilatura"] = lambda page: trafilatura.extract(page[2]) or ""
        versions["trafilatura"] = importlib.metadata.version("trafilatura")
    except ImportError as error:
        versions["trafilatura"] = _missing(error)
    try:
        from resiliparse.extract.html2text import extract_plain_text

        found["resiliparse"] = lambda page: extract_plain_text(page[2], main_content=True)
        versions["resiliparse"] = importlib.metadata.version("resiliparse")
    except ImportError as error:
        versions["resiliparse"] = _missing(error)
    return found, versions


def _missing(error: ImportError) -> str:
    """Why an anchor is absent: not installed, or installed but not importable (and why)."""
    if isinstance(error, ModuleNotFoundError) and error.name in ("trafilatura", "resiliparse"):
        return "not installed"
    return f"not importable ({str(error).splitlines()[0]})"


def run_extractor(extract: Callable[[Page], str], pages: list[Page], runs: int) -> tuple[list[str], float]:
    """Every page's text (first pass) and docs/s over the median pass."""
    texts: list[str] = []
    times = []
    for index in range(runs):
        start = time.perf_counter()
        out = [extract(page) for page in pages]
        times.append(time.perf_counter() - start)
        if index == 0:
            texts = out
    return texts, len(pages) / statistics.median(times)


def run(runs: int, smoke: bool) -> dict[str, object]:
    pages, truth = load_pages(SMOKE_PAGES if smoke else None)
    found, versions = extractors()
    held = [is_held_out(page[0]) for page in pages]
    members = {
        "dev": [i for i, h in enumerate(held) if not h],
        "held-out": [i for i, h in enumerate(held) if h],
        "all": list(range(len(pages))),
    }
    gold = [truth[page[0]] for page in pages]
    results: dict[str, dict[str, object]] = {}
    per_page: dict[str, dict[str, float]] = {page[0]: {} for page in pages}
    for name, extract in found.items():
        texts, rate = run_extractor(extract, pages, runs)
        entry: dict[str, object] = {"version": versions[name], "docs_per_s": round(rate, 1)}
        for part, indices in members.items():
            entry[part] = evaluate([gold[i] for i in indices], [texts[i] for i in indices])
        for page, gold_text, text in zip(pages, gold, texts, strict=True):
            tp, fp, fn = shingle_scores(gold_text, text)
            per_page[page[0]][name] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
        results[name] = entry
    print(details_table(results, versions, {part: len(m) for part, m in members.items()}))
    return {
        "benchmark": "maincontent",
        "machine": machine(),
        "runs": runs,
        "smoke": smoke,
        "pages": {part: len(indices) for part, indices in members.items()},
        "held_out_rule": "sha256(page id)[0] % 3 == 0",
        "versions": versions,
        "results": results,
        "page_f1": {
            page_id: {"held_out": is_held_out(page_id), **scores} for page_id, scores in per_page.items()
        },
        "rows": rows_dicts(summary_rows(results, versions, {part: len(m) for part, m in members.items()})),
    }


def details_table(
    results: dict[str, dict[str, object]], versions: dict[str, str], sizes: dict[str, int]
) -> str:
    lines = [
        "| extractor | part | pages | F1 | precision | recall | accuracy | docs/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in results.items():
        for part in PARTS:
            m: dict[str, float] = entry[part]  # type: ignore[assignment]
            lines.append(
                f"| {name} {versions[name]} | {part} | {sizes[part]} | {m['f1']:.3f} ± {m.get('f1_std', 0):.3f} | "
                f"{m['precision']:.3f} | {m['recall']:.3f} | {m['accuracy']:.3f} | {entry['docs_per_s']:.0f} |"
            )
    lines += [
        f"| {name} {version} | – | – | – | – | – | – | – |"
        for name, version in versions.items()
        if name not in results
    ]
    return "\n".join(lines)


def summary_rows(
    results: dict[str, dict[str, object]], versions: dict[str, str], sizes: dict[str, int]
) -> list[Row]:
    vigie = results["vigie"]
    anchor = results.get("trafilatura")
    others = [name for name in ("resiliparse",) if name in results]
    rows = []
    for part in PARTS:
        f1: float = vigie[part]["f1"]  # type: ignore[index]
        if anchor is None:
            rows.append(
                Row(
                    f"Main-content F1, article benchmark {part} ({sizes[part]} pages)",
                    f"F1 {f1:.3f}",
                    "trafilatura not installed",
                    0.0,
                    "F1 ≥ trafilatura's",
                    False,
                )
            )
            continue
        anchor_f1: float = anchor[part]["f1"]  # type: ignore[index]
        extra = "".join(f"; {name} {results[name][part]['f1']:.3f}" for name in others)  # type: ignore[index]
        rows.append(
            Row(
                f"Main-content F1, article benchmark {part} ({sizes[part]} pages)",
                f"F1 {f1:.3f}",
                f"trafilatura {versions['trafilatura']} F1 {anchor_f1:.3f}{extra}",
                round(f1 / anchor_f1, 3) if anchor_f1 else 0.0,
                "F1 ≥ trafilatura's",
                f1 >= anchor_f1,
            )
        )
    rate: float = vigie["docs_per_s"]  # type: ignore[assignment]
    if anchor is None:
        rows.append(
            Row(
                "Main-content speed, article pages",
                f"{rate:.0f} docs/s",
                "trafilatura not installed",
                0.0,
                f"≥ {TARGET_SPEED_RATIO:.0f}× trafilatura",
                False,
            )
        )
    else:
        anchor_rate: float = anchor["docs_per_s"]  # type: ignore[assignment]
        extra = "".join(f"; {name} {results[name]['docs_per_s']:.0f} docs/s" for name in others)
        rows.append(
            Row(
                "Main-content speed, article pages",
                f"{rate:.0f} docs/s",
                f"trafilatura {anchor_rate:.0f} docs/s{extra}",
                round(rate / anchor_rate, 2),
                f"≥ {TARGET_SPEED_RATIO:.0f}× trafilatura",
                rate >= TARGET_SPEED_RATIO * anchor_rate,
            )
        )
    return rows


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "maincontent")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_PAGES} pages, one timed pass")
    parser.add_argument("--runs", type=int, default=3, help="timed passes over the pages (median)")
    args = parser.parse_args(argv)
    result = run(1 if args.smoke else args.runs, args.smoke)
    write_and_print(result, args.output)
    return result


if __name__ == "__main__":
    main()
