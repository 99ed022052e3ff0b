"""Vigie's analysis scored against the labelled truth (``tests/quality/truth.py``).

The tagger per passage (categories found or not, traps, stance), and each real document through
the extraction a crawl runs (sitting date, number of acts).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from archive.taxonomy import CATEGORY_IDS
from pipelines.tagging import Tagger
from tests.quality.truth import Document, Passage, document_file

ACT_TOLERANCE = 0.10


@dataclass(slots=True)
class CategoryScore:
    expected: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        precision, recall = self.precision, self.recall
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(slots=True)
class TaggerReport:
    passages: int = 0
    categories: dict[str, CategoryScore] = field(default_factory=dict)
    micro: CategoryScore = field(default_factory=CategoryScore)
    trap_passages: int = 0
    traps_fired: list[dict[str, object]] = field(default_factory=list)
    opposition_passages: int = 0
    opposition_found: int = 0
    neutral_passages: int = 0
    neutral_marked: int = 0
    missed: list[dict[str, object]] = field(default_factory=list)
    false_alarms: list[dict[str, object]] = field(default_factory=list)
    stance_failures: list[dict[str, object]] = field(default_factory=list)

    @property
    def worst_recall(self) -> tuple[str, float]:
        scored = [(name, score.recall) for name, score in self.categories.items() if score.expected]
        return min(scored, key=lambda item: item[1]) if scored else ("-", 1.0)

    @property
    def opposition_rate(self) -> float:
        return self.opposition_found / self.opposition_passages if self.opposition_passages else 1.0

    @property
    def false_opposition_rate(self) -> float:
        return self.neutral_marked / self.neutral_passages if self.neutral_passages else 0.0


def score_tagger(tagger: Tagger, passages: list[Passage]) -> TaggerReport:
    """Passage-level scores: a category is found in a passage or not."""
    report = TaggerReport(passages=len(passages), categories={c: CategoryScore() for c in CATEGORY_IDS})
    for passage in passages:
        mentions = tagger.tag(passage.text)
        found = {mention.category for mention in mentions}
        terms = sorted({f"{m.category}: {m.matched!r}" for m in mentions})
        for category in CATEGORY_IDS:
            expected, predicted = category in passage.categories, category in found
            score = report.categories[category]
            score.expected += expected
            if expected and predicted:
                score.true_positives += 1
            elif predicted:
                score.false_positives += 1
            elif expected:
                score.false_negatives += 1
        if missing := passage.categories - found:
            report.missed.append(_failure(passage, missing=sorted(missing), found=terms))
        if extra := found - passage.categories:
            report.false_alarms.append(_failure(passage, extra=sorted(extra), found=terms))
        if passage.trap:
            report.trap_passages += 1
            if extra:
                report.traps_fired.append(_failure(passage, extra=sorted(extra), found=terms))
        opposed = any(mention.stance == "opposition" for mention in mentions)
        if passage.stance == "opposition":
            report.opposition_passages += 1
            report.opposition_found += opposed
            if not opposed:
                why = "no mention found" if not mentions else "mentions found, none marked opposition"
                report.stance_failures.append(_failure(passage, expected="opposition", why=why, found=terms))
        elif passage.stance == "neutral":
            report.neutral_passages += 1
            report.neutral_marked += opposed
            if opposed:
                report.stance_failures.append(_failure(passage, expected="neutral", why="marked opposition"))
    for score in report.categories.values():
        report.micro.expected += score.expected
        report.micro.true_positives += score.true_positives
        report.micro.false_positives += score.false_positives
        report.micro.false_negatives += score.false_negatives
    return report


def _failure(passage: Passage, **details: object) -> dict[str, object]:
    return {"id": passage.id, "trap": passage.trap, **details, "text": " ".join(passage.text.split())}


# --- dates and acts -----------------------------------------------------------------------------


@dataclass(slots=True)
class DocumentResult:
    id: str
    split: str
    kind: str
    true_date: str
    found_date: str | None
    date_source: str | None
    true_items: int | None
    found_items: int
    doc_type: str
    seconds: float
    error: str | None = None

    @property
    def date_right(self) -> bool:
        return self.found_date == self.true_date

    @property
    def items_right(self) -> bool | None:
        if self.true_items is None:
            return None
        return abs(self.found_items - self.true_items) <= ACT_TOLERANCE * self.true_items


def analyse_document(document: Document) -> DocumentResult:
    """The document through Vigie's extraction, as a crawl would fetch it from its URL."""
    from pipelines.extract import ExtractionInput, extract_document

    body = document_file(document).read_bytes()
    start = time.perf_counter()
    result = extract_document(ExtractionInput(url=document.url, body=body))
    return DocumentResult(
        id=document.id,
        split=document.split,
        kind=document.kind,
        true_date=document.date.isoformat(),
        found_date=result.date.isoformat() if result.date else None,
        date_source=result.date_source,
        true_items=document.items,
        found_items=len(result.acts),
        doc_type=result.doc_type,
        seconds=round(time.perf_counter() - start, 3),
        error=result.error,
    )
