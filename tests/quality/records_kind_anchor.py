"""The anchor for the kind of decision: a classifier learnt from the labelled acts themselves.

Vigie reads the kind with rules (``pipelines.records.kinds``) and, where it disagrees with them
and is sure, with a learnt model (``pipelines.records.learnt_kind``: character n-grams of the act,
3 to 5 letters, TF-IDF, and a logistic regression) shipped trained on every labelled part but the
blind one. The anchor is that model alone, trained again on every labelled act outside the
part measured: on a part the shipped model learnt from, it is the honest figure for the model.
Same acts, same truth, same comparison as the rules'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipelines.records.learnt_kind import OPENING_CHARS, new_classifier
from tests.quality.records_scoring import BLIND, Labelled


@dataclass(frozen=True, slots=True)
class KindAnchor:
    model: str
    right: int
    decisions: int

    @property
    def accuracy(self) -> float:
        return self.right / self.decisions if self.decisions else 0.0


def kind_classifier() -> Any | None:
    """A fresh, untrained model (Vigie's own, ``pipelines.records.learnt_kind``), or None
    without scikit-learn."""
    try:
        return new_classifier()
    except ImportError:
        return None


def score_kind_anchor(labelled: list[Labelled], split: str) -> KindAnchor | None:
    """Train on the decisions of every other part but the blind ones, measure on ``split``'s."""
    classifier = kind_classifier()
    # Trained as Vigie's is (the negatives too: a "none" answer to a decision is wrong); another
    # blind part is used for nothing until its own measure.
    train = [item for item in labelled if item.split != split and item.split not in BLIND]
    test = [item for item in labelled if item.split == split and item.truth["kind"] != "none"]
    if classifier is None or not test or len({item.truth["kind"] for item in train}) < 2:
        return None
    classifier.fit([item.text[:OPENING_CHARS] for item in train], [item.truth["kind"] for item in train])
    guessed = classifier.predict([item.text[:OPENING_CHARS] for item in test])
    right = sum(guess == item.truth["kind"] for guess, item in zip(guessed, test, strict=True))
    return KindAnchor(f"char n-grams + logistic regression, {len(train)} acts", right, len(test))
