"""The items spiders hand to the pipelines (here, below the crawler, so that the pipelines
never import the crawler).

``DocumentItem`` is the contract between every spider and every pipeline: a spider fills the
fetch fields, the extraction stage fills ``extracted``, the tagging stage ``mentions``, the
storage stage archives it.
``NotModified`` reports a URL whose archived version is still current (HTTP 304).
``FetchFailure`` reports a URL that could not be fetched (HTTP error, timeout, DNS…), so that
the run's summary and record count errors by kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from archive.records import Analysis, DecisionRecord, MentionRecord


@dataclass(slots=True)
class DocumentItem:
    url: str
    body: bytes = field(repr=False)  # can be 100 MB: never in logs
    status: int
    fetched_at: dt.datetime
    content_type: str | None = None
    content_disposition: str | None = None
    declared_encoding: str | None = None
    referer: str | None = None
    link_text: str | None = None
    extracted: Analysis | None = None
    mentions: list[MentionRecord] = field(default_factory=list, repr=False)
    lexicon_version: str | None = None  # set by the tagging stage
    records: list[DecisionRecord] = field(default_factory=list, repr=False)  # read by the tagging stage
    records_built_with: str | None = None  # version of the record readers; None: not read
    source: str = ""  # slug of the registered source (or host, for a crawl of bare URLs)
    etag: str | None = None  # validators, for the next crawl's conditional request
    last_modified: str | None = None
    previous_sha256: str | None = None  # the archive's latest version at this URL
    listing: dict[str, str] | None = None  # what the listing (an SCDL row…) says about it


@dataclass(slots=True)
class NotModified:
    """A URL that answered 304 Not Modified: the archive's latest version is still current."""

    url: str
    source: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class FetchFailure:
    url: str
    kind: str  # http_404, http_500, timeout, dns, connection_refused, too_large, …
    message: str
    source: str = ""


# Failures that are the crawl doing its job, not something broken: counted, never errors.
SKIP_KINDS = frozenset({"robots_forbidden", "offsite_redirect"})
