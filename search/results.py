"""Typed searches and their results, shared by every backend, the CLI and the web UI."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from archive.db import iso_utc

# Columns of a CSV of results (``vigie search --format csv``, the web UI's export); extend only.
CSV_FIELDS = (
    "rank", "date", "source", "title", "doc_type", "categories", "page", "act", "url", "score",
    "snippet", "document_id", "sha256", "first_seen_at",
)  # fmt: skip

# The values counted in the EPCI and commune facets: the most frequent, as a list of checkboxes
# can show them (a search of the whole archive spans thousands of communes).
PLACE_FACET_VALUES = 30


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    raw: bool = False
    categories: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # host, or a domain that the host ends with
    doc_types: list[str] = field(default_factory=list)
    since: str | None = None  # ISO date, on the document's date, else the day first seen
    until: str | None = None
    stance: str | None = None
    # Only documents Vigie first archived after this moment (UTC, naive): what is new since a
    # saved search's last digest (``workspace.alerts``); a new version of a page is new.
    found_after: dt.datetime | None = None
    found_until: dt.datetime | None = None  # and up to this moment, included: the digest's end
    departements: list[str] = field(default_factory=list)  # "34", "2A": see search.places
    regions: list[str] = field(default_factory=list)  # "76"
    epcis: list[str] = field(default_factory=list)  # an EPCI's SIREN: "243400017"
    communes: list[str] = field(default_factory=list)  # a commune's INSEE code: "34172"
    all_versions: bool = False  # include documents superseded at every URL
    with_mentions: bool = False  # only documents with at least one mention
    newest_first: bool = False  # order by when Vigie first archived them (feeds), not by score
    limit: int = 20
    offset: int = 0
    facets: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    rank: int  # 1-based position in the whole result list
    document_id: int
    url: str | None
    title: str | None
    source: str
    date: dt.date | None  # the sitting's or act's date, else the day first seen
    doc_type: str
    categories: list[str]
    score: float  # higher is better
    snippet: str  # ~200 characters, matches between [ and ]
    snippet_html: str  # HTML-escaped, matches in <mark>
    page: int | None  # page of the best match in a PDF, when known
    act_number: str | None = None  # the act the best match falls in, when the document has acts
    act: str | None = None  # "Délibération 2013/14 – …, page 1, adoptée"
    sha256: str | None = None  # of the archived original
    first_seen_at: dt.datetime | None = None  # when Vigie first archived it (UTC)
    # What the pages show as its title (``archive.display_title``): ``title`` stays what the
    # document says, or its file name; this one prefers its act's object to a file name.
    display_title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["first_seen_at"] = iso_utc(self.first_seen_at)
        data["score"] = round(self.score, 4)
        return data

    def csv_row(self) -> dict[str, Any]:
        row = self.to_dict()
        row["categories"] = ";".join(self.categories)
        return {name: row[name] for name in CSV_FIELDS}


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts over the whole result set, not just the page shown."""

    categories: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    doc_types: dict[str, int] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)
    stances: dict[str, int] = field(default_factory=dict)
    departements: dict[str, int] = field(default_factory=dict)
    # The places below are codes, as the filters take them (names: ``search.geography``); EPCIs
    # and communes are only the ``PLACE_FACET_VALUES`` most frequent, a search may span thousands.
    regions: dict[str, int] = field(default_factory=dict)
    epcis: dict[str, int] = field(default_factory=dict)
    communes: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, dict[str, int]]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    hits: list[SearchHit]
    facets: Facets | None = None
    # When the query names a lexicon category ("reconnaissance faciale", "VSA", "drones"): that
    # category and how many documents it tags under the same filters, since the words alone miss
    # the documents that name the technology otherwise. Only with hints (see search.hints) and
    # when it tags some document; None and 0 otherwise.
    suggested_category: str | None = None
    suggested_total: int = 0
    # True when the query matched so many documents that only a bounded number of them were
    # scored (``search.sqlite.bounded``): every match is found and counted, but the ones not
    # scored come after the scored ones, newest archived first among equals.
    ranking_bounded: bool = False
