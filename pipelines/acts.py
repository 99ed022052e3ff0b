"""Split minutes, lists of deliberations and RAA bulletins into their acts.

A 255-page procès-verbal holds a hundred deliberations; a researcher wants to know which one
mentions the cameras, when it was voted and how. An act starts at a heading line and ends
where the next one starts. Four heading styles are recognised, and a document uses the one
that finds the most headings (a PV's items may cite "délibération n° 2012/68" in passing):

- ``explicit``: "Délibération n° 2013/14 : …", "Délibération D2018-66", "Arrêté n° 2024-00493
  portant …";
- ``numbered``: "2013-19 : …", "028/18 : …" (the register's number, then a colon);
- ``agenda``: numbered items in one numbering scheme: "1- Nouveaux temps scolaires", "2/ …",
  "3. …", "N° 4 : …", "Point 5 – …", "2014.01.27 - 6  …" (the sitting's date before the
  number), roman numerals "IV - …", and "15 A" / "15 B" for an item split in two;
- ``listed``: an "Ordre du jour" of unnumbered lines, each found again, in order, as the
  heading of its item further down.

Numbers must follow each other (1, 2, 3…, or 15 A, 15 B, 16): a restart or a jump back is a
list of contents, a sub-list inside an item, a table or an annex, never the next item. Of the
chains a document holds, the longest wins, and between chains as long, the one whose shortest
item is longer (the items proper, not their list of contents). A line that states an amount
("8 Protection incendie 1 267,60 €") is a row of a tender or budget table, not a heading; a
lone "1/4" is a page number. Register numbers in minutes must increase too: "délibération
D2018-39" at the head of a line after D2018-82 is a citation.

Lists of deliberations also split on their bullets. A deliberation or arrêté published on its
own is one act: its number comes from "n° 2013 / 14" in its heading, its object from an
"Objet :" line or from the lines above "… rapporte :". Other document types (agendas, web
pages…) are not split: their numbered lists are not acts.

For each act the vote ("Pour : 44 / Contre : 8 / Abstentions : 2", "3 abstentions 8 votes
pour") and the decision ("Adopté à l'unanimité", "Le Conseil adopte", "après en avoir délibéré,
APPROUVE…") are read where the text states them, and its ACTES identifier when it has one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from archive.records import ActesInfo, ActRecord
from pipelines.actes import find_all_actes

SPLIT_TYPES = {"proces_verbal", "compte_rendu", "liste_deliberations", "raa"}
SINGLE_ACT_TYPES = {"deliberation", "arrete"}
MAX_TITLE_CHARS = 300
MAX_LISTED_ITEMS = 60  # lines of an unnumbered "Ordre du jour"
MAX_LISTED_LINE = 150  # longer lines are sentences, not an item's heading

_NUMBER = r"\d[\w]*(?:\s*[/.-]\s*\w+)*"
_EXPLICIT = re.compile(
    rf"^[ \t]*(?P<kind>d[ée]lib[ée]ration|arr[êe]t[ée](?:\s+(?:municipal|pr[ée]fectoral|du\s+maire))?)"
    # "n° 2013/14", or a register code without "n°": "D2018-66", "A2018-406".
    rf"\s*(?:(?:n[°o]|num[ée]ro)\.?\s*(?P<number>{_NUMBER})|(?P<code>[A-Z]{{1,3}}\d{{2,4}}[-/.]\d{{1,5}}))"
    rf"\b[ \t]*(?:[:–—-][ \t]*)?(?P<title>[^\n\f]*)",
    re.IGNORECASE | re.MULTILINE,
)
_REGISTER = re.compile(
    r"^[ \t]*(?P<number>\d{2,4}[ \t]*[-/][ \t]*\d{1,4})[ \t]*:[ \t]*(?P<title>[^\n\f]*)",
    re.MULTILINE,
)
# An agenda item's heading: an optional prefix that names the scheme (the sitting's date,
# "Point", "N°"), the number (arabic or roman), an optional letter ("15 A"), a separator, the
# title. Which candidates are headings is decided afterwards (_candidates, _agenda).
_ITEM = re.compile(
    r"^[ \t]*"
    r"(?:(?P<date>\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})[ \t]*[-–—][ \t]*"
    r"|(?P<word>(?i:point|question|affaire|dossier|rapport))[ \t]+(?:(?i:n)[°o]\.?[ \t]*)?"
    r"|(?P<no>(?i:n)[°o]\.?)[ \t]*)?"
    r"(?P<number>\d{1,3}|[IVXL]{1,7})"
    r"(?:[ \t]?(?P<suffix>[A-H])(?=[ \t]*[-–—.)/:]|[ \t]{2}|[ \t]*(?:[\n\f]|\Z)))?"
    r"(?:[ \t]*(?P<sep>[-–—.)/:]|°)|(?P<space>[ \t]+)|(?=[ \t]*(?:[\n\f]|\Z)))"
    r"[ \t]*(?P<title>[^\n\f]*)",
    re.MULTILINE,
)
# A title may start with a figure ("60- 88 bis avenue de Toulouse"), not with a date's rest.
_DATE_REST = re.compile(r"\d{1,4}[/.]\d")
_LETTER = re.compile(r"[^\W\d_]")
# "1 267,60 €", "12 000 euros", "335 000 € H.T": a row of a tender or budget table.
_AMOUNT = re.compile(r"\d(?:[\d \u00a0\u202f.]*\d)?(?:,\d{1,2})?[ \u00a0\u202f]*(?:€|(?i:euros?|eur)\b)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_BULLETS = "\uf0a7\uf0b7\uf0d7\uf0d8\u2022\u25aa\u25cf\u25a0\u27a2\u2013*-"
_BULLET = re.compile(rf"^[ \t]*[{_BULLETS}][ \t]+(?P<title>[^\s][^\n\f]*)", re.MULTILINE)
_AGENDA_HEAD = re.compile(
    r"^[ \t]*ordre[ \t]+du[ \t]+jour[ \t]*:?[ \t]*(?=[\n\f]|\Z)", re.IGNORECASE | re.MULTILINE
)
_FORM_FEED = re.compile("\f")
_WORD = re.compile(r"[^\W_]{3,}")
_STOP_WORDS = frozenset(["les", "des", "aux", "pour", "par", "une", "dans", "avec", "sur", "entre", "vers"])
_OWN_NUMBER = re.compile(r"\bn[°o]\s*(\d{1,4}(?:\s*[/-]\s*\d{1,5})+)\b", re.IGNORECASE)
_OBJECT_LABEL = re.compile(r"^objet\s*:\s*", re.IGNORECASE)  # "Délibération D2018-66\nObjet : …"
_OBJECT = re.compile(r"^[ \t]*objet[ \t]*:[ \t]*(\S.*)$", re.IGNORECASE | re.MULTILINE)
_REPORTER = re.compile(r"^.{0,80}\brapporte\s*:\s*$", re.IGNORECASE | re.MULTILINE)
_NAME = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ'’-]+)*\s+[A-ZÀ-Ý'’ -]{2,}"
_NAMES_LINE = re.compile(rf"^\s*{_NAME}(?:\s*,\s*(?:{_NAME})?)*[\s.,]*$")
_SPEAKER = re.compile(r"^.{2,60}\s:\s*$")
_TITLE_GLUE = re.compile(
    r"(?:\b(?:de|du|des|la|le|les|pour|par|avec|dans|entre|vers|et|ou|à|au|aux|en|sur|une?|d['’]|l['’])|[-–,])$",
    re.IGNORECASE,
)

# Votes, results and decisions.
_VOTE_LINE = {
    "for": re.compile(r"^[ \t]*pour[ \t]*:[ \t]*(\d*)", re.IGNORECASE | re.MULTILINE),
    "against": re.compile(r"^[ \t]*contre[ \t]*:[ \t]*(\d*)", re.IGNORECASE | re.MULTILINE),
    "abstentions": re.compile(r"^[ \t]*abstentions?[ \t]*:[ \t]*(\d*)", re.IGNORECASE | re.MULTILINE),
}
_COUNT = r"\d+[ \t]+(?:votes?[ \t]+)?(?:pour|contre|abst?entions?|absentions?)\b"
_COUNTS_LINE = re.compile(rf"^[ \t]*{_COUNT}(?:[ \t.,;/]*{_COUNT})*[ \t.,;]*$", re.IGNORECASE | re.MULTILINE)
_COUNT_ITEM = re.compile(r"(\d+)[ \t]+(?:votes?[ \t]+)?(pour|contre|abs)", re.IGNORECASE)
# "adopte", "adopté à l'unanimité", "approuvent", "rejetée"; not "Autorisation à signer…".
_VERB = r"(?P<verb>adopt|approuv|autoris|rejet|refus)(?:e|é|ée|és|ées|ent|te|tée)?\b"
_RESULT_LINE = re.compile(
    rf"^[ \t]*(?:le[ \t]+conseil(?:[ \t]+municipal)?[ \t]+)?{_VERB}(?P<rest>[^\n]{{0,60}})$",
    re.IGNORECASE | re.MULTILINE,
)
_DELIBERATED = re.compile(
    rf"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée](?P<how>[^.;]{{0,80}}?)\b{_VERB}",
    re.IGNORECASE,
)
_DECISIONS = {
    "adopt": "adopte",
    "approuv": "approuve",
    "autoris": "autorise",
    "rejet": "rejette",
    "refus": "rejette",
}
_UNANIMOUS = re.compile(r"[àa]\s+l['’]\s?unanimit[ée]", re.IGNORECASE)
_MAJORITY = re.compile(r"[àa]\s+la\s+majorit[ée]", re.IGNORECASE)


@dataclass(slots=True)
class _Heading:
    start: int
    title_start: int
    number: str | None
    kind: str


def split_acts(text: str, doc_type: str, title: str | None = None, paged: bool = True) -> list[ActRecord]:
    """The acts of a document's text (pages separated by form feeds), in order."""
    if doc_type in SINGLE_ACT_TYPES:
        return [_single_act(text, doc_type, title, paged)] if text.strip() else []
    if doc_type not in SPLIT_TYPES:
        return []
    # A heading starts a line or a page (pdftotext puts the form feed right before the page's
    # first line): headings are looked for with form feeds as line breaks, offsets unchanged.
    lines = text.replace("\f", "\n")
    explicit, register = _explicit(lines), _register(lines)
    if doc_type != "raa":  # an RAA gathers several series; minutes number theirs in order
        explicit, register = _increasing(explicit), _increasing(register)
    # Between styles as long, the first: own numbers before agenda numbers before listed lines.
    headings = max(
        (
            explicit,
            register,
            _agenda(lines),
            _listed(lines),
            _bullets(lines) if doc_type == "liste_deliberations" else [],
        ),
        key=len,
    )
    stamps = find_all_actes(text)
    breaks = [match.start() for match in _FORM_FEED.finditer(text)]
    acts = []
    for seq, heading in enumerate(headings, start=1):
        end = headings[seq].start if seq < len(headings) else len(text)
        acts.append(_act(text, seq, heading, end, breaks if paged else None, stamps))
    return acts


