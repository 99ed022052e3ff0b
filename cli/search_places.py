"""Place filters of ``vigie search``, ``vigie feed`` and ``vigie export``, defined once.

``--commune`` (INSEE code), ``--epci`` (SIREN), ``--departement`` and ``--region`` (codes), each
repeatable, and the registry that places sources (``--registry``, ``--no-shipped``, as for
``vigie crawl``). The registry takes half a second to load: a command reads it only when a
place filter (or a facet) needs it. The names of places come from the registry's reference
data (``authorities.csv``), whatever ``--no-shipped`` says: they are geography, not sources.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from search.places import SourcePlaces

F = Callable[..., Any]
# The SearchQuery field of each option, in the order the options are shown.
FIELDS = {"--commune": "communes", "--epci": "epcis", "--departement": "departements", "--region": "regions"}


@dataclass(frozen=True, slots=True)
class PlaceFilters:
    """A command's place options, as given (checked by the search, which knows the codes)."""

    communes: tuple[str, ...] = ()
    epcis: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    registry: str | None = None
    no_shipped: bool = False

    @property
    def given(self) -> bool:
        return bool(self.communes or self.epcis or self.departements or self.regions)

    def query_fields(self) -> dict[str, list[str]]:
        """The ``SearchQuery`` fields: ``SearchQuery(**filters.query_fields(), …)``."""
        return {name: list(getattr(self, name)) for name in FIELDS.values()}

    def arguments(self) -> list[str]:
        """The options again, to repeat them in a suggested command."""
        pairs = [(flag, value) for flag, name in FIELDS.items() for value in getattr(self, name)]
        pairs += [("--registry", self.registry)] if self.registry else []
        return [part for pair in pairs for part in pair] + ["--no-shipped"] * self.no_shipped

    def load(self) -> SourcePlaces:
        """The registry's sources placed in the geography of places (one-line usage errors);
        built once per process for the same registry file as it stands (``registry_file``)."""
        return _source_places(*registry_file(self.registry), self.no_shipped)


def registry_file(registry: str | None) -> tuple[str | None, str, str | None, tuple[int, int] | None]:
    """What the user's registry is, as a key: ``--registry`` as given, the folder it is read from
    and ``$VIGIE_SOURCES`` (which name it when it is not given: ``vigie-sources.toml`` here), and
    the file's size and time of change (None: there is none). What is built from the registry is
    kept per process under this key: the places of 35,000 communes take over a second to build."""
    import os

    from crawler.sources.registry import user_registry_path

    try:
        stat = Path(registry or user_registry_path()).stat()
        state: tuple[int, int] | None = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        state = None
    return registry, str(Path.cwd()), os.environ.get("VIGIE_SOURCES"), state


def load_named_registry(registry: str | None, no_shipped: bool) -> dict[str, Any]:
    """``load_registry()`` with one-line usage errors."""
    from crawler.sources.registry import RegistryError, load_registry

    try:
        return load_registry(registry, not no_shipped)
    except RegistryError as exc:
        raise click.UsageError(str(exc)) from None


@functools.lru_cache(maxsize=4)
def _source_places(
    registry: str | None, _cwd: str, _env: str | None, _state: tuple[int, int] | None, no_shipped: bool
) -> SourcePlaces:
    return registry_places(load_named_registry(registry, no_shipped))


def registry_places(sources: Mapping[str, Any]) -> SourcePlaces:
    """``load_registry()``'s sources placed in the geography that names places and gives each
    département its région (``cli.geography.official_geography``)."""
    from cli.geography import official_geography
    from search.places import Authority, SourcePlaces

    authorities = [Authority.of(source) for source in sources.values()]
    return SourcePlaces.of(authorities, official_geography(authorities))


def place_filters(with_sources: bool = True) -> Callable[[F], F]:
    """``--commune``, ``--epci``, ``--departement``, ``--region`` (repeatable), ``--registry`` and
    ``--no-shipped``, given to the command as one ``places`` argument (a ``PlaceFilters``).
    ``with_sources``: the command has ``--source`` too, where a registry slug goes."""
    slug_hint = " A registry slug goes in --source." if with_sources else ""

    def decorate(func: F) -> F:
        @functools.wraps(func)  # keeps the options already declared below (``__click_params__``)
        def with_places(*args: Any, **kwargs: Any) -> Any:
            names = (*FIELDS.values(), "registry", "no_shipped")
            return func(*args, places=PlaceFilters(**{name: kwargs.pop(name) for name in names}), **kwargs)

        options = [
            click.option(
                "--commune",
                "communes",
                multiple=True,
                metavar="INSEE",
                help=f"Only documents of this commune, by INSEE code: 34172 (repeatable).{slug_hint}",
            ),
            click.option(
                "--epci",
                "epcis",
                multiple=True,
                metavar="SIREN",
                help="Only documents of this EPCI or its communes, by SIREN: 243400017 (repeatable).",
            ),
            click.option(
                "--departement",
                "departements",
                multiple=True,
                metavar="CODE",
                help="Only documents of this département: 34, 2A, 974 (repeatable); "
                "by registry source or ACTES identifier.",
            ),
            click.option(
                "--region",
                "regions",
                multiple=True,
                metavar="CODE",
                help="Only documents of this région: 76 (repeatable); by registry source or ACTES identifier.",
            ),
            click.option(
                "--registry",
                type=click.Path(dir_okay=False),
                help="Your own source registry (TOML), added to Vigie's, to place sources "
                "[default: $VIGIE_SOURCES, or vigie-sources.toml here when it exists].",
            ),
            click.option("--no-shipped", is_flag=True, help="Place only the sources of --registry."),
        ]
        for option in reversed(options):
            with_places = option(with_places)
        return with_places  # type: ignore[return-value]

    return decorate
