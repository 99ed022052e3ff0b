"""``vigie alerts``: saved searches that e-mail a digest of what is new, and their sending.

``add`` saves a search (a ``/search`` URL, or the options of ``vigie search``) for an account
of the workspace; ``list`` and ``remove`` manage them; ``send`` e-mails the digests that are
due, for cron after the crawl. The work is the workspace's (``workspace.alerts_*``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import click

from cli.options import archive_options, registry_option, table_or_json
from cli.workspace_options import workspace_option

if TYPE_CHECKING:
    from search.places import SourcePlaces
    from search.record_places import RecordPlaces
    from workspace.db import Workspace


@contextmanager
def opened_workspace(workspace: str | None, db: str, files_dir: str | None) -> Iterator[Workspace]:
    from archive.db import resolve_location
    from workspace.db import open_workspace, resolve_workspace

    handle = open_workspace(resolve_workspace(workspace, resolve_location(db, files_dir)))
    try:
        yield handle
    finally:
        handle.close()


@click.group()
def alerts() -> None:
    """Saved searches that e-mail a digest of what is new, and have an Atom feed each."""


@alerts.command("add")
@archive_options
@workspace_option
@click.option("--user", "owner", required=True, metavar="EMAIL", help="The account that owns the alert.")
@click.option("--name", required=True, help="The alert's name, in the e-mail's subject.")
@click.option("--url", help="A /search URL of the web interface (its query string is enough).")
@click.option("--query", default="", help='Words or "phrases", as vigie search takes them.')
@click.option("--category", "categories", multiple=True, help="A technology category (repeatable).")
@click.option("--technology", "technologies", multiple=True, help="Same as --category.")
@click.option("--source", "sources", multiple=True, help="A registry slug or a host (repeatable).")
@click.option(
    "--commune", "communes", multiple=True, metavar="INSEE", help="A commune's INSEE code (repeatable)."
)
@click.option("--epci", "epcis", multiple=True, metavar="SIREN", help="An EPCI's SIREN (repeatable).")
@click.option(
    "--departement", "departements", multiple=True, metavar="CODE", help="A département (repeatable)."
)
@click.option("--region", "regions", multiple=True, metavar="CODE", help="A région (repeatable).")
@click.option("--type", "doc_types", multiple=True, help="A document type (repeatable).")
@click.option(
    "--frequency",
    type=click.Choice(["daily", "weekly"]),
    default="daily",
    show_default=True,
    help="How often.",
)
@click.option("--recipient", metavar="EMAIL", help="Where the digest goes [default: the owner's address].")
def add(
    db: str,
    files_dir: str | None,
    workspace: str | None,
    owner: str,
    name: str,
    url: str | None,
    query: str,
    frequency: str,
    recipient: str | None,
    **filters: tuple[str, ...],
) -> None:
    """Save a search: its digest of new documents is e-mailed daily or weekly.

    Give a /search URL (--url '/search?q=caméras&category=vsa'), or the words and filters of
    vigie search: vigie alerts add --user ana@example.org --name 'Drones 34' --technology drone
    --departement 34
    """
    from search.url_params import BadSearch
    from workspace.alerts import Frequency
    from workspace.alerts_saved import AlertError, create_saved_search, search_path, user_by_email

    given = bool(query) or any(filters.values())
    if url and given:
        raise click.UsageError("give either --url or the search's words and filters, not both")
    if not url and not given:
        raise click.UsageError("say what to watch: --url, --query, --technology, --commune…")
    search = url if url else urlencode(_pairs(query, filters))
    with opened_workspace(workspace, db, files_dir) as handle, handle.session() as session:
        try:
            saved = create_saved_search(
                session, user_by_email(session, owner), name, search, Frequency(frequency), recipient
            )
        except BadSearch as exc:
            raise click.UsageError(f"not a search: {exc}") from None
        except AlertError as exc:
            raise click.UsageError(str(exc)) from None
        session.commit()
        click.echo(
            f"Saved search {saved.id} '{saved.name}': {search_path(saved.search)}, {saved.frequency} "
            f"to {saved.recipient}; its feed: /alertes/{saved.token}.atom"
        )


def _pairs(query: str, filters: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """The options as the /search URL's parameters."""
    names = {
        "categories": "category",
        "technologies": "category",
        "sources": "source",
        "communes": "commune",
        "epcis": "epci",
        "departements": "departement",
        "regions": "region",
        "doc_types": "doc_type",
    }
    pairs = [("q", query)] if query else []
    return pairs + [(names[option], value) for option, values in filters.items() for value in values]


@alerts.command("list")
@archive_options
@workspace_option
@table_or_json
def list_alerts(db: str, files_dir: str | None, workspace: str | None, fmt: str) -> None:
    """List the saved searches (their secret tokens stay out)."""
    from workspace.alerts_saved import list_saved_searches, search_path

    with opened_workspace(workspace, db, files_dir) as handle, handle.session() as session:
        views = list_saved_searches(session)
    if fmt == "json":
        click.echo(json.dumps([view.to_dict() for view in views], ensure_ascii=False, indent=2))
        return
    if not views:
        click.echo("No saved search yet: vigie alerts add --help")
        return
    click.echo(f"{'id':>4}  {'name':<24} {'owner':<24} {'every':<6} {'state':<12} {'sent':>4}  search")
    for view in views:
        state = "active" if view.active else "unsubscribed"
        click.echo(
            f"{view.id:>4}  {view.name[:24]:<24} {view.owner[:24]:<24} {view.frequency:<6} {state:<12} "
            f"{view.digests_sent:>4}  {search_path(view.search)}"
        )


