"""The département facet: from ACTES identifiers and from sources, with or without the ACTES index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive import ArchiveStore, resolve_location
from archive.reader import ArchiveReader
from archive.records import ActesInfo
from search import Searcher, SearchQuery, ensure_index
from search.index import ACTES_INDEX
from search.places import SourcePlaces
from tests.search.archive import _record


def test_counts_are_the_same_with_and_without_the_actes_index(tmp_path: Path) -> None:
    db = tmp_path / "vigie.db"
    store = ArchiveStore(resolve_location(str(db)))
    ensure_index(store.engine)
    text = ["Le conseil approuve l’installation de caméras de vidéoprotection."]
    for number, department in enumerate(["034", "034", "02A", None]):
        record = _record(
            f"http://v{number}.fr/d.html",
            f"Délibération {number}",
            [*text, str(number)],
            "2024-01-01",
            "deliberation",
        )
        record.analysis.actes = ActesInfo(actes_department=department)
        store.record(record)
    query = SearchQuery(text="caméras", facets=True)
    with_index = Searcher(store).search(query).facets
    assert with_index is not None and with_index.departements == {"34": 2, "2A": 1}
    places = SourcePlaces.from_pairs([("nimes", "30")])
    store.close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE document_urls SET source_slug = 'nimes' WHERE url = 'http://v3.fr/d.html'")
        connection.execute(f"DROP INDEX {ACTES_INDEX}")
    # Read-only, as the web UI opens it: the index cannot be built again.
    reader = ArchiveReader(resolve_location(str(db), writable=False))
    without_index = Searcher(reader, places).search(query).facets
    assert without_index is not None and without_index.departements == {"34": 2, "2A": 1, "30": 1}
    with sqlite3.connect(db) as connection:
        assert not connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (ACTES_INDEX,)).fetchall()
    reader.close()
