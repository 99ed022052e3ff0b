"""Login sessions, failed logins, and the reviews of the evidence with their audit trail.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from archive.sqltypes import WideInteger

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_sessions",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", WideInteger, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_login_sessions_user_id", "login_sessions", ["user_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    for column in ("email", "client", "at"):
        op.create_index(f"ix_login_attempts_{column}", "login_attempts", [column])
    op.create_table(
        "reviews",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column("fingerprint", sa.String(255), nullable=False, unique=True),
        sa.Column("item_kind", sa.String(16), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32)),
        sa.Column("note", sa.Text),
        sa.Column("corrections", sa.JSON(none_as_null=True)),
        sa.Column("item", sa.JSON, nullable=False),
        sa.Column("reviewed_by", WideInteger, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_reviews_document_sha256", "reviews", ["document_sha256"])
    op.create_index("ix_reviews_status", "reviews", ["status"])
    op.create_table(
        "review_events",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column("fingerprint", sa.String(255), nullable=False),
        sa.Column("item_kind", sa.String(16), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("user_id", WideInteger, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("before", sa.JSON(none_as_null=True)),
        sa.Column("after", sa.JSON(none_as_null=True)),
    )
    for column in ("fingerprint", "user_id", "at"):
        op.create_index(f"ix_review_events_{column}", "review_events", [column])


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades a workspace")
