"""Saved searches and the digests sent for them (``workspace.alerts``).

Revision ID: 0003
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from archive.sqltypes import WideInteger

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column("user_id", WideInteger, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("search", sa.Text, nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("frequency", sa.String(16), nullable=False),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("checked_until", sa.DateTime, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("unsubscribed_at", sa.DateTime),
    )
    op.create_index("ix_saved_searches_user_id", "saved_searches", ["user_id"])
    op.create_table(
        "alert_digests",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column(
            "saved_search_id",
            WideInteger,
            sa.ForeignKey("saved_searches.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("window_start", sa.DateTime, nullable=False),
        sa.Column("window_end", sa.DateTime, nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("smtp_answer", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime),
    )
    op.create_index("ix_alert_digests_saved_search_id", "alert_digests", ["saved_search_id"])


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades a workspace")
