"""The kind of a decision as a model learnt from Vigie's hand-labelled acts reads it.

The rules (``kinds``) are right on an act's own text, whose forms are fixed; on reports of a
decision (press articles, town pages), measured on parts labelled after them, they were right
about half the time, and a classifier learnt from the labelled acts was about 0.1 ahead of them
(README, "How right they are"). This module is that classifier: character 3–5-grams of the act's
opening (TF-IDF, which copes with OCR and inflections) and a logistic regression, trained on every
labelled decision but the blind part (``scripts/train_kind_model.py``) and shipped as
``kind_model.npz``: its vocabulary, weights and classes as arrays, not a pickle.

``learnt_kind`` gives the kind, how sure the model is, and as evidence the sentence of the opening
that most says that kind. ``kinds.decision_kind`` takes it over the rules' only where the two
disagree and the model is sure (``SURE``), and never for a prefect's act.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from pipelines.records.spans import SENTENCE

MODEL = Path(__file__).with_name("kind_model.npz")
# What decides the kind is in an act's heading and first articles, a report's title and lead.
OPENING_CHARS = 3000
# The model's kind replaces the rules' when it gives it at least this probability (chosen before
# any blind part measured the combination; the benchmark raises it above 1 to measure the rules
# alone, ``tests/quality/records_scoring.rules_alone``).
SURE = 0.5


@dataclass(frozen=True, slots=True)
class Learnt:
    kind: str
    probability: float
    start: int  # the sentence that most says this kind
    end: int


def new_classifier() -> Any:
    """The untrained model (scikit-learn's pipeline): what ``scripts/train_kind_model.py`` fits
    and the benchmark's anchor fits again without the part it measures."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    return make_pipeline(vectors, LogisticRegression(max_iter=2000, C=10.0))


def save(classifier: Any, target: BinaryIO, labels: str = "") -> None:
    """Write a fitted ``new_classifier()`` as arrays (vocabulary in column order, idf, weights),
    with ``labels``, the fingerprint of what it learnt from."""
    import numpy as np

    vectors, regression = classifier.steps[0][1], classifier.steps[1][1]
    terms = sorted(vectors.vocabulary_, key=vectors.vocabulary_.__getitem__)
    np.savez_compressed(
        target,
        terms=np.array(terms),
        idf=vectors.idf_.astype(np.float32),
        weights=regression.coef_.astype(np.float32),
        intercepts=regression.intercept_.astype(np.float32),
        classes=np.array(regression.classes_),
        labels=np.array(labels),
    )


@dataclass(frozen=True, slots=True)
class _Model:
    """The fitted model as arrays: read without scikit-learn, which only trains it (importing it
    would cost every crawl worker a second)."""

    columns: dict[str, int]  # each character n-gram's column
    idf: Any
    weights: Any  # one row per kind
    intercepts: Any
    classes: list[str]

    def probabilities(self, text: str) -> Any:
        """The probability of each kind: TF-IDF of the text's n-grams (a count's logarithm plus
        one, times its idf, the row scaled to length one), then the regression's softmax."""
        import numpy as np

        counts = Counter(gram for gram in _grams(text) if gram in self.columns)
        scores = self.intercepts.copy()
        if counts:
            columns = np.fromiter((self.columns[gram] for gram in counts), dtype=np.int64, count=len(counts))
            values = (
                1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
            ) * self.idf[columns]
            values /= np.linalg.norm(values)
            scores = scores + self.weights[:, columns] @ values
        exponentials = np.exp(scores - scores.max())
        return exponentials / exponentials.sum()


def _grams(text: str) -> Iterator[str]:
    """The character 3- to 5-grams of each word, padded with a space on each side (scikit-learn's
    "char_wb" analyser, lower-cased): a word too short for a length gives itself once."""
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for length in range(3, 6):
            windows = max(len(padded) - length + 1, 1)
            yield from (padded[at : at + length] for at in range(windows))
            if windows == 1:
                break


_SPACES = re.compile(r"\s\s+")


@cache
def _model(path: Path = MODEL) -> _Model:
    import numpy as np

    with np.load(path) as arrays:
        return _Model(
            {str(term): column for column, term in enumerate(arrays["terms"])},
            arrays["idf"].astype(np.float64),
            arrays["weights"].astype(np.float64),
            arrays["intercepts"].astype(np.float64),
            [str(kind) for kind in arrays["classes"]],
        )


def learnt_kind(text: str, path: Path = MODEL) -> Learnt | None:
    """The kind the model reads in ``text``'s opening, its probability, and the sentence that most
    says it; None for an empty text."""
    opening = text[:OPENING_CHARS]
    if not opening.strip():
        return None
    model = _model(path)
    whole = model.probabilities(opening)
    column = int(whole.argmax())
    sentences = [(found.start(), found.end()) for found in SENTENCE.finditer(opening)]
    start, end = max(
        sentences or [(0, len(opening.rstrip()))],
        key=lambda span: model.probabilities(opening[span[0] : span[1]])[column],
    )
    return Learnt(model.classes[column], float(whole[column]), start, end)
