"""The learnt model of a decision's kind (pipelines/records/learnt_kind.py): shipped as the
labels train it, read as scikit-learn reads it, consulted only where the rules and it disagree
and it is sure, with the sentence that most says its kind as evidence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipelines.records import read_record
from pipelines.records.learnt_kind import OPENING_CHARS, SURE, _model, learnt_kind, new_classifier, save
from tests.quality.records_scoring import load_records, rules_alone

ROOT = Path(__file__).parents[2]
TEXTS = {item.id: item.text for item in load_records()}


def test_the_shipped_model_is_what_the_labels_give() -> None:
    # Whoever adds labels (or ends a part's blindness) retrains: the model never drifts from them
    # (``--check --refit`` also trains again, about ten seconds: not in the suite).
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_kind_model.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "up to date" in checked.stdout


def test_the_model_reads_a_text_as_scikit_learn_does(tmp_path: Path) -> None:
    decisions = [item for item in load_records() if item.truth["kind"] != "none"]
    train, texts = decisions[::8], [item.text[:OPENING_CHARS] for item in decisions[1::25]]
    classifier = new_classifier()
    classifier.fit([item.text[:OPENING_CHARS] for item in train], [item.truth["kind"] for item in train])
    path = tmp_path / "model.npz"
    with path.open("wb") as handle:
        save(classifier, handle)
    ours = np.array([_model(path).probabilities(text) for text in texts])
    assert _model(path).classes == list(classifier.classes_)
    np.testing.assert_allclose(ours, classifier.predict_proba(texts), atol=1e-5)


def test_where_the_model_is_sure_and_disagrees_its_kind_and_sentence_are_taken() -> None:
    # Marseille's deliberation 07/0167/EFAG: "la Ville de Marseille souhaite étendre le réseau de
    # vidéoprotection déjà mis en place": the rules read the upkeep of its tender's title.
    text = TEXTS["h8-marseille-deliberation-07-0167-efag-videoprotection-urbaine-csu"]
    with rules_alone():
        assert read_record(text, ["videoprotection"]).kind == "maintenance"
    learnt = learnt_kind(text)
    assert learnt is not None and learnt.kind == "extension" and learnt.probability >= SURE
    record = read_record(text, ["videoprotection"])
    start, end = record.evidence["kind"]
    assert record.kind == "extension" and (start, end) == (learnt.start, learnt.end)
    assert "étendre le réseau de vidéoprotection" in text[start:end]


def test_a_prefect_s_act_is_read_by_the_rules_alone() -> None:
    # Its kind and scope are the law's forms; the model is not asked.
    text = TEXTS["manche-sp14-arrete-2024-100"]
    record = read_record(text, ["videoprotection"])
    assert (record.kind, record.scope) == ("prefectoral_authorisation", "renewal")


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_text_has_no_learnt_kind(text: str) -> None:
    assert learnt_kind(text) is None
