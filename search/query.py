"""Turn what a user typed into an FTS5 query, and check dates and filters.

By default input is plain words and phrases: every word or "quoted phrase" becomes an FTS5
string (quotes doubled), so nothing the user types is FTS5 syntax, and the query is always a
bound parameter. A plain word also matches its singular or plural ("caméra", "caméras"), since
FTS5 has no French stemmer. A trailing ``*`` keeps its prefix meaning ("reconn*"). With ``raw`` the input
is passed to FTS5 as is: NEAR, OR, NOT, prefixes, column filters (``title:…``).

French writes a compound three ways, "vidéosurveillance", "vidéo-surveillance" and "vidéo
surveillance", and the tokenizer reads the last two alike (two words) but cannot split the
first. So a query of two words also asks for the joined word, and a single word that starts
with a combining form (``COMBINING_FORMS``: vidéo, télé, audio, bio, cyber, géo…) also asks for
its two-word spelling as a phrase. That is a rewrite of the query only: the index and read-only
archives stay as they are, and every caller (CLI, pages, API, exports, feeds) matches alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.taxonomy import CATEGORY_IDS, DOC_TYPES, STANCES
from search.errors import BAD_DATE, BAD_PAGE, QUERY_TOO_LONG, TOO_MANY_TERMS, SearchError, unknown_value
from search.folding import fold_word

if TYPE_CHECKING:
    from search.results import SearchQuery

# First elements of French compounds that are also written apart or hyphenated ("vidéo
# surveillance", "télé-surveillance", "géo localisation"), folded (no accents, lower case). A
# word is split after one of them, never elsewhere: splitting anywhere would let "maintenant"
# find "main tenant", and "sur", "sous" or "contre" would let "surface" find "sur face". A
# split that no document spells ("auto risation") only costs FTS5 a lookup.
COMBINING_FORMS = (
    "video", "tele", "audio", "visio", "photo", "radio", "bio", "cyber", "geo", "thermo", "electro",
    "micro", "nano", "hyper", "super", "multi", "auto", "eco", "anti", "inter", "infra", "techno",
)  # fmt: skip
_MIN_REST = 5  # letters after the combining form: "vidéo" + "verbalisation", not "sur" + "tout"
# A "quoted phrase" or a word: the terms of plain input.
PARTS = re.compile(r'"([^"]*)"|(\S+)')
# A search, not a document: the web UI's form allows 200 characters; scripts get more room,
# but a query of thousands of terms makes FTS5 run for minutes.
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 32  # words and "phrases"


@dataclass(frozen=True, slots=True)
class FtsQuery:
    match: str  # what rows must match
    phrase: str | None  # the whole input as one phrase, ranked first; None when not relevant


def check_size(text: str) -> None:
    """Refuse a query too long or with too many terms (``SearchError``), before any work."""
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(
            QUERY_TOO_LONG,
            f"the query is too long: {len(text):,} characters, at most {MAX_QUERY_CHARS:,}",
            value=len(text),
            limit=MAX_QUERY_CHARS,
        )
    terms = len(PARTS.findall(text))
    if terms > MAX_QUERY_TERMS:
        raise SearchError(
            TOO_MANY_TERMS,
            f"the query has too many terms: {terms:,}, at most {MAX_QUERY_TERMS}",
            value=terms,
            limit=MAX_QUERY_TERMS,
        )


def plain_query(text: str) -> FtsQuery | None:
    """FTS5 expression for plain input; None when it holds no word at all."""
    check_size(text)
    parts: list[str] = []
    words: list[str] = []
    quoted = False
    for phrase, word in PARTS.findall(text):
        if phrase:
            quoted = True
        part = phrase or word
        prefix = part.endswith("*") and not phrase
        part = part.rstrip("*").replace('"', "")
        if not any(ch.isalnum() for ch in part):
            continue
        pieces = re.findall(r"\w+", part)
        words.extend(pieces)
        string = _string(part) + (" *" if prefix else "")
        if not phrase and not prefix and len(pieces) == 1:
            variants = _spellings(pieces[0])  # "caméras," is "caméras"
            string = "(" + " OR ".join(_string(v) for v in variants) + ")" if len(variants) > 1 else string
        if "-" in part and len(pieces) > 1 and not prefix:
            string = f"({string} OR {_string(''.join(pieces))})"  # vidéo-protection, vidéoprotection
        parts.append(string)
    if not parts:
        return None
    match = " AND ".join(parts)
    whole = " ".join(words)
    phrase = _string(whole) if len(words) > 1 and not quoted and not text.rstrip().endswith("*") else None
    if phrase and len(words) == 2 and all(w.isalnum() for w in words):
        # French writes compounds three ways: "vidéo protection", "vidéo-protection",
        # "vidéoprotection". The tokenizer cannot split the last one; ask for it too.
        joined = _string("".join(words))
        match, phrase = f"{match} OR {joined}", f"{phrase} OR {joined}"
    return FtsQuery(match, phrase)


def _spellings(word: str) -> list[str]:
    """The word's singular and plural, each also in two words when it is a compound.

    "vidéosurveillance" gives "vidéosurveillances", "vidéo surveillance" and "vidéo
    surveillances": the phrases also match "VIDEO-SURVEILLANCE" and "vidéo-surveillance", which
    the tokenizer reads as two words.
    """
    spellings: list[str] = []
    for variant in _number_variants(word):
        spellings.append(variant)
        split = split_compound(variant)
        if split:
            spellings.append(" ".join(split))
    return spellings


def split_compound(word: str) -> tuple[str, str] | None:
    """``("vidéo", "surveillance")`` for "vidéosurveillance"; None when not a known compound.

    The word is cut after the longest combining form it starts with (``COMBINING_FORMS``,
    compared without accents or case), as the user wrote it, when enough letters follow.
    """
    if not word.isalpha() or (word.isupper() and len(word) < 8):  # acronyms stay whole
        return None
    folded = fold_word(word)
    if len(folded) != len(word):  # a ligature or a letter that folds to two: leave it be
        return None
    for form in sorted(COMBINING_FORMS, key=len, reverse=True):
        if folded.startswith(form) and len(word) - len(form) >= _MIN_REST:
            return word[: len(form)], word[len(form) :]
    return None


def _number_variants(word: str) -> list[str]:
    """Singular and plural of a French word, since FTS5 has no French stemmer."""
    if len(word) < 4 or not word.isalpha() or word.isupper():  # acronyms stay as they are
        return [word]
    lower = word.lower()
    if lower.endswith(("aux", "eux", "eaux")):
        return [word, word[:-1]] if lower.endswith(("eaux", "eux")) else [word, word[:-3] + "al"]
    if lower.endswith(("s", "x", "z")):
        return [word, word[:-1]]
    if lower.endswith(("au", "eu")):
        return [word, word + "x"]
    if lower.endswith("al"):
        return [word, word + "s", word[:-2] + "aux"]
    return [word, word + "s"]


def passage_words(text: str) -> str:
    """The plain query's words with the two-word spellings of its compounds, for the passage
    finder of long documents (``search.passages``), which reads words, not FTS5 expressions:
    a document found through "vidéo surveillance" gets that passage, not its title."""
    words = [text]
    for _, word in PARTS.findall(text):
        pieces = re.findall(r"\w+", word)
        if len(pieces) == 1 and not word.endswith("*"):
            words.extend(split_compound(pieces[0]) or ())
    return " ".join(words)


def raw_query(text: str) -> FtsQuery:
    check_size(text)
    return FtsQuery(text, None)


def _string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_date(value: str | None, field: str, end_of_period: bool = False) -> dt.date | None:
    """An ISO date; ``YYYY`` and ``YYYY-MM`` stand for the start (or end) of that period."""
    if value is None or value == "":
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 12, 31) if end_of_period else dt.date(int(value), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = (int(part) for part in value.split("-"))
            if end_of_period:
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, month, 1)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SearchError(
            BAD_DATE,
            f"{field}: {value!r} is not a date; use YYYY-MM-DD (or YYYY, YYYY-MM)",
            field=field,
            value=value,
        ) from None


def check_choices(values: list[str], allowed: tuple[str, ...], field: str) -> list[str]:
    for value in values:
        if value not in allowed:
            raise unknown_value(field, value, allowed)
    return values


def checked_bounds(query: SearchQuery) -> tuple[dt.date | None, dt.date | None]:
    """Every backend's first step: the query's categories, types, stance and page checked (a
    ``SearchError`` names the field), and its ``since``/``until`` as the first and last days."""
    check_choices(query.categories, CATEGORY_IDS, "categories")
    check_choices(query.doc_types, DOC_TYPES, "doc_types")
    check_choices([query.stance] if query.stance else [], STANCES, "stance")
    if query.limit < 1 or query.offset < 0:
        raise SearchError(
            BAD_PAGE,
            "limit must be at least 1 and offset at least 0",
            field="limit" if query.limit < 1 else "offset",
            value=query.limit if query.limit < 1 else query.offset,
        )
    return parse_date(query.since, "since"), parse_date(query.until, "until", end_of_period=True)
