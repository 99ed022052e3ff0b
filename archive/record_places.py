"""Records by place: which records lie in a set of communes or were found by a set of sources.

Records hold a commune's name, not its code; the registry that knows codes and départements
lives above the archive, so its callers (``search.record_places``) turn a commune, an EPCI, a
département or a région into the names and source slugs given here, and the archive only
compares names and slugs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from archive.models import DecisionRow, DocumentUrl

_NOT_WORD = re.compile(r"[\W_]+")
# The official data name "Le Havre" "Havre" and "Les Pieux" "Pieux" (the COG keeps the article
# apart); documents write it. A leading article is no part of the folded name.
_ARTICLE = re.compile(r"^(?:le|la|les|l) (?=\S)")


def fold_place_name(name: str) -> str:
    """One spelling per name, as people and documents vary it: "SAINT-LÔ", "Saint Lo" and
    "saint-lô" are "saint lo" (case, accents, hyphens and apostrophes aside), "Les Pieux" and
    "Pieux" are "pieux" (a leading article aside)."""
    folded = name.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).translate(_combining_marks())
    words = _NOT_WORD.sub(" ", folded).strip()  # runs of non-letters are one space
    return _ARTICLE.sub("", words) if words.startswith("l") else words


# The Unicode blocks of combining marks that Latin letters take (accents, cedillas…).
_MARK_BLOCKS = ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30))


@cache
def _combining_marks() -> dict[int, None]:
    """Accents and other combining marks, to delete with ``str.translate``: the registry's
    35,000 names fold in a third of the time a test per character takes."""
    return {
        code: None
        for start, end in _MARK_BLOCKS
        for code in range(start, end)
        if unicodedata.combining(chr(code))
    }


@dataclass(frozen=True, slots=True)
class PlaceFilter:
    """Records of a place (communes, EPCIs, départements, régions): those whose commune is one
    of ``communes``; those whose commune is one of a ``near`` group's names and whose document a
    source of that group found (a name several communes bear, placed through the source's
    département); and those found by one of ``sources`` whose commune is none of ``elsewhere``
    (a prefecture's act naming no commune, or a commune the registry does not know, stays with
    its source; one naming a commune known only outside the place does not). Names compare
    folded."""

    communes: frozenset[str] = frozenset()  # folded names borne by the place's communes only
    sources: frozenset[str] = frozenset()  # registry slugs of the place's sources
    elsewhere: frozenset[str] = frozenset()  # folded names of communes known only outside it
    # (folded names, slugs): names borne inside and outside the place, that lie inside when a
    # source of those slugs (the département of the commune inside) found the record.
    near: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()


def place_clause(session: Session, place: PlaceFilter) -> Any:
    """The SQL condition selecting ``place``'s records. Names are folded in Python (SQLite's
    ``lower`` leaves "É" as it is), over the archive's few distinct spellings."""
    spellings = session.scalars(
        select(DecisionRow.commune).where(DecisionRow.commune.is_not(None)).distinct()
    ).all()
    folded = {name: fold_place_name(name) for name in spellings}
    inside = [name for name, fold in folded.items() if fold in place.communes]
    outside = [name for name, fold in folded.items() if fold in place.elsewhere]
    slugs = {slug for slug in session.scalars(select(DocumentUrl.source_slug).distinct()) if slug}
    conditions = [
        DecisionRow.commune.in_(inside),
        _found_by(slugs & place.sources)
        & (DecisionRow.commune.is_(None) | DecisionRow.commune.not_in(outside)),
    ]
    for names, sources in place.near:
        named = [name for name, fold in folded.items() if fold in names]
        if named and slugs & sources:
            conditions.append(DecisionRow.commune.in_(named) & _found_by(slugs & sources))
    return or_(*conditions)


def _found_by(slugs: set[str]) -> Any:
    """The record's document was found by one of these sources."""
    return (
        select(DocumentUrl.id)
        .where(DocumentUrl.document_id == DecisionRow.document_id, DocumentUrl.source_slug.in_(sorted(slugs)))
        .exists()
    )