def _explicit(text: str) -> list[_Heading]:
    return [
        _Heading(
            match.start(),
            match.start("title"),
            _tidy_number(match.group("number") or match.group("code")),
            "arrete" if match.group("kind").lower().startswith("arr") else "deliberation",
        )
        for match in _EXPLICIT.finditer(text)
    ]


def _register(text: str) -> list[_Heading]:
    return [
        _Heading(match.start(), match.start("title"), _tidy_number(match.group("number")), "deliberation")
        for match in _REGISTER.finditer(text)
    ]


@dataclass(slots=True)
class _Candidate:
    """A line that may head an agenda item, and how its number is written."""

    scheme: str  # the prefix ("Point", the sitting's date…), roman or arabic, separator or space
    number: int
    suffix: str  # "A", "B" of "15 A", "15 B"; "" for most
    heading: _Heading


@dataclass(slots=True)
class _Link:
    """A candidate at the end of a chain of candidates numbered in sequence (see _agenda)."""

    candidate: _Candidate
    length: int
    previous: _Link | None


def _agenda(text: str) -> list[_Heading]:
    """The longest chain of agenda headings numbered in sequence, in one numbering scheme.

    Each candidate extends the longest chain of its scheme that ends just before its number:
    16 follows 15 (or 15 A, 15 B), 15 B follows 15 A, and 1 starts a chain. One missing
    number is allowed (16 after 14): a heading the extraction lost (run into the line above,
    split over two lines) must not cut the chain and leave the following items uncounted.
    """
    chains: dict[str, tuple[dict[int, _Link], dict[tuple[int, str], _Link]]] = {}
    ends: list[_Link] = []
    for candidate in _candidates(text):
        number, suffix = candidate.number, candidate.suffix
        by_number, by_key = chains.setdefault(candidate.scheme, ({}, {}))
        if suffix in ("", "A"):
            previous = by_number.get(number - 1)
            skipping = by_number.get(number - 2)
            if skipping is not None and (previous is None or skipping.length > previous.length):
                previous = skipping
        else:
            previous = by_key.get((number, chr(ord(suffix) - 1)))
        if previous is None and (number != 1 or suffix not in ("", "A")):
            continue
        link = _Link(candidate, previous.length + 1 if previous else 1, previous)
        # Between chains as long, the later one: the items after their list of contents, the
        # item after a sub-list that happened to continue the numbering.
        if link.length >= getattr(by_key.get((number, suffix)), "length", 0):
            by_key[number, suffix] = link
        if link.length >= getattr(by_number.get(number), "length", 0):
            by_number[number] = link
        ends.append(link)
    longest = max((link.length for link in ends), default=0)
    runs = [_unchain(link) for link in ends if link.length == longest]
    best = max(runs, key=lambda run: _shortest_item([c.heading for c in run], len(text)), default=[])
    return [candidate.heading for candidate in best]


