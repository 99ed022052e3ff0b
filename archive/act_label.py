"""How an act is named to a reader: "Délibération 2013/14 – Extension du réseau…, page 12,
adoptée à l'unanimité". Used by the export (``label``) and by search results."""

from __future__ import annotations

from typing import Protocol

_KIND_NAMES = {"deliberation": ("Délibération", "e"), "arrete": ("Arrêté", ""), "item": ("Point", "")}
_PARTICIPLES = {"adopte": "adopté", "approuve": "approuvé", "autorise": "autorisé", "rejette": "rejeté"}


class ActLike(Protocol):
    kind: str
    number: str | None
    title: str | None
    page_start: int | None
    page_end: int | None
    vote_for: int | None
    vote_against: int | None
    vote_abstentions: int | None
    unanimous: bool | None
    decision: str | None


def act_label(act: ActLike, page: int | None = None) -> str:
    """The act's name, its page (``page``, else its page range) and its outcome when known."""
    parts = [act_name(act)]
    if page is not None:
        parts.append(f"page {page}")
    elif act.page_start is not None:
        same = act.page_end in (None, act.page_start)
        parts.append(f"page {act.page_start}" if same else f"pages {act.page_start}-{act.page_end}")
    outcome = _outcome(act, _KIND_NAMES.get(act.kind, ("Acte", ""))[1])
    if outcome:
        parts.append(outcome)
    return ", ".join(parts)


def act_name(act: ActLike) -> str:
    """ "Délibération 2013/14 – Extension du réseau…": the kind, the number and the object."""
    name = _KIND_NAMES.get(act.kind, ("Acte", ""))[0]
    named = f"{name} {act.number}" if act.number else name
    return f"{named} – {act.title}" if act.title else named


def _outcome(act: ActLike, agreement: str) -> str:
    words = []
    if act.decision:
        words.append(_PARTICIPLES.get(act.decision, act.decision) + agreement)
    if act.unanimous is not None:  # (SQLite gives 1 and 0)
        words.append("à l'unanimité" if act.unanimous else "à la majorité")
    if act.vote_for is not None and not act.unanimous:
        words.append(
            f"({act.vote_for} pour, {act.vote_against or 0} contre, {act.vote_abstentions or 0} abstentions)"
        )
    return " ".join(words)
