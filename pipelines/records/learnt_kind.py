"""The kind of a decision as a model learnt from Vigie's hand-labelled acts reads it.

The rules (``kinds``) are right on an act's own text, whose forms are fixed; on reports of a
decision (press articles, town pages), measured on parts labelled after them, they were right
about half the time, and a classifier learnt from the labelled acts was about 0.1 ahead of them
(README, "How right they are"). This module is that classifier: character 3–5-grams of the act's
opening (TF-IDF, which copes with OCR and inflections) and a logistic regression, trained on every
labelled act but the blind part's (``scripts/train_kind_model.py``) and shipped as
``kind_model.npz``: its vocabulary, weights and classes as arrays, not a pickle.

``learnt_kind`` gives the kind (or "none": the model learns the negatives too) and how sure the
model is; ``evidence``, the sentence of the opening that most says that kind. ``kinds.decision_kind``
takes it only where no rule reads a kind (``SURE_WITHOUT_RULE``), never for a prefect's act and
never as a prefect's kind or the 2023 law's experiment. Until records 2026.12.31 it also replaced
a kind a rule read when it was sure of another (p ≥ 0.5); over the four blind parts that measured
that, it was one kind behind the rules alone (README, "How right they are"), so it no longer does.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from pipelines.records.spans import SENTENCE

MODEL = Path(__file__).with_name("kind_model.npz")
_LOG = logging.getLogger(__name__)
# What decides the kind is in an act's heading and first articles, a report's title and lead.
OPENING_CHARS = 3000
# Where no rule read a kind (the rules' "debate_only" is then a default, not a reading), the
# model's kind is taken at any probability, and its "none" means that the text decides nothing:
# no record. Chosen on the parts labelled before ``heldout12``, each read by a model trained
# without it (of 26 such texts, the model's kind was right 8 times and the default 3; its "none"
# was right 6 times in 8), before ``heldout12`` measured it.
SURE_WITHOUT_RULE = 0.0  # the benchmark raises it above 1 to measure the rules alone


@dataclass(frozen=True, slots=True)
class Learnt:
    kind: str
    probability: float


# The model's settings, named once: what the training fingerprints, and what reading assumes.
VECTORS = {"analyzer": "char_wb", "ngram_range": (3, 5), "min_df": 2, "sublinear_tf": True}
REGRESSION = {"max_iter": 2000, "C": 10.0}


def new_classifier() -> Any:
    """The untrained model (scikit-learn's pipeline): what ``scripts/train_kind_model.py`` fits
    and the benchmark's anchor fits again without the part it measures."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(**VECTORS), LogisticRegression(**REGRESSION))


def save(classifier: Any, target: BinaryIO, labels: str = "") -> None:
    """Write a fitted ``new_classifier()`` as arrays (vocabulary in column order, idf, weights),
    with ``labels``, the fingerprint of what it learnt from."""
    import numpy as np

    vectors, regression = classifier.steps[0][1], classifier.steps[1][1]
    # Two kinds would give one row of weights (a sigmoid), which ``probabilities`` does not read.
    assert len(regression.classes_) > 2, "the model needs at least three kinds"
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
def _model(path: Path = MODEL) -> _Model | None:
    import numpy as np

    if not path.exists():
        _LOG.warning("%s is missing: the kind of decisions is read by the rules alone", path)
        return None
    with np.load(path) as arrays:
        return _Model(
            {str(term): column for column, term in enumerate(arrays["terms"])},
            arrays["idf"],
            arrays["weights"],  # float32, as stored: half the memory of every worker's copy
            arrays["intercepts"],
            [str(kind) for kind in arrays["classes"]],
        )


def learnt_kind(text: str, path: Path = MODEL) -> Learnt | None:
    """The kind the model reads in ``text``'s opening and its probability; None for an empty
    text, or when the model is missing (a broken install: the rules then read alone)."""
    opening = text[:OPENING_CHARS]
    if not opening.strip():
        return None
    model = _model(path)
    if model is None:
        return None
    whole = model.probabilities(opening)
    column = int(whole.argmax())
    return Learnt(model.classes[column], float(whole[column]))


def evidence(text: str, kind: str, path: Path = MODEL) -> tuple[int, int]:
    """The sentence of ``text``'s opening that most says ``kind``: the span a record shows as
    the evidence of a kind the model read (computed only when the model's kind is taken)."""
    opening = text[:OPENING_CHARS]
    model = _model(path)
    sentences = [(found.start(), found.end()) for found in SENTENCE.finditer(opening)]
    if model is None or not sentences:
        return 0, len(opening.rstrip())
    column = model.classes.index(kind)
    return max(sentences, key=lambda span: model.probabilities(opening[span[0] : span[1]])[column])
