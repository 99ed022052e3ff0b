"""What only PostgreSQL's search does: the French stemmer, unaccent, its time limit."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from search import Searcher, SearchError, SearchQuery
from search.errors import TIMEOUT
from tests.backends import Archives
from tests.conftest import vigie_env
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


# A search waits behind a lock on `documents`; the server stopping must cancel it at once, not
# when its ten-minute limit comes. Its own process: stop_searches() lasts for the process.
STOPPED_WHILE_RUNNING = """
import sys, threading, time
import psycopg
from archive.db import resolve_location
from archive.reader import ArchiveReader
from search import Searcher, SearchError, SearchQuery
from search.deadline import stop_searches

url, watch = sys.argv[1], sys.argv[2]
searcher = Searcher(ArchiveReader(resolve_location(url, writable=False)), timeout=600)
outcome = []

def search():
    try:
        searcher.search(SearchQuery(text="conseil", facets=True))
        outcome.append("finished")
    except SearchError as exc:
        outcome.append(f"{exc.kind}: {exc}")

thread = threading.Thread(target=search, daemon=True)
thread.start()
with psycopg.connect(watch, autocommit=True) as watcher:
    while not watcher.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'vigie'"
    ).fetchone()[0]:
        time.sleep(0.05)
stopped_at = time.monotonic()
stop_searches()
thread.join(30)
print(outcome, f"{time.monotonic() - stopped_at:.1f}")
"""


def test_a_server_stopping_cancels_the_statement_running(pg_archives: Archives) -> None:
    location = pg_archives.location(empty=True)
    build(location).close()
    server = pg_archives.server
    assert server is not None
    database = make_url(location.url).database
    with server.admin(database) as holder:
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE documents IN ACCESS EXCLUSIVE MODE")
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                STOPPED_WHILE_RUNNING,
                location.url,
                f"host={server.root} user=postgres dbname={database}",
            ],
            env=vigie_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        holder.execute("ROLLBACK")
    assert result.returncode == 0, result.stderr
    outcome, seconds = result.stdout.rsplit(" ", 1)
    assert outcome == "['stopped: the search was stopped: the server is shutting down']"
    assert float(seconds) < 5
