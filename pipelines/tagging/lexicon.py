"""Load and check the lexicon: a TOML file that watchdogs read and extend without code.

Terms are written as people write them ("caméras augmentées", "LAPI", "Two-i"); they are
compiled into patterns over folded text (see ``folding``) that accept any case and accents,
hyphens, spaces or nothing between words ("vidéo-protection", "video protection",
"VIDEOPROTECTION"), and plural or feminine endings of lower-case words. Acronyms and vendor
names are matched as written, as whole words. ``patterns`` entries are regular expressions over
folded text, for phrases that a plain term cannot express; they must also be valid RE2.

A technology is often described rather than named ("des caméras dotées d'algorithmes", "un
système qui filme les plaques"): ``described`` rules say which kinds of words, all in one
sentence, make a mention. A category's ``absorbs`` says which other category its sentence
swallows ("la vidéosurveillance algorithmique" is VSA, not VSA and video-protection).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from archive.taxonomy import CATEGORY_IDS
from pipelines.tagging.folding import fold_phrase

__all__ = ["CATEGORY_IDS", "Lexicon", "LexiconError", "load_lexicon"]
DEFAULT_WINDOW = 150


class LexiconError(Exception):
    """The lexicon file is missing, not TOML, or breaks one of its rules (one line)."""


@dataclass(frozen=True, slots=True)
class Term:
    category: str
    term: str  # canonical spelling, as a watchdog wrote it
    regex: str  # over folded text, without word boundaries
    require_near: re.Pattern[str] | None = None
    window: int = DEFAULT_WINDOW


@dataclass(frozen=True, slots=True)
class Exclusion:
    id: str
    categories: frozenset[str]
    terms: frozenset[str]
    near: re.Pattern[str]
    unless_near: re.Pattern[str] | None
    window: int
    across_sentences: bool = False  # look in the whole window, not only the mention's sentence

    def applies_to(self, term: Term) -> bool:
        return term.category in self.categories or term.term in self.terms


@dataclass(frozen=True, slots=True)
class Described:
    """A technology described in words: one word of each group in the same sentence.

    The mention is put on the word of the first group (``anchor``); ``unless`` anywhere in the
    sentence cancels it.
    """

    id: str
    category: str
    term: str
    anchor: re.Pattern[str]
    others: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None = None
    with_previous: bool = False  # the other words may stand in the previous sentence too


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    source: Path
    labels: dict[str, str]
    terms: list[Term]
    exclusions: list[Exclusion] = field(default_factory=list)
    opposition: re.Pattern[str] | None = None
    not_opposition: re.Pattern[str] | None = None  # phrases that only look like a cue
    opposition_next: re.Pattern[str] | None = None  # cues of the next sentence ("s'y oppose")
    refers_back: re.Pattern[str] | None = None  # "cette techno": the next sentence's cues count
    # Words that oppose only what directly follows them: "contre la reconnaissance faciale".
    right_before: re.Pattern[str] | None = None
    not_right_before: re.Pattern[str] | None = None  # "lutte contre les drones": no refusal
    described: list[Described] = field(default_factory=list)
    absorbs: dict[str, frozenset[str]] = field(default_factory=dict)
    absorbs_window: int = 120  # characters of its sentence each side of the absorbing mention
    not_absorbed: frozenset[str] = frozenset()  # terms that stay ("centre de supervision urbain")


def default_lexicon_path() -> Path:
    return Path(os.environ.get("VIGIE_LEXICON") or Path(__file__).with_name("lexicon.toml"))


@cache
def load_lexicon(path: Path | None = None) -> Lexicon:
    path = Path(path) if path else default_lexicon_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"cannot read lexicon {str(path)!r}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon {str(path)!r} is not valid TOML: {exc}") from exc
    try:
        return _build(data, path)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise LexiconError(f"lexicon {str(path)!r}: {exc}") from exc


def _build(data: dict[str, Any], path: Path) -> Lexicon:
    version = str(data["version"])
    categories = data["categories"]
    unknown = set(categories) - set(CATEGORY_IDS)
    if unknown:
        raise ValueError(f"unknown category {sorted(unknown)[0]!r}; the ids are {', '.join(CATEGORY_IDS)}")
    terms: list[Term] = []
    for category, spec in categories.items():
        for written in spec.get("terms", []):
            terms.append(Term(category, written, term_regex(written)))
        for vendor in spec.get("vendors", []):
            terms.append(Term(category, vendor, term_regex(vendor, inflect=False)))
        for entry in spec.get("patterns", []):
            terms.append(Term(category, entry["term"], _checked_regex(entry["regex"])))
    terms = _apply_context_rules(terms, data.get("terms_in_context", []))
    exclusions = [
        Exclusion(
            id=rule["id"],
            categories=frozenset(rule.get("categories", [])),
            terms=frozenset(rule.get("terms", [])),
            near=near_pattern(rule["near"]),
            unless_near=near_pattern(rule["unless_near"]) if rule.get("unless_near") else None,
            window=int(rule.get("window", DEFAULT_WINDOW)),
            across_sentences=bool(rule.get("across_sentences", False)),
        )
        for rule in data.get("exclusions", [])
    ]
    stance = data.get("stance", {})
    # Each stance list is phrases, plus an optional ``…_patterns`` list of regular expressions
    # for the structures a phrase cannot say ("ne voulons pas", "n'a jamais démontré").
    opposition = _cue_pattern(stance, "opposition")
    not_opposition = _cue_pattern(stance, "not_opposition")
    opposition_next = _cue_pattern(stance, "opposition_in_next_sentence")
    refers_back = _cue_pattern(stance, "refers_back")
    right_before = stance.get("right_before", [])
    not_right_before = stance.get("not_right_before", [])
    absorbs = {
        category: frozenset(_known(spec["absorbs"], "absorbs"))
        for category, spec in categories.items()
        if spec.get("absorbs")
    }
    return Lexicon(
        version=version,
        source=path,
        labels={category: spec.get("label", category) for category, spec in categories.items()},
        terms=terms,
        exclusions=exclusions,
        opposition=opposition,
        not_opposition=not_opposition,
        opposition_next=opposition_next,
        refers_back=refers_back,
        right_before=_right_before_pattern(right_before) if right_before else None,
        not_right_before=(
            re.compile(rf"(?:{near_pattern(not_right_before).pattern})[\s-]*$") if not_right_before else None
        ),
        absorbs_window=int(data.get("absorbs_window", 120)),
        not_absorbed=_known_terms(data.get("not_absorbed", []), terms, "not_absorbed"),
        described=[_described(rule) for rule in data.get("described", [])],
        absorbs=absorbs,
    )


def _cue_pattern(stance: dict[str, Any], key: str) -> re.Pattern[str] | None:
    """The phrases of ``key`` and the regular expressions of ``key_patterns``, as one pattern."""
    phrases, regexes = stance.get(key, []), stance.get(f"{key}_patterns", [])
    alternatives = [near_pattern(phrases).pattern[len(r"\b(?:") : -1]] if phrases else []
    alternatives += [f"(?:{_checked_regex(regex)})" for regex in regexes]
    # One leading word boundary for all: the regex engine then skips the inside of words fast.
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")") if alternatives else None


def _right_before_pattern(words: list[str]) -> re.Pattern[str]:
    """One of ``words``, then at most four short words, then the end of the text (the mention).

    "contre la reconnaissance faciale", "contre l'extension de la vidéoprotection": the cue
    governs the mention itself, not a sentence that also names it.
    """
    cue = near_pattern(words).pattern
    return re.compile(rf"(?:{cue})[\s'-]+(?:[a-z]{{1,14}}[\s'-]+){{0,4}}$")


def _described(rule: dict[str, Any]) -> Described:
    groups = rule["all_of"]
    if len(groups) < 2:
        raise ValueError(f"described rule {rule['id']!r} needs two word lists or more in all_of")
    return Described(
        id=rule["id"],
        category=_known([rule["category"]], "described")[0],
        term=rule["term"],
        anchor=near_pattern(groups[0]),
        others=tuple(near_pattern(group) for group in groups[1:]),
        unless=near_pattern(rule["unless"]) if rule.get("unless") else None,
        with_previous=bool(rule.get("with_previous_sentence", False)),
    )


def _known_terms(names: list[str], terms: list[Term], where: str) -> frozenset[str]:
    missing = set(names) - {term.term for term in terms}
    if missing:
        raise ValueError(f"{where} names unknown term {sorted(missing)[0]!r}")
    return frozenset(names)


def _known(categories: list[str], where: str) -> list[str]:
    for category in categories:
        if category not in CATEGORY_IDS:
            raise ValueError(f"{where} names unknown category {category!r}")
    return categories


def _apply_context_rules(terms: list[Term], rules: list[dict[str, Any]]) -> list[Term]:
    by_name = {term.term for term in terms}
    for rule in rules:
        missing = set(rule["terms"]) - by_name
        if missing:
            raise ValueError(f"terms_in_context names unknown term {sorted(missing)[0]!r}")
        near, window = near_pattern(rule["near"]), int(rule.get("window", DEFAULT_WINDOW))
        terms = [
            Term(t.category, t.term, t.regex, near, window) if t.term in rule["terms"] else t for t in terms
        ]
    return terms


_TOKEN = re.compile(r"[a-z0-9?]+'?|'")


def term_regex(written: str, inflect: bool = True) -> str:
    """The folded-text pattern of a plain term: flexible separators, optional endings."""
    folded = fold_phrase(written)
    tokens = _TOKEN.findall(folded)
    if not tokens:
        raise ValueError(f"term {written!r} has no letters")
    acronym = written.isupper()
    parts: list[str] = []
    for index, token in enumerate(tokens):
        if index:
            # The press quotes a term's last word: "caméras de vidéosurveillance « augmentées »"
            # (« » fold to ").
            parts.append(r"\s*" if tokens[index - 1].endswith("'") else r'[\s"-]*')
        parts.append(_word(token, inflect and not acronym))
    return "".join(parts)


def _word(token: str, inflect: bool) -> str:
    if token.endswith("'"):
        return re.escape(token[:-1]) + "'"
    word = re.escape(token)
    if not inflect or len(token) < 4 or not token.isalpha():
        return word
    if token.endswith(("s", "x")):
        return word
    if token.endswith("ee"):
        # Written feminine, it must stay feminine: "caméra augmentée" is never "caméras
        # augmente", the verb ("si le nombre de caméras augmente").
        return word + "s?"
    if token.endswith("e"):
        return word[:-1] + "e?s?"  # surveillée, surveillé, surveillées
    if token.endswith("al"):
        return word[:-2] + "(?:al|aux|ale?s?)"  # municipal, municipaux, municipales
    return word + "(?:e?s|e|x)?"  # caméras, urbaine, réseaux


def near_pattern(words: list[str]) -> re.Pattern[str]:
    """Whole-word alternation of phrases over folded text; a trailing ``*`` means any ending."""
    alternatives = []
    for phrase in words:
        prefix = phrase.endswith("*")
        folded = fold_phrase(phrase.rstrip("*"))
        tokens = _TOKEN.findall(folded)
        body = ""
        for index, token in enumerate(tokens):
            if index:
                body += r"\s*" if tokens[index - 1].endswith("'") else r"[\s-]+"
            body += re.escape(token)
        alternatives.append(body + (r"\w*" if prefix else r"\b"))
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")")


def _checked_regex(regex: str) -> str:
    if re.search(r"\(\?[=!<]|\\[1-9]", regex):
        raise ValueError(f"pattern {regex!r} uses a look-around or back-reference, which RE2 refuses")
    re.compile(regex)
    return regex
