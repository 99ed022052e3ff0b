"""Records placed through the real registry: a commune's name (as documents spell it) and the
source that found the act give its INSEE code, département and town hall."""

from __future__ import annotations

import pytest

from archive.record_places import fold_place_name
from crawler.sources.registry import load_registry
from search.errors import SearchError
from search.places import Authority
from search.record_places import RecordPlaces, check_departement, commune_name


@pytest.fixture(scope="module")
def places() -> RecordPlaces:
    return RecordPlaces({slug: Authority.of(source) for slug, source in load_registry(None).items()})


def test_a_name_unique_in_france_is_placed_alone(places: RecordPlaces) -> None:
    avranches = places.resolve("Avranches", None)
    assert avranches is not None and avranches.insee == "50025"
    assert (avranches.departement, avranches.region, avranches.resolution) == ("50", "28", "name")
    assert 48.6 < avranches.lat < 48.8 and -1.5 < avranches.lon < -1.2
    assert avranches.epci and len(avranches.epci) == 9


@pytest.mark.parametrize("written", ["Saint-Lô", "Saint-Lo", "SAINT LO", "saint-lô"])
def test_case_accents_and_hyphens_aside(places: RecordPlaces, written: str) -> None:
    found = places.resolve(written, None)
    assert found is not None and found.insee == "50502" and found.name == "Saint-Lô"


def test_a_name_of_several_communes_needs_the_sources_departement(places: RecordPlaces) -> None:
    assert len(places.communes[fold_place_name("Saint-Sauveur")]) > 1
    assert places.resolve("Saint-Sauveur", None) is None
    assert places.resolve("Saint-Sauveur", "commune-50025") is None  # none in the Manche
    in_dordogne = places.resolve("Saint-Sauveur", "prefecture-24")
    assert in_dordogne is not None and in_dordogne.departement == "24"
    assert in_dordogne.resolution == "name+departement"


def test_a_prefects_act_names_a_commune_of_its_departement(places: RecordPlaces) -> None:
    valognes = places.resolve("VALOGNES", "prefecture-50")
    assert valognes is not None and valognes.insee == "50615" and valognes.resolution == "name+departement"


def test_a_communes_own_act_is_placed_by_its_source(places: RecordPlaces) -> None:
    """The hand-written source is "Ville de Montpellier": its commune is Montpellier."""
    for commune in ("Montpellier", None):
        found = places.resolve(commune, "montpellier")
        assert found is not None and found.insee == "34172" and found.resolution == "source"
    assert places.resolve(None, "prefecture-50") is None  # a prefecture is no commune
    other = places.resolve("Béziers", "montpellier")
    assert other is not None and other.insee == "34032" and other.resolution == "name+departement"


def test_unknown_names_stay_unplaced(places: RecordPlaces) -> None:
    assert places.resolve("Nulle-part-sur-Mer", None) is None
    assert places.resolve("  ", None) is None


def test_the_authoritys_name_gives_the_communes() -> None:
    assert commune_name(Authority("le-havre", "Ville du Havre", "commune")) == "Le Havre"
    assert commune_name(Authority("orleans", "Ville d'Orléans", "commune")) == "Orléans"
    assert commune_name(Authority("paris", "Ville de Paris (Conseil de Paris)", "commune")) == "Paris"


def test_a_departements_filter_holds_its_communes_and_sources(places: RecordPlaces) -> None:
    manche = places.place_filter(["50"])
    assert {"avranches", "saint lo", "valognes"} <= manche.communes
    assert {"prefecture-50", "commune-50025"} <= manche.sources and "montpellier" not in manche.sources
    assert "montpellier" in manche.elsewhere and "avranches" not in manche.elsewhere
    assert "montpellier" in places.place_filter(regions=["76"]).communes


@pytest.mark.parametrize(("given", "code"), [("50", "50"), ("034", "34"), ("2a", "2A"), ("1", "01")])
def test_departement_codes_are_checked_as_search_checks_them(given: str, code: str) -> None:
    assert check_departement(given) == code


@pytest.mark.parametrize("given", ["20", "99", "Manche"])
def test_bad_codes_are_errors(places: RecordPlaces, given: str) -> None:
    with pytest.raises(SearchError):
        check_departement(given)
    with pytest.raises(SearchError):
        places.check_region(given)
