"""Bounded scoring (``search.sqlite.bounded``): a word in more documents than are scored finds
and counts every one of them, with the same facets; only the order is bounded, and the page,
the API and ``vigie search`` say so."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from archive import ArchiveStore, FetchRecord, resolve_location
from archive.reader import ArchiveReader
from archive.records import Analysis, Fetch, MentionRecord
from search import Searcher, SearchQuery
from search.sqlite import bounded
from tests.conftest import invoke_vigie
from web.app import create_app
from web.archive_view import WebArchive

DOCUMENTS = 24
SCORED = 5  # the bound for these tests: far fewer than the documents that say "conseil"


def _record(number: int) -> FetchRecord:
    # Documents say "conseil" once, a few of them many times (the best bm25); every third
    # mentions drones, every fourth against them.
    text = f"Séance {number}. Le conseil municipal délibère." + " Le conseil vote." * (number % 7)
    if number % 3 == 0:
        text += " Un drone survolera la ville."
    mentions = (
        [MentionRecord("drone", "drone", "drone", len(text) - 20, len(text) - 15, None, "Un drone",
                       "opposition" if number % 4 == 0 else None)]
        if number % 3 == 0 else []
    )  # fmt: skip
    fetch = Fetch(
        url=f"https://www.ville-{number % 4}.fr/cm/{number}.txt",
        body=text.encode(),
        fetched_at=dt.datetime(2026, 1, 1) + dt.timedelta(minutes=number),
    )
    analysis = Analysis(
        sha256=f"{number:064x}",
        kind="text",
        pages=[text],
        doc_type="proces_verbal",
        date=dt.date(2020, 1, number),
    )
    return FetchRecord(fetch, analysis, mentions, "test-1")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("bounded") / "vigie.db"
    store = ArchiveStore(resolve_location(str(db)))
    store.record_many([_record(number) for number in range(1, DOCUMENTS + 1)])
    Searcher(store)  # builds the index
    store.close()
    return db


@pytest.fixture
def searcher(archive: Path) -> Iterator[Searcher]:
    reader = ArchiveReader(resolve_location(str(archive), writable=False))
    yield Searcher(reader)
    reader.close()


@pytest.fixture
def bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "SCORED_MATCHES", SCORED)


def test_a_word_in_every_document_is_counted_whole_and_ranked_bounded(
    searcher: Searcher, bound: None
) -> None:
    query = SearchQuery(text="conseil", facets=True, limit=DOCUMENTS)
    found = searcher.search(query)
    assert found.ranking_bounded and found.total == DOCUMENTS
    assert found.facets is not None
    assert found.facets.categories == {"drone": DOCUMENTS // 3}
    assert found.facets.stances == {"opposition": DOCUMENTS // 12}
    # Only the newest SCORED documents were scored: they come first, the others after them.
    newest = set(range(DOCUMENTS - SCORED + 1, DOCUMENTS + 1))
    assert {hit.document_id for hit in found.hits[:SCORED]} == newest
    assert all(hit.score == 0 for hit in found.hits[SCORED:])
    assert [hit.date for hit in found.hits[SCORED:]] == sorted(
        (hit.date for hit in found.hits[SCORED:]), reverse=True
    )


def test_the_same_documents_and_facets_as_an_unbounded_search(searcher: Searcher, bound: None) -> None:
    query = SearchQuery(text="conseil", facets=True, limit=DOCUMENTS, categories=["drone"])
    found = searcher.search(query)
    with pytest.MonkeyPatch.context() as unbounded:
        unbounded.setattr(bounded, "SCORED_MATCHES", DOCUMENTS)
        whole = searcher.search(query)
    assert found.ranking_bounded and not whole.ranking_bounded
    assert found.total == whole.total == DOCUMENTS // 3
    assert {hit.document_id for hit in found.hits} == {hit.document_id for hit in whole.hits}
    assert found.facets == whole.facets
    assert searcher.document_ids(query) == sorted(hit.document_id for hit in whole.hits)


def test_fewer_matches_than_the_bound_are_ranked_whole(searcher: Searcher, bound: None) -> None:
    assert searcher.search(SearchQuery(text="drone")).ranking_bounded  # 8 matches, 5 scored
    rare = searcher.search(SearchQuery(text="séance 7"))
    assert rare.total == 1 and not rare.ranking_bounded
    assert not searcher.search(SearchQuery(text="drone", newest_first=True)).ranking_bounded  # feeds: by date


def test_the_cli_and_the_api_say_the_ranking_is_bounded(
    archive: Path, searcher: Searcher, bound: None
) -> None:
    table = invoke_vigie("search", "conseil", "--db", str(archive), cwd=archive.parent)
    assert table.returncode == 0 and "Ranking bounded" in table.stdout
    listed = invoke_vigie("search", "conseil", "--db", str(archive), "--format", "json", cwd=archive.parent)
    assert len(json.loads(listed.stdout)) == 20 and "Ranking bounded" in listed.stderr
    faceted = invoke_vigie(
        "search", "conseil", "--db", str(archive), "--format", "json", "--facets", cwd=archive.parent
    )
    assert json.loads(faceted.stdout)["ranking_bounded"] is True
    rare = invoke_vigie(
        "search", "séance 7", "--db", str(archive), "--format", "json", "--facets", cwd=archive.parent
    )
    assert json.loads(rare.stdout)["ranking_bounded"] is False
    with TestClient(create_app(WebArchive.open(searcher.store))) as client:  # type: ignore[arg-type]
        assert client.get("/api/search", params={"q": "conseil"}).json()["ranking_bounded"] is True
        assert client.get("/api/search", params={"q": "séance 7"}).json()["ranking_bounded"] is False
        page = client.get("/search", params={"q": "conseil"}).text
        assert 'id="ranking-bounded"' in page and "classés par pertinence" in page
        assert 'id="ranking-bounded"' not in client.get("/search", params={"q": "séance 7"}).text
