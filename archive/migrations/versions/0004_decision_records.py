"""Schema version 4: decision records, read from acts (``vigie records rebuild`` fills them).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from archive.sqltypes import WideInteger, short_text

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_records",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column(
            "document_id",
            WideInteger,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("act_id", WideInteger, sa.ForeignKey("acts.id", ondelete="SET NULL"), index=True),
        sa.Column("built_with", short_text(32), nullable=False),
        sa.Column("kind", short_text(32), nullable=False, index=True),
        sa.Column("scope", short_text(16)),
        sa.Column("technologies", sa.JSON, nullable=False),
        sa.Column("authority", sa.Text),
        sa.Column("act_number", short_text(64)),
        sa.Column("act_date", sa.Date, index=True),
        sa.Column("beneficiary", sa.Text),
        sa.Column("commune", sa.Text),
        sa.Column("cameras", WideInteger),
        sa.Column("cameras_public_road", WideInteger),
        sa.Column("amount_eur", sa.Float),
        sa.Column("amount_tax", short_text(3)),
        sa.Column("funding_rate", sa.Float),
        sa.Column("vendor", sa.Text),
        sa.Column("legal_basis", sa.JSON, nullable=False),
        sa.Column("retention_days", WideInteger),
        sa.Column("period_start", sa.Date),
        sa.Column("period_end", sa.Date),
        sa.Column("period_years", WideInteger),
        sa.Column("evidence", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades an archive: an older Vigie refuses a newer one")