def _unchain(link: _Link | None) -> list[_Candidate]:
    run = []
    while link is not None:
        run.append(link.candidate)
        link = link.previous
    return run[::-1]


def _candidates(text: str) -> list[_Candidate]:
    """Lines that may head an agenda item: (scheme, number, letter, heading), in order.

    The scheme is what the number is written with: its prefix (the sitting's date, "Point",
    "N°"), roman or arabic figures, a separator or only a space. Numbers chain only within a
    scheme, so that a sub-list "1. de solliciter…" never continues "2014.01.27 - 1".
    """
    found = []
    for match in _ITEM.finditer(text):
        title = match.group("title")
        digits = match.group("number")
        prefix = match.group("date") or match.group("word") or match.group("no")
        if digits.isdigit():
            number, scheme = int(digits), ""
        else:
            number, scheme = _roman(digits), "roman"
            if not number or match.group("space"):
                continue
        if prefix:  # a prefixed number may stand alone, its title on the next line
            scheme += ":" + re.sub(r"\W", "", prefix.lower())
        elif match.group("space"):  # "1 Subventions associatives": a capital, and a plain scheme
            if not title[:1].isupper():
                continue
            scheme += " "
        elif not match.group("sep"):
            continue
        if title and (_DATE_REST.match(title) or not _LETTER.search(title)):
            continue  # "1/4" (a page), "12/03/2014" (a date)
        if not title and not prefix:
            continue
        if _AMOUNT.search(title):
            continue
        number_text = str(number) if digits.isdigit() else digits
        if match.group("suffix"):
            number_text += " " + match.group("suffix")
        if match.group("date"):
            number_text = f"{match.group('date')}-{number_text}"
        heading = _Heading(match.start(), match.start("title"), number_text, "item")
        found.append(_Candidate(scheme, number, match.group("suffix") or "", heading))
    return found


