"""The labelled real passages the tagger's regression tests read, by id, from tuning parts only
(never a held-out part), and what the tagger makes of a text."""

from __future__ import annotations

from functools import cache

from pipelines.tagging import get_tagger
from tests.quality.truth import Passage, load_passages


@cache
def tuning_passages(splits: tuple[str, ...]) -> dict[str, Passage]:
    return {passage.id: passage for passage in load_passages() if passage.split in splits}


def categories(text: str) -> list[str]:
    return sorted({mention.category for mention in get_tagger().tag(text)})


def opposed(text: str) -> bool:
    return any(mention.stance == "opposition" for mention in get_tagger().tag(text))
