"""Snippets of long documents, found in Python in time proportional to the text.

FTS5's ``snippet()`` scores every phrase instance against every other one: its time grows with
the square of the matches in a document. On a normal deliberation that is nothing; on a 10 MB
page of one word repeated it ran for many minutes, inside one SQLite instruction that no time
limit can interrupt. So documents longer than ``FTS_SNIPPET_MAX_CHARS`` get their snippet here:
each query word becomes an accent- and case-insensitive pattern (as the index's ``unicode61
remove_diacritics 2`` tokenizer reads it, with the singular/plural of ``search.query``), the
first few hundred matches are looked at, and the passage where most of the words meet is
marked. The offset of its first match comes back too, so the page and act need no second look.
"""

from __future__ import annotations

import itertools
import re

from search.folding import fold_word
from search.locate import CLOSE, OPEN

FTS_SNIPPET_MAX_CHARS = 100_000  # longer documents: the snippet is found here
READ_CHARS = 5_000_000  # of a long document's text: a snippet past that is not looked for
_CANDIDATES = 300  # matches weighed, at most
_SIDE = 110  # characters each side of the passage's first match (FTS5's 32 tokens, about)
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_VARIANTS = {
    "a": "aàâäáã",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "o": "oôöóò",
    "u": "uùûüú",
    "y": "yÿ",
    "n": "nñ",
}


def query_words(query: str) -> list[tuple[str, bool]]:
    """The words of a query (plain or raw FTS5), folded, each with whether it is a prefix."""
    words = []
    # Column filters ("title:caméra") name a column, not a word; NEAR's distance is no word.
    for token in re.findall(r"\w+\*?", re.sub(r"\b(?:title|text)\s*:|,\s*\d+\s*\)", " ", query)):
        if token.rstrip("*") in _OPERATORS:
            continue
        prefix = token.endswith("*")
        folded = fold_word(token.rstrip("*"))
        if folded and (folded, prefix) not in words:
            words.append((folded, prefix))
    if len(words) == 2 and not any(prefix for _, prefix in words):
        words.append((words[0][0] + words[1][0], False))  # "vidéo protection": vidéoprotection
    return words[:33]


def passage(text: str, words: list[tuple[str, bool]]) -> tuple[str, int] | None:
    """The marked passage of ``text`` where most query words meet, and its first match's offset.

    The whole query as a phrase wins; else the passage around the rarest word's match that has
    the most distinct query words near it. Each word's matches are looked at up to
    ``_CANDIDATES``: the work is bounded whatever the document holds.
    """
    if not words:
        return None
    patterns = [re.compile(_pattern(word, prefix), re.I) for word, prefix in words]
    anchor: re.Match[str] | None = None
    if len(words) > 1:
        phrase = r"\W+".join(_pattern(word, prefix) for word, prefix in words)
        anchor = re.search(phrase, text, re.I)
    if anchor is None:
        found = [list(_first(pattern, text)) for pattern in patterns]
        present = [(len(matches), i) for i, matches in enumerate(found) if matches]
        if not present:
            return None
        rarest = found[min(present)[1]]
        best_score = -1
        for match in rarest:
            low, high = match.start() - _SIDE, match.start() + _SIDE
            score = sum(any(low <= m.start() <= high for m in matches) for matches in found)
            if score > best_score:
                anchor, best_score = match, score
    assert anchor is not None
    start = max(0, anchor.start() - _SIDE // 2)
    end = min(len(text), anchor.start() + 2 * _SIDE)
    if start > 0:
        space = text.find(" ", start, anchor.start())
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", anchor.end(), end)
        end = space if space != -1 else end
    every = re.compile("|".join(pattern.pattern for pattern in patterns), re.I)
    marked = every.sub(lambda m: OPEN + m.group(0) + CLOSE, text[start:end])
    marked = " ".join(marked.split())
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else ""), anchor.start()


def match_spans(text: str, words: list[tuple[str, bool]], limit: int = 200) -> list[tuple[int, int]]:
    """The offsets of the query words' matches in ``text`` (as ``passage`` marks them), the
    first ``limit`` in text order."""
    if not words:
        return []
    every = re.compile("|".join(_pattern(word, prefix) for word, prefix in words), re.I)
    return [match.span() for match in itertools.islice(every.finditer(text), limit)]


def _first(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    matches = []
    for match in pattern.finditer(text):
        matches.append(match)
        if len(matches) >= _CANDIDATES:
            break
    return matches


def _pattern(word: str, prefix: bool) -> str:
    if not prefix and len(word) > 3 and word[-1] in "sx":
        word = word[:-1]  # "caméras": "caméra" and "caméras" alike
    letters = "".join(f"[{_VARIANTS[ch]}]" if ch in _VARIANTS else re.escape(ch) for ch in word)
    # A plain word also matches its plural or singular, as in search.query.
    return rf"\b{letters}" + (r"\w*" if prefix else r"(?:s|x)?\b")
