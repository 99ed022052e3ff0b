"""Turn what a user typed into an FTS5 query, and check dates and filters.

By default input is plain words and phrases: every word or "quoted phrase" becomes an FTS5
string (quotes doubled), so nothing the user types is FTS5 syntax, and the query is always a
bound parameter. A plain word also matches its singular or plural ("caméra", "caméras"), since
FTS5 has no French stemmer. A trailing ``*`` keeps its prefix meaning ("reconn*"). With ``raw`` the input
is passed to FTS5 as is: NEAR, OR, NOT, prefixes, column filters (``title:…``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from search.errors import SearchError

_PART = re.compile(r'"([^"]*)"|(\S+)')
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
        raise SearchError(f"the query is too long: {len(text):,} characters, at most {MAX_QUERY_CHARS:,}")
    terms = len(_PART.findall(text))
    if terms > MAX_QUERY_TERMS:
        raise SearchError(f"the query has too many terms: {terms:,}, at most {MAX_QUERY_TERMS}")


def plain_query(text: str) -> FtsQuery | None:
    """FTS5 expression for plain input; None when it holds no word at all."""
    check_size(text)
    parts: list[str] = []
    words: list[str] = []
    quoted = False
    for phrase, word in _PART.findall(text):
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
            variants = _number_variants(part)
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


def raw_query(text: str) -> FtsQuery:
    check_size(text)
    return FtsQuery(text, None)


def _string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_date(value: str | None, option: str, end_of_period: bool = False) -> dt.date | None:
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
        raise SearchError(f"{option}: {value!r} is not a date; use YYYY-MM-DD (or YYYY, YYYY-MM)") from None


def check_choices(values: list[str], allowed: tuple[str, ...], option: str) -> list[str]:
    for value in values:
        if value not in allowed:
            raise SearchError(f"{option}: unknown value {value!r}; choose from {', '.join(allowed)}")
    return values
