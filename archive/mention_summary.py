"""Each document's mention summary: the distinct categories and stances of its mentions.

Search facets count documents per category and per stance over every match; reading the
mentions of 200,000 matches at query time took a large part of a frequent word's search. So
each document carries them as two columns, ``mention_categories`` and ``mention_stances``:
the distinct values, sorted, separated by a space (category ids and stances hold no space),
NULL when there are none. A facet then groups the matches by these few distinct strings and
splits them (``split``).

Every writer of mentions writes the summary with them: the group commit
(``archive.bulk.insert_documents``) and ``archive.store.add_mentions`` (``vigie retag``, OCR);
``refresh`` reads it again from the mentions table (the schema's migration 0006, archives
written by other tools). ``tests/archive/test_mention_summary.py`` checks every writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, text

SEPARATOR = " "
_BATCH = 500


def summary(pairs: Iterable[tuple[str, str | None]]) -> dict[str, str | None]:
    """The two columns for a document whose mentions have these (category, stance) pairs."""
    categories: set[str] = set()
    stances: set[str] = set()
    for category, stance in pairs:
        categories.add(category)
        if stance:
            stances.add(stance)
    return {
        "mention_categories": SEPARATOR.join(sorted(categories)) or None,
        "mention_stances": SEPARATOR.join(sorted(stances)) or None,
    }


def split(value: str | None) -> list[str]:
    """The values one summary column holds."""
    return value.split(SEPARATOR) if value else []


def refresh(connection: Connection, document_ids: Sequence[int] | None = None) -> int:
    """Write the summary of these documents (None: every document) from their stored mentions;
    the number of documents that have mentions."""
    if document_ids is None:
        connection.execute(
            text("UPDATE documents SET mention_categories = NULL, mention_stances = NULL "
                 "WHERE mention_categories IS NOT NULL OR mention_stances IS NOT NULL")
        )  # fmt: skip
        rows = connection.execute(
            text("SELECT DISTINCT document_id, category, stance FROM mentions ORDER BY document_id")
        )
        return _write(connection, rows)
    written = 0
    for chunk in _batched(list(document_ids)):
        ids = {"ids": chunk}
        expanding = bindparam("ids", expanding=True)
        connection.execute(
            text(
                "UPDATE documents SET mention_categories = NULL, mention_stances = NULL WHERE id IN :ids"
            ).bindparams(expanding),
            ids,
        )
        rows = connection.execute(
            text(
                "SELECT DISTINCT document_id, category, stance FROM mentions WHERE document_id IN :ids"
            ).bindparams(expanding),
            ids,
        )
        written += _write(connection, rows)
    return written


def _write(connection: Connection, rows: Iterable[tuple[int, str, str | None]]) -> int:
    pairs: dict[int, list[tuple[str, str | None]]] = {}
    for document_id, category, stance in rows:
        pairs.setdefault(document_id, []).append((category, stance))
    updates = [{"id": document_id, **summary(found)} for document_id, found in pairs.items()]
    for chunk in _batched(updates):
        connection.execute(
            text("UPDATE documents SET mention_categories = :mention_categories, "
                 "mention_stances = :mention_stances WHERE id = :id"),
            chunk,
        )  # fmt: skip
    return len(updates)


def _batched(items: list[Any]) -> Iterable[list[Any]]:
    return (items[start : start + _BATCH] for start in range(0, len(items), _BATCH))
