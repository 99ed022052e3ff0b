"""The anchor for the names in decision records: spaCy's small French pipeline, asked the same.

Issue 20 asked for "a small NLP model (spaCy's fr_core_news_sm/md) where rules cannot find
organisations or places". Before any such model enters the crawl it is scored here, on the same
labelled acts and by the same comparison as Vigie's readers (``records_matching.same_value``), for the
three names a model could give:

- **commune**: the most frequent place entity (``LOC``) that is the name of a French commune
  (the registry's 34,875, case and accents aside), the gazetteer keeping out "France" or "Seine";
- **vendor**: the first organisation (``ORG`` or ``MISC``) within 80 characters after a word of
  procurement ("société", "entreprise", "attribué", "titulaire", "prestataire", "marché");
- **beneficiary**: the first person (``PER``) named with a civility ("Madame", "Monsieur"…).

Only the decisions are asked (the negatives are the readers' concern). spaCy is not one of
Vigie's dependencies: install ``spacy`` and ``fr_core_news_sm`` to run it (the benchmark says
"not installed" otherwise). The figures and the decision they led to are in the README.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.quality.records_matching import fold, same_value
from tests.quality.records_scoring import FieldScore, Labelled

MODEL = "fr_core_news_sm"
FIELDS = ("commune", "vendor", "beneficiary")
REGISTRY = Path(__file__).resolve().parents[2] / "reference" / "authorities.csv"
_PROCUREMENT = re.compile(r"soci[ée]t[ée]|entreprise|attribu|titulaire|prestataire|march[ée]", re.IGNORECASE)
_CIVILITY = re.compile(r"(?:Madame|Monsieur|Mme|M\.)\s")


@dataclass(frozen=True, slots=True)
class AnchorReport:
    model: str  # "fr_core_news_sm 3.8.0"
    fields: dict[str, FieldScore]


def load_model() -> Any | None:
    """The pipeline with its entity recogniser only, or None when spaCy or the model is missing."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        # Only the recogniser and what it reads: the parser and tagger would triple the time.
        return spacy.load(
            MODEL, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "tagger"]
        )
    except OSError:
        return None


def score_anchor(nlp: Any, labelled: Iterable[Labelled]) -> AnchorReport:
    communes = _commune_names()
    fields = {name: FieldScore() for name in FIELDS}
    for item in labelled:
        if item.truth["kind"] == "none":
            continue
        entities = [(entity.text, entity.label_, entity.start_char) for entity in nlp(item.text).ents]
        guesses = {
            "commune": _commune(entities, communes),
            "vendor": _vendor(entities, item.text),
            "beneficiary": next(
                (text for text, label, _ in entities if label == "PER" and _CIVILITY.match(text)), None
            ),
        }
        for name, value in guesses.items():
            expected = item.truth.get(name)
            score = fields[name]
            score.filled += value is not None
            score.labelled += expected is not None
            score.right += value is not None and expected is not None and same_value(name, value, expected)
    meta = nlp.meta
    name = f"{meta['lang']}_{meta['name']}" if "lang" in meta and "name" in meta else MODEL
    return AnchorReport(f"{name} {meta.get('version', '')}".strip(), fields)


def _commune(entities: list[tuple[str, str, int]], communes: set[str]) -> str | None:
    places = Counter(
        " ".join(text.split())
        for text, label, _ in entities
        if label == "LOC" and text[:1].isupper() and fold(text) in communes
    )
    return places.most_common(1)[0][0] if places else None


def _vendor(entities: list[tuple[str, str, int]], text: str) -> str | None:
    for name, label, start in entities:
        if label in ("ORG", "MISC") and _PROCUREMENT.search(text, max(0, start - 80), start):
            return " ".join(name.split())
    return None


def _commune_names() -> set[str]:
    with REGISTRY.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {fold(row["name"]) for row in rows if row["kind"] == "commune"}