def _roman(numeral: str) -> int:
    """The value of a well-formed roman numeral (0 for "IIII", "VX", "LL"…)."""
    values = [_ROMAN_VALUES[char] for char in numeral]
    total = sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
    return total if total > 0 and _to_roman(total) == numeral else 0


def _to_roman(number: int) -> str:
    out = ""
    for value, numeral in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out += numeral * count
    return out


def _shortest_item(run: list[_Heading], text_end: int) -> int:
    ends = [heading.start for heading in run[1:]] + [text_end]
    return min(end - heading.start for heading, end in zip(run, ends, strict=True))


def _increasing(headings: list[_Heading]) -> list[_Heading]:
    """The longest subsequence of register numbers that increases (the others are citations)."""
    keys = [tuple(int(part) for part in re.findall(r"\d+", heading.number or "")) for heading in headings]
    tails: list[int] = []  # tails[k]: index of the smallest end of an increasing run of k + 1
    previous: list[int | None] = []
    for index, key in enumerate(keys):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if keys[tails[middle]] < key:
                low = middle + 1
            else:
                high = middle
        previous.append(tails[low - 1] if low else None)
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    kept: list[_Heading] = []
    at = tails[-1] if tails else None
    while at is not None:
        kept.append(headings[at])
        at = previous[at]
    return kept[::-1]


