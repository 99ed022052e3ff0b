"""The labelled sentences, and per-category precision and recall of the tagger on them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.tagging import Tagger
from pipelines.tagging.lexicon import CATEGORY_IDS

LABELLED = Path(__file__).with_name("labelled.toml")


@dataclass
class Case:
    text: str
    categories: set[str]
    source: str
    stance: str | None = None


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def load_cases() -> list[Case]:
    data = tomllib.loads(LABELLED.read_text(encoding="utf-8"))
    return [Case(c["text"], set(c["categories"]), c["source"], c.get("stance")) for c in data["case"]]


def score(tagger: Tagger, cases: list[Case]) -> dict[str, Score]:
    """Sentence-level scores: a category is found in a sentence, or not."""
    scores = {category: Score() for category in CATEGORY_IDS}
    for case in cases:
        found = {mention.category for mention in tagger.tag(case.text)}
        for category in CATEGORY_IDS:
            expected, predicted = category in case.categories, category in found
            if expected and predicted:
                scores[category].true_positives += 1
            elif predicted:
                scores[category].false_positives += 1
                scores[category].errors.append(f"false positive: {case.text[:90]}")
            elif expected:
                scores[category].false_negatives += 1
                scores[category].errors.append(f"missed: {case.text[:90]}")
    return scores


def report(scores: dict[str, Score]) -> str:
    lines = [f"{'category':<24} {'P':>5} {'R':>5}  (tp/fp/fn)"]
    for category, s in scores.items():
        lines.append(
            f"{category:<24} {s.precision:5.2f} {s.recall:5.2f}  "
            f"({s.true_positives}/{s.false_positives}/{s.false_negatives})"
        )
        lines.extend(f"    {error}" for error in s.errors)
    return "\n".join(lines)
