"""Fixtures the pipeline tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.quality.records_scoring import rules_alone


@pytest.fixture
def rules_only() -> Iterator[None]:
    """The records' rules without the learnt model of the kind: tests of the rules read labelled
    texts the model learnt from, so it stays out (a module asks for it with ``pytestmark``)."""
    with rules_alone():
        yield
