"""Acts, ACTES fields and mention-to-act links in a real archive (SQLite and PostgreSQL); the upgrade
of an SQLite archive from version 1."""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from pathlib import Path

from archive import ArchiveStore, FetchRecord, resolve_location
from archive.db import SCHEMA_VERSION
from archive.mentions import replace_mentions
from archive.records import Analysis, Fetch
from pipelines.extract import ExtractionInput, extract_document
from pipelines.tagging import get_tagger
from pipelines.tagging.retag import retag_archive
from tests import realdocs
from tests.backends import count, rows

SCHEMA_V1 = Path(__file__).with_name("schema_v1.sql")


def version_1_archive(db: Path, url: str | None = None) -> None:
    """An archive as Vigie's first schema made it (``schema_v1.sql``): one document (a
    ``compte_rendu`` whose text is "texte", tagged with lexicon "v0"), seen at ``url`` if given."""
    with sqlite3.connect(db) as connection:
        connection.executescript(SCHEMA_V1.read_text())
        connection.executescript(
            "INSERT INTO schema_version VALUES (1, '2026-01-01 00:00:00');"
            "INSERT INTO sources VALUES (1, 'v.fr', NULL, '2026-01-01 00:00:00');"
            "INSERT INTO documents (id, sha256, source_id, kind, size, doc_type, pages, text_length, needs_ocr, "
            "is_latest, tagged_with, first_seen_at, last_seen_at, fetched_at, text) VALUES (1, 'ab', 1, 'pdf', 3, "
            "'compte_rendu', 1, 5, 0, 1, 'v0', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', 'texte');"
        )
        if url is not None:
            connection.execute(
                "INSERT INTO document_urls (document_id, url, first_seen_at, last_seen_at) VALUES (1, ?, ?, ?)",
                (url, "2026-01-01 00:00:00", "2026-01-01 00:00:00"),
            )


@functools.cache
def extracted(path: Path, url: str = "x") -> Analysis:
    """A real PDF's analysis, once per test session (the 255-page minutes take seconds)."""
    return extract_document(ExtractionInput(url=url, body=path.read_bytes()))


def real_record(path: Path, url: str) -> FetchRecord:
    """A real PDF as a crawl hands it over: extracted, tagged, with its acts."""
    analysis = extracted(path, url)
    tagger = get_tagger()
    return FetchRecord(
        Fetch(
            url=url,
            body=path.read_bytes(),
            fetched_at=dt.datetime(2026, 1, 1),
            content_type="application/pdf",
        ),
        analysis,
        mentions=tagger.tag("\f".join(analysis.pages), True),
        lexicon_version=tagger.version,
    )


def _archive_real(store: ArchiveStore, path: Path, url: str) -> None:
    store.record(real_record(path, url))


def test_acts_are_stored_and_mentions_point_to_their_act(store: ArchiveStore) -> None:
    _archive_real(store, realdocs.PV_255_PAGES, "http://v.fr/pv.pdf")
    _archive_real(store, realdocs.DELIB_VIDEOPROTECTION, "http://v.fr/delib.pdf")
    where = store.location
    assert count(where, "acts") == 130
    cameras = rows(
        where,
        "SELECT a.number, a.title, m.page, a.page_start, a.page_end FROM mentions m "
        "JOIN acts a ON a.id = m.act_id JOIN documents d ON d.id = m.document_id "
        "WHERE m.matched LIKE 'caméra%' AND d.pages = 255",
    )
    assert cameras and {row[0] for row in cameras} == {"23"}
    assert all(start <= page <= end for _, _, page, start, end in cameras)
    unlinked = rows(
        where,
        "SELECT count(*) FROM mentions m JOIN documents d ON d.id = m.document_id "
        "WHERE d.pages = 255 AND m.act_id IS NULL",
    )
    assert unlinked == [(0,)]  # every mention of these minutes falls inside an item
    delib = rows(
        where,
        "SELECT actes_id, actes_siren, actes_nature, actes_date, prefecture_received_on, published_on "
        "FROM documents WHERE pages = 2",
    )
    assert delib == [
        ("034-213401722-20130204-0000061100-DE", "213401722", "DE", "2013-02-04", "2013-02-06", "2013-02-05")
    ]
    act = rows(
        where,
        "SELECT a.number, a.actes_id FROM acts a JOIN documents d ON d.id = a.document_id WHERE d.pages = 2",
    )
    assert act == [("2013/14", "034-213401722-20130204-0000061100-DE")]
    ((document_id,),) = rows(where, "SELECT id FROM documents WHERE pages = 255")
    # Re-tagging keeps the links.
    text = "\f".join(extracted(realdocs.PV_255_PAGES).pages)
    replace_mentions(store, document_id, get_tagger().tag(text, True), "test")
    assert rows(
        where, "SELECT count(*) FROM mentions WHERE document_id = :id AND act_id IS NULL", id=document_id
    ) == [(0,)]


