"""Mentions grouped by passage (``search.mention_groups``)."""

from __future__ import annotations

from dataclasses import dataclass

from search.mention_groups import group_mentions

TEXT = (
    "Le conseil autorise l'installation de caméras et d'un drone. "
    + "Autre sujet. " * 80
    + "Des caméras encore."
)


@dataclass
class Found:
    category: str
    matched: str
    start: int
    act_id: int | None = 1
    term: str = "t"
    context: str = ""
    page: int | None = None
    stance: str | None = None
    act: str | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.matched)


def test_close_mentions_share_one_passage_and_far_ones_do_not() -> None:
    cameras, drone, later = (
        Found("videoprotection", "caméras", TEXT.index("caméras")),
        Found("drones", "drone", TEXT.index("drone")),
        Found("videoprotection", "caméras", TEXT.rindex("caméras")),
    )
    groups = group_mentions(TEXT, [later, drone, cameras])
    assert [len(group.mentions) for group in groups] == [2, 1]
    assert groups[0].categories == ["videoprotection", "drones"]
    assert [words for words, marked in groups[0].parts if marked] == ["caméras", "drone"]
    assert groups[1].parts[0] == ("…", False)


def test_another_act_starts_another_passage() -> None:
    groups = group_mentions(
        TEXT,
        [
            Found("videoprotection", "caméras", TEXT.index("caméras")),
            Found("drones", "drone", TEXT.index("drone"), act_id=2),
        ],
    )
    assert len(groups) == 2


def test_offsets_that_no_longer_match_the_text_fall_back_to_the_context() -> None:
    stale = Found("videoprotection", "caméras", 3, context="… des caméras …")
    assert group_mentions(TEXT, [stale])[0].parts == [("… des ", False), ("caméras", True), (" …", False)]
