"""The learnt model of a decision's kind (pipelines/records/learnt_kind.py): shipped as the
labels train it, read as scikit-learn reads it, consulted only where the rules and it disagree
and it is sure, with the sentence that most says its kind as evidence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from archive.records import MentionRecord
from pipelines.records import learnt_kind as model
from pipelines.records import read_record
from pipelines.records.build import records_for
from pipelines.records.kinds import NO_DECISION, decision_kind
from pipelines.records.spans import Found
from tests.quality.records_scoring import BLIND, load_records, rules_alone

ROOT = Path(__file__).parents[2]
LABELLED = [item for item in load_records() if item.split not in BLIND]
TEXTS = {item.id: item.text for item in LABELLED}


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
    train = LABELLED[::8]
    texts = [item.text[: model.OPENING_CHARS] for item in LABELLED[1::25]]
    # Edge cases of the n-grams: no word, short words, unusual spaces, no known n-gram.
    texts += ["a b", "Vidéo\u00a0protection\u202fet\u2009caméras\u3000LAPI", "zzzz qqqq", "É İ œ ﬁ"]
    classifier = model.new_classifier()
    classifier.fit(
        [item.text[: model.OPENING_CHARS] for item in train], [item.truth["kind"] for item in train]
    )
    path = tmp_path / "model.npz"
    with path.open("wb") as handle:
        model.save(classifier, handle)
    read = model._model(path)
    assert read is not None and read.classes == list(classifier.classes_)
    ours = np.array([read.probabilities(text) for text in texts])
    np.testing.assert_allclose(ours, classifier.predict_proba(texts), atol=1e-5)


def test_a_kind_a_rule_reads_is_kept_whatever_the_model_says(monkeypatch: pytest.MonkeyPatch) -> None:
    # Marseille's deliberation 07/0167/EFAG: the rules read the upkeep of its tender's title; the
    # model, sure, reads an extension ("souhaite étendre le réseau"). The rules' kind is kept: the
    # model's sure overrides were, over four blind parts, one kind behind the rules alone.
    text = TEXTS["h8-marseille-deliberation-07-0167-efag-videoprotection-urbaine-csu"]
    learnt = model.learnt_kind(text)
    assert learnt is not None and learnt.kind == "extension" and learnt.probability >= 0.5
    assert read_record(text, ["videoprotection"]).kind == "maintenance"
    # Whatever the model would say, sure of it: a prefect's act keeps the rules' kind and scope,
    # a council's act the kind a rule read.
    monkeypatch.setattr(model, "learnt_kind", lambda text: model.Learnt("convention", 0.99))
    found, scope = decision_kind(TEXTS["manche-sp14-arrete-2024-100"])
    assert (found.value, scope.value) == ("prefectoral_authorisation", "renewal")
    council = "Le conseil municipal a voté l'installation de 12 caméras de vidéoprotection."
    assert decision_kind(council) == (decision_kind(council)[0], None)
    assert decision_kind(council)[0].value == "deployment"


def test_where_no_rule_reads_the_model_never_gives_a_prefect_s_kind_nor_the_experiment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    silent = "Les caméras de la place du marché filment jour et nuit depuis le printemps."
    for learnt in (model.Learnt("prefectoral_authorisation", 0.99), model.Learnt("experiment", 0.99)):
        monkeypatch.setattr(model, "learnt_kind", lambda text, learnt=learnt: learnt)
        assert decision_kind(silent)[0] == Found("debate_only", 0, 0), learnt
    # Its evidence is the sentence of the opening that most says its kind.
    monkeypatch.setattr(model, "learnt_kind", lambda text: model.Learnt("deployment", 0.9))
    found = decision_kind(silent)[0]
    assert found.value == "deployment" and silent[found.start : found.end].startswith("Les caméras")


def test_where_no_rule_reads_a_kind_the_model_s_is_taken_and_its_none_drops_the_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No rule reads a decision here: the rules' "debate_only" is a default, with no evidence.
    silent = "Les caméras de la place du marché filment jour et nuit depuis le printemps."
    with rules_alone():
        assert decision_kind(silent)[0] == Found("debate_only", 0, 0)
    monkeypatch.setattr(model, "learnt_kind", lambda text: model.Learnt("deployment", 0.3))
    assert decision_kind(silent)[0].value == "deployment"  # unsure, but better than a default
    monkeypatch.setattr(model, "learnt_kind", lambda text: model.Learnt("none", 0.3))
    assert decision_kind(silent)[0].value == NO_DECISION
    mentions = [MentionRecord("videoprotection", "caméra", "caméras", 4, 11, None, silent)]
    assert records_for(silent, [], mentions) == []
    # A kind a rule read keeps it, whatever the unsure model says.
    council = "Le conseil municipal a voté l'installation de 12 caméras de vidéoprotection."
    assert decision_kind(council)[0].value == "deployment"
    assert len(records_for(council, [], mentions)) == 1


def test_without_its_file_the_kind_is_the_rules_alone(tmp_path: Path) -> None:
    assert model._model(tmp_path / "missing.npz") is None
    assert model.learnt_kind("Le conseil a voté.", tmp_path / "missing.npz") is None


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_text_has_no_learnt_kind(text: str) -> None:
    assert model.learnt_kind(text) is None
