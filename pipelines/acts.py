"""Split minutes, lists of deliberations and RAA bulletins into their acts.

A 255-page procès-verbal holds a hundred deliberations; a researcher wants to know which one
mentions the cameras, when it was voted and how. An act starts at a heading line and ends
where the next one starts. Three heading styles are recognised, and a document uses the one
that finds the most headings (a PV's items may cite "délibération n° 2012/68" in passing):

- ``explicit``: "Délibération n° 2013/14 : …", "Arrêté n° 2024-00493 portant …";
- ``numbered``: "2013-19 : …", "028/18 : …" (the register's number, then a colon);
- ``agenda``: "1- Nouveaux temps scolaires", "2/ Renouvellement contrat GRDF :", "3. …",
  accepted only in sequence (1, 2, 3…), so that "13 ans. Il arrive…" or a table's figures
  never start an act. When the numbering starts again (a list of contents, then the items),
  the longest run wins, and between runs as long, the one whose shortest item is longer.

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
from dataclasses import dataclass

from archive.records import ActesInfo, ActRecord
from pipelines.actes import find_all_actes

SPLIT_TYPES = {"proces_verbal", "compte_rendu", "liste_deliberations", "raa"}
SINGLE_ACT_TYPES = {"deliberation", "arrete"}
MAX_TITLE_CHARS = 300

_NUMBER = r"\d[\w]*(?:\s*[/.-]\s*\w+)*"
_EXPLICIT = re.compile(
    rf"^[ \t]*(?P<kind>d[ée]lib[ée]ration|arr[êe]t[ée](?:\s+(?:municipal|pr[ée]fectoral|du\s+maire))?)"
    rf"\s*(?:n[°o]|num[ée]ro)\.?\s*(?P<number>{_NUMBER})\b[ \t]*(?:[:–—-][ \t]*)?(?P<title>.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_REGISTER = re.compile(
    r"^[ \t]*(?P<number>\d{2,4}[ \t]*[-/][ \t]*\d{1,4})[ \t]*:[ \t]*(?P<title>.*)$", re.MULTILINE
)
_AGENDA = re.compile(
    # The title may start with a figure ("60- 88 bis avenue de Toulouse"), not a date's rest.
    r"^[ \t]*(?P<number>\d{1,3})[ \t]*(?:[-–.)/]|°)[ \t]*(?P<title>(?!\d{1,4}[/.]\d)[^\W_].*)$",
    re.MULTILINE,
)
_BULLET = re.compile(
    r"^[ \t]*[\uf0a7\uf0b7\uf0d7\uf0d8\u2022\u25aa\u25cf\u25a0\u27a2\u2013*-][ \t]+(?P<title>\S.*)$",
    re.MULTILINE,
)
_OWN_NUMBER = re.compile(r"\bn[°o]\s*(\d{1,4}(?:\s*[/-]\s*\d{1,5})+)\b", re.IGNORECASE)
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
    headings = max(
        (
            _explicit(text),
            _register(text),
            _agenda(text),
            _bullets(text) if doc_type == "liste_deliberations" else [],
        ),
        key=len,
    )
    stamps = find_all_actes(text)
    acts = []
    for seq, heading in enumerate(headings, start=1):
        end = headings[seq].start if seq < len(headings) else len(text)
        acts.append(_act(text, seq, heading, end, paged, stamps))
    return acts


def _explicit(text: str) -> list[_Heading]:
    return [
        _Heading(
            match.start(),
            match.start("title"),
            _tidy_number(match.group("number")),
            "arrete" if match.group("kind").lower().startswith("arr") else "deliberation",
        )
        for match in _EXPLICIT.finditer(text)
    ]


def _register(text: str) -> list[_Heading]:
    return [
        _Heading(match.start(), match.start("title"), _tidy_number(match.group("number")), "deliberation")
        for match in _REGISTER.finditer(text)
    ]


def _agenda(text: str) -> list[_Heading]:
    # Every "1" may start a numbering; each number extends the runs that expect it. The list
    # of contents and the items proper are two runs: the items have the longer texts.
    runs: list[list[_Heading]] = []
    for match in _AGENDA.finditer(text):
        number = int(match.group("number"))
        heading = _Heading(match.start(), match.start("title"), str(number), "item")
        for run in runs:
            if len(run) + 1 == number:
                run.append(heading)
        if number == 1:
            runs.append([heading])
    return max(runs, key=lambda run: (len(run), _shortest_item(run, len(text))), default=[])


def _shortest_item(run: list[_Heading], text_end: int) -> int:
    ends = [heading.start for heading in run[1:]] + [text_end]
    return min(end - heading.start for heading, end in zip(run, ends, strict=True))


def _bullets(text: str) -> list[_Heading]:
    return [_Heading(match.start(), match.start("title"), None, "item") for match in _BULLET.finditer(text)]


def _act(
    text: str, seq: int, heading: _Heading, end: int, paged: bool, stamps: list[tuple[int, ActesInfo]]
) -> ActRecord:
    body = text[heading.start : end]
    actes = next((info for offset, info in stamps if heading.start <= offset < end), ActesInfo())
    return ActRecord(
        seq=seq,
        kind=heading.kind,
        number=heading.number,
        title=_heading_title(text, heading.title_start, end),
        start=heading.start,
        end=end,
        page_start=_page(text, heading.start) if paged else None,
        page_end=_page(text, max(heading.start, end - 1)) if paged else None,
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
    """The heading's words, with the lines that continue it ("… du\\nsecteur sauvegardé")."""
    lines = text[start:limit].split("\n", 4)
    words = [lines[0].strip()]
    for line in lines[1:4]:
        line = line.strip()
        if not line or "\f" in line or _SPEAKER.match(line) or not _continues(words[-1], line):
            break
        words.append(line)
    title = " ".join(" ".join(words).split()).rstrip(" :")
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


def _page(text: str, offset: int) -> int:
    return text.count("\f", 0, offset) + 1


def _tidy_number(number: str) -> str:
    return re.sub(r"\s+", "", number)
