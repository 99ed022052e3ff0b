"""The archive's error, importable without SQLAlchemy (the CLI maps it to an exit status)."""

from __future__ import annotations


class ArchiveError(Exception):
    """A problem with the archive's location or database, explained in one line."""


class OlderSchemaError(ArchiveError):
    """The archive was made by an older Vigie: a writer must upgrade it before it is read."""
