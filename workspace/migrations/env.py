"""Alembic's environment for the workspace: the migrations run on the connection that
``workspace.schema`` hands over (a workspace is upgraded by opening it)."""

from __future__ import annotations

from alembic import context

from workspace.models import WorkspaceBase

if context.is_offline_mode():
    raise SystemExit("Vigie's migrations run on a workspace, not as SQL scripts: open the workspace instead")
connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("open the workspace with Vigie (vigie users list --workspace …) to upgrade it")
context.configure(connection=connection, target_metadata=WorkspaceBase.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
