"""Which lexicon category a query names, so that a search can offer "documents tagged …".

A watchdog who types "reconnaissance faciale" or "drones" wants the documents about that
technology, and the tagger already found them, whatever words they use ("VIDEO PROTECTION",
"caméras de télésurveillance reliées au CSU"). A full-text search only finds the words typed;
the hint points to the category, where the tagged documents are.

The lexicon is ``pipelines/tagging/lexicon.toml`` (or the file of ``VIGIE_LEXICON``), and
``search`` sits below ``pipelines``: it must not import it. So the caller, which loads the lexicon
anyway, passes it in: ``CategoryHints.from_lexicon(load_lexicon())`` reads the terms and labels
of any object shaped like the lexicon (``LexiconLike``); ``CategoryHints(terms)`` takes plain
``(category, term)`` pairs. Without hints a search offers none.

A query names a category when, folded (case, accents, hyphens, apostrophes, plurals and the
little words "de", "des", "la"… set aside), it is one of the category's terms, its label or its
id, the same word written apart or joined ("vidéo surveillance", "vidéosurveillance"), most of
a longer term ("lecture automatisée de plaques"), or a term with one typo.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

# Words that do not tell terms apart: "lecture automatisée de plaques" is "lecture automatisée
# des plaques d'immatriculation".
_LITTLE = frozenset((
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par", "pour", "sur",
    "un", "une",
))  # fmt: skip
_CLOSE = 0.9  # difflib ratio of the joined words: one typo in a long word
_MIN_FUZZY = 8  # letters, for a typo to be forgiven ("lapi" is not "lapin")
_MOST = 2 / 3  # of a term's words that a shorter query must give, in order


class _TermLike(Protocol):
    @property
    def category(self) -> str: ...
    @property
    def term(self) -> str: ...


class LexiconLike(Protocol):
    """What ``from_lexicon`` reads of ``pipelines.tagging.lexicon.Lexicon``."""

    @property
    def labels(self) -> Mapping[str, str]: ...
    @property
    def terms(self) -> Sequence[_TermLike]: ...


@dataclass(frozen=True, slots=True)
class _Entry:
    category: str
    words: tuple[str, ...]  # folded, singular, without the little words
    joined: str  # the words without spaces: "videosurveillance"


class CategoryHints:
    """The lexicon's terms, ready to tell which category a query names (``category_for``)."""

    def __init__(self, terms: Iterable[tuple[str, str]]) -> None:
        entries: list[_Entry] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for category, term in terms:
            words = _words(term)
            if words and (category, words) not in seen:
                seen.add((category, words))
                entries.append(_Entry(category, words, "".join(words)))
        self._entries = tuple(entries)

    @classmethod
    def from_lexicon(cls, lexicon: LexiconLike) -> CategoryHints:
        """Terms, vendors and pattern names of each category, its label and its id.

        A label's parenthesis counts apart: "Vidéosurveillance algorithmique (VSA)" gives both
        "vidéosurveillance algorithmique" and "VSA".
        """
        pairs: list[tuple[str, str]] = [(term.category, term.term) for term in lexicon.terms]
        for category, label in lexicon.labels.items():
            pairs.append((category, category.replace("_", " ")))
            outside = re.sub(r"\([^)]*\)", " ", label)
            pairs.append((category, outside))
            pairs.extend((category, inside) for inside in re.findall(r"\(([^)]*)\)", label))
        return cls(pairs)

    def category_for(self, query: str) -> str | None:
        """The category whose term the query is (or is close to); None when none is.

        The closest wins: the same words, then the same letters written apart or joined, then
        most of a term's words, then one typo; at equal closeness, the lexicon's order (the
        specific categories come first there).
        """
        if "*" in query:
            return None  # a prefix search asks for words, not a technology
        words = _words(query)
        if not words:
            return None
        joined = "".join(words)
        best: tuple[float, int] | None = None
        found: str | None = None
        for position, entry in enumerate(self._entries):
            closeness = _closeness(words, joined, entry)
            if closeness and (best is None or (closeness, -position) > best):
                best, found = (closeness, -position), entry.category
        return found


def _closeness(words: tuple[str, ...], joined: str, entry: _Entry) -> float:
    """4 for the same words, 3 the same letters, 2 and a fraction most words in order, 1 a typo."""
    if words == entry.words:
        return 4.0
    if joined == entry.joined:
        return 3.0
    if len(entry.words) >= 3 and _in_order(words, entry.words) and len(words) / len(entry.words) >= _MOST:
        return 2.0 + len(words) / len(entry.words)
    long_enough = min(len(joined), len(entry.joined)) >= _MIN_FUZZY
    if long_enough and abs(len(joined) - len(entry.joined)) <= 2:
        return 1.0 if difflib.SequenceMatcher(None, joined, entry.joined).ratio() >= _CLOSE else 0.0
    return 0.0


def _in_order(words: tuple[str, ...], term: tuple[str, ...]) -> bool:
    remaining = iter(term)
    return all(word in remaining for word in words)


def _words(text: str) -> tuple[str, ...]:
    """Folded words without the little ones, each in the singular ("caméras" → "camera")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(_singular(word) for word in re.findall(r"[a-z0-9]+", folded) if word not in _LITTLE)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word
