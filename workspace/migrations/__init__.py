"""The workspace's Alembic migrations (``workspace.schema``); one revision per change."""
