"""What Vigie carries on a Scrapy request, typed: one accessor instead of string keys.

Scrapy keeps a request's state in its ``meta`` dict, which also follows the request through
redirects and onto its response. Vigie's keys are written by ``VigieMeta.to_meta`` (a spider's
``request``) and the conditional-request middleware (``with_previous``), and read everywhere
through ``VigieMeta.of(request_or_response)``: a misspelt key is an attribute error in the
editor, not a silent default. The keys themselves stay plain (``vigie_source``…) so that a log
line or a test can still read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from archive.versions import PreviousVersion
from crawler.linkrules import Budget, LinkKind

_PREVIOUS = "vigie_previous"


class HasMeta(Protocol):
    @property
    def meta(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class VigieMeta:
    source: str = ""  # slug of the registered source whose crawl found the URL
    link_kind: LinkKind | None = None  # why it was followed (document, council page, other)
    budget: Budget | None = None  # how much deeper the crawl may go from here
    link_text: str | None = None  # the anchor's text: a title for a PDF named "doc.php?id=77"
    start: bool = False  # a start URL of its source (its failure is the source's)
    listing: dict[str, str] | None = None  # the listing row that names this document
    listed: bool = False  # requested from a listing (even without a row of its own)
    previous: PreviousVersion | None = None  # the archive's latest version (conditional request)

    @classmethod
    def of(cls, carrier: HasMeta) -> VigieMeta:
        meta = carrier.meta
        return cls(
            source=meta.get("vigie_source", ""),
            link_kind=meta.get("vigie_link_kind"),
            budget=meta.get("vigie_budget"),
            link_text=meta.get("vigie_link_text"),
            start=bool(meta.get("vigie_start")),
            listing=meta.get("vigie_listing"),
            listed=bool(meta.get("vigie_listed")),
            previous=meta.get(_PREVIOUS),
        )

    def to_meta(self) -> dict[str, Any]:
        """The meta keys of a new request (``previous`` is the middleware's to set)."""
        return {
            "vigie_source": self.source,
            "vigie_link_kind": self.link_kind,
            "vigie_budget": self.budget,
            "vigie_link_text": self.link_text,
            "vigie_start": self.start,
            "vigie_listing": self.listing,
            "vigie_listed": self.listed,
        }

    @property
    def depth_budget(self) -> Budget:
        return self.budget or Budget()


def with_previous(carrier: HasMeta, previous: PreviousVersion) -> None:
    """Mark a request with the archive's version of its URL (``crawler.incremental``)."""
    carrier.meta[_PREVIOUS] = previous


def has_previous(carrier: HasMeta) -> bool:
    return _PREVIOUS in carrier.meta
