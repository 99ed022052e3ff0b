"""Records placed through the real registry: a commune's name (as documents spell it) and the
source that found the act give its INSEE code, département and town hall."""

from __future__ import annotations

import pytest

from archive.record_places import fold_place_name
from cli.geography import official_geography
from crawler.sources.registry import load_registry
from search.errors import SearchError
from search.geography import commune_name
from search.place_codes import check_code
from search.places import Authority
from search.record_places import RecordPlaces

COTENTIN = "200067205"  # the Communauté d'agglomération du Cotentin (Cherbourg, Les Pieux…)
MONT_SAINT_MICHEL = "200069425"  # the Communauté d'agglomération Mont-Saint-Michel-Normandie


@pytest.fixture(scope="module")
def sources() -> dict[str, Authority]:
    return {slug: Authority.of(source) for slug, source in load_registry(None).items()}


@pytest.fixture(scope="module")
def places(sources: dict[str, Authority]) -> RecordPlaces:
    """The sources only, without the registry's reference data."""
    return RecordPlaces(sources)


@pytest.fixture(scope="module")
def everywhere(sources: dict[str, Authority]) -> RecordPlaces:
    """The sources in the geography of the reference data, as ``vigie serve`` and ``vigie records``
    place records."""
    return RecordPlaces(sources, official_geography(sources.values()))


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
    assert check_code("departement", given) == code


@pytest.mark.parametrize("given", ["20", "99", "Manche"])
def test_bad_codes_are_errors(places: RecordPlaces, given: str) -> None:
    with pytest.raises(SearchError):
        check_code("departement", given)
    with pytest.raises(SearchError):
        places.geography.check("region", given)


def test_a_commune_without_a_website_is_placed_by_its_reference_row(
    places: RecordPlaces, everywhere: RecordPlaces
) -> None:
    """Baupte (Manche) has no website, so no source: only the reference rows know it."""
    assert places.resolve("Baupte", "prefecture-50") is None
    baupte = everywhere.resolve("BAUPTE", "prefecture-50")
    assert baupte is not None and (baupte.insee, baupte.departement, baupte.region) == ("50036", "50", "28")
    assert baupte.located and 49.2 < baupte.lat < 49.4 and -1.5 < baupte.lon < -1.2
    assert baupte.resolution == "name+departement" and baupte.epci == "200042729"
    # A commune that a source stands for is still placed through its source.
    avranches = everywhere.resolve("Avranches", None)
    assert avranches is not None and everywhere.by_insee["50025"].slug == "commune-50025"


@pytest.mark.parametrize(("written", "insee"), [("Les Pieux", "50402"), ("Le Havre", "76351")])
def test_a_leading_article_is_no_part_of_the_name(everywhere: RecordPlaces, written: str, insee: str) -> None:
    """The official data write "Pieux" and "Havre"; documents write the article."""
    found = everywhere.resolve(written, None)
    assert found is not None and found.insee == insee
    assert fold_place_name(written) == fold_place_name(written.split(" ", 1)[1])


def test_an_epcis_and_a_communes_filters(everywhere: RecordPlaces) -> None:
    cotentin = everywhere.place_filter(epcis=[COTENTIN])
    assert {"cherbourg en cotentin", "pieux", "valognes"} <= cotentin.communes
    assert "avranches" in cotentin.elsewhere and "commune-50129" in cotentin.sources
    assert "prefecture-50" not in cotentin.sources  # the prefect's acts lie where they name
    avranches = everywhere.place_filter(communes=["50025"])
    assert avranches.communes == {"avranches"} and avranches.sources == {"commune-50025"}
    both = everywhere.place_filter(epcis=[MONT_SAINT_MICHEL], communes=["50129"])
    assert {"avranches", "cherbourg en cotentin"} <= both.communes


def test_a_name_borne_inside_and_outside_lies_inside_through_its_departements_sources(
    everywhere: RecordPlaces,
) -> None:
    """Saint-Marcouf is a commune of the Calvados and one of the Manche: a record naming it is
    the Manche's when a source of the Manche found it, and Normandie's whichever it is."""
    manche = everywhere.place_filter(["50"])
    assert "saint marcouf" not in manche.communes and "saint marcouf" not in manche.elsewhere
    (group,) = [(names, slugs) for names, slugs in manche.near if "saint marcouf" in names]
    assert "prefecture-50" in group[1] and "prefecture-14" not in group[1]
    assert "saint marcouf" in everywhere.place_filter(regions=["28"]).communes


def test_areas_are_named_by_the_reference_rows(everywhere: RecordPlaces, places: RecordPlaces) -> None:
    areas = everywhere.geography
    assert areas.get("departement", "50").name == "Manche"
    assert areas.get("region", "28").name == "Normandie"
    epci = areas.get("epci", MONT_SAINT_MICHEL)
    assert epci.name == "Communauté d'agglomération Mont-Saint-Michel-Normandie"
    assert (epci.departement, epci.region) == ("50", "28")
    avranches = everywhere.resolve("Avranches", None)
    above = areas.above(avranches.epci, avranches.departement, avranches.region)
    assert [area.kind for area in above] == ["region", "departement", "epci"]
    # Without the reference data, the codes the sources carry are areas still, named by code.
    assert places.geography.get("departement", "50").name == "Département 50"


@pytest.mark.parametrize(
    ("kind", "given", "message"),
    [
        ("commune", "5002", "not an INSEE code"),
        ("commune", "99999", "not a commune of the registry"),
        ("epci", "20006942", "not a SIREN"),
        ("epci", "123456789", "not an EPCI's SIREN of the registry"),
        ("region", "99", "unknown région '99'"),
    ],
)
def test_unknown_codes_are_errors(everywhere: RecordPlaces, kind: str, given: str, message: str) -> None:
    geography = everywhere.geography
    with pytest.raises(SearchError, match=message):
        geography.check(kind, given)
    assert geography.check("commune", "2a004") == "2A004" and geography.check("epci", COTENTIN) == COTENTIN
