"""Schema version 6: each document's mention summary (its mentions' categories and stances).

Revision ID: 0006
Revises: 0005

The two columns are filled from the mentions already stored, as ``archive.mention_summary``
writes them: the distinct values, sorted, space-separated, NULL when none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 500


def upgrade() -> None:
    op.add_column("documents", sa.Column("mention_categories", sa.Text))
    op.add_column("documents", sa.Column("mention_stances", sa.Text))
    connection = op.get_bind()
    found: dict[int, tuple[set[str], set[str]]] = {}
    rows = connection.execute(sa.text("SELECT DISTINCT document_id, category, stance FROM mentions"))
    for document_id, category, stance in rows:
        categories, stances = found.setdefault(document_id, (set(), set()))
        categories.add(category)
        if stance:
            stances.add(stance)
    updates = [
        {
            "id": document_id,
            "categories": " ".join(sorted(categories)),
            "stances": " ".join(sorted(stances)) or None,
        }
        for document_id, (categories, stances) in found.items()
    ]
    for start in range(0, len(updates), _BATCH):
        connection.execute(
            sa.text(
                "UPDATE documents SET mention_categories = :categories, mention_stances = :stances WHERE id = :id"
            ),
            updates[start : start + _BATCH],
        )


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades an archive: an older Vigie refuses a newer one")
