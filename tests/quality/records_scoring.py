"""Field-level precision and recall of decision records against ``records.toml``.

Each labelled act goes through what a crawl does with a short document: the tagger finds its
mentions (no mention: no record, which is right for the negatives), then
``pipelines.records.build.records_for`` reads it with what a crawl knows of its document: the
date ``find_date`` reads from the document's opening (the act's own text for a page; the whole
fixture for an act cut from a recueil, minutes or a PDF), never the label's. A date written
without its year stays empty, as the labels have it.

A field is *filled* when Vigie gives it a value and *labelled* when the truth has one. A filled
field is right when it equals the label: exactly for kinds, numbers and dates; for names
(authority, beneficiary, commune, vendor) when one contains the other once case, accents and
punctuation are set aside (the authority as a kind of body and its place: the commune's council,
its mayor, its elected members and its town hall are one, as are a département or a région and
its council; the place is what follows "de", a person is none: "le maire Marc Vuillemot" is
the commune's); technologies as a set. The legal basis is scored per cited
article. An act cut from a recueil is read with the recueil's opening, where its authority is
named, as a crawl reads it.
Precision: right / filled (a value where the label has none is wrong: it was invented).
Recall: right / labelled.
The comparisons themselves are in ``records_matching``.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from archive.records import DecisionRecord
from archive.taxonomy import read_from
from pipelines.dates import find_date
from pipelines.doctype import guess_doc_type
from pipelines.pdf_text import extract_pdf
from pipelines.records import learnt_kind
from pipelines.records.build import records_for
from pipelines.tagging.tagger import Tagger
from tests import realdocs
from tests.quality.records_matching import NAMES, same_value

RECORDS = Path(__file__).with_name("records.toml")
# The labelled parts, in the order they were labelled (README, "Decision records").
SPLITS = (
    "dev",
    "heldout",
    "dev2",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
    "heldout27",
    "heldout28",
    "heldout29",
    "heldout30",
    "heldout31",
    "heldout32",
    "heldout33",
    "heldout34",
    "heldout35",
    "heldout36",
    "heldout37",
    "heldout38",
    "heldout39",
)
# The blind part: its failures are never printed (tests/benchmarks/bench_records.py), and the
# shipped model of the kind never learns from it (scripts/train_kind_model.py).
BLIND: tuple[str, ...] = ()
EXACT = (
    "kind",
    "scope",
    "act_number",
    "act_date",
    "cameras",
    "cameras_public_road",
    "amount_eur",
    "amount_tax",
    "funding_rate",
    "retention_days",
    "period_start",
    "period_end",
    "period_years",
)
FIELDS = (*EXACT[:3], "technologies", *EXACT[3:], *NAMES, "legal_basis")
# The targets: every filled field precise; these found; these found often enough.
RECALL_TARGETS = {"kind": 0.9, "technologies": 0.9, "act_date": 0.9, "authority": 0.9}
RECALL_TARGETS |= {"cameras": 0.8, "amount_eur": 0.8, "vendor": 0.8}
PRECISION_TARGET = 0.95


@dataclass(frozen=True, slots=True)
class Labelled:
    id: str
    split: str
    text: str
    truth: dict[str, Any]


def load_records(path: Path = RECORDS) -> list[Labelled]:
    with path.open("rb") as handle:
        entries = tomllib.load(handle)["record"]
    return [Labelled(entry["id"], entry["split"], entry["text"], entry) for entry in entries]


@cache
def labelled_texts() -> dict[str, str]:
    """Each labelled act's text by its id: the real texts the readers' tests quote (read once)."""
    return {item.id: item.text for item in load_records()}


@dataclass(slots=True)
class FieldScore:
    filled: int = 0
    labelled: int = 0
    right: int = 0

    @property
    def precision(self) -> float | None:
        return self.right / self.filled if self.filled else None

    @property
    def recall(self) -> float | None:
        return self.right / self.labelled if self.labelled else None


@dataclass(slots=True)
class RecordsReport:
    acts: int = 0
    decisions: int = 0  # labelled acts that are decisions about surveillance (not "none")
    records_given: int = 0  # acts Vigie gave a record for
    records_right: int = 0  # … that are decisions
    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in FIELDS})
    failures: list[dict[str, Any]] = field(default_factory=list)
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)  # (true, given)
    # Acts by where they were read ("act", "page") and whether their kind is right ("none": no record).
    kind_read_in: Counter[tuple[str, bool]] = field(default_factory=Counter)
    # The fields again, by where the act was read: the targets may hold in acts' own texts only.
    fields_read_in: dict[str, dict[str, FieldScore]] = field(
        default_factory=lambda: {where: {name: FieldScore() for name in FIELDS} for where in ("act", "page")}
    )
    # And by what Vigie tells a user it read (``read_from``: "act" or "report", from the document's
    # type as a crawl guesses it): how far a record marked as read in an act can be cited.
    fields_read_from: dict[str, dict[str, FieldScore]] = field(
        default_factory=lambda: {
            marked: {name: FieldScore() for name in FIELDS} for marked in ("act", "report")
        }
    )


def read_in(item: Labelled) -> str:
    """Where an act was read: ``act``, its own text (a shared fixture: a recueil, minutes, a
    deliberation; or a recueil's page as published, on attrap.fr), or ``page``, a web page that
    reports or quotes it (a press article, a town's or a group's page, a forum)."""
    source = item.truth["source"]
    return "act" if source.startswith("fixtures/") or "attrap.fr/raa/" in source else "page"


def marked_read_from(item: Labelled) -> str:
    """What Vigie's record says it was read from (``read_from``), by the type a crawl guesses for
    the act's document: from the fixture's text, or from the page's URL and text."""
    path = item.truth["source"].split(",")[0].split(" (")[0].strip()
    page = not path.startswith("fixtures/")
    return read_from(guess_doc_type(None, path if page else "", item.text, "html" if page else "pdf"))


@contextmanager
def rules_alone() -> Iterator[None]:
    """Read the kind by the rules alone (``pipelines.records.learnt_kind``'s thresholds out of reach),
    to measure them beside the rules and the learnt model together."""
    without_rule = learnt_kind.SURE_WITHOUT_RULE
    learnt_kind.SURE_WITHOUT_RULE = math.inf
    try:
        yield
    finally:
        learnt_kind.SURE_WITHOUT_RULE = without_rule


def score_records(tagger: Tagger, labelled: list[Labelled]) -> RecordsReport:
    report = RecordsReport()
    for item in labelled:
        report.acts += 1
        truth = item.truth
        is_decision = truth["kind"] != "none"
        report.decisions += is_decision
        mentions = list(tagger.tag(item.text, paged=False))
        document = _document(item)
        found = records_for(
            item.text,
            [],
            mentions,
            date=document.date,
            opening=document.opening,
            date_source=document.date_source,
        )
        given = found[0] if found else None
        report.records_given += given is not None
        report.records_right += given is not None and is_decision
        report.kinds[(truth["kind"], given.kind if given else "none")] += 1
        report.kind_read_in[(read_in(item), (given.kind if given else "none") == truth["kind"])] += 1
        if not is_decision:
            if given is not None:
                report.failures.append(
                    {"id": item.id, "field": "record", "given": given.kind, "truth": "none"}
                )
            continue
        _score_fields(report, item, truth, given)
    return report


def _score_fields(
    report: RecordsReport, item: Labelled, truth: dict[str, Any], given: DecisionRecord | None
) -> None:
    for name in FIELDS:
        expected = truth.get(name)
        value = getattr(given, name) if given is not None else None
        scores = (
            report.fields[name],
            report.fields_read_in[read_in(item)][name],
            report.fields_read_from[marked_read_from(item)][name],
        )
        if name == "legal_basis":
            wanted, got = set(expected or []), set(value or [])
            for score in scores:
                score.labelled += len(wanted)
                score.filled += len(got)
                score.right += len(wanted & got)
            if wanted != got:
                report.failures.append(
                    {"id": item.id, "field": name, "given": sorted(got), "truth": sorted(wanted)}
                )
            continue
        if name == "technologies":
            expected = sorted(set(expected)) if expected else None
            value = sorted(set(value)) if value else None
        filled, labelled = value not in (None, [], ""), expected not in (None, [], "")
        right = filled and labelled and same_value(name, value, expected)
        for score in scores:
            score.filled += filled
            score.labelled += labelled
            score.right += right
        if (filled or labelled) and not right:
            report.failures.append({"id": item.id, "field": name, "given": _plain(value), "truth": expected})


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What a crawl knows of the document an act was read in, besides the act's text."""

    opening: str | None  # the document's opening, when the act was cut from a longer fixture
    date: dt.date | None
    date_source: str | None


def _document(item: Labelled) -> DocumentContext:
    """The act's document as a crawl reads it: a shared fixture's opening (where a recueil or
    minutes name their authority and sitting) and its date; else the act's own page and URL."""
    path = item.truth["source"].split(",")[0].split(" (")[0].strip()
    whole = _fixture_text(path) if path.startswith("fixtures/") else None
    url = "" if whole is not None else path
    date, source = find_date(None, url, whole if whole is not None else item.text)
    return DocumentContext(whole[:1500] if whole is not None else None, date, source)


_FIXTURE_TEXTS: dict[str, str | None] = {}


def _fixture_text(path: str) -> str | None:
    """A shared fixture's text: a text file as it is, a PDF's text layer (a crawl's extraction)."""
    if path not in _FIXTURE_TEXTS:
        file = realdocs.REAL.parents[1] / path
        if path.endswith(".txt"):
            _FIXTURE_TEXTS[path] = file.read_text(encoding="utf-8")
        elif path.endswith(".pdf"):
            _FIXTURE_TEXTS[path] = "\f".join(extract_pdf(file.read_bytes()).pages)
        else:
            _FIXTURE_TEXTS[path] = None
    return _FIXTURE_TEXTS[path]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def report_dict(report: RecordsReport) -> dict[str, Any]:
    return {
        "acts": report.acts,
        "decisions": report.decisions,
        "records_given": report.records_given,
        "records_right": report.records_right,
        "fields": {name: _score_dict(score) for name, score in report.fields.items()},
        "fields_read_in": {
            where: {name: _score_dict(score) for name, score in scores.items()}
            for where, scores in report.fields_read_in.items()
        },
        "fields_read_from": {
            marked: {name: _score_dict(score) for name, score in scores.items()}
            for marked, scores in report.fields_read_from.items()
        },
        "kinds": [
            {"truth": truth, "given": given, "count": count}
            for (truth, given), count in sorted(report.kinds.items())
        ],
        "failures": report.failures,
    }


def _score_dict(score: FieldScore) -> dict[str, Any]:
    return {
        "filled": score.filled,
        "labelled": score.labelled,
        "right": score.right,
        "precision": score.precision,
        "recall": score.recall,
    }
