"""normalise_text: the archive's spelling, and the same output as the plain regex steps it replaces."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from pipelines.pdf_text import BACKENDS
from pipelines.textnorm import _REPLACEMENTS, _has_special, normalise_text
from tests import realdocs

_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")


def _reference(text: str) -> str:
    """Every step done unconditionally with regular expressions: what the fast path must equal."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPECIAL.sub(lambda match: _REPLACEMENTS[match.group()], text)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def test_every_replaced_character_is_looked_for() -> None:
    assert all(_has_special(f"a{char}b") for char in _REPLACEMENTS)
    assert not _has_special("Délibération n° 12 « vidéoprotection » – l’école\t\n")


def test_the_archive_spelling() -> None:
    raw = "Conﬁrmé\ufffe\r\nla dé\u0301l\u00adibération \t \r\n\r\n\r\n\r\nSéance\x00\fsuite  "
    assert normalise_text(raw) == "Confirmé-\nla dé\u0301libération\n\nSéance\nsuite"


@pytest.mark.parametrize("blanks", [" ", "\t", " \t ", " " * 7, "\t \t \t \t"])
def test_trailing_blank_runs_of_any_length_are_removed(blanks: str) -> None:
    text = f"a{blanks}\nb{blanks}\r\nc{blanks}\n{blanks}\nd"
    assert normalise_text(text) == _reference(text) == "a\nb\nc\n\nd"


def test_the_real_documents_raw_pages_come_out_as_the_plain_steps_give_them() -> None:
    for path in (realdocs.PV_255_PAGES, realdocs.DELIB_VIDEOPROTECTION, realdocs.FLAUX_PV_STAMP_ONLY):
        pages, _ = BACKENDS["pdfium"](path.read_bytes())
        for page in [*pages, "\f".join(pages)]:
            assert normalise_text(page) == _reference(page)


def test_random_mixtures_of_what_each_step_handles_come_out_the_same() -> None:
    pieces = [
        " ",
        "\t",
        "\r",
        "\n",
        "\r\n",
        "\f",
        "\ufb01",
        "\ufffe",
        "\u00ad",
        "\x00",
        "e\u0301",
        "é",
        "mot",
        "\n\n\n",
    ]
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert normalise_text(text) == _reference(text), repr(text)
