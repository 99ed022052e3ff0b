"""``--workspace``: where the group's own database is (accounts, reviews, alerts), beside ``--db``."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

F = Callable[..., Any]


class BadInput(click.ClickException):
    """Input that cannot be used: one line (``Error: …``), exit status 2, no usage text."""

    exit_code = 2


def workspace_option(func: F) -> F:
    return click.option(
        "--workspace",
        envvar="VIGIE_WORKSPACE",
        default=None,
        help="The workspace (accounts, reviews, alerts): an SQLite file or a postgresql:// URL; default: "
        "NAME.workspace.db beside an SQLite archive NAME.db. Env: VIGIE_WORKSPACE.",
    )(func)


def open_cli_workspace(db: str, workspace: str | None, must_exist: bool = False) -> Any:
    """The workspace of ``--db``/``--workspace``, opened (created unless ``must_exist``: None
    when it does not exist yet, for the commands that only read it)."""
    from archive.db import resolve_location
    from workspace.db import open_workspace, resolve_workspace

    archive = resolve_location(db)
    if must_exist and not workspace and not os.environ.get("VIGIE_WORKSPACE") and not archive.is_sqlite:
        return None  # a server archive has no workspace unless one is named
    location = resolve_workspace(workspace, archive)
    if must_exist and location.is_sqlite and not location.sqlite_path.exists():
        return None
    return open_workspace(location)
