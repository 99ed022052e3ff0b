"""The fast readings of acts give what the plain regular expressions give, on texts made to trip them.

``LinePattern`` tries line-anchored patterns at the lines a locator finds, and ``OutcomeCues``
reads every act of a document from cues found once; both must agree with ``finditer`` and with
reading each act's text on its own, whatever the lines, cases, blank lines and form feeds.
"""

from __future__ import annotations

import itertools
import random

import pytest

from pipelines import acts_agenda_list, acts_headings, acts_numbering
from pipelines.acts_outcome import OutcomeCues, act_outcome
from pipelines.acts_scan import LinePattern

LINES = [
    "Délibération n° 2013/{n} : Objet {w}",
    "DELIBERATION\nN° {n}",
    "Délibération D2018-{n}",
    "arrêté municipal no {n} - {w}",
    "2013-{n} : {w}",
    "{n}- {W}",
    "{n}. {W}",
    "N° {n} : {W}",
    "Point {n} – {W}",
    "2014.01.27 - {n}  {W}",
    "{R} - {W}",
    "{n} A - {W}",
    "{n} {W}",
    "Le {w}",
    "Ordre du jour :",
    "• {W}",
    "- {W}",
    "Pour : {n}",
    "Contre :",
    "Abstentions : {n}",
    "{n} votes pour, {n} contre, {n} abstentions",
    "3 abstentions 8 votes pour.",
    "ADOPTÉ À L'UNANIMITÉ",
    "Adopté à la majorité",
    "Le Conseil adopte",
    "LE CONSEIL MUNICIPAL APPROUVE {w}",
    "après en avoir délibéré, à l'unanimité, APPROUVE {w}.",
    "APRÈS EN AVOIR\nDÉLIBÉRÉ, autorise {w}",
    "Refusé",
    "{w} {w}.",
    "",
    "  ",
]
WORDS = ["budget", "vidéoprotection", "subvention", "Commune", "travaux", "la"]
SEPARATORS = ["\n", "\n", "\n", "\f", "\n\n", " \n", "\f\n", "\n\f"]


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(1, 60)):
        line = rng.choice(LINES).format(
            n=rng.randrange(1, 12),
            w=rng.choice(WORDS),
            W=rng.choice(WORDS).title(),
            R=rng.choice(["I", "IV", "L"]),
        )
        if rng.random() < 0.15:
            line = line.upper() if rng.random() < 0.5 else line.lower()
        parts += [rng.choice(["", "  ", "\t"]) + line, rng.choice(SEPARATORS)]
    return "".join(parts)[rng.randrange(3) :]


TEXTS = [_text(random.Random(seed)) for seed in range(300)]


@pytest.mark.parametrize(
    "lines",
    [
        acts_headings._EXPLICIT_LINES,
        acts_headings._REGISTER_LINES,
        acts_headings._BULLET_LINES,
        acts_numbering._ITEM_LINES,
        acts_agenda_list._AGENDA_HEAD_LINES,
    ],
    ids=["explicit", "register", "bullet", "item", "agenda"],
)
def test_line_patterns_find_what_finditer_finds(lines: LinePattern) -> None:
    for text in TEXTS:
        text = text.replace("\f", "\n")  # the headings are looked for with form feeds as line breaks
        expected = [(m.span(), m.groupdict()) for m in lines.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in lines.finditer(text)] == expected


def test_outcome_of_an_act_read_from_the_whole_text_is_that_of_its_own_text() -> None:
    for seed, text in enumerate(TEXTS):
        rng = random.Random(seed)
        cuts = sorted({0, len(text), *(rng.randrange(len(text) + 1) for _ in range(6))})
        cues = OutcomeCues(text)
        for start, end in itertools.pairwise(cuts):
            assert cues.outcome(start, end) == act_outcome(text[start:end]), (seed, start, end)
