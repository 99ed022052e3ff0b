"""A compound found however a council wrote it, and the category offered when a query names one.

The archive holds real text: Montpellier's deliberations ("Vidéoprotection", "VIDEO PROTECTION"
in a budget table, "centre de vidéo surveillance urbaine" in the CLSPD one) and Avranches'
procès-verbal ("VIDEO-\\n\\nPROTECTION" across a line break, "la vidéo protection").
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive import ArchiveStore
from pipelines.pdf_text import extract_pdf
from pipelines.tagging.lexicon import load_lexicon
from search import Searcher, SearchQuery, ensure_index
from search.hints import CategoryHints
from search.passages import FTS_SNIPPET_MAX_CHARS
from search.query import passage_words, plain_query, split_compound
from tests import realdocs
from tests.backends import Archives, db_option
from tests.conftest import run_vigie
from tests.search.archive import FILLER, _record

AVRANCHES = (
    realdocs.REAL
    / "demos/demos-trainer/src/test/resources/process/training/text_dataset_producer/training"
    / "city_council_report/CM%2001%2007%202013%20-%20Proc%C3%A8s-verbal.pdf.txt"
)
DELIB = "www.montpellier.fr/delib-2013-14.pdf"  # "Vidéoprotection"
BUDGET = "www.montpellier.fr/delib-2013-16.pdf"  # "2013P10 VIDEO PROTECTION"
CLSPD = "www.montpellier.fr/delib-2014-05-22.pdf"  # "centre de vidéo surveillance urbaine"
PV_AVRANCHES = "www.avranches.fr/pv-2013-07-01"  # "VIDEO-\n\nPROTECTION", "vidéo protection"
HYPHENED = "www.nice.fr/odj/2023-11-20"  # "VIDEO-SURVEILLANCE", "télé-surveillance"
LONG = "www.lyon.fr/pv/2024-01-15"  # over 100,000 characters: snippet found by search.passages
JOINED = "www.lyon.fr/delib/2023-44"  # "vidéosurveillance", written in one word


def _pdf(path: Path) -> list[str]:
    return extract_pdf(path.read_bytes()).pages


@pytest.fixture(scope="module")
def store(module_archives: Archives) -> Iterator[ArchiveStore]:
    store = ArchiveStore(module_archives.location(empty=True))
    ensure_index(store.engine)
    long_text = FILLER * (FTS_SNIPPET_MAX_CHARS // len(FILLER) + 10)
    records = [
        _record(f"https://{DELIB}", "Délibération 2013/14", _pdf(realdocs.DELIB_VIDEOPROTECTION),
                "2013-02-04", "deliberation", "pdf"),
        _record(f"https://{BUDGET}", "Délibération 2013/16", _pdf(realdocs.DELIB_BUDGET),
                "2013-02-04", "deliberation", "pdf"),
        _record(f"https://{CLSPD}", "CLSPD : désignations", _pdf(realdocs.DELIB_CLSPD),
                "2014-05-22", "deliberation", "pdf"),
        _record(f"https://{PV_AVRANCHES}", "Procès-verbal du 1er juillet 2013",
                [AVRANCHES.read_text(encoding="utf-8")], "2013-07-01", "proces_verbal"),
        _record(f"https://{HYPHENED}", "Ordre du jour", [
            FILLER + "5. EXTENSION DU SYSTEME DE VIDEO-SURVEILLANCE DU CENTRE-VILLE. "
            "6. Contrat de télé-surveillance des bâtiments communaux."], "2023-11-20", "ordre_du_jour"),
        _record(f"https://{LONG}", "Procès-verbal du 15 janvier 2024", [
            long_text + "M. le Maire présente le centre de vidéo surveillance urbaine. " + FILLER],
            "2024-01-15", "proces_verbal"),
        _record(f"https://{JOINED}", "Délibération 2023-44", [
            FILLER + "Extension du dispositif de vidéosurveillance place Bellecour."], "2023-03-01",
            "deliberation"),
    ]  # fmt: skip
    for record in records:
        store.record(record)
    yield store
    store.close()


@pytest.fixture(scope="module")
def searcher(store: ArchiveStore) -> Searcher:
    return Searcher(store)


@pytest.fixture(scope="module")
def hints() -> CategoryHints:
    return CategoryHints.from_lexicon(load_lexicon())


def found(searcher: Searcher, text: str, **query: object) -> set[str]:
    page = searcher.search(SearchQuery(text=text, limit=50, **query))  # type: ignore[arg-type]
    return {hit.url.split("//")[1] for hit in page.hits if hit.url}


def test_one_word_finds_the_spellings_in_two_words_and_hyphenated(searcher: Searcher, backend: str) -> None:
    assert found(searcher, "vidéoprotection") == {DELIB, BUDGET, PV_AVRANCHES}
    assert found(searcher, "VIDEOPROTECTION") == {DELIB, BUDGET, PV_AVRANCHES}
    # PostgreSQL keeps no word position past the 16,383rd (README, "Search on PostgreSQL"): the
    # two-word spelling at the end of the long document is no phrase there.
    far_phrase = {LONG} if backend == "sqlite" else set()
    assert found(searcher, "vidéosurveillance") == {CLSPD, HYPHENED, JOINED} | far_phrase
    assert found(searcher, "télésurveillance") == {HYPHENED}


def test_the_other_direction_still_works(searcher: Searcher) -> None:
    assert found(searcher, "vidéo surveillance") >= {CLSPD, HYPHENED, LONG, JOINED}
    assert found(searcher, "vidéo-protection") == {DELIB, BUDGET, PV_AVRANCHES}
    assert found(searcher, '"vidéo protection"') == {BUDGET, PV_AVRANCHES}  # a quoted phrase stays exact


def test_plural_and_singular_of_a_compound(searcher: Searcher) -> None:
    assert found(searcher, "vidéosurveillances") == found(searcher, "vidéosurveillance")
    assert found(searcher, "vidéoprotections") == found(searcher, "vidéoprotection")


def test_the_two_word_spelling_is_highlighted_even_in_a_long_document(
    searcher: Searcher, backend: str
) -> None:
    hits = {
        hit.url.split("//")[1]: hit for hit in searcher.search(SearchQuery(text="vidéosurveillance")).hits
    }
    # FTS5 marks the phrase, PostgreSQL's ts_headline each of its words.
    sqlite = backend == "sqlite"
    assert (
        f"centre de {'[vidéo surveillance]' if sqlite else '[vidéo] [surveillance]'} urbaine"
        in hits[CLSPD].snippet
    )
    assert ("[VIDEO-SURVEILLANCE]" if sqlite else "[VIDEO]-[SURVEILLANCE]") in hits[HYPHENED].snippet
    if sqlite:  # on PostgreSQL, the phrase lies past the last word position (above)
        # Found by search.passages (FTS5's snippet() is not used on such a text): the passage, not the title.
        assert "centre de [vidéo] [surveillance] urbaine" in hits[LONG].snippet


def test_splits_only_after_a_combining_form() -> None:
    assert split_compound("vidéosurveillance") == ("vidéo", "surveillance")
    assert split_compound("VIDEOPROTECTION") == ("VIDEO", "PROTECTION")
    assert split_compound("télésurveillance") == ("télé", "surveillance")
    assert split_compound("audiosurveillance") == ("audio", "surveillance")
    assert split_compound("géolocalisation") == ("géo", "localisation")
    assert split_compound("cybersécurité") == ("cyber", "sécurité")
    for whole in ("maintenant", "surface", "surveillance", "caméra", "vidéos", "VSA", "biens", "2013P10"):
        assert split_compound(whole) is None, whole
    assert plain_query("vidéoverbalisation") is not None
    assert '"vidéo verbalisation"' in plain_query("vidéoverbalisation").match  # type: ignore[union-attr]
    assert passage_words("vidéosurveillance urbaine") == "vidéosurveillance urbaine vidéo surveillance"


@pytest.mark.parametrize(
    ("query", "category"),
    [
        ("reconnaissance faciale", "reconnaissance_faciale"),
        ("Reconnaissance  Faciale", "reconnaissance_faciale"),
        ("VSA", "vsa"),
        ("vsa", "vsa"),
        ("vidéosurveillance algorithmique", "vsa"),
        ("videosurveillance algorithmique", "vsa"),
        ("lecture automatisée de plaques", "lapi"),
        ("LAPI", "lapi"),
        ("drones", "drone"),
        ("vidéosurveillance", "videoprotection"),
        ("vidéo-surveillance", "videoprotection"),
        ("VIDEO PROTECTION", "videoprotection"),
        ("videosurveilance", "videoprotection"),  # one typo
        ("données sécuritaires", "donnees_securitaires"),  # the label
        ("reconnaissance_faciale", "reconnaissance_faciale"),  # the id
        ("BriefCam", "vsa"),  # a vendor
    ],
)
def test_a_query_that_names_a_category(hints: CategoryHints, query: str, category: str) -> None:
    assert hints.category_for(query) == category


@pytest.mark.parametrize(
    "query",
    ["reconnaissance", "Montpellier", "vidéoprotection Montpellier", "plaques", "lapin", "vidéo*", ""],
)
def test_a_query_that_names_none(hints: CategoryHints, query: str) -> None:
    assert hints.category_for(query) is None


def test_the_search_offers_the_tagged_documents(searcher: Searcher, hints: CategoryHints) -> None:
    tagged = searcher.search(SearchQuery(categories=["videoprotection"]))
    page = searcher.search(SearchQuery(text="vidéoprotection"), hints)
    assert page.suggested_category == "videoprotection" and page.suggested_total == tagged.total
    assert tagged.total > page.total  # the CSU and the télésurveillance ones: tagged, other words
    # The same filters as the search.
    since = searcher.search(SearchQuery(text="vidéoprotection", since="2014"), hints)
    assert (
        since.suggested_total
        == searcher.search(SearchQuery(categories=["videoprotection"], since="2014")).total
    )
    assert since.suggested_total < page.suggested_total
    # None without hints, for raw FTS5, when the search already keeps only that category, or
    # when the category tags nothing here.
    assert searcher.search(SearchQuery(text="vidéoprotection")).suggested_category is None
    assert searcher.search(SearchQuery(text="vidéoprotection", raw=True), hints).suggested_category is None
    only = searcher.search(SearchQuery(text="vidéoprotection", categories=["videoprotection"]), hints)
    assert only.suggested_category is None
    drones = searcher.search(SearchQuery(text="drones"), hints)
    assert drones.suggested_category is None and drones.suggested_total == 0


def test_cli_prints_the_hint(store: ArchiveStore, tmp_path: Path) -> None:
    db = db_option(store.location)
    this_checkout = {"PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = run_vigie(
        "search", "vidéoprotection", "--db", db, "--since", "2013", cwd=tmp_path, env=this_checkout
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Hint: ") and "documents are tagged videoprotection: " in last
    assert last.endswith(f"vigie search --category videoprotection --since 2013 --db {shlex.quote(db)}")
    as_json = run_vigie(
        "search", "vidéoprotection", "--db", db, "--format", "json", cwd=tmp_path, env=this_checkout
    )
    assert as_json.returncode == 0 and "Hint" not in as_json.stdout  # JSON keeps its shape
