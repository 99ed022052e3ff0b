"""A document's decision records: one per act whose mentions concern surveillance technology.

Long minutes, lists of deliberations and prefecture bulletins are split into acts
(``pipelines.acts``); each act that holds mentions gives a record read from its own text, so a
bulletin of 83 arrêtés gives 83 records and a council's 90-item minutes one per item about
cameras. A document without acts (a single deliberation, an arrêté, a page) gives one record
when it holds mentions. The technologies are the categories of the mentions inside the act.
An item of minutes takes the sitting's date (the document's, with its ``date_source``), which
has no span of the act to show; an arrêté has its own date, in its heading.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from archive.records import PREFECTORAL_KINDS, ActRecord, DecisionRecord, MentionRecord
from pipelines.records import read_record
from pipelines.records.clauses import reported_decision
from pipelines.records.courts import court_that_stops
from pipelines.records.departements import first_named
from pipelines.records.kinds import NO_DECISION
from pipelines.records.parties import (
    COUNCIL_OF,
    authority,
    deciding_body,
    mayor_named,
    police_prefecture_named,
    prefecture_named,
    service_filing,
)
from pipelines.records.purpose import explains_procedure

# A record's own text is its act; a document read whole is read up to here (its opening holds
# the decision; a 255-page text without acts is not one decision).
WHOLE_DOCUMENT_CHARS = 60_000
# Extraction version of the records: stored with them, so that a rebuild can find stale ones.
RECORDS_VERSION = "2026.12.161"
# ``find_date``'s source of a date read from the opening's sitting cues ("Séance du …").
SITTING_SOURCE = "text"


@dataclass(frozen=True, slots=True)
class RecordsJob:
    text: str
    acts: list[ActRecord] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)
    title: str | None = None
    date: dt.date | None = None
    date_source: str | None = None


def records_job(job: RecordsJob) -> list[DecisionRecord]:
    """Picklable entry for the worker processes (a crawl's tagging stage)."""
    return records_for(job.text, job.acts, job.mentions, job.title, job.date, date_source=job.date_source)


_COUNCIL = re.compile(r"\bconseil\s+municipal\b", re.IGNORECASE)


def _council_without_place(text: str, records: list[DecisionRecord], evidence: bool) -> None:
    """A text that names the municipal council but not its town ("lors du dernier conseil
    municipal"): the council decided, in the commune the act names, if it names one."""
    named = _COUNCIL.search(text)
    if named is None:
        return
    for record in records:
        if record.kind in PREFECTORAL_KINDS:
            continue
        record.authority = f"{COUNCIL_OF}{record.commune}" if record.commune else "Conseil municipal"
        if evidence:
            record.evidence.setdefault("authority", (named.start(), named.end()))


def _mayor_named(text: str, records: list[DecisionRecord]) -> None:
    """A town's mayor named in a page's lead, for a local body's decision no sentence gave to
    another body (``mayor_named``)."""
    named = mayor_named(text)
    if named is None:
        return
    for record in records:
        if (
            record.authority is None
            and record.kind not in PREFECTORAL_KINDS
            and record.kind != "moratorium_ban"
        ):
            record.authority = named.value
            record.evidence.setdefault("authority", (named.start, named.end))


def _prefecture_of(text: str, record: DecisionRecord, evidence: bool) -> None:
    named = prefecture_named(text)
    if named is not None:
        record.authority = named.value
        if evidence:
            record.evidence.setdefault("authority", (named.start, named.end))


def _service_that_filed(text: str, records: list[DecisionRecord]) -> None:
    """A prefect's act that a recueil's summary files under a regional prefecture is that
    prefecture's, whatever the opening names; one filed under a sous-préfecture, the département's
    prefecture's, when nothing else named it (``service_filing``)."""
    for record in records:
        read_at = record.evidence.get("kind")
        if record.kind not in PREFECTORAL_KINDS or read_at is None:
            continue
        filed = service_filing(text, read_at[0])
        if filed is None:
            continue
        service, regional = filed
        if record.authority is None or regional:
            record.authority = service.value
            record.evidence["authority"] = (service.start, service.end)


def _court_of_its_ban(text: str, records: list[DecisionRecord]) -> None:
    """A ban read from the court that stopped a device was decided by that court, whatever body
    the page names besides ("Le tribunal de Pau … a retoqué l'utilisation des drones …, autorisée
    … par le préfet": the prefect authorised, the court banned)."""
    court = court_that_stops(text)
    if court is None:
        return
    for record in records:
        if record.kind == "moratorium_ban" and record.evidence.get("kind") == (court.start, court.end):
            record.authority = court.value
            record.evidence["authority"] = (court.start, court.end)


# What only a prefect decides: his authorisations, and the trials of algorithmic video he allows.
_PREFECTS_TO_DECIDE = frozenset({*PREFECTORAL_KINDS, "experiment"})


def _police_prefecture(text: str, records: list[DecisionRecord]) -> None:
    """A page that reports what only a prefect decides, and names Paris's prefecture of police,
    whose prefect authorises drones and trials in Paris and around it ("la préfecture de police a
    autorisé l'utilisation de caméras augmentées")."""
    police = police_prefecture_named(text)
    if police is None:
        return
    for record in records:
        if record.authority is None and record.kind in _PREFECTS_TO_DECIDE:
            record.authority = police.value
            record.evidence.setdefault("authority", (police.start, police.end))


def _body_that_reports_deciding(text: str, records: list[DecisionRecord]) -> None:
    """A page that names no council in its opening: the court its lead says stopped a device, for
    a ban; else the body its deciding sentence names ("La municipalité a installé…", "le préfet a
    autorisé…"), for a decision of that body's kind (a prefect authorises, a local body deploys);
    else Paris's prefecture of police, for what only a prefect decides, when the page names it."""
    court = court_that_stops(text)
    for record in records:
        if court is not None and record.authority is None and record.kind == "moratorium_ban":
            record.authority = court.value
            record.evidence.setdefault("authority", (court.start, court.end))
    told = reported_decision(text)
    body = deciding_body(text, told.start, told.end) if told is not None else None
    if body is not None:
        kind, named = body
        for record in records:
            if record.authority is not None or (kind == "prefecture") != (record.kind in PREFECTORAL_KINDS):
                continue
            if kind == "commune" and record.commune and named.value == "Conseil municipal":
                record.authority = f"{COUNCIL_OF}{record.commune}"
            else:
                record.authority = named.value
            record.evidence.setdefault("authority", (named.start, named.end))
    _police_prefecture(text, records)


def records_for(
    text: str,
    acts: list[ActRecord],
    mentions: list[MentionRecord],
    title: str | None = None,
    date: dt.date | None = None,
    opening: str | None = None,
    date_source: str | None = None,
) -> list[DecisionRecord]:
    """``opening``: where the authority is named, when ``text`` is an excerpt of a longer
    document (the act of a recueil whose heading names the prefecture); else the text's own.
    ``date``, ``date_source``: the document's date and where it was read (``find_date``)."""
    if not mentions:
        return []
    who = authority(opening if opening is not None else text)
    records = []
    if acts:
        starts = [act.start for act in acts]
        by_act: dict[int, set[str]] = {}
        for mention in mentions:
            index = bisect.bisect_right(starts, mention.start) - 1
            if index >= 0 and mention.start < acts[index].end:
                by_act.setdefault(index, set()).add(mention.category)
        for index, categories in sorted(by_act.items()):
            act = acts[index]
            record = read_record(text[act.start : act.end], sorted(categories), act.title, date, act.start)
            record.act_seq = act.seq
            if act.kind != "arrete" and date is not None:
                # An item of minutes was passed at the sitting the document records; a date in
                # its text is more often an earlier sitting it cites.
                record.act_date = date
                record.evidence.pop("act_date", None)
            records.append(record)
    else:
        head = text[:WHOLE_DOCUMENT_CHARS]
        categories = sorted({mention.category for mention in mentions if mention.start < len(head)})
        if categories and not explains_procedure(head):
            record = read_record(head, categories, title, date, 0)
            if (
                record.act_date is None
                and date is not None
                and date_source == SITTING_SOURCE
                and record.kind not in PREFECTORAL_KINDS
            ):
                # A deliberation whose heading gives no date was passed at the sitting its
                # opening names; a first date in a page (an article's) is not taken, nor a
                # recueil's for a prefect's arrêté (dated in its own heading, or not at all).
                record.act_date = date
            records.append(record)
    # A text the learnt model reads as deciding nothing, where no rule read a kind, has no record.
    records = [record for record in records if record.kind != NO_DECISION]
    if who is None:
        _council_without_place(text if opening is None else opening, records, evidence=opening is None)
        if opening is None:
            _body_that_reports_deciding(text, records)
            _mayor_named(text, records)
    if who is not None:
        council = who.value.removeprefix(COUNCIL_OF) if who.value.startswith(COUNCIL_OF) else None
        for record in records:
            if council is not None and record.kind in PREFECTORAL_KINDS:
                # A prefect authorises, whatever commune a recueil's page names first ("COMMUNE DE
                # PORTO-VECCHIO" above the arrêté that authorises its cameras).
                _prefecture_of(text if opening is None else opening, record, evidence=opening is None)
                continue
            record.authority = who.value
            if opening is None:  # a span of another text is no evidence here
                record.evidence.setdefault("authority", (who.start, who.end))
            if council is not None:
                # A council decides for its own commune (a postcode in the act may be a
                # contractor's: "SOGETREL 34470 PEROLS").
                record.commune = council
                if opening is None:
                    record.evidence["commune"] = (who.start, who.end)
                else:
                    record.evidence.pop("commune", None)
    if opening is None:
        _court_of_its_ban(text, records)
        _service_that_filed(text, records)
        _county_or_region_named(text, records)
    return records


# A département's or a région's council named without its place ("le Département a voté").
_WITHOUT_PLACE = {"Conseil départemental": "departement", "Conseil régional": "region", "Région": "region"}


def _county_or_region_named(text: str, records: list[DecisionRecord]) -> None:
    """A département's or a région's council named without its place: the first département or
    région the page names ("le département de Loir-et-Cher", "en Auvergne-Rhône-Alpes")."""
    for record in records:
        kind = _WITHOUT_PLACE.get(record.authority or "")
        named = first_named(text[:WHOLE_DOCUMENT_CHARS], kind) if kind is not None else None
        if named is not None:
            link, name, start, end = named
            record.authority = f"{record.authority} {link}{name}"
            record.evidence["authority"] = (start, end)
