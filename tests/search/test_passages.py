"""Snippets of long documents (search/passages.py): bounded work, the right passage, marked."""

from __future__ import annotations

from search.locate import CLOSE, OPEN
from search.passages import passage, query_words


def _marked(found: tuple[str, int] | None) -> list[str]:
    assert found is not None
    text = found[0]
    return [part.split(CLOSE)[0] for part in text.split(OPEN)[1:]]


def test_the_phrase_wins_over_scattered_words() -> None:
    text = "de " * 5000 + "huit caméras de télésurveillance reliées au CSU" + " de" * 5000
    found = passage(text, query_words("huit caméras de télésurveillance"))
    assert found is not None and text[found[1] :].startswith("huit caméras")
    assert {"huit", "caméras", "télésurveillance"} <= set(_marked(found))


def test_the_rarest_word_anchors_the_passage() -> None:
    text = "conseil " * 20_000 + "le conseil vote la vidéoprotection" + " conseil" * 20_000
    found = passage(text, query_words("vidéoprotection conseil"))
    assert found is not None and "vidéoprotection" in _marked(found)


def test_accents_case_plural_and_prefix_fold_as_the_index_does() -> None:
    text = "Le CONSEIL approuve les Caméras de VIDEOPROTECTION et la reconnaissance."
    assert _marked(passage(text, query_words("caméra vidéoprotection"))) == ["Caméras", "VIDEOPROTECTION"]
    assert _marked(passage(text, query_words("reconn*"))) == ["reconnaissance"]
    assert _marked(passage(text, query_words("vidéo protection"))) == ["VIDEOPROTECTION"]


def test_a_page_of_one_word_repeated_costs_a_bounded_look() -> None:
    text = "vidéoprotection " * 600_000  # 9.6 MB: FTS5's snippet() took minutes on such a page
    found = passage(text, query_words("vidéoprotection"))
    assert found is not None and found[1] == 0 and len(found[0]) < 400
    assert passage(text, query_words("drone")) is None
