"""How an act was voted: the counts, whether unanimously, and what was decided.

Once a document is cut into acts, each act's text is read for what it states of its vote
("Pour : 44 / Contre : 8 / Abstentions : 2", "3 abstentions 8 votes pour") and its decision
("Adopté à l'unanimité", "Le Conseil adopte", "après en avoir délibéré, APPROUVE…"). What the
text does not state stays None: no vote is guessed.
"""

from __future__ import annotations

import re

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


def act_outcome(body: str) -> dict[str, object]:
    """Votes, unanimity and decision stated in an act's text; None where it says nothing.

    The keys are ``ActRecord``'s fields: vote_for, vote_against, vote_abstentions, unanimous,
    decision.
    """
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