def _listed(text: str) -> list[_Heading]:
    """Items named by an unnumbered "Ordre du jour" list, found again in order below it.

    Small communes list the agenda as plain lines and head each item with the same words, or
    nearly ("Désignations des délégués commissions municipales" above, "Désignation des
    commissions municipales" below). Each entry is looked for after the previous one was found;
    an entry found nowhere is skipped, not guessed.
    """
    best: list[_Heading] = []
    for head in _AGENDA_HEAD.finditer(text):
        entries, after = _agenda_entries(text, head.end())
        if len(entries) < 2:
            continue
        lines = [(start, words) for start, line, words in _lines(text, after) if _short_line(line)]
        found, at = [], 0
        for entry in entries:
            for index in range(at, len(lines)):
                start, words = lines[index]
                if _same_item(entry, words):
                    found.append(_Heading(start, start + _indent(text, start), None, "item"))
                    at = index + 1
                    break
        if len(found) >= 2 and len(found) > len(best):
            best = found
    return best


def _agenda_entries(text: str, position: int) -> tuple[list[frozenset[str]], int]:
    """The words of each line of the list that follows "Ordre du jour", and where it ends.

    The list ends at a blank line, a sentence, a long line, or a line already listed (the
    first item's heading, when no blank line separates the list from the items).
    """
    entries: list[frozenset[str]] = []
    for start, line, words in _lines(text, position):
        if len(entries) >= MAX_LISTED_ITEMS:
            return entries, start
        if not line.strip():
            if entries:
                return entries, start
            continue
        if not _short_line(line) or not words or words in entries:
            return entries, start
        entries.append(words)
    return entries, len(text)


def _lines(text: str, position: int) -> Iterator[tuple[int, str, frozenset[str]]]:
    """Each line from ``position`` on: its start, its text, its significant words."""
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[position:end]
        words = _words(line) if len(line) <= MAX_LISTED_LINE else frozenset()
        yield position, line, words
        position = end + 1


