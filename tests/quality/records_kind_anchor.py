"""The anchor for the kind of decision: a classifier learnt from the labelled acts themselves.

Vigie reads the kind with rules (``pipelines.records.kinds``). The usual alternative is to learn
it: character n-grams of the act (3 to 5 letters, TF-IDF, which copes with OCR and inflections)
and a logistic regression, trained on every labelled decision outside the part measured, the
blind part included only as the test. Same acts, same truth, same comparison as the rules'.

scikit-learn is not one of Vigie's dependencies: install it to run this anchor (the benchmark
says "not installed" otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.quality.records_scoring import Labelled

OPENING_CHARS = 3000  # what decides the kind is in an act's heading and first articles


# Where the rules and the classifier disagree, the classifier's kind is taken when it gives it at
# least this probability: the combination measured beside both (chosen before any part measured it).
SURE = 0.5


@dataclass(frozen=True, slots=True)
class KindAnchor:
    model: str
    right: int
    decisions: int
    combined_right: int | None = None  # the rules' kind, or the classifier's where it is sure

    @property
    def accuracy(self) -> float:
        return self.right / self.decisions if self.decisions else 0.0


def kind_classifier() -> Any | None:
    """A fresh, untrained pipeline, or None without scikit-learn."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
    except ImportError:
        return None
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    return make_pipeline(vectors, LogisticRegression(max_iter=2000, C=10.0))


def score_kind_anchor(
    labelled: list[Labelled], split: str, given_kinds: dict[str, str] | None = None
) -> KindAnchor | None:
    """Train on the decisions of every other part, measure on ``split``'s; with the rules' kinds
    (``given_kinds``), measure their combination too (``SURE``)."""
    classifier = kind_classifier()
    decisions = [item for item in labelled if item.truth["kind"] != "none"]
    train = [item for item in decisions if item.split != split]
    test = [item for item in decisions if item.split == split]
    if classifier is None or not test or len({item.truth["kind"] for item in train}) < 2:
        return None
    classifier.fit([item.text[:OPENING_CHARS] for item in train], [item.truth["kind"] for item in train])
    probabilities = classifier.predict_proba([item.text[:OPENING_CHARS] for item in test])
    classes = list(classifier.classes_)
    guessed = [(classes[row.argmax()], row.max()) for row in probabilities]
    right = sum(guess == item.truth["kind"] for (guess, _), item in zip(guessed, test, strict=True))
    combined = None
    if given_kinds is not None:
        combined = sum(
            (guess if sure >= SURE else given_kinds.get(item.id, "none")) == item.truth["kind"]
            for (guess, sure), item in zip(guessed, test, strict=True)
        )
    return KindAnchor(f"char n-grams + logistic regression, {len(train)} acts", right, len(test), combined)
