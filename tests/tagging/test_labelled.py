"""Precision and recall of the shipped lexicon on the labelled sentences (labelled.toml)."""

from __future__ import annotations

import pytest

from pipelines.tagging import get_tagger
from tests.tagging.labelled import load_cases, report, score

CASES = load_cases()


def test_every_category_has_precision_and_recall_of_at_least_0_9() -> None:
    scores = score(get_tagger(), CASES)
    failing = [c for c, s in scores.items() if s.precision < 0.9 or s.recall < 0.9 or not s.true_positives]
    assert not failing, "\n" + report(scores)


@pytest.mark.parametrize("case", [c for c in CASES if not c.categories], ids=lambda c: c.text[:50])
def test_no_guard_case_fires(case) -> None:
    assert get_tagger().tag(case.text) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.stance], ids=lambda c: c.text[:50])
def test_opposition_is_marked(case) -> None:
    mentions = get_tagger().tag(case.text)
    assert mentions and {m.stance for m in mentions} == {case.stance}


def test_stance_is_null_for_deployments() -> None:
    deployments = [c for c in CASES if c.categories and not c.stance and c.source == "realistic"]
    stances = {m.stance for c in deployments for m in get_tagger().tag(c.text)}
    assert stances == {None}


def test_labelled_set_covers_real_documents_and_every_category() -> None:
    assert sum(1 for c in CASES if c.source != "realistic") >= 15
    covered = {category for case in CASES for category in case.categories}
    assert covered == set(get_tagger().lexicon.labels)
