"""The search library on real archives: SQLite with FTS5, PostgreSQL with its full-text search.

The contract holds on both (the set of hits, filters, facets, errors); what the engines may
rank or cut differently is compared as sets (README: Search, what differs on PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from search import Searcher, SearchError, SearchQuery, rebuild_index
from search.index import integrity_check as fts5_integrity_check
from tests.backends import Archives
from tests.search.archive import build, new_version


@pytest.fixture(scope="module")
def searcher(module_archives: Archives):
    store = build(module_archives.location())
    yield Searcher(store)
    store.close()


def integrity_check(engine: Engine) -> None:
    """FTS5's own check of its index against its content (PostgreSQL's index is a table)."""
    if engine.dialect.name == "sqlite":
        fts5_integrity_check(engine)


def urls(searcher: Searcher, **query) -> list[str]:
    return [hit.url.split("//")[1] for hit in searcher.search(SearchQuery(**query)).hits]


def test_accents_fold_both_ways(searcher: Searcher) -> None:
    assert urls(searcher, text="videoprotection") == urls(searcher, text="VIDÉOPROTECTION")
    assert "www.montpellier.fr/delib-2013-14.pdf" in urls(searcher, text="videoprotection")
    assert "www.lyon.fr/delib/2023-44" in urls(searcher, text="vidéoprotection")


def test_words_and_phrase(searcher: Searcher) -> None:
    both_words = urls(searcher, text="reconnaissance faciale")
    assert both_words[0] == "www.nice.fr/conseil/2022-05-10"  # the exact phrase, tagged, in the title
    assert "www.nice.fr/actualites/chirurgie" in both_words  # both words, far apart
    assert "www.nice.fr/actualites/chirurgie" not in urls(searcher, text='"reconnaissance faciale"')


def test_plurals_and_compounds(searcher: Searcher) -> None:
    assert set(urls(searcher, text="caméras")) == set(urls(searcher, text="caméra"))
    assert "www.montpellier.fr/delib-2013-14.pdf" in urls(searcher, text="vidéo protection")
    assert "www.montpellier.fr/delib-2013-14.pdf" in urls(searcher, text="vidéo-protection")


def test_raw_mode_prefix_near_and_columns(searcher: Searcher) -> None:
    assert "www.nice.fr/conseil/2022-05-10" in urls(searcher, text="reconn* NEAR(faciale)", raw=True)
    assert urls(searcher, text="title:caméra", raw=True) == ["www.lyon.fr/odj/2023-03-01"]
    assert urls(searcher, text="faciale NOT renonce", raw=True) == ["www.nice.fr/actualites/chirurgie"]


def test_title_and_category_matches_outrank_a_passing_mention(searcher: Searcher) -> None:
    ranked = urls(searcher, text="caméra")
    assert ranked.index("www.lyon.fr/odj/2023-03-01") < ranked.index("www.lyon.fr/delib/2023-45")
    assert ranked.index("www.lyon.fr/delib/2023-44") < ranked.index("www.lyon.fr/delib/2023-45")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"categories": ["reconnaissance_faciale"]}, {"www.nice.fr/conseil/2022-05-10"}),
        (
            {"sources": ["montpellier.fr"]},
            {"www.montpellier.fr/delib-2013-14.pdf", "www.montpellier.fr/PV_CM_17_02_2014.pdf"},
        ),
        (
            {"sources": ["www.nice.fr"]},
            {"www.nice.fr/conseil/2022-05-10", "www.nice.fr/actualites/chirurgie"},
        ),
        ({"doc_types": ["proces_verbal"]}, {"www.montpellier.fr/PV_CM_17_02_2014.pdf"}),
        (
            {"since": "2023-01-01", "until": "2023-03-31"},
            {"www.lyon.fr/odj/2023-03-01", "www.lyon.fr/delib/2023-44", "www.lyon.fr/delib/2023-45"},
        ),
        ({"until": "2013"}, {"www.montpellier.fr/delib-2013-14.pdf"}),
        ({"stance": "opposition"}, {"www.nice.fr/conseil/2022-05-10"}),
        (
            {"categories": ["videoprotection"], "sources": ["montpellier.fr"], "until": "2013-12-31"},
            {"www.montpellier.fr/delib-2013-14.pdf"},
        ),
        (
            {
                "text": "conseil",
                "categories": ["videoprotection"],
                "doc_types": ["deliberation"],
                "since": "2023",
            },
            {"www.lyon.fr/delib/2023-44"},
        ),
    ],
)
def test_filters_alone_and_combined(searcher: Searcher, query: dict, expected: set[str]) -> None:
    assert set(urls(searcher, limit=50, **query)) == expected


def test_facets_count_the_whole_result_set(searcher: Searcher) -> None:
    page = searcher.search(SearchQuery(text="conseil", limit=2, facets=True))
    assert len(page.hits) == 2 and page.total > 2
    facets = page.facets
    assert (
        sum(facets.sources.values())
        == sum(facets.doc_types.values())
        == sum(facets.years.values())
        == page.total
    )
    assert facets.categories["videoprotection"] >= 2 and facets.categories["reconnaissance_faciale"] == 1
    assert facets.years["2023"] >= 3


def test_snippets_highlight_and_pdf_pages(searcher: Searcher) -> None:
    [hit] = searcher.search(SearchQuery(text="huit caméras de télésurveillance")).hits
    assert hit.page == 54 and hit.doc_type == "proces_verbal"
    assert "[caméras]" in hit.snippet and "<mark>télésurveillance</mark>" in hit.snippet_html
    assert 120 <= len(hit.snippet) <= 320
    assert hit.categories == ["videoprotection"] and hit.date.isoformat() == "2014-02-17"


def test_snippet_html_escapes_document_text(archives: Archives) -> None:
    store = build(archives.location())
    from tests.search.archive import _record

    store.record(
        _record(
            "https://evil.fr/x", "x", ["<script>alert(1)</script> vidéoprotection"], "2024-01-01", "other"
        )
    )
    # PostgreSQL's parser reads "<script>alert(1)</script>" as markup, not words: the word
    # beside it finds the document on both.
    [hit] = Searcher(store).search(SearchQuery(text="vidéoprotection", sources=["evil.fr"])).hits
    assert "<script>" not in hit.snippet_html and "<mark>vidéoprotection</mark>" in hit.snippet_html
    if store.engine.dialect.name == "sqlite":  # ts_headline leaves the markup out of its passage
        assert "&lt;script&gt;" in hit.snippet_html
    store.close()


def test_latest_version_of_each_url_by_default(archives: Archives) -> None:
    store = build(archives.location())
    url = "https://www.lyon.fr/delib/2023-44"
    new_version(store, url, "Texte modifié : le projet est retiré de l’ordre du jour.", when=10)
    searcher = Searcher(store)
    assert urls(searcher, text="Bellecour") == []  # only in the superseded version
    assert urls(searcher, text="Bellecour", all_versions=True) == ["www.lyon.fr/delib/2023-44"]
    # (PostgreSQL's stemmer also finds "retirer" in Montpellier's minutes.)
    assert urls(searcher, text="retiré", sources=["lyon.fr"]) == ["www.lyon.fr/delib/2023-44"]
    store.close()


def test_rebuilt_index_equals_incremental_index(archives: Archives) -> None:
    store = build(archives.location())
    searcher = Searcher(store)
    queries = [
        SearchQuery(text=t, limit=50) for t in ("conseil", "caméra", "reconnaissance faciale", "vidéo")
    ]
    before = [
        [(h.document_id, round(h.score, 6), h.snippet) for h in searcher.search(q).hits] for q in queries
    ]
    integrity_check(store.engine)
    rebuild_index(store.engine)
    integrity_check(store.engine)
    after = [
        [(h.document_id, round(h.score, 6), h.snippet) for h in searcher.search(q).hits] for q in queries
    ]
    assert before == after and all(before)
    store.close()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (SearchQuery(text='"reconnaissance faciale', raw=True), "malformed query"),
        (SearchQuery(text="nosuchcolumn:x", raw=True), "malformed query"),
        (SearchQuery(since="2023-13-01"), "is not a date"),
        (SearchQuery(categories=["ovni"]), "unknown value 'ovni'"),
        (SearchQuery(doc_types=["memo"]), "unknown value 'memo'"),
        (SearchQuery(stance="pour"), "unknown value 'pour'"),
    ],
)
def test_malformed_input_is_one_clear_error(searcher: Searcher, query: SearchQuery, message: str) -> None:
    with pytest.raises(SearchError, match=message) as caught:
        searcher.search(query)
    assert "\n" not in str(caught.value)


def test_plain_mode_never_breaks_on_fts_syntax(searcher: Searcher) -> None:
    for typed in ('"unbalanced', "NEAR(", "title:x", "a OR", "*", "-", "(vidéo"):
        searcher.search(SearchQuery(text=typed))


def test_triggers_follow_updates_and_deletes(archives: Archives) -> None:
    store = build(archives.location())
    searcher = Searcher(store)
    [hit] = searcher.search(SearchQuery(text="Bellecour")).hits
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE documents SET title = 'Caméra de la place Carnot' WHERE id = :id"),
            {"id": hit.document_id},
        )
    assert urls(searcher, text="Carnot") == ["www.lyon.fr/delib/2023-44"]
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM mentions WHERE document_id = :id"), {"id": hit.document_id})
        connection.execute(text("DELETE FROM document_urls WHERE document_id = :id"), {"id": hit.document_id})
        connection.execute(text("DELETE FROM documents WHERE id = :id"), {"id": hit.document_id})
    assert urls(searcher, text="Bellecour") == [] and urls(searcher, text="Carnot") == []
    integrity_check(store.engine)
    store.close()
