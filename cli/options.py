"""Options shared by several commands, defined once."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

if TYPE_CHECKING:
    from archive.db import DatabaseLocation

F = Callable[..., Any]


DEFAULT_DB = "vigie.db"
DEMO_DB = "demo.db"  # what ``vigie demo`` writes: kept apart from a real archive (README, "vigie demo")


def db_option(func: F, option_class: type[click.Option] = click.Option) -> F:
    return click.option(
        "--db",
        cls=option_class,
        envvar="VIGIE_DB",
        default=DEFAULT_DB,
        show_default=True,
        help="SQLite file, or a database URL: sqlite:///PATH, postgresql://USER@HOST/NAME. Env: VIGIE_DB.",
    )(func)


class AfterTheDemo(click.Option):
    """A ``--db`` whose default gives way to the demo's archive when it is the only one here,
    said in one line: the first command after ``vigie demo`` (``vigie serve``) finds what it
    wrote. Only the default does: never a ``--db`` or ``VIGIE_DB`` given."""

    def consume_value(self, ctx: click.Context, opts: Any) -> tuple[Any, ParameterSource]:
        value, source = super().consume_value(ctx, opts)
        if source is ParameterSource.DEFAULT and value == DEFAULT_DB:
            value = _demo_instead(value)
        return value, source


def _demo_instead(value: str) -> str:
    from pathlib import Path

    if Path(DEFAULT_DB).exists() or not Path(DEMO_DB).is_file():
        return value
    click.echo(
        f"No {DEFAULT_DB} here: using {DEMO_DB}, the archive of 'vigie demo' (--db names another).", err=True
    )
    return DEMO_DB


def archive_options(func: F) -> F:
    """``--db`` and ``--files-dir`` of a command that works on an existing archive (the demo's
    when it is the only one here: ``AfterTheDemo``)."""
    return _archive_options(func, AfterTheDemo)


def new_archive_options(func: F) -> F:
    """``--db`` and ``--files-dir`` of ``vigie crawl``, which creates the archive: never the demo's."""
    return _archive_options(func, click.Option)


def _archive_options(func: F, option_class: type[click.Option]) -> F:
    func = click.option(
        "--files-dir",
        envvar="VIGIE_FILES_DIR",
        help="Folder of archived original files [default: beside an SQLite file, DB.files; "
        "./vigie.files for PostgreSQL].",
    )(func)
    return db_option(func, option_class)


# ``--format table|json`` of the listing commands (sources, runs): a table to read, JSON to parse.
table_or_json = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output.",
)


def registry_option(func: F) -> F:
    func = click.option(
        "--no-shipped",
        is_flag=True,
        help="Leave out the sources shipped with Vigie: only those of --registry.",
    )(func)
    return click.option(
        "--registry",
        type=click.Path(dir_okay=False),
        help="Your own source registry (TOML), added to Vigie's [default: $VIGIE_SOURCES, or "
        "vigie-sources.toml here when it exists].",
    )(func)


def source_filters(ordering: bool = True) -> Callable[[F], F]:
    """The filters of ``vigie sources list|check`` and ``vigie crawl --all``, given to the command
    as one ``filters`` argument (a ``SourceFilter``); ``--order`` where the order is a choice."""

    def decorate(func: F) -> F:
        @functools.wraps(func)  # keeps the options already declared below (``__click_params__``)
        def with_filters(*args: Any, **kwargs: Any) -> Any:
            from crawler.sources.selection import SourceFilter

            names = (
                "kind",
                "departement",
                "region",
                "epci",
                "min_population",
                "max_population",
                "name",
                "limit",
            )
            values = {name: kwargs.pop(name) for name in names}
            order = kwargs.pop("order", "slug")
            return func(*args, filters=SourceFilter(**values, order=order), **kwargs)

        options = [
            click.option("--kind", help="Only this kind: commune, epci, departement, region, préfecture."),
            click.option("--departement", help="Only this département (34, 2A, 974…)."),
            click.option("--region", help="Only this région: its code (76) or part of its name (occitanie)."),
            click.option("--epci", help="Only this EPCI and its communes: its SIREN or part of its name."),
            click.option(
                "--min-population", type=click.IntRange(min=0), help="Only authorities this big or bigger."
            ),
            click.option(
                "--max-population", type=click.IntRange(min=0), help="Only authorities this big or smaller."
            ),
            click.option("--name", help="Only names containing this (case and accents ignored)."),
            click.option(
                "--limit", type=click.IntRange(min=1), help="At most this many, the first in order."
            ),
        ]
        if ordering:
            options.append(
                click.option(
                    "--order",
                    type=click.Choice(["slug", "population"]),
                    default="slug",
                    show_default=True,
                    help="Order: by slug, or by population, biggest first.",
                )
            )
        for option in reversed(options):
            with_filters = option(with_filters)
        return with_filters  # type: ignore[return-value]

    return decorate


