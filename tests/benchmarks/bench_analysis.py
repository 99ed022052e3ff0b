"""Analysis throughput: a document's text from extraction to tags, step by step, beside a naive tagger.

    python tests/benchmarks/bench_analysis.py [--size-mb 40] [--smoke] [--output results/analysis.json]

After a crawl has extracted a document's text, every document goes through the same steps:
``normalise_text`` on each raw page (what ``pdf_text.extract_pdf`` does), then what
``pipelines.extract.describe`` does (``guess_doc_type``, ``find_date``, ``find_actes``,
``split_acts``), then the tagger's ``tag`` (mentions, context, stance). This benchmark times each
step and the whole over about 40 MB, so that a slow step shows up by name rather than as a
slower crawl. The anchor is the naive ``re`` alternation tagger of ``bench_tagging.py`` over the
same text: the cost of finding the terms and nothing else.

The corpus is half real documents and half generated ones, both as a PDF extractor gives them
(CRLF line ends, pypdfium2's hyphen marks: the raw text ``normalise_text`` is written for):

- the raw pages of every real PDF of ../shared/fixtures/real (minutes, deliberations with their
  prefecture stamps, a list of deliberations, scans whose only text is the stamp), cycled;
- documents of ``bench_tagging.build_corpus`` (real sentences and generated council sentences,
  with surveillance terms on a fifth of them) cut into pages of about 3,000 characters, a fifth
  of them ending with a prefecture stamp and its ACTES identifier.

It is built once and cached in ``tests/benchmarks/.cache/``. Absolute numbers vary between
machines and runs; compare the steps' shares and the ratio within one run.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from pipelines.actes import find_actes  # noqa: E402
from pipelines.acts import split_acts  # noqa: E402
from pipelines.dates import find_date  # noqa: E402
from pipelines.doctype import guess_doc_type  # noqa: E402
from pipelines.tagging import get_tagger  # noqa: E402
from pipelines.textnorm import normalise_text  # noqa: E402
from tests.benchmarks import bench_tagging  # noqa: E402
from tests.benchmarks.common import Row, bench_arguments, machine, rows_dicts, write_result  # noqa: E402

CACHE = HERE / ".cache"
TARGET_MB_PER_S = 50.0
PAGE_CHARS = 3_000
SMOKE_MB = 0.3
STEPS = ("normalise", "doc type", "date", "ACTES", "acts", "tags")


@dataclass(frozen=True, slots=True)
class Document:
    """A document as extraction hands it over: raw pages, title, URL, kind."""

    url: str
    title: str | None
    kind: str
    pages: list[str]


def real_documents() -> list[Document]:
    """The raw, un-normalised pages of every real PDF of the shared fixtures that has text."""
    from pipelines.pdf_text import BACKENDS, PdfExtractionError
    from tests import realdocs

    documents = []
    for path in sorted(realdocs.REAL.rglob("*.pdf")):
        try:
            pages, title = BACKENDS["pdfium"](path.read_bytes())
        except PdfExtractionError:
            continue
        if any(page.strip() for page in pages):
            url = "https://example.fr/" + path.relative_to(realdocs.REAL).as_posix()
            documents.append(Document(url, title, "pdf", pages))
    return documents


def _stamp(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2013, 2025)
    date = f"{day:02d}/{month:02d}/{year}"
    number = f"D{year}_{rng.randint(1, 200):03d}"
    return (
        f"Envoyé en préfecture le {date}\r\nReçu en préfecture le {date}\r\nPublié le {date}\r\n"
        f"ID : 0{rng.randint(10, 95)}-2{rng.randint(10**7, 10**8 - 1)}-{year}{month:02d}{day:02d}-{number}-DE"
    )


def generated_documents(size_mb: float, seed: int) -> list[Document]:
    """``bench_tagging``'s documents as a PDF extractor gives them: CRLF lines, pages, stamps."""
    rng = random.Random(seed)
    documents = []
    for index, text in enumerate(bench_tagging.build_corpus(size_mb, seed)):
        pages, page, length = [], [], 0
        for line in text.split("\n"):
            page.append(line)
            length += len(line) + 2
            if length >= PAGE_CHARS:
                pages.append("\r\n".join(page) + "\r\n")
                page, length = [], 0
        if page:
            pages.append("\r\n".join(page) + "\r\n")
        if rng.random() < 0.2:
            pages[-1] += _stamp(rng)
        documents.append(Document(f"https://example.fr/generated/{index}.pdf", None, "pdf", pages))
    return documents


def build_corpus(size_mb: float, seed: int = 7) -> list[Document]:
    """Real and generated documents, half and half by size, interleaved; cached as JSON."""
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"analysis-{size_mb:g}mb-{seed}.json"
    if cached.exists():
        return [Document(**fields) for fields in json.loads(cached.read_text(encoding="utf-8"))]
    target = int(size_mb * 1_000_000)
    generated = generated_documents(size_mb / 2, seed)
    # A smoke corpus stays small: no real document over a quarter of it (the 255-page minutes).
    real = [document for document in real_documents() if _size(document) <= target / 4] or generated
    documents: list[Document] = []
    total, turn = 0, 0
    while total < target:
        source = real[turn % len(real)] if turn % 2 == 0 or not generated else generated.pop()
        documents.append(source)
        total += _size(source)
        turn += 1
    cached.write_text(
        json.dumps([{"url": d.url, "title": d.title, "kind": d.kind, "pages": d.pages} for d in documents]),
        encoding="utf-8",
    )
    return documents


