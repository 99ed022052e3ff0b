"""Records by place: which records lie in a set of communes or were found by a set of sources.

Records hold a commune's name, not its code; the registry that knows codes and départements
lives above the archive, so its callers (``search.record_places``) turn a département into the
names and source slugs given here, and the archive only compares names and slugs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from archive.models import DecisionRow, DocumentUrl

_NOT_WORD = re.compile(r"[\W_]+")


def fold_place_name(name: str) -> str:
    """One spelling per name, as people and documents vary it: "SAINT-LÔ", "Saint Lo" and
    "saint-lô" are "saint lo" (case, accents, hyphens and apostrophes aside)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", bare).split())


@dataclass(frozen=True, slots=True)
class PlaceFilter:
    """Records of a place (a département, a région): those whose commune is one of ``communes``,
    and those found by one of ``sources`` whose commune is none of ``elsewhere`` (a prefecture's
    act naming no commune, or a commune the registry does not know, stays with its source; one
    naming a commune known only outside the place does not). Names compare folded."""

    communes: frozenset[str] = frozenset()  # folded names of the place's communes
    sources: frozenset[str] = frozenset()  # registry slugs of the place's sources
    elsewhere: frozenset[str] = frozenset()  # folded names of communes known only outside it


def place_clause(session: Session, place: PlaceFilter) -> Any:
    """The SQL condition selecting ``place``'s records. Names are folded in Python (SQLite's
    ``lower`` leaves "É" as it is), over the archive's few distinct spellings."""
    spellings = session.scalars(
        select(DecisionRow.commune).where(DecisionRow.commune.is_not(None)).distinct()
    ).all()
    inside = [name for name in spellings if fold_place_name(name) in place.communes]
    outside = [name for name in spellings if fold_place_name(name) in place.elsewhere]
    found_here = [
        slug
        for slug in session.scalars(select(DocumentUrl.source_slug).distinct())
        if slug is not None and slug in place.sources
    ]
    by_source = (
        select(DocumentUrl.id)
        .where(DocumentUrl.document_id == DecisionRow.document_id, DocumentUrl.source_slug.in_(found_here))
        .exists()
    )
    return or_(
        DecisionRow.commune.in_(inside),
        by_source & (DecisionRow.commune.is_(None) | DecisionRow.commune.not_in(outside)),
    )
