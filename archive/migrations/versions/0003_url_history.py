"""Schema version 3: the history of each URL and the results of each source in a crawl run.

A URL's link keeps the registry source that found it, the validators of its last fetch, when
it was replaced by other content or removed, and the listing row that named it.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from archive.sqltypes import WideInteger, short_text

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document_urls") as urls:
        urls.add_column(sa.Column("source_slug", short_text(64)))
        urls.add_column(sa.Column("etag", short_text(255)))
        urls.add_column(sa.Column("last_modified", short_text(64)))
        urls.add_column(sa.Column("replaced_at", sa.DateTime))
        urls.add_column(sa.Column("removed_at", sa.DateTime))
        urls.add_column(sa.Column("listing", sa.JSON))
        urls.create_index("ix_document_urls_source_slug", ["source_slug"])
    with op.batch_alter_table("crawl_runs") as runs:
        runs.add_column(sa.Column("sources", sa.JSON))
        runs.add_column(sa.Column("documents_removed", WideInteger))
        runs.add_column(sa.Column("source_results", sa.JSON))


def downgrade() -> None:
    raise NotImplementedError("Vigie never downgrades an archive: an older Vigie refuses a newer one")
