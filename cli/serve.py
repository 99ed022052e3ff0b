"""``vigie serve``: the web interface over an archive, read-only."""

from __future__ import annotations

from typing import Any

import click

from cli.options import archive_options, can_write, registry_option
from cli.workspace_options import workspace_option


@click.command()
@archive_options
@registry_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every one)."
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--accounts",
    "with_accounts",
    is_flag=True,
    help="Accounts on: login, and the review of the evidence for the group's members (the archive's "
    "pages stay public). Needs an enabled admin account (vigie users add … --role admin).",
)
@workspace_option
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Mark the session cookies Secure even when the request does not say HTTPS (behind a TLS proxy).",
)
def serve(
    db: str,
    files_dir: str | None,
    registry: str | None,
    no_shipped: bool,
    host: str,
    port: int,
    with_accounts: bool,
    workspace: str | None,
    secure_cookies: bool,
) -> None:
    """Serve the web interface: search, documents with their evidence, overview, feeds, API.

    The archive is opened read-only: the web process cannot change it, and a crawl can write
    while it serves. (An archive made by an older Vigie is first upgraded, when it can be
    written; a read-only one must be upgraded where it can: ``vigie index``.) Sources' names and
    places (commune, EPCI, département, région) come from the registry. Stop with Ctrl-C.
    """
    import os
    import socket
    import sys

    from archive import ArchiveStore
    from archive.db import ArchiveError, resolve_location
    from archive.errors import OlderSchemaError
    from archive.reader import ArchiveReader
    from cli.search import cli_message
    from search import SearchError

    # What the user can get wrong is checked first (the archive, then the port), before the
    # web application and the registry's places are loaded (about two seconds).
    try:
        location = resolve_location(db, files_dir, writable=False)
        try:
            reader = ArchiveReader(location)
        except OlderSchemaError:
            if not can_write(location):
                raise
            # An archive made by an older Vigie gains the columns this one reads: the one
            # write the web command makes, before it opens the archive read-only.
            ArchiveStore(location).close()
            reader = ArchiveReader(location)
    except (ArchiveError, SearchError) as exc:
        message = cli_message(exc) if isinstance(exc, SearchError) else str(exc)
        raise click.BadParameter(message, param_hint="'--db'") from None
    try:  # a clear message now rather than uvicorn's log line after start-up
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        reader.close()
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        click.echo(f"Error: cannot listen on {host}:{port}: {reason}", err=True)
        sys.exit(2)
    archive = _web_archive(reader, registry, no_shipped)
    accounts = _accounts(db, workspace, secure_cookies) if with_accounts else None
    import uvicorn

    from web.app import create_app

    class StoppingServer(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            from search.deadline import stop_searches

            stop_searches()
            super().handle_exit(sig, frame)

    app = create_app(archive, accounts)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Vigie serves {db} (read-only) on http://{shown}:{port}/ — Ctrl-C to stop", err=True)
    # The saved searches' feeds and unsubscription pages (web.alerts): the accounts' workspace,
    # else the workspace if there is one (serving never creates one).
    alerts = accounts.workspace if accounts is not None else _alerts_workspace(db, workspace)
    app.state.workspace = alerts
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        # SIGTERM (systemd, docker stop): in-flight searches are interrupted at once, and any
        # other request (a long export) gets this many seconds before the server exits.
        timeout_graceful_shutdown=5,
    )
    StoppingServer(config).run()
    reader.close()
    if alerts is not None:
        alerts.close()


def _web_archive(reader: Any, registry: str | None, no_shipped: bool) -> Any:
    """The archive as the web shows it: sources' names and places from the registry, in the
    geography of every commune (unless the registry is one's own only, ``--no-shipped``)."""
    from archive.db import ArchiveError
    from cli.geography import official_geography
    from cli.search import cli_message
    from crawler.sources.registry import RegistryError, load_registry
    from search import SearchError
    from search.places import Authority
    from web.archive_view import WebArchive

    try:
        sources = load_registry(registry, not no_shipped)
    except RegistryError as exc:
        reader.close()
        raise click.UsageError(str(exc)) from None
    try:
        authorities = {slug: Authority.of(source) for slug, source in sources.items()}
        geography = official_geography(authorities.values())
        return WebArchive.open(
            reader, sources, _category_hints(), geography, authorities, every_commune=not no_shipped
        )
    except (ArchiveError, SearchError) as exc:
        reader.close()
        message = cli_message(exc) if isinstance(exc, SearchError) else str(exc)
        raise click.BadParameter(message, param_hint="'--db'") from None


def _accounts(db: str, workspace: str | None, secure_cookies: bool) -> Any:
    """The accounts of ``--accounts``: the workspace opened, with at least one enabled admin."""
    from sqlalchemy import select

    from cli.workspace_options import BadInput, open_cli_workspace
    from web.accounts import Accounts
    from workspace.models import Role, User

    opened = open_cli_workspace(db, workspace)
    with opened.session() as session:
        admin = session.scalar(
            select(User.id).where(User.role == Role.ADMIN, User.disabled.is_(False)).limit(1)
        )
    if admin is None:
        opened.close()
        raise BadInput(
            f"--accounts: no enabled admin account in {opened.location.display}; add one with "
            "'vigie users add EMAIL --name NAME --role admin'"
        )
    return Accounts(opened, secure_cookies=secure_cookies)


def _alerts_workspace(db: str, workspace: str | None) -> Any:
    """The existing workspace, for the alerts' pages; None when there is none, or (said in one
    line) when it cannot be opened: the archive is served all the same."""
    from cli.workspace_options import open_cli_workspace
    from workspace.db import WorkspaceError

    try:
        return open_cli_workspace(db, workspace, must_exist=True)
    except WorkspaceError as exc:
        click.echo(f"No alerts' pages: {exc}", err=True)
        return None


def _category_hints() -> Any:
    """The lexicon's terms for the web's "documents tagged …" hint; none if it cannot be read."""
    from pipelines.tagging.lexicon import LexiconError, load_lexicon
    from search.hints import CategoryHints

    try:
        return CategoryHints.from_lexicon(load_lexicon())
    except LexiconError:
        return None
