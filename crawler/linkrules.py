"""Which links look like council business, and how much crawling budget each one gets.

Council links (URL or anchor text about conseil municipal, délibérations, procès-verbaux,
séances, actes administratifs…) and document links (.pdf, .doc…) are followed first and up to
``max_depth`` hops from a start page. Any other link spends the *shallow* budget: at most
``shallow_depth`` consecutive off-topic hops, reset whenever a council link is taken. So an
infinite calendar or pagination ends after a few hops, while a deep deliberations tree is
still reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote, urlsplit

from pipelines.detect import looks_like_document_url
from pipelines.doctype import fold

_COUNCIL = re.compile(
    r"\b(conseils? (municipal|municipaux|communautaire|communautaires|metropolitain|"
    r"departemental|regional|d agglomeration|de territoire)|deliberations?|delibere|delib|"
    r"proces verba(l|ux)|pv|comptes? rendus?|seances?|ordres? du jour|actes? administratifs?|"
    r"recueils? des actes|raa|registres?|arretes?|decisions? du (maire|president)|"
    r"vie municipale|conseil)\b"
)


class LinkKind(Enum):
    DOCUMENT = "document"
    COUNCIL = "council"
    OTHER = "other"


PRIORITY = {LinkKind.DOCUMENT: 30, LinkKind.COUNCIL: 20, LinkKind.OTHER: 0}


def classify_link(url: str, anchor_text: str = "") -> LinkKind:
    if looks_like_document_url(url):
        return LinkKind.DOCUMENT
    parts = urlsplit(url)
    evidence = fold(f"{unquote(parts.path)} {unquote(parts.query)} {anchor_text}")
    return LinkKind.COUNCIL if _COUNCIL.search(evidence) else LinkKind.OTHER


@dataclass(frozen=True, slots=True)
class Budget:
    """Where a request stands: hops from its start page, and consecutive off-topic hops."""

    depth: int = 0
    off_topic: int = 0

    def follow(self, kind: LinkKind) -> Budget:
        off_topic = self.off_topic + 1 if kind is LinkKind.OTHER else 0
        return Budget(self.depth + 1, off_topic)

    def allows(self, max_depth: int, shallow_depth: int) -> bool:
        return self.depth <= max_depth and self.off_topic <= shallow_depth


def origin(url: str) -> tuple[str, str]:
    """Scheme and ``host:port`` (default ports made explicit): what "the same site" means."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return scheme, f"{(parts.hostname or '').lower()}:{port}"
