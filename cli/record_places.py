"""Places of decision records for ``vigie records``: the registry loaded as ``vigie sources``
loads it (``--registry``, ``--no-shipped``), and ``--departement``/``--region`` checked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from archive.record_places import PlaceFilter
    from search.record_places import RecordPlaces


def record_places(registry: str | None, no_shipped: bool) -> RecordPlaces:
    """The registry's authorities, by slug, ready to place records (one-line usage errors)."""
    from crawler.sources.registry import RegistryError, load_registry
    from search.places import Authority
    from search.record_places import RecordPlaces

    try:
        sources = load_registry(registry, not no_shipped)
    except RegistryError as exc:
        raise click.UsageError(str(exc)) from None
    return RecordPlaces({slug: Authority.of(source) for slug, source in sources.items()})


def place_filter(
    places: RecordPlaces, departements: tuple[str, ...], regions: tuple[str, ...]
) -> PlaceFilter | None:
    """The records of these départements and régions; None when neither is asked for."""
    from search.errors import SearchError
    from search.record_places import check_departement

    if not departements and not regions:
        return None
    try:
        codes = [check_departement(code) for code in departements]
        region_codes = [places.check_region(code) for code in regions]
    except SearchError as exc:
        option = "'--departement'" if exc.field == "departements" else "'--region'"
        raise click.BadParameter(str(exc).split(": ", 1)[-1], param_hint=option) from None
    return places.place_filter(codes, region_codes)


def place_options() -> list[Any]:
    """``--departement``, ``--region`` (repeatable) and the registry they are read from."""
    return [
        click.option(
            "--departement",
            "departements",
            multiple=True,
            help="Records in this département (repeat): 50, 2A, 974. Places come from the registry.",
        ),
        click.option("--region", "regions", multiple=True, help="Records in this région (repeat): 28, 76."),
        click.option(
            "--registry",
            type=click.Path(dir_okay=False),
            help="Your own source registry (TOML), added to Vigie's, to place records.",
        ),
        click.option("--no-shipped", is_flag=True, help="Place records with the sources of --registry only."),
    ]
