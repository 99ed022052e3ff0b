"""Schema version 5: the start-URL checks of ``vigie sources check``, with their history.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from archive.sqltypes import WideInteger, short_text

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_checks",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column("slug", short_text(128), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("status", WideInteger),
        sa.Column("final_url", sa.Text),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_source_checks_slug_checked_at", "source_checks", ["slug", "checked_at"])


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades an archive: an older Vigie refuses a newer one")
