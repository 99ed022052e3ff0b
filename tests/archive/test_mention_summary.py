"""Each document's mention summary (``archive.mention_summary``) is what its mentions say, after
every writer of mentions: the group commit, one-by-one archiving, a re-tag, OCR, a refresh,
and the migration that adds it to an older archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from archive import ArchiveStore, FetchRecord, resolve_location
from archive.mention_summary import refresh, split, summary
from archive.mentions import replace_analysis
from archive.models import Document
from archive.ocr_queue import save_ocr
from archive.records import Analysis, Fetch, MentionRecord
from tests.archive.older import older_archive
from tests.backends import execute, rows

VERSION = "test-1"


def mention(category: str, start: int, stance: str | None = None) -> MentionRecord:
    return MentionRecord(category, "terme", "terme", start, start + 5, None, "… terme …", stance)


def fetched(number: int, mentions: list[MentionRecord]) -> FetchRecord:
    text = f"Document {number} : caméras, drones et terme."
    fetch = Fetch(url=f"https://v.fr/{number}.txt", body=text.encode(), fetched_at=dt.datetime(2026, 1, 1))
    analysis = Analysis(sha256=f"{number:064x}", kind="text", pages=[text], doc_type="deliberation")
    return FetchRecord(fetch, analysis, mentions, VERSION)


def summaries(store: ArchiveStore) -> dict[int, tuple[str | None, str | None]]:
    query = select(Document.id, Document.mention_categories, Document.mention_stances).order_by(Document.id)
    with store.session() as session:
        return {row[0]: (row[1], row[2]) for row in session.execute(query)}


def from_mentions(store: ArchiveStore) -> dict[int, tuple[str | None, str | None]]:
    """The summary each document should have, worked out from its stored mentions."""
    found: dict[int, list[tuple[str, str | None]]] = {}
    for document_id, category, stance in rows(
        store.location, "SELECT document_id, category, stance FROM mentions"
    ):
        found.setdefault(document_id, []).append((category, stance))
    return {
        document_id: tuple(summary(found.get(document_id, [])).values())  # type: ignore[misc]
        for document_id in summaries(store)
    }


def test_summary_is_the_distinct_sorted_values() -> None:
    columns = summary([("vsa", None), ("drone", "opposition"), ("vsa", "opposition"), ("drone", None)])
    assert columns == {"mention_categories": "drone vsa", "mention_stances": "opposition"}
    assert summary([]) == {"mention_categories": None, "mention_stances": None}
    assert split("drone vsa") == ["drone", "vsa"] and split(None) == []


def test_every_writer_of_mentions_keeps_the_summary(store: ArchiveStore) -> None:
    store.record_many(
        [
            fetched(1, [mention("vsa", 0), mention("drone", 10, "opposition"), mention("vsa", 20)]),
            fetched(2, []),
        ]
    )
    store.record(fetched(3, [mention("lapi", 0)]))
    assert summaries(store) == {1: ("drone vsa", "opposition"), 2: (None, None), 3: ("lapi", None)}

    replace_analysis(store, 1, [mention("videoprotection", 0)], VERSION)  # vigie retag
    replace_analysis(store, 2, [mention("drone", 0, "opposition")], VERSION)
    replace_analysis(store, 3, [], VERSION)
    assert summaries(store) == {1: ("videoprotection", None), 2: ("drone", "opposition"), 3: (None, None)}

    text = "Texte lu par OCR : reconnaissance faciale."
    ocr = Analysis(sha256=f"{1:064x}", kind="pdf", pages=[text], doc_type="deliberation")
    save_ocr(store, 1, ocr, [mention("reconnaissance_faciale", 0), mention("vsa", 8)], VERSION)
    assert summaries(store)[1] == ("reconnaissance_faciale vsa", None)
    assert summaries(store) == from_mentions(store)

    # Mentions written by another tool: a refresh reads the summary again from them.
    execute(
        store.location,
        'INSERT INTO mentions (document_id, category, term, matched, start, "end", context, stance, '
        "lexicon_version) VALUES (3, 'lapi', 't', 't', 0, 1, 't', 'opposition', 'x')",
    )
    with store.engine.begin() as connection:
        assert refresh(connection, [3]) == 1
    assert summaries(store)[3] == ("lapi", "opposition")
    with store.engine.begin() as connection:
        refresh(connection)
    assert summaries(store) == from_mentions(store)


def test_the_migration_fills_the_summary_of_an_older_archive(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    older_archive(db, 5)
    location = resolve_location(str(db))
    execute(
        location,
        'INSERT INTO mentions (document_id, category, term, matched, start, "end", context, stance, '
        "lexicon_version) VALUES (1, 'vsa', 't', 't', 0, 1, 't', NULL, 'x'), "
        "(1, 'drone', 't', 't', 2, 3, 't', 'opposition', 'x'), (1, 'vsa', 't', 't', 4, 5, 't', NULL, 'x')",
    )
    store = ArchiveStore(location)
    try:
        assert summaries(store) == {1: ("drone vsa", "opposition")}
    finally:
        store.close()
