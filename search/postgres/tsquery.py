"""What a user typed, as a PostgreSQL ``tsquery`` of the ``vigie_french`` configuration.

The input is parsed here into a small tree (words, phrases, prefixes, AND, OR, NOT, NEAR);
every word or phrase is then stemmed by PostgreSQL itself (``phraseto_tsquery``, one round trip
for all of them, the text always a bound parameter) and the tree is written out as ``tsquery``
text. So nothing the user types is ``tsquery`` syntax, and a word that is only a stop word
("le", "de") drops out of the query instead of breaking it.

Plain input (the default) reads as on SQLite (``search.query``): every word or "phrase" must
be there; the stemmer gives singular and plural ("caméras", "caméra"); a compound also matches
its two-word and hyphenated spellings ("vidéoprotection", "vidéo-protection", "vidéo
protection"); ``reconn*`` is a prefix, read without stemming (a prefix is not a word).

Raw input maps FTS5's syntax where ``tsquery`` has it: AND, OR, NOT (binary, as FTS5's), parentheses,
"phrases", prefixes, ``title:`` and ``text:`` (weight A and B, see ``search.postgres.index``),
and ``NEAR(a b, N)`` of one or two terms (the two in either order, at most N words between). The
rest (NEAR of three terms, ``^``, ``{a b}:``, other columns) is a one-line ``SearchError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from search.errors import UNKNOWN_COLUMN, SearchError, malformed_query
from search.folding import fold_word
from search.postgres.index import CONFIG
from search.query import PARTS, check_size, split_compound

WEIGHTS = {"title": "A", "text": "B"}
NEAR_DEFAULT, NEAR_MAX = 10, 30  # FTS5's default distance; more alternatives are not worth it
_LEXEME = re.compile(r"'(?:[^']|'')*'(:\*)?")
_RAW = re.compile(
    r'\s*(?:(?P<phrase>"(?:[^"]|"")*")|(?P<open>\()|(?P<close>\))|(?P<comma>,)'
    r"|(?P<column>\w+)\s*:(?!\*)|(?P<word>[^\s()\",:^{}+]+\*?)|(?P<bad>\S))"
)

# The tree: ("term", index into the texts, prefix tsquery or "", weight), ("and", [...]),
# ("or", [...]), ("not", a, b), ("near", a, b, distance).
Node = tuple


@dataclass(frozen=True, slots=True)
class TsQuery:
    match: str  # tsquery text of what documents must match; "" when nothing can match
    phrase: str  # the whole input as a phrase, ranked first; "" when not relevant


class _Tree:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def term(self, words: str, weight: str = "", prefix: bool = False) -> Node:
        if prefix:
            pieces = [fold_word(piece) for piece in re.findall(r"\w+", words)]
            lexemes = " <-> ".join(f"'{piece}'" for piece in pieces)
            return ("term", -1, f"{lexemes}:*", weight)
        self.texts.append(words)
        return ("term", len(self.texts) - 1, "", weight)


def plain_tsquery(connection: Connection, typed: str) -> TsQuery | None:
    """The query of plain input; None when it holds no word at all."""
    check_size(typed)
    tree = _Tree()
    terms: list[Node] = []
    words: list[str] = []
    quoted = False
    for phrase, word in PARTS.findall(typed):
        quoted = quoted or bool(phrase)
        part = phrase or word
        prefix = part.endswith("*") and not phrase
        part = part.rstrip("*").replace('"', "")
        pieces = re.findall(r"\w+", part)
        if not pieces:
            continue
        words.extend(pieces)
        if prefix:
            terms.append(tree.term(part, prefix=True))
            continue
        spellings = [part]
        if not phrase and len(pieces) == 1 and (split := split_compound(pieces[0])):
            spellings.append(" ".join(split))  # vidéosurveillance: "vidéo surveillance"
        if not phrase and len(pieces) > 1:
            spellings += [" ".join(pieces), "".join(pieces)]  # vidéo-protection: vidéoprotection
        terms.append(("or", [tree.term(spelling) for spelling in spellings]))
    if not terms:
        return None
    match: Node = ("and", terms)
    whole: Node | None = None
    if len(words) > 1 and not quoted and not typed.rstrip().endswith("*"):
        whole = tree.term(" ".join(words))
        if len(words) == 2 and all(w.isalnum() for w in words):
            # "vidéo protection" also asks for "vidéoprotection", as on SQLite.
            joined = tree.term("".join(words))
            match, whole = ("or", [match, joined]), ("or", [whole, joined])
    stems = _stem(connection, tree.texts)
    return TsQuery(_render(match, stems), _render(whole, stems) if whole else "")


def raw_tsquery(connection: Connection, typed: str) -> TsQuery:
    """The query of raw input (FTS5's syntax, mapped); a ``SearchError`` for what has no map."""
    check_size(typed)
    tree = _Tree()
    tokens = _tokens(typed)
    parser = _Parser(tokens, tree)
    node = parser.expression()
    if parser.position < len(tokens):
        raise malformed_query(f"syntax error near {tokens[parser.position][1]!r}", raw=True)
    return TsQuery(_render(node, _stem(connection, tree.texts)), "")


def _tokens(typed: str) -> list[tuple[str, str]]:
    tokens = []
    for found in _RAW.finditer(typed):
        kind = found.lastgroup
        if kind is None:
            continue
        value = found.group(kind)
        if kind == "bad":
            what = "unterminated string" if value == '"' else f"unsupported syntax {value!r}"
            raise malformed_query(what, raw=True)
        if kind == "word" and value in ("AND", "OR", "NOT", "NEAR"):
            kind = value
        tokens.append((kind, value))
    return tokens


class _Parser:
    """FTS5's grammar, NOT binding tightest, then AND (also implicit), then OR."""

    def __init__(self, tokens: list[tuple[str, str]], tree: _Tree) -> None:
        self.tokens, self.tree, self.position = tokens, tree, 0

    def peek(self) -> str:
        return self.tokens[self.position][0] if self.position < len(self.tokens) else ""

    def take(self, kind: str) -> str:
        if self.peek() != kind:
            near = self.tokens[self.position][1] if self.position < len(self.tokens) else "the end"
            raise malformed_query(f"syntax error near {near!r}", raw=True)
        self.position += 1
        return self.tokens[self.position - 1][1]

    def expression(self, weight: str = "") -> Node:
        either = [self.conjunction(weight)]
        while self.peek() == "OR":
            self.take("OR")
            either.append(self.conjunction(weight))
        return either[0] if len(either) == 1 else ("or", either)

    def conjunction(self, weight: str) -> Node:
        both = [self.negation(weight)]
        while self.peek() not in ("", "OR", "close", "comma"):
            if self.peek() == "AND":
                self.take("AND")
            both.append(self.negation(weight))
        return both[0] if len(both) == 1 else ("and", both)

    def negation(self, weight: str) -> Node:
        node = self.primary(weight)
        while self.peek() == "NOT":
            self.take("NOT")
            node = ("not", node, self.primary(weight))
        return node

    def primary(self, weight: str) -> Node:
        kind = self.peek()
        if kind == "column":
            name = self.take("column")
            if name not in WEIGHTS:
                raise SearchError(
                    UNKNOWN_COLUMN,
                    f"malformed query (no such column: {name}); columns are title and text",
                    detail=f"no such column: {name}",
                )
            return self.primary(WEIGHTS[name])
        if kind == "open":
            self.take("open")
            node = self.expression(weight)
            self.take("close")
            return node
        if kind == "NEAR":
            return self.near(weight)
        if kind == "phrase":
            return self.tree.term(self.take("phrase")[1:-1].replace('""', '"'), weight)
        if kind == "word":
            word = self.take("word")
            return self.tree.term(word.rstrip("*"), weight, prefix=word.endswith("*"))
        near = self.tokens[self.position][1] if kind else "the end"
        raise malformed_query(f"syntax error near {near!r}", raw=True)

    def near(self, weight: str) -> Node:
        self.take("NEAR")
        self.take("open")
        terms = []
        while self.peek() in ("word", "phrase", "column"):
            terms.append(self.primary(weight))
        distance = NEAR_DEFAULT
        if self.peek() == "comma":
            self.take("comma")
            value = self.take("word")
            if not value.isdigit():
                raise malformed_query(f"NEAR's distance must be a number, not {value!r}", raw=True)
            distance = int(value)
        self.take("close")
        if not terms or len(terms) > 2:
            raise malformed_query("NEAR takes one or two terms on PostgreSQL", raw=True)
        return terms[0] if len(terms) == 1 else ("near", terms[0], terms[1], min(distance, NEAR_MAX))


def _stem(connection: Connection, texts: list[str]) -> list[str]:
    """Each text as ``phraseto_tsquery`` reads it ("" for stop words only), in one round trip."""
    if not texts:
        return []
    found = connection.execute(
        text(
            f"SELECT phraseto_tsquery('{CONFIG}', t)::text FROM unnest(CAST(:texts AS text[])) "
            "WITH ORDINALITY AS x(t, n) ORDER BY n"
        ),
        {"texts": texts},
    ).scalars()
    return list(found)


def _render(node: Node, stems: list[str]) -> str:
    """``tsquery`` text of the tree; "" for a part that holds no word (stop words only)."""
    kind = node[0]
    if kind == "term":
        _, index, prefix, weight = node
        query = prefix or stems[index]
        return _weighted(query, weight) if query and weight else query
    if kind in ("and", "or"):
        parts = [part for part in (_render(child, stems) for child in node[1]) if part]
        joiner = " & " if kind == "and" else " | "
        return "(" + joiner.join(parts) + ")" if len(parts) > 1 else (parts[0] if parts else "")
    if kind == "not":
        kept, left_out = _render(node[1], stems), _render(node[2], stems)
        if not left_out:
            return kept
        return f"({kept} & !{left_out})" if kept else f"!{left_out}"
    a, b = _render(node[1], stems), _render(node[2], stems)
    if not a or not b:
        return a or b
    apart = [f"({x} <{n}> {y})" for n in range(1, node[3] + 2) for x, y in ((a, b), (b, a))]
    return "(" + " | ".join(apart) + ")"


def _weighted(query: str, weight: str) -> str:
    """Every lexeme of ``query`` restricted to one weight (a column): ``'cam'`` → ``'cam':A``."""
    return _LEXEME.sub(lambda m: m.group(0) + weight if m.group(1) else m.group(0) + ":" + weight, query)
