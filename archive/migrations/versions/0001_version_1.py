"""Schema version 1: sources, documents, their URLs, mentions and crawl runs.

The first schema Vigie released (``tests/archive/schema_v1.sql`` is an archive of it).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from archive.sqltypes import WideInteger, short_text

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", WideInteger, primary_key=True)


def _count(name: str) -> sa.Column:
    return sa.Column(name, WideInteger, nullable=False)


def upgrade() -> None:
    op.create_table(
        "schema_version",
        sa.Column("version", WideInteger, primary_key=True, autoincrement=False),
        sa.Column("applied_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "sources",
        _id(),
        sa.Column("host", short_text(255), nullable=False, unique=True),
        sa.Column("name", short_text(255)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "crawl_runs",
        _id(),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("status", short_text(16), nullable=False),
        sa.Column("close_reason", short_text(64)),
        sa.Column("start_urls", sa.JSON, nullable=False),
        *(
            _count(name)
            for name in (
                "pages_fetched",
                "documents_new",
                "documents_changed",
                "documents_unchanged",
                "documents_duplicate",
                "documents_failed",
                "needs_ocr",
            )
        ),
        sa.Column("mentions", sa.JSON, nullable=False),
        sa.Column("errors", sa.JSON, nullable=False),
        sa.Column("error_samples", sa.JSON, nullable=False),
    )
    op.create_table(
        "documents",
        _id(),
        sa.Column("sha256", short_text(64), nullable=False, unique=True),
        sa.Column("source_id", WideInteger, sa.ForeignKey("sources.id"), nullable=False, index=True),
        sa.Column("content_type", short_text(255)),
        sa.Column("kind", short_text(16), nullable=False),
        sa.Column("size", WideInteger, nullable=False),
        sa.Column("filename", short_text(512)),
        sa.Column("title", sa.Text),
        sa.Column("doc_type", short_text(32), nullable=False, index=True),
        sa.Column("date", sa.Date, index=True),
        sa.Column("date_source", short_text(32)),
        _count("pages"),
        _count("text_length"),
        sa.Column("extraction", short_text(32)),
        sa.Column("needs_ocr", sa.Boolean, nullable=False, index=True),
        sa.Column("error", sa.Text),
        sa.Column("is_latest", sa.Boolean, nullable=False, index=True),
        sa.Column("tagged_with", short_text(32), index=True),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.Column("fetched_at", sa.DateTime, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "document_urls",
        _id(),
        sa.Column(
            "document_id", WideInteger, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("url", sa.Text, nullable=False, index=True),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "url"),
    )
    op.create_table(
        "mentions",
        _id(),
        sa.Column(
            "document_id",
            WideInteger,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("category", short_text(64), nullable=False, index=True),
        sa.Column("term", sa.Text, nullable=False),
        sa.Column("matched", sa.Text, nullable=False),
        _count("start"),
        _count("end"),
        sa.Column("page", WideInteger),
        sa.Column("context", sa.Text, nullable=False),
        sa.Column("stance", short_text(16)),
        sa.Column("lexicon_version", short_text(32), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades an archive: an older Vigie refuses a newer one")