def test_an_archive_of_version_1_is_upgraded_in_place_and_keeps_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    version_1_archive(db)
    with sqlite3.connect(db) as connection:
        connection.execute(
            'INSERT INTO mentions (document_id, category, term, matched, start, "end", context, lexicon_version) '
            "VALUES (1, 'drone', 'drone', 'drone', 0, 5, 'drone', 'v0')"
        )
    store = ArchiveStore(resolve_location(str(db)))
    _archive_real(store, realdocs.DELIB_VIDEOPROTECTION, "http://v.fr/delib.pdf")
    store.close()
    with sqlite3.connect(db) as connection:
        versions = [
            row[0] for row in connection.execute("SELECT version FROM schema_version ORDER BY version")
        ]
        assert versions == [1, SCHEMA_VERSION]
        assert connection.execute("SELECT text, actes_id FROM documents WHERE id = 1").fetchone() == (
            "texte",
            None,
        )
        assert connection.execute(
            "SELECT act_id, matched FROM mentions WHERE document_id = 1"
        ).fetchone() == (
            None,
            "drone",
        )
        assert connection.execute("SELECT count(*) FROM acts").fetchone() == (1,)
        indexes = {row[1] for row in connection.execute("PRAGMA index_list('mentions')")}
        assert "ix_mentions_act_id" in indexes
    ArchiveStore(resolve_location(str(db))).close()  # opening again changes nothing
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM schema_version").fetchone() == (2,)
        # Give the old document the text of Couthenans' report: `vigie retag` splits it into acts.
        text = "\f".join(
            extract_document(ExtractionInput(url="x", body=realdocs.COUTHENANS_CR.read_bytes())).pages
        )
        connection.execute("UPDATE documents SET text = ? WHERE id = 1", (text,))
        # … and its URL: retag reads the type, date and acts again as a crawl of it would.
        connection.execute(
            "INSERT INTO document_urls (document_id, url, first_seen_at, last_seen_at) VALUES (1, ?, ?, ?)",
            (
                "https://couthenans.fr/assets/pdf/CR_reunion_20211105.pdf",
                "2026-01-01 00:00:00",
                "2026-01-01 00:00:00",
            ),
        )
    store = ArchiveStore(resolve_location(str(db)))
    retag_archive(store, get_tagger())
    store.close()
    with sqlite3.connect(db) as connection:
        assert connection.execute(
            "SELECT number, title FROM acts WHERE document_id = 1 ORDER BY seq"
        ).fetchall() == [
            ("1", "Recensement voirie communale"),
            ("2", "Renouvellement contrat GRDF"),
            ("3", "Transfert propriété temple de l’association culturelle vers la commune de Couthenans"),
            ("4", "Questions diverses"),
        ]
        assert connection.execute(
            "SELECT a.number FROM mentions m JOIN acts a ON a.id = m.act_id WHERE m.document_id = 1"
        ).fetchall() == [("4",), ("4",)]  # "Caméra point vert", "une vraie caméra": "Questions diverses"
