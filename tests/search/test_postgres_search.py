"""What only PostgreSQL's search does: the French stemmer, unaccent, its time limit."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from search import Searcher, SearchError, SearchQuery
from search.errors import TIMEOUT
from tests.backends import Archives
from tests.search.archive import _record, build

pytestmark = pytest.mark.postgresql


@pytest.fixture
def searcher(pg_archives: Archives):
    store = build(pg_archives.location())
    store.record(_record("https://a.fr/1", "Vœu", ["La videoprotection du parc."], "2024-01-01", "other"))
    store.record(_record("https://a.fr/2", "Point 3", ["Trois caméra au marché."], "2024-01-02", "other"))
    yield Searcher(store)
    store.close()


def urls(searcher: Searcher, **query: object) -> set[str]:
    return {hit.url for hit in searcher.search(SearchQuery(limit=50, **query)).hits}  # type: ignore[arg-type]


def test_accents_and_stemming(searcher: Searcher) -> None:
    assert "https://a.fr/1" in urls(searcher, text="vidéoprotection")
    assert "https://a.fr/2" in urls(searcher, text="caméras")
    assert "https://a.fr/2" in urls(searcher, text="CAMERA")
    assert urls(searcher, text="title:caméra", raw=True) == {"https://www.lyon.fr/odj/2023-03-01"}


def test_stop_words_only_find_nothing(searcher: Searcher) -> None:
    page = searcher.search(SearchQuery(text="le de la", facets=True))
    assert page.total == 0 and page.hits == [] and page.facets is not None


def test_time_limit_is_a_timeout_error(searcher: Searcher) -> None:
    """A statement the server cancels (statement_timeout) is the same TIMEOUT as on SQLite."""
    with searcher.backend.engine.connect() as connection:
        connection.exec_driver_sql("SET LOCAL statement_timeout = 10")
        with pytest.raises(DBAPIError) as cancelled:
            connection.exec_driver_sql("SELECT pg_sleep(2)")
    error = searcher.backend._explain(cancelled.value, raw=False)
    assert error.kind == TIMEOUT and "longer than" in str(error)


@pytest.mark.parametrize("typed", ["NEAR(a b c)", "{title text}:x", "^x", '"open', "a:b"])
def test_raw_syntax_without_a_map_is_one_line(searcher: Searcher, typed: str) -> None:
    with pytest.raises(SearchError, match="malformed query") as caught:
        searcher.search(SearchQuery(text=typed, raw=True))
    assert "\n" not in str(caught.value)