def _size(document: Document) -> int:
    return sum(len(page.encode("utf-8")) for page in document.pages)


def analyse(document: Document, tagger: object, seconds: dict[str, float]) -> int:
    """One document through the crawl's analysis, each step's time added to ``seconds``.

    The same calls, in the same order, as ``pdf_text.extract_pdf`` (normalising each page),
    ``extract.describe`` and the tagging stage; returns the number of mentions found.
    """
    clock = time.perf_counter
    start = clock()
    pages = [normalise_text(page) for page in document.pages]
    after_norm = clock()
    text_head = pages[0] if pages else ""
    doc_type = guess_doc_type(document.title, document.url, text_head, document.kind)
    after_type = clock()
    find_date(document.title, document.url, text_head)
    after_date = clock()
    text = "\f".join(pages)
    find_actes(text)
    after_actes = clock()
    split_acts(text, doc_type, document.title, paged=document.kind == "pdf")
    after_acts = clock()
    mentions = tagger.tag(text, document.kind == "pdf")  # type: ignore[attr-defined]
    end = clock()
    for step, (begin, finish) in zip(
        STEPS,
        (
            (start, after_norm),
            (after_norm, after_type),
            (after_type, after_date),
            (after_date, after_actes),
            (after_actes, after_acts),
            (after_acts, end),
        ),
        strict=True,
    ):
        seconds[step] += finish - begin
    return len(mentions)


def _timed(function: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = function()
    return time.perf_counter() - start, count


def run(size_mb: float) -> dict[str, object]:
    documents = build_corpus(size_mb)
    megabytes = sum(_size(document) for document in documents) / 1_000_000
    tagger = get_tagger()
    warm: dict[str, float] = dict.fromkeys(STEPS, 0.0)
    for document in documents[:4]:  # compile the patterns, page the code in
        analyse(document, tagger, warm)

    seconds: dict[str, float] = dict.fromkeys(STEPS, 0.0)
    total, mentions = _timed(lambda: sum(analyse(document, tagger, seconds) for document in documents))

    naive = re.compile(r"\b(?:" + "|".join(term.regex for term in tagger.lexicon.terms) + r")\b")
    texts = ["\f".join(normalise_text(page) for page in document.pages) for document in documents]
    naive_seconds, naive_hits = _timed(
        lambda: sum(sum(1 for _ in naive.finditer(bench_tagging.naive_fold(text))) for text in texts)
    )

    rate, naive_rate = megabytes / total, megabytes / naive_seconds
    ratio = round(rate / naive_rate, 2)
    return {
        "benchmark": "analysis",
        "machine": machine(),
        "corpus_mb": round(megabytes, 2),
        "documents": len(documents),
        "pages": sum(len(document.pages) for document in documents),
        "steps_s": {step: round(value, 3) for step, value in seconds.items()},
        "steps_mb_per_s": {
            step: round(megabytes / value, 1) if value else None for step, value in seconds.items()
        },
        "total_s": round(total, 3),
        "vigie_mb_per_s": round(rate, 1),
        "vigie_mentions": mentions,
        "naive_re_s": round(naive_seconds, 3),
        "naive_re_mb_per_s": round(naive_rate, 1),
        "naive_re_hits": naive_hits,
        "ratio": ratio,
        "target_mb_per_s": TARGET_MB_PER_S,
        "meets_target": rate >= TARGET_MB_PER_S,
        "rows": rows_dicts(
            [
                Row(
                    f"analysis ({megabytes:.0f} MB): normalise, type, date, ACTES, acts, tags",
                    f"{rate:.1f} MB/s",
                    f"naive re tagger {naive_rate:.1f} MB/s",
                    ratio,
                    f"≥ {TARGET_MB_PER_S:g} MB/s",
                    rate >= TARGET_MB_PER_S,
                )
            ]
        ),
    }


def table(result: dict[str, object]) -> str:
    steps_s: dict[str, float] = result["steps_s"]  # type: ignore[assignment]
    total: float = result["total_s"]  # type: ignore[assignment]
    megabytes: float = result["corpus_mb"]  # type: ignore[assignment]
    lines = [
        f"Analysis of {megabytes} MB ({result['documents']} documents, {result['pages']} pages), {result['machine']}",
        "| step | seconds | share | MB/s |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {step} | {value:.2f} | {value / total:.0%} | {megabytes / value if value else 0:.0f} |"
        for step, value in steps_s.items()
    ]
    lines += [
        f"| **whole analysis** | {total:.2f} | 100% | {result['vigie_mb_per_s']} |",
        f"| naive `re` tagger (anchor) | {result['naive_re_s']:.2f} | | {result['naive_re_mb_per_s']} |",
        f"ratio {result['ratio']}×; target ≥ {TARGET_MB_PER_S:g} MB/s: {'met' if result['meets_target'] else 'NOT met'}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "analysis")
    parser.add_argument("--size-mb", type=float, default=40.0, help="corpus size (default 40 MB)")
    parser.add_argument("--smoke", action="store_true", help=f"a {SMOKE_MB:g} MB corpus: check that it runs")
    args = parser.parse_args(argv)
    result = run(SMOKE_MB if args.smoke else args.size_mb)
    write_result(result, args.output)
    print(table(result))
    return result


if __name__ == "__main__":
    main()
