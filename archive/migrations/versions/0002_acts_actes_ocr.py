"""Schema version 2: acts inside documents, the ACTES identifier and stamp, the OCR fields.

Acts and ACTES fields come from the text, so every document is marked as not tagged with the
current lexicon: ``vigie retag`` reads them all again.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from archive.sqltypes import WideInteger, short_text

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _actes() -> list[sa.Column]:
    """The columns of an ACTES identifier and a prefecture's stamp, on documents and acts."""
    return [
        sa.Column("actes_id", short_text(64)),
        sa.Column("actes_department", short_text(3)),
        sa.Column("actes_date", sa.Date),
        sa.Column("actes_number", short_text(32)),
        sa.Column("actes_nature", short_text(2)),
        sa.Column("prefecture_sent_on", sa.Date),
        sa.Column("prefecture_received_on", sa.Date),
        sa.Column("published_on", sa.Date),
        sa.Column("actes_siren", short_text(9)),
    ]


def upgrade() -> None:
    with op.batch_alter_table("documents") as documents:
        documents.add_column(sa.Column("ocr_engine", short_text(64)))
        documents.add_column(sa.Column("ocr_confidence", sa.Float))
        documents.add_column(sa.Column("ocr_error", sa.Text))
        for column in _actes():
            documents.add_column(column)
        documents.create_index("ix_documents_actes_siren", ["actes_siren"])
    op.create_table(
        "acts",
        sa.Column("id", WideInteger, primary_key=True),
        sa.Column(
            "document_id",
            WideInteger,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("seq", WideInteger, nullable=False),
        sa.Column("kind", short_text(16), nullable=False),
        sa.Column("number", short_text(32)),
        sa.Column("title", sa.Text),
        sa.Column("start", WideInteger, nullable=False),
        sa.Column("end", WideInteger, nullable=False),
        sa.Column("page_start", WideInteger),
        sa.Column("page_end", WideInteger),
        sa.Column("vote_for", WideInteger),
        sa.Column("vote_against", WideInteger),
        sa.Column("vote_abstentions", WideInteger),
        sa.Column("unanimous", sa.Boolean),
        sa.Column("decision", short_text(16)),
        *_actes(),
        sa.Index("ix_acts_actes_siren", "actes_siren"),
    )
    # SQLite adds a column with its reference in one ALTER TABLE (inline_references); the
    # constraint is what Vigie 0.x declared: a deleted act leaves its mentions unlinked.
    op.add_column(
        "mentions",
        sa.Column("act_id", WideInteger, sa.ForeignKey("acts.id", ondelete="SET NULL")),
        inline_references=True,
    )
    op.create_index("ix_mentions_act_id", "mentions", ["act_id"])
    op.execute("UPDATE documents SET tagged_with = NULL")


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades an archive: an older Vigie refuses a newer one")
