"""``vigie sources list|show|add|check|new``: the registry of watched authorities, and its platforms."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from cli.options import (
    db_option,
    last_checks,
    location_or_exit,
    registry_option,
    source_filters,
    source_selection,
    table_or_json,
)


@click.group()
def sources() -> None:
    """The registry of sources: authorities, their platform and start URLs."""


@sources.command("list")
@registry_option
@source_filters()
@table_or_json
@db_option
def list_sources(registry: str | None, no_shipped: bool, filters: Any, fmt: str, db: str) -> None:
    """List registered sources: Vigie's hand-written ones, and every commune with a website in
    the official data. JSON: a list of objects with slug, name, kind, insee, siren, departement,
    region, epci, population, location ({lat, lon}), platform, start_urls, verified,
    link_rules, options, provenance, registry ("generated", "shipped" or your file), and
    last_check ({checked_at, ok, status} of the latest 'vigie sources check' in --db, or null)."""
    selection = source_selection(registry, no_shipped, (), filters)
    chosen = selection.sources
    if fmt == "json":
        checks = last_checks(location_or_exit(db, None))
        listed = []
        for source in chosen:
            check = checks.get(source.slug)
            listed.append({**source.to_dict(), "last_check": check.to_dict() if check else None})
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
        return
    lines = []
    for source in chosen:
        mark = "verified" if source.verified else "unverified"
        people = f"{source.population:,}".replace(",", " ") if source.population is not None else ""
        lines.append(
            _row(
                source.slug, source.kind, source.departement or "", people, source.platform, mark, source.name
            )
        )
    if lines:
        # The header names the README's columns; "dep" is the département.
        click.echo(
            "\n".join([_row("slug", "kind", "dep", "population", "platform", "verified", "name"), *lines])
        )
    click.echo(f"{len(chosen)} source(s)", err=True)


def _row(slug: str, kind: str, departement: str, people: str, platform: str, mark: str, name: str) -> str:
    return f"{slug:<36} {kind:<11} {departement:<4} {people:>10} {platform:<16} {mark:<10} {name}"


@sources.command("show")
@click.argument("slug")
@registry_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output."
)
def show_source(slug: str, registry: str | None, no_shipped: bool, fmt: str) -> None:
    """Show one source, with its provenance."""
    (source,) = source_selection(registry, no_shipped, (slug,)).sources
    if fmt == "json":
        click.echo(json.dumps(source.to_dict(), ensure_ascii=False, indent=2))
        return
    for name, value in source.to_dict().items():
        if isinstance(value, list):
            value = "\n".join(["", *(f"    {item}" for item in value)]) if value else "-"
        click.echo(f"{name:<12} {value if value not in (None, '', {}) else '-'}")


@sources.command("add")
@click.option("--slug", required=True, help="Unique id: lower-case letters, digits, dashes.")
@click.option("--name", required=True, help="Display name, e.g. 'Ville de Nîmes'.")
@click.option("--kind", required=True, help="commune, epci, departement, region or préfecture.")
@click.option("--url", "urls", multiple=True, required=True, help="Start URL (repeat for more).")
@click.option(
    "--platform",
    default="generic",
    show_default=True,
    help="generic, prefecture_raa, scdl_csv or montpellier_list.",
)
@click.option("--departement", help="Département code (34, 2A, 974…).")
@click.option("--insee", help="Commune code (COG), five characters.")
@click.option("--siren", help="SIREN of the authority, nine digits.")
@click.option("--follow", "follow_rules", multiple=True, help="URL regex of council links to follow first.")
@click.option("--deny", "deny_rules", multiple=True, help="URL regex never to fetch.")
@click.option("--provenance", default="", help="Where the URLs come from.")
@click.option("--verified", is_flag=True, help="You saw the start URLs answer.")
@click.option(
    "--registry",
    type=click.Path(dir_okay=False),
    help="The registry file to write [default: $VIGIE_SOURCES or ./vigie-sources.toml].",
)
def add_source(registry: str | None, **fields: Any) -> None:
    """Add (or replace) a source in your own registry file; Vigie's shipped one is never written."""
    from crawler.sources.registry import RegistryError, add_to_registry, parse_entry, user_registry_path

    rules = {name: list(fields.pop(f"{name}_rules")) for name in ("follow", "deny")}
    entry = {name: value for name, value in fields.items() if value not in (None, "", ())}
    entry["start_urls"] = list(fields["urls"])
    entry.pop("urls")
    if any(rules.values()):
        entry["link_rules"] = {name: patterns for name, patterns in rules.items() if patterns}
    path = user_registry_path(registry)
    try:
        source = parse_entry(entry, "vigie sources add", str(path))
        add_to_registry(path, source)
    except RegistryError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"{source.slug} written to {path}")