@alerts.command("remove")
@archive_options
@workspace_option
@click.argument("saved_search_id", metavar="ID", type=click.IntRange(min=1))
def remove(db: str, files_dir: str | None, workspace: str | None, saved_search_id: int) -> None:
    """Delete a saved search and the record of its digests."""
    from workspace.alerts_saved import AlertError, remove_saved_search

    with opened_workspace(workspace, db, files_dir) as handle, handle.session() as session:
        try:
            saved = remove_saved_search(session, saved_search_id)
        except AlertError as exc:
            raise click.UsageError(str(exc)) from None
        session.commit()
    click.echo(f"Removed saved search {saved_search_id} '{saved.name}'.")


@alerts.command("send")
@archive_options
@workspace_option
@registry_option
@click.option("--dry-run", is_flag=True, help="Say what would be sent; send and record nothing.")
@click.option(
    "--now", metavar="ISO", help="The moment to send at (UTC unless an offset is given) [default: now]."
)
@click.option(
    "--public-url",
    envvar="VIGIE_PUBLIC_URL",
    metavar="URL",
    help="The web interface's public address, for the e-mails' links. Env: VIGIE_PUBLIC_URL.",
)
@click.option("--smtp-host", envvar="VIGIE_SMTP_HOST", help="Env: VIGIE_SMTP_HOST.")
@click.option(
    "--smtp-port",
    envvar="VIGIE_SMTP_PORT",
    help="[default: 587, 465 with ssl, 25 with none]. Env: VIGIE_SMTP_PORT.",
)
@click.option("--smtp-user", envvar="VIGIE_SMTP_USER", help="Env: VIGIE_SMTP_USER.")
@click.option(
    "--smtp-password",
    envvar="VIGIE_SMTP_PASSWORD",
    help="Env: VIGIE_SMTP_PASSWORD (prefer it to the option).",
)
@click.option(
    "--smtp-from", envvar="VIGIE_SMTP_FROM", metavar="ADDRESS", help="The sender. Env: VIGIE_SMTP_FROM."
)
@click.option(
    "--smtp-tls",
    envvar="VIGIE_SMTP_TLS",
    type=click.Choice(["starttls", "ssl", "none"]),
    help="[default: starttls]. Env: VIGIE_SMTP_TLS.",
)
@click.option("-v", "--verbose", is_flag=True, help="A line per due alert and a summary.")
def send(
    db: str,
    files_dir: str | None,
    workspace: str | None,
    registry: str | None,
    no_shipped: bool,
    dry_run: bool,
    now: str | None,
    public_url: str | None,
    verbose: bool,
    **smtp: str | None,
) -> None:
    """E-mail the digest of every saved search that is due; for cron, after the crawl.

    Quiet when nothing is new (no e-mail either); exits 1 when an e-mail could not be sent,
    which the next run sends. Example: vigie crawl --all --quiet && vigie alerts send
    """
    from cli.options import reading_store, writing
    from workspace.alerts_send import send_digests
    from workspace.alerts_smtp import SmtpConfigError, SmtpMailer, SmtpSettings

    moment = _moment(now)
    if not public_url and not dry_run:
        raise click.UsageError(
            "the e-mails link to the web interface: set VIGIE_PUBLIC_URL (or --public-url)"
        )
    if public_url and not public_url.startswith(("https://", "http://")):
        raise click.BadParameter(f"{public_url!r} is not an http(s) address", param_hint="'--public-url'")
    try:
        options = {
            name.removeprefix("smtp_").replace("from", "sender"): value for name, value in smtp.items()
        }
        settings = None if dry_run else SmtpSettings.of(options)
    except SmtpConfigError as exc:
        raise click.UsageError(str(exc)) from None
    from search import Searcher
    from workspace.alerts_saved import any_placed

    places = RegistryPlaces(registry, no_shipped)
    store = reading_store(db, files_dir)
    try:
        with opened_workspace(workspace, db, files_dir) as handle:
            with handle.session() as session:  # the registry takes a second: read only for places
                searcher = Searcher(store, places.search() if any_placed(session) else None)
            if settings is None:
                report = send_digests(
                    handle, searcher, public_url or "", None, now=moment, record_places=places.records
                )
            else:
                # One sender at a time: two runs (a slow one and the next cron's) would each mail
                # a digest the other has recorded pending but not yet sent.
                with writing(handle, "alerts send", "workspace"), SmtpMailer(settings) as mailer:
                    report = send_digests(
                        handle, searcher, public_url or "", mailer, settings.sender, moment, places.records
                    )
    finally:
        store.close()
    for outcome in report.outcomes:
        if dry_run or verbose:
            click.echo(outcome.line())
        elif outcome.status == "failed" and not outcome.unreachable:
            click.echo(f"alert {outcome.saved_search_id}: {outcome.answer}", err=True)
    if verbose or dry_run:
        click.echo(report.summary(), err=not dry_run)
    if report.stopped:
        raise click.ClickException(f"{report.stopped}; the digests are sent next run")
    if report.failed:
        sys.exit(1)


def _moment(now: str | None) -> dt.datetime | None:
    """``--now`` as a naive UTC time (the archive's); an offset given is honoured."""
    if now is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(now.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{now!r} is not an ISO time: 2026-12-01T06:00", param_hint="'--now'"
        ) from None
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


@dataclass
class RegistryPlaces:
    """The registry's places, loaded when asked: the search's (always, for the place filters)
    and the decision records' (only for a due search of a place)."""

    registry: str | None
    no_shipped: bool

    def search(self) -> SourcePlaces:
        from cli.search_places import PlaceFilters

        return PlaceFilters(registry=self.registry, no_shipped=self.no_shipped).load()

    def records(self) -> RecordPlaces:
        from cli.record_places import record_places

        return record_places(self.registry, self.no_shipped)
