"""Places of decision records for ``vigie records``: the registry loaded as ``vigie sources``
loads it (``--registry``, ``--no-shipped``), in the geography of its reference data (the
communes without a website place records too, unless ``--no-shipped``), and the place options
checked: ``--commune`` (an INSEE code; any other value is a part of the name), ``--epci``,
``--departement``, ``--region``."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from archive.record_places import PlaceFilter
    from search.record_places import RecordPlaces

# Which option a ``SearchError``'s field comes from.
_OPTIONS = {
    "departements": "'--departement'",
    "regions": "'--region'",
    "epcis": "'--epci'",
    "communes": "'--commune'",
}


def record_places(registry: str | None, no_shipped: bool) -> RecordPlaces:
    """The registry's authorities, by slug, in the geography of places, ready to place records
    (one-line usage errors). Built once per process for the same registry file as it stands
    (``cli.search_places.registry_file``): ``vigie alerts send`` would otherwise build it for
    every saved search that names a place."""
    from cli.search_places import registry_file

    return _record_places(*registry_file(registry), no_shipped)


@functools.lru_cache(maxsize=4)
def _record_places(
    registry: str | None, _cwd: str, _env: str | None, _state: tuple[int, int] | None, no_shipped: bool
) -> RecordPlaces:
    from cli.geography import official_geography
    from cli.search_places import load_named_registry
    from search.places import Authority
    from search.record_places import RecordPlaces

    sources = load_named_registry(registry, no_shipped)
    authorities = {slug: Authority.of(source) for slug, source in sources.items()}
    return RecordPlaces(authorities, official_geography(authorities.values()), every_commune=not no_shipped)


def split_communes(values: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """``--commune`` values: (the part of a name, if one was given; the INSEE codes). A value
    that starts with a digit is a code ("50025", "2A004"): no commune's name does."""
    codes = tuple(value.strip() for value in values if value.strip()[:1].isdigit())
    names = [value for value in values if value.strip() and not value.strip()[:1].isdigit()]
    if len(names) > 1:
        raise click.BadParameter(
            f"one part of a name at most ({', '.join(names)}); repeat --commune with INSEE codes",
            param_hint="'--commune'",
        )
    return (names[0] if names else None), codes


def place_filter(
    places: RecordPlaces,
    departements: tuple[str, ...] = (),
    regions: tuple[str, ...] = (),
    epcis: tuple[str, ...] = (),
    communes: tuple[str, ...] = (),
) -> PlaceFilter | None:
    """The records of these places (any of them); None when none is asked for."""
    from search.errors import SearchError
    from search.place_codes import check_code

    if not (departements or regions or epcis or communes):
        return None
    geography = places.geography
    try:
        checked = (
            # A département only needs to be one: the registry may have no source there.
            [check_code("departement", code) for code in departements],
            [geography.check("region", code) for code in regions],
            [geography.check("epci", code) for code in epcis],
            [geography.check("commune", code) for code in communes],
        )
    except SearchError as exc:
        option = _OPTIONS.get(exc.field or "", "'--commune'")
        raise click.BadParameter(str(exc).split(": ", 1)[-1], param_hint=option) from None
    return places.place_filter(*checked)


def place_options() -> list[Any]:
    """``--commune``, ``--epci``, ``--departement``, ``--region`` (repeatable) and the registry
    they are read from."""
    return [
        click.option(
            "--commune",
            "communes",
            multiple=True,
            help="Records of this commune (repeat): its INSEE code (50025), placed through the "
            "registry; any other value is a part of the name the record writes (one at most).",
        ),
        click.option("--epci", "epcis", multiple=True, help="Records in this EPCI (repeat): its SIREN."),
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