@sources.command("check")
@click.argument("slugs", nargs=-1)
@registry_option
@source_filters()
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=20.0, show_default=True, help="Seconds per URL."
)
@table_or_json
@db_option
def check(
    slugs: tuple[str, ...],
    registry: str | None,
    no_shipped: bool,
    filters: Any,
    timeout: float,
    fmt: str,
    db: str,
) -> None:
    """Report which start URLs answer (needs internet; one polite request per URL), and record
    the results in the archive (--db), where 'vigie crawl --all' skips the sources that did not.

    Exit status 1 when some do not answer.
    """
    from archive.db import utcnow
    from crawler.settings import USER_AGENT
    from crawler.sources.check import check_sources

    chosen = source_selection(registry, no_shipped, slugs, filters).sources
    store = open_store(db)  # fails now, in one line, rather than after the checks
    checked_at = utcnow()
    try:
        results = check_sources(chosen, USER_AGENT, timeout)
        record(store, results, checked_at)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps([result.to_dict() for result in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            state = f"{result.status}" if result.status else "----"
            moved = f" -> {result.final_url}" if result.final_url and result.final_url != result.url else ""
            click.echo(f"{'ok ' if result.ok else 'BAD'} {state:<4} {result.slug:<36} {result.url}{moved}")
            if result.error and not result.ok:
                click.echo(f"    {result.error}")
    failing = [result for result in results if not result.ok]
    click.echo(
        f"{len(results) - len(failing)} of {len(results)} start URL(s) answer "
        f"(checked {checked_at.date().isoformat()}, recorded in {db})",
        err=True,
    )
    if failing:
        sys.exit(1)


def open_store(db: str) -> Any:
    from archive import ArchiveStore
    from archive.db import ArchiveError

    try:
        return ArchiveStore(location_or_exit(db, None))
    except ArchiveError as exc:
        raise click.BadParameter(str(exc), param_hint="'--db'") from exc


def record(store: Any, results: list[Any], checked_at: Any) -> None:
    """All the results in one short transaction. No writer lock: a crawl holds it for hours,
    and these few rows wait for SQLite's busy timeout like any concurrent write."""
    from archive.source_checks import record_checks

    with store.session() as session, session.begin():
        record_checks(session, results, checked_at)


class Refused(click.ClickException):
    """Bad input to ``new``: one line, exit status 2 (like click's own usage errors)."""

    exit_code = 2


@sources.command("new")
@click.argument("platform")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="The Vigie checkout to write in [default: the current folder, which must be one].",
)
@click.option(
    "--no-register",
    is_flag=True,
    help="Do not add the platform to PLATFORM_SPIDERS and PLATFORMS (say how, instead).",
)
def new_platform(platform: str, root: Path | None, no_register: bool) -> None:
    """Scaffold a new platform: its spider, its saved-page test (failing until filled in) and
    the folder of its saved pages; then register it. Never overwrites a file."""
    from crawler.scaffold import ScaffoldError, find_root
    from crawler.scaffold import new_platform as scaffold

    try:
        done = scaffold(platform, find_root(root), register=not no_register)
    except ScaffoldError as exc:
        raise Refused(str(exc)) from None
    for path in done.created:
        click.echo(f"created {path}")
    spider, test, readme = done.created
    if done.registered:
        click.echo(f"registered {platform} in crawler/spiders/__init__.py and crawler/sources/registry.py")
    else:
        click.echo(
            f"to register it: add {platform!r} to PLATFORMS (crawler/sources/registry.py) and to "
            f"PLATFORM_SPIDERS (crawler/spiders/__init__.py)"
        )
    click.echo(
        "next:\n"
        f"  1. save a page of a real site ({readme} says how)\n"
        f"  2. write follow() in {spider}\n"
        f"  3. fill in {test} and remove its xfail mark\n"
        f"  4. python -m pytest {test}\n"
        f"  5. vigie sources add --platform {platform} --slug … --name … --kind … --url …"
    )
