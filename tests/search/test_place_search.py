"""Search by place: commune, EPCI, département and région filters and facets, with the real
registry placing the sources (see ``tests.search.places_archive``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from archive.reader import ArchiveReader
from cli.search_places import registry_places
from crawler.sources.registry import load_registry
from search import Searcher, SearchError, SearchQuery, errors
from search.places import SourcePlaces
from search.results import PLACE_FACET_VALUES
from tests.backends import Archives
from tests.search.archive import _record
from tests.search.places_archive import (
    AUVERGNE_RHONE_ALPES,
    CASTELNAU,
    MONTPELLIER,
    MONTPELLIER_METROPOLE,
    NICE,
    NIMES,
    OCCITANIE,
    PACA,
    build_places_archive,
)


@pytest.fixture(scope="module")
def registry() -> SourcePlaces:
    return registry_places(load_registry())


@pytest.fixture(scope="module")
def searcher(module_archives: Archives, registry: SourcePlaces) -> Iterator[Searcher]:
    location = module_archives.location(empty=True)
    build_places_archive(location).close()
    reader = ArchiveReader(location)
    yield Searcher(reader, registry)
    reader.close()


def titles(searcher: Searcher, **filters: list[str]) -> set[str]:
    page = searcher.search(SearchQuery(text="caméras", limit=50, **filters))  # type: ignore[arg-type]
    assert page.total == len(page.hits)
    return {(hit.title or "").removeprefix("Délibération ") for hit in page.hits}


def test_commune_by_insee_code_whichever_of_its_sources_found_it(searcher: Searcher) -> None:
    assert titles(searcher, communes=[MONTPELLIER]) == {"montpellier"}
    assert titles(searcher, communes=[MONTPELLIER, NICE]) == {"montpellier", "nice"}
    assert titles(searcher, communes=["2a004"]) == set()  # Ajaccio: well formed, nothing there


def test_epci_keeps_its_own_documents_and_its_communes(searcher: Searcher) -> None:
    assert titles(searcher, epcis=[MONTPELLIER_METROPOLE]) == {"montpellier", "castelnau", "metropole"}
    assert titles(searcher, epcis=["243 400 017"]) == {"montpellier", "castelnau", "metropole"}


def test_region_by_sources_and_by_actes_identifiers(searcher: Searcher) -> None:
    occitanie = {"montpellier", "castelnau", "metropole", "prefecture", "nimes"}
    assert titles(searcher, regions=[OCCITANIE]) == occitanie
    # No registry source found it: its ACTES département (69) is in Auvergne-Rhône-Alpes.
    assert titles(searcher, regions=[AUVERGNE_RHONE_ALPES]) == {"lyon_actes"}
    assert titles(searcher, regions=[AUVERGNE_RHONE_ALPES, PACA]) == {"lyon_actes", "nice"}


def test_departement_as_before(searcher: Searcher) -> None:
    assert titles(searcher, departements=["034"]) == {"montpellier", "castelnau", "metropole", "prefecture"}
    assert titles(searcher, departements=["69"]) == {"lyon_actes"}


def test_kinds_of_place_all_apply(searcher: Searcher) -> None:
    assert titles(searcher, regions=[OCCITANIE], communes=[NIMES]) == {"nimes"}
    assert titles(searcher, regions=[PACA], communes=[NIMES]) == set()
    assert titles(searcher, epcis=[MONTPELLIER_METROPOLE], communes=[CASTELNAU]) == {"castelnau"}


def test_facets_count_every_place_over_the_whole_result_set(searcher: Searcher) -> None:
    page = searcher.search(SearchQuery(text="caméras", limit=1, facets=True))
    assert page.total == 8 and page.facets is not None
    facets = page.facets
    # Montpellier's document is found by two of its sources and counts once.
    assert facets.communes == {MONTPELLIER: 1, NICE: 1, CASTELNAU: 1, NIMES: 1}
    assert facets.epcis == {MONTPELLIER_METROPOLE: 3, "200030195": 1, "243000643": 1}
    assert facets.departements == {"34": 4, "06": 1, "30": 1, "69": 1}
    assert facets.regions == {OCCITANIE: 5, AUVERGNE_RHONE_ALPES: 1, PACA: 1}
    assert list(page.facets.to_dict())[-3:] == ["regions", "epcis", "communes"]


def test_facets_under_a_place_filter(searcher: Searcher) -> None:
    page = searcher.search(SearchQuery(text="caméras", regions=[OCCITANIE], facets=True))
    assert page.facets is not None
    assert page.facets.regions == {OCCITANIE: 5}
    assert page.facets.departements == {"34": 4, "30": 1}
    assert page.facets.communes == {CASTELNAU: 1, MONTPELLIER: 1, NIMES: 1}


def test_without_a_registry_only_actes_identifiers_place_documents(archives: Archives) -> None:
    location = archives.location(empty=True)
    build_places_archive(location).close()
    reader = ArchiveReader(location)
    page = Searcher(reader).search(SearchQuery(facets=True))
    assert page.facets is not None
    assert page.facets.departements == {"34": 1, "69": 1}
    assert page.facets.regions == page.facets.epcis == page.facets.communes == {}
    reader.close()


@pytest.mark.parametrize(
    ("filters", "kind", "message"),
    [
        (
            {"communes": ["montpellier"]},
            errors.BAD_PLACE,
            "communes: 'montpellier' is not an INSEE code (34172, 2A004)",
        ),
        ({"communes": ["3417"]}, errors.BAD_PLACE, "communes: '3417' is not an INSEE code (34172, 2A004)"),
        ({"epcis": ["24340001"]}, errors.BAD_PLACE, "epcis: '24340001' is not a SIREN (9 digits: 243400017)"),
        (
            {"regions": ["occitanie"]},
            errors.BAD_PLACE,
            "regions: 'occitanie' is not a région code (76, 11, 04…)",
        ),
        ({"regions": ["77"]}, errors.UNKNOWN_VALUE, "regions: unknown région '77'; choose from 01, 02, 03"),
        ({"departements": ["20"]}, errors.BAD_DEPARTEMENT, "departements: '20' is not a département code"),
    ],
)
def test_bad_places_are_one_line_errors(
    searcher: Searcher, filters: dict[str, list[str]], kind: str, message: str
) -> None:
    with pytest.raises(SearchError) as raised:
        searcher.search(SearchQuery(text="caméras", **filters))  # type: ignore[arg-type]
    assert raised.value.kind == kind and str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_document_ids_are_every_match_of_the_filters(searcher: Searcher) -> None:
    ids = searcher.document_ids(SearchQuery(epcis=[MONTPELLIER_METROPOLE], all_versions=True, limit=1))
    page = searcher.search(SearchQuery(epcis=[MONTPELLIER_METROPOLE], limit=50))
    assert ids == sorted(hit.document_id for hit in page.hits) and len(ids) == 3


def test_geography_names_the_places(registry: SourcePlaces) -> None:
    places, geography = registry, registry.geography
    assert geography.name("regions", OCCITANIE) == "Occitanie"
    assert geography.name("departements", "34") == "Hérault"
    assert geography.name("epcis", MONTPELLIER_METROPOLE) == "Montpellier Méditerranée Métropole"
    assert geography.name("communes", MONTPELLIER) == "Montpellier"
    assert places.regions["69"] == AUVERGNE_RHONE_ALPES and places.regions["2A"] == "94"


def test_the_commune_and_epci_facets_keep_the_most_frequent(
    archives: Archives, registry: SourcePlaces
) -> None:
    places = registry
    communes = sorted(slug for slug, place in places.sources.items() if place.departement == "34")
    store = archives.open()
    for number, slug in enumerate(communes[: PLACE_FACET_VALUES + 5]):
        for copy in range(2 if number == 7 else 1):  # one commune has two documents
            record = _record(
                f"https://{slug}.example.fr/{copy}.html",
                f"Délibération {copy}",
                ["caméras"],
                "2024-01-01",
                "other",
            )
            record.fetch.source_slug = slug
            store.record(record)
    page = Searcher(store, places).search(SearchQuery(facets=True))
    assert page.facets is not None and page.total == PLACE_FACET_VALUES + 6
    assert len(page.facets.communes) == PLACE_FACET_VALUES
    assert next(iter(page.facets.communes.values())) == 2  # the most frequent first
    assert page.facets.communes[places.sources[communes[7]].insee or ""] == 2
    assert page.facets.departements == {"34": PLACE_FACET_VALUES + 6}  # never cut


def test_places_left_by_a_stopped_search_do_not_leak_into_the_next(searcher: Searcher, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's facets only: PostgreSQL's use no temporary table (read-only transactions)")
    # A search stopped by its time limit mid-facets may leave its temporary tables on the
    # pooled connection: stale places there would be counted again.
    with searcher.backend.engine.connect() as connection:
        connection.exec_driver_sql("CREATE TEMP TABLE search_hit_sources (id INTEGER, slug TEXT)")
        connection.exec_driver_sql("INSERT INTO search_hit_sources VALUES (99, 'nice')")
        connection.commit()
    page = searcher.search(SearchQuery(text="caméras", communes=[MONTPELLIER], facets=True))
    assert page.facets is not None and page.facets.communes == {MONTPELLIER: 1}
    with searcher.backend.engine.connect() as connection:
        left = connection.exec_driver_sql("SELECT name FROM sqlite_temp_master WHERE type = 'table'").all()
    assert not {"search_hit_sources", "search_places", "search_regions"} & {name for (name,) in left}
