"""Decision records: from an act's text to who decided what, when, for how much, under which law.

``read_record`` reads one act (or a whole short document) whose mentions concern surveillance
technology. Each field comes from one reader (``heading``, ``counts``, ``beneficiaries``, ``money_law``, ``kinds``) and keeps the span it
was read from as its evidence; a field no reader is sure of stays empty.
"""

from __future__ import annotations

import datetime as dt

from archive.records import PREFECTORAL_KINDS, DecisionRecord
from pipelines.records import beneficiaries, counts, heading, money_law, periods, places
from pipelines.records.kinds import decision_kind
from pipelines.records.spans import Found

__all__ = ["decided_technologies", "read_record"]

# What a prefect's authorisation is about is set by the law it applies (CSI L.252-1: a
# video-protection system; L.242-5: cameras on aircraft), whatever else its recitals mention.
_LEGAL_TECHNOLOGY = {"prefectoral_authorisation": "videoprotection", "drone_authorisation": "drone"}


_NO_COUNT_KINDS = frozenset({"debate_only", "motion_against", "moratorium_ban", "grant_award"})
_NO_VENDOR_KINDS = frozenset({*PREFECTORAL_KINDS, "debate_only", "motion_against", "moratorium_ban"})
# Who a decision is for: an authorisation's holder, a grant's beneficiary, a trial's operator. A
# deployment, a contract or a debate has none of its own (an "est autorisé" there is the mayor
# signing or the staff who may watch the images).
_BENEFICIARY_KINDS = frozenset({*PREFECTORAL_KINDS, "grant_request", "grant_award", "experiment"})


def decided_technologies(kind: str, categories: list[str]) -> list[str]:
    """The technologies a decision is about, from the categories of the mentions in its act:
    an authorisation's own technology; algorithmic video surveillance rather than the cameras
    it analyses (the lexicon's rule for mentions, applied to the act as a whole)."""
    if kind in _LEGAL_TECHNOLOGY:
        return [_LEGAL_TECHNOLOGY[kind]]
    found = set(categories)
    if "vsa" in found:
        found.discard("videoprotection")
    return sorted(found)


def read_record(
    text: str,
    technologies: list[str],
    title: str | None = None,
    document_date: dt.date | int | None = None,
    offset: int = 0,
) -> DecisionRecord:
    """The record of one act. ``document_date`` (a date, or a recueil's year) dates a day
    written without its year; ``offset`` is where ``text`` starts in the document's text, so
    that the evidence spans point into the document."""
    kind, scope = decision_kind(text, title)
    found: dict[str, Found | None] = {
        "scope": scope,
        "act_number": heading.act_number(text),
        "act_date": heading.act_date(text, document_date, kind.value if kind else None),
        "beneficiary": beneficiaries.beneficiary(text),
        "commune": places.commune(text),
        "retention_days": counts.retention_days(text),
        "period_years": counts.period_years(text),
        "vendor": beneficiaries.vendor(text),
        "legal_basis": money_law.legal_basis(text),
    }
    drones = kind is not None and kind.value == "drone_authorisation"
    # A kind read from the act's words (not the fallback "debate_only" of an act that says
    # nothing a rule knows) may rule out an amount, and a debate, a wish, a ban or a grant scheme
    # has no count of its own: the cameras of a project, a vote, a town's park or the communes a
    # scheme funds are not a decision's.
    read_kind = kind.value if kind is not None and kind.end > kind.start else None
    if read_kind not in _NO_COUNT_KINDS:
        found["cameras"], found["cameras_public_road"] = counts.cameras(text, drones=drones)
    found["amount_eur"], found["amount_tax"] = money_law.amount(text, read_kind)
    found["funding_rate"] = money_law.funding_rate(text, read_kind)
    if read_kind in _NO_VENDOR_KINDS:
        # A company an authorisation names is its beneficiary ("autorisant la société HELIFIRST à
        # survoler"); one a debate or a ban names sells what is not bought.
        found["vendor"] = None
    found["period_start"], found["period_end"] = periods.authorised_period(text, read_kind, document_date)
    kind_name = kind.value if kind else "debate_only"
    if kind_name not in _BENEFICIARY_KINDS:
        found["beneficiary"] = None
    record = DecisionRecord(kind=kind_name, technologies=decided_technologies(kind_name, technologies))
    evidence: dict[str, tuple[int, int]] = {}
    if kind is not None and kind.end > kind.start:
        evidence["kind"] = (offset + kind.start, offset + kind.end)
    for name, value in found.items():
        if value is None or value.value in (None, [], ""):
            continue
        setattr(record, name, value.value)
        evidence[name] = (offset + value.start, offset + value.end)
    record.evidence = evidence
    return record
