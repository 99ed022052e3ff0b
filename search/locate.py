"""Where a search snippet sits in its document: the page and the act it falls in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from archive.act_label import act_label

OPEN, CLOSE = "\x02", "\x03"


def locate(connection: Connection, document_id: int, marked: str) -> int | None:
    """Offset in the document's text of the snippet's first match (its passage found with instr)."""
    fragment = marked.strip("…")
    if OPEN not in fragment:
        return None
    before_match = fragment.index(OPEN)
    passage = fragment.replace(OPEN, "").replace(CLOSE, "")
    # instr is SQLite's, strpos PostgreSQL's: both 1-based, 0 when absent.
    find = "strpos" if connection.dialect.name == "postgresql" else "instr"
    at = connection.execute(
        text(f"SELECT {find}(text, :passage) FROM documents WHERE id = :id"),
        {"passage": passage, "id": document_id},
    ).scalar()
    return at - 1 + before_match if at else None


def page_at(connection: Connection, document_id: int, offset: int) -> int:
    """1 + the form feeds (page separators) before ``offset``."""
    feed = "chr(12)" if connection.dialect.name == "postgresql" else "char(12)"
    feeds = connection.execute(
        text(
            f"SELECT length(substr(text, 1, :end)) - length(replace(substr(text, 1, :end), {feed}, '')) "
            "FROM documents WHERE id = :id"
        ),
        {"end": offset + 1, "id": document_id},
    ).scalar()
    return int(feeds or 0) + 1


def act_at(connection: Connection, document_id: int, offset: int, page: int | None) -> tuple[str, str] | None:
    """The number and label of the act covering ``offset``, if the document was split into acts."""
    row: Any = connection.execute(
        text(
            "SELECT kind, number, title, page_start, page_end, vote_for, vote_against, vote_abstentions, "
            'unanimous, decision FROM acts WHERE document_id = :id AND start <= :offset AND :offset < "end" '
            "ORDER BY start DESC LIMIT 1"
        ),
        {"id": document_id, "offset": offset},
    ).first()
    if row is None:
        return None
    return row.number, act_label(row, page)
