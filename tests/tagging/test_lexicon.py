"""The lexicon file: versioned, extensible without code, checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.tagging import LexiconError, Tagger, default_lexicon_path, load_lexicon
from pipelines.tagging.lexicon import CATEGORY_IDS

SHIPPED = default_lexicon_path().read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_lexicon_is_versioned_and_covers_every_category() -> None:
    lexicon = load_lexicon(default_lexicon_path())
    assert lexicon.version
    assert set(lexicon.labels) == set(CATEGORY_IDS)
    assert {term.category for term in lexicon.terms} == set(CATEGORY_IDS)


def test_adding_a_term_a_vendor_and_an_exclusion(tmp_path: Path) -> None:
    text = SHIPPED.replace('version = "', 'version = "local-', 1)
    text = text.replace(
        '    "vidéosurveillance algorithmique",\n',
        '    "vidéosurveillance algorithmique",\n    "caméra à détection de foule",\n',
        1,
    )
    text = text.replace('vendors = ["BriefCam",', 'vendors = ["Acme Vision", "BriefCam",')
    text += '\n[[exclusions]]\nid = "essai"\nterms = ["caméra"]\nnear = ["piscine"]\nwindow = 60\n'
    tagger = Tagger(load_lexicon(write(tmp_path, text)))
    assert tagger.version.startswith("local-")
    assert [m.category for m in tagger.tag("Installation de caméras à détection de foule.")] == ["vsa"]
    assert [m.term for m in tagger.tag("Contrat avec ACME VISION.")] == ["Acme Vision"]
    assert tagger.tag("La caméra de la piscine est réparée.") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('version = "1"\n[categories.ovni]\nterms = ["soucoupe"]\n', "unknown category 'ovni'"),
        ('version = "1"\n[categories.vsa\n', "not valid TOML"),
        ('[categories.vsa]\nterms = ["x"]\n', "'version'"),
        ('version = "1"\n[categories.vsa]\npatterns = [{ term = "t", regex = "(?<=a)b" }]\n', "RE2"),
        ('version = "1"\n[categories.vsa]\npatterns = [{ term = "t", regex = "(" }]\n', "lexicon"),
        (
            'version = "1"\n[categories.vsa]\nterms = ["x"]\n[[terms_in_context]]\nterms = ["y"]\nnear = ["z"]\n',
            "unknown term 'y'",
        ),
    ],
)
def test_broken_lexicons_are_explained(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        load_lexicon(write(tmp_path, text))


def test_the_shipped_lexicon_names_its_categories_as_the_taxonomy_does() -> None:
    """The web shows ``archive.taxonomy.CATEGORY_LABELS``; the shipped lexicon must agree."""
    from archive.taxonomy import CATEGORY_LABELS

    assert load_lexicon(default_lexicon_path()).labels == CATEGORY_LABELS
