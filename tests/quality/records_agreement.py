"""How often a second reader's kind agrees with the labels (``records_second.toml``), by where the
act was read (``records_scoring.read_in``): the ceiling of any reader's kind on the same acts. A
kind two careful readers choose differently is a judgement call, not a reader's error."""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.quality.records_scoring import Labelled, read_in

SECOND = Path(__file__).with_name("records_second.toml")


@dataclass(slots=True)
class Agreement:
    """Per place of reading ("act", "page"): (agreed, read), all readings and the sure ones."""

    kinds: Counter[tuple[str, bool]] = field(default_factory=Counter)
    sure: Counter[tuple[str, bool]] = field(default_factory=Counter)

    def share(self, where: str, sure_only: bool = False) -> tuple[int, int]:
        counts = self.sure if sure_only else self.kinds
        return counts[(where, True)], counts[(where, True)] + counts[(where, False)]


def load_second(path: Path = SECOND) -> dict[str, dict[str, Any]]:
    with path.open("rb") as handle:
        return {reading["id"]: reading for reading in tomllib.load(handle)["reading"]}


def agreement(labelled: list[Labelled], second: dict[str, dict[str, Any]]) -> Agreement | None:
    """The second reader's agreement on the kind of the acts read twice; None if none was."""
    found = Agreement()
    for item in labelled:
        reading = second.get(item.id)
        if reading is None:
            continue
        where, agreed = read_in(item), reading["kind"] == item.truth["kind"]
        found.kinds[(where, agreed)] += 1
        if reading["confident"]:
            found.sure[(where, agreed)] += 1
    return found if found.kinds else None