def _short_line(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= MAX_LISTED_LINE and not stripped.endswith((".", ",", ";"))


def _words(line: str) -> frozenset[str]:
    """Words of three letters or more, without accents, case, stop words nor plural marks."""
    folded = unicodedata.normalize("NFKD", line.casefold())
    words = set()
    for word in _WORD.findall("".join(char for char in folded if not unicodedata.combining(char))):
        if word not in _STOP_WORDS:
            word = word.removesuffix("s").removesuffix("x")
            words.add(word.removesuffix("e") if len(word) > 3 else word)
    return frozenset(words)


def _same_item(entry: frozenset[str], line: frozenset[str]) -> bool:
    """Two thirds of the entry's words in the line, and they make half of the line's."""
    shared = len(entry & line)
    return shared > 0 and 3 * shared >= 2 * len(entry) and 2 * shared >= len(line)


def _indent(text: str, start: int) -> int:
    return len(text[start : start + 200]) - len(text[start : start + 200].lstrip(" \t\u00a0" + _BULLETS))


def _bullets(text: str) -> list[_Heading]:
    return [_Heading(match.start(), match.start("title"), None, "item") for match in _BULLET.finditer(text)]


def _act(
    text: str,
    seq: int,
    heading: _Heading,
    end: int,
    breaks: list[int] | None,
    stamps: list[tuple[int, ActesInfo]],
) -> ActRecord:
    """The act from its heading to ``end``; ``breaks``: the form feeds' offsets, None if unpaged."""
    body = text[heading.start : end]
    actes = next((info for offset, info in stamps if heading.start <= offset < end), ActesInfo())
    return ActRecord(
        seq=seq,
        kind=heading.kind,
        number=heading.number,
        title=_heading_title(text, heading.title_start, end),
        start=heading.start,
        end=end,
        page_start=bisect_right(breaks, heading.start) + 1 if breaks is not None else None,
        page_end=bisect_right(breaks, max(heading.start, end - 1)) + 1 if breaks is not None else None,
        actes=actes,
        **_outcome(body),
    )


def _single_act(text: str, doc_type: str, title: str | None, paged: bool) -> ActRecord:
    head = text[:3000]
    number = _OWN_NUMBER.search(head)
    stamps = find_all_actes(text)
    return ActRecord(
        seq=1,
        kind=doc_type,
        number=_tidy_number(number.group(1)) if number else None,
        title=_own_object(head) or title,
        start=0,
        end=len(text),
        page_start=1 if paged else None,
        page_end=text.count("\f") + 1 if paged else None,
        actes=stamps[0][1] if stamps else ActesInfo(),
        **_outcome(text),
    )


def _heading_title(text: str, start: int, limit: int) -> str | None:
    """The heading's words, with the lines that continue it ("… du\\nsecteur sauvegardé").

    A heading that is only a number ("2014.09.15 - 5") has its title on the next line.
    """
    head = text[start : min(limit, start + 4 * MAX_TITLE_CHARS)]
    lines = head[len(head) - len(head.lstrip(" \t\n")) :].split("\n", 4)
    words = [lines[0].strip()]
    for line in lines[1:4]:
        line = line.strip()
        if not line or "\f" in line or _SPEAKER.match(line) or not _continues(words[-1], line):
            break
        words.append(line)
    title = _OBJECT_LABEL.sub("", " ".join(" ".join(words).split())).rstrip(" :")
    return title[:MAX_TITLE_CHARS] or None


def _continues(previous: str, line: str) -> bool:
    return line[0].islower() or bool(_TITLE_GLUE.search(previous))


def _own_object(head: str) -> str | None:
    """The object of a deliberation published on its own."""
    found = _OBJECT.search(head)
    if found:
        return _heading_title(head, found.start(1), len(head))
    reporter = _REPORTER.search(head)
    if reporter is None:
        return None
    lines = head[: reporter.start()].rstrip("\n").split("\n")
    block: list[str] = []
    for line in reversed(lines[-5:]):
        if not line.strip() or line.rstrip().endswith(":") or _NAMES_LINE.match(line):
            break
        block.insert(0, " ".join(line.split()))
    title = ""
    for line in block:  # lines that continue a phrase are joined, separate phrases get a dash
        title += (" " if title and _continues(title, line) else " – " if title else "") + line
    return title[:MAX_TITLE_CHARS] or None


def _outcome(body: str) -> dict[str, object]:
    """Votes, unanimity and decision stated in an act's text; None where it says nothing."""
    votes: dict[str, int | None] = {"for": None, "against": None, "abstentions": None}
    first_vote = _VOTE_LINE["for"].search(body)
    if first_vote:
        # "Pour : 56 / Contre : / Abstentions :": the block is there, an empty count is 0.
        window = body[first_vote.start() : first_vote.start() + 200]
        for name, pattern in _VOTE_LINE.items():
            found = pattern.search(window)
            votes[name] = int(found.group(1)) if found and found.group(1) else 0
    elif counts := _COUNTS_LINE.search(body):
        votes = {"for": 0, "against": 0, "abstentions": 0}
        for number, what in _COUNT_ITEM.findall(counts.group(0)):
            key = {"pour": "for", "contre": "against"}.get(what.lower(), "abstentions")
            votes[key] = int(number)
    decision, unanimous = None, None
    result = _RESULT_LINE.search(body)
    deliberated = _DELIBERATED.search(body)
    if result:
        decision = _DECISIONS[result.group("verb").lower()]
        unanimous = _unanimity(result.group("rest"))
    elif deliberated:
        decision = _DECISIONS[deliberated.group("verb").lower()]
        unanimous = _unanimity(deliberated.group("how"))
    if unanimous is None and deliberated:
        unanimous = _unanimity(deliberated.group("how"))
    return {
        "vote_for": votes["for"],
        "vote_against": votes["against"],
        "vote_abstentions": votes["abstentions"],
        "unanimous": unanimous,
        "decision": decision,
    }


def _unanimity(words: str) -> bool | None:
    if _UNANIMOUS.search(words):
        return True
    if _MAJORITY.search(words):
        return False
    return None


def _tidy_number(number: str) -> str:
    return re.sub(r"\s+", "", number)