def source_selection(
    registry: str | None,
    no_shipped: bool,
    slugs: tuple[str, ...] = (),
    filters: Any = None,
    skip: Collection[str] = (),
) -> Any:
    """The sources (a ``Selection``, with the count each filter left) that ``registry_option``,
    the named slugs and ``source_filters`` select, less ``skip``; one-line usage errors."""
    from crawler.sources.authorities import read_authorities
    from crawler.sources.registry import RegistryError, load_registry
    from crawler.sources.selection import SourceFilter, select

    filters = filters or SourceFilter()
    try:
        sources = load_registry(registry, not no_shipped)
        missing = [slug for slug in slugs if slug not in sources]
        if missing:
            raise RegistryError(f"unknown source(s): {', '.join(missing)} (see 'vigie sources list')")
        if slugs:  # the named ones, in the order given
            order = filters.order if filters.order != "slug" else "given"
            filters = SourceFilter(**{**_as_dict(filters), "order": order})
        chosen = [sources[slug] for slug in slugs] if slugs else list(sources.values())
        # The places' table (35,000 rows, a quarter of a second) only for the filters that need it.
        places = read_authorities() if filters.region is not None or filters.epci is not None else None
        return select(chosen, filters, places, skip)
    except RegistryError as exc:
        raise click.UsageError(str(exc)) from None


def _as_dict(filters: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(filters)


def location_or_exit(db: str, files_dir: str | None) -> DatabaseLocation:
    from archive.db import ArchiveError, resolve_location

    try:
        return resolve_location(db, files_dir)
    except ArchiveError as exc:
        raise click.BadParameter(str(exc), param_hint="'--db'") from exc


def last_checks(location: DatabaseLocation) -> Any:
    """The latest ``vigie sources check`` of each source (``archive.source_checks``), read only."""
    from archive.db import ArchiveError
    from archive.source_checks import latest_checks

    try:
        return latest_checks(location)
    except ArchiveError as exc:
        raise click.BadParameter(str(exc), param_hint="'--db'") from exc


def existing_store(db: str, files_dir: str | None) -> Any:
    """Open an archive that must already exist (reading commands never create an empty one)."""
    from archive import ArchiveStore
    from archive.db import archive_exists

    location = location_or_exit(db, files_dir)
    if not archive_exists(location):
        shown = db if location.is_sqlite else location.display
        raise click.BadParameter(f"no archive at {shown!r}; run 'vigie crawl' first", param_hint="'--db'")
    return ArchiveStore(location)


def reading_store(db: str, files_dir: str | None) -> Any:
    """Open an existing archive for a command that only reads (search, export, feed).

    A writable archive opens as usual (its search index is created if it lacks one); a
    read-only file, or one on a read-only filesystem, opens through ``ArchiveReader``.
    """
    from archive import ArchiveStore
    from archive.db import ArchiveError, archive_exists, resolve_location
    from archive.reader import ArchiveReader

    try:
        location = resolve_location(db, files_dir, writable=False)
        if not location.is_sqlite and not archive_exists(location):
            raise ArchiveError(f"no archive at {location.display!r}; run 'vigie crawl' first")
    except ArchiveError as exc:
        raise click.BadParameter(str(exc), param_hint="'--db'") from exc
    try:
        if can_write(location):
            return ArchiveStore(location)
        return ArchiveReader(location)
    except ArchiveError as exc:
        raise click.BadParameter(str(exc), param_hint="'--db'") from exc


def can_write(location: Any) -> bool:
    """This process may write the archive (a server database is assumed writable)."""
    import os

    if not location.is_sqlite:
        return True
    path = location.sqlite_path
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


@contextmanager
def writing(store: Any, command: str, what: str = "archive") -> Iterator[None]:
    """Hold the writers' lock (``archive.lock``) of ``store``'s database (an archive, or a
    workspace: ``what``); exit 3 when another run holds it, after closing ``store``."""
    import sys

    from archive.lock import ArchiveLock, ArchiveLockedError

    lock = ArchiveLock(store.location, what)
    try:
        lock.acquire(command)
    except ArchiveLockedError as exc:
        click.echo(f"Error: {exc}", err=True)
        store.close()
        sys.exit(3)
    try:
        yield
    finally:
        lock.release()


_SIZE_UNITS = {"": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


class ByteSize(click.ParamType):
    """A size such as ``100MB``, ``512k`` or ``1048576``."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower()
        number = text.rstrip("kmgb")
        unit = text[len(number) :]
        try:
            size = int(float(number) * _SIZE_UNITS[unit])
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size like 100MB, 512KB or 1048576", param, ctx)
        if size <= 0:
            self.fail("the size must be positive", param, ctx)
        return size
