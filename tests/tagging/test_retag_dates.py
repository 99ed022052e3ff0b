"""``vigie retag`` on an archive made by an earlier version: dates, acts, tags and stance redone.

The archive is made by a real crawl (a subprocess, as users run it) of a local site serving
real minutes; then SQL puts back what an earlier version of Vigie stored, and ``vigie retag
--all`` must correct it and say how many documents changed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import realdocs
from tests.conftest import FAST, invoke_vigie, rows, run_vigie
from tests.site import Site, html, page, pdf, serve

AVRANCHES = (
    Path(__file__).resolve().parents[1] / "quality" / "minutes" / "avranches_CM_27_01_2014_proces-verbal.txt"
)
FARGUES = (
    realdocs.REAL
    / "demos/demos-pdf-converter/src/test/resources/org/demos/pdfconverter/TestWebDocumentFilterBySize_file_small_enough.pdf"
)
PV_PATH = "/docs/CM-27-01-2014-proces-verbal.txt"
DELIB_PATH = "/docs/deliberation-2013-14-videoprotection.pdf"
FARGUES_PATH = "/docs/pv-conseil-municipal.pdf"


@dataclass
class MinutesSite(Site):
    """A council page linking to three real documents: the Avranches PV of 27 January 2014,
    whose first item approves the minutes of 4 November 2013, Montpellier's videoprotection
    deliberation and the Fargues-Saint-Hilaire PV of 13 December 2018."""

    def routes(self) -> dict:
        return {
            "/": lambda q: html(
                page(
                    "Conseil municipal",
                    f'<ul><li><a href="{PV_PATH}">PV du conseil</a></li>'
                    f'<li><a href="{DELIB_PATH}">Délibération</a></li>'
                    f'<li><a href="{FARGUES_PATH}">PV</a></li></ul>',
                )
            ),
            PV_PATH: lambda q: (200, {"Content-Type": "text/plain; charset=utf-8"}, AVRANCHES.read_bytes()),
            DELIB_PATH: lambda q: pdf(realdocs.DELIB_VIDEOPROTECTION),
            FARGUES_PATH: lambda q: pdf(FARGUES),
        }


@pytest.fixture
def minutes_site() -> Iterator[str]:
    server, url = serve(MinutesSite())
    try:
        yield url
    finally:
        server.shutdown()


def _document(db: Path, path: str) -> int:
    [(document_id,)] = rows(db, "SELECT document_id FROM document_urls WHERE url LIKE ?", f"%{path}")
    return document_id


def _state(db: Path) -> list[tuple]:
    """What retag may change, per document: date, its source, acts, categories, opposition."""
    return rows(
        db,
        "SELECT d.id, d.date, d.date_source,"
        " (SELECT group_concat(a.number || ':' || coalesce(a.title, ''), '|') FROM acts a WHERE a.document_id = d.id),"
        " (SELECT group_concat(DISTINCT m.category) FROM mentions m WHERE m.document_id = d.id),"
        " (SELECT count(*) FROM mentions m WHERE m.document_id = d.id AND m.stance = 'opposition')"
        " FROM documents d ORDER BY d.id",
    )


def test_retag_fixes_an_earlier_version_s_dates_and_acts_and_says_how_many(
    tmp_path: Path, minutes_site: str
) -> None:
    db = tmp_path / "vigie.db"
    crawl = run_vigie("crawl", minutes_site, "--db", str(db), *FAST, cwd=tmp_path)
    assert crawl.returncode == 0, crawl.stderr
    pv, delib, fargues = (_document(db, path) for path in (PV_PATH, DELIB_PATH, FARGUES_PATH))
    assert rows(db, "SELECT date, date_source FROM documents WHERE id = ?", pv) == [("2014-01-27", "text")]
    crawled = _state(db)

    # What the previous version stored: the date of the minutes the PV approves (item 1), no
    # acts for the PV, a date taken from a URL for the deliberation; plus a stance and the
    # mentions of a lexicon version that differed.
    with_sql = [
        ("UPDATE documents SET date = '2013-11-04', date_source = 'text' WHERE id = ?", pv),
        ("UPDATE mentions SET act_id = NULL WHERE document_id = ?", pv),
        ("DELETE FROM acts WHERE document_id = ?", pv),
        ("UPDATE documents SET date = '2013-02-05', date_source = 'url' WHERE id = ?", delib),
        ("UPDATE mentions SET stance = 'opposition' WHERE document_id = ?", delib),
        ("DELETE FROM mentions WHERE document_id = ?", fargues),
    ]
    with sqlite3.connect(db) as connection:
        for sql, document_id in with_sql:
            connection.execute(sql, (document_id,))
    assert _state(db) != crawled

    result = invoke_vigie("retag", "--db", str(db), "--all", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "4 documents re-tagged, 2 with different mentions." in result.stdout  # with the home page
    assert "Documents changed: tags 1, stance 1, dates 2, acts 1." in result.stdout
    # Fargues's mentions are back, and the deliberation's changed stance swaps its mentions.
    [(added, removed)] = re.findall(r"videoprotection\s+\+(\d+)\s+-(\d+)", result.stdout)
    assert (
        int(added) - int(removed)
        == rows(db, "SELECT count(*) FROM mentions WHERE document_id = ?", fargues)[0][0]
    )
    assert _state(db) == crawled
    assert rows(db, "SELECT date, date_source FROM documents WHERE id = ?", pv) == [("2014-01-27", "text")]
    assert rows(db, "SELECT count(*) FROM mentions WHERE act_id IS NULL AND document_id = ?", pv) == [(0,)]

    again = invoke_vigie("retag", "--db", str(db), "--all", cwd=tmp_path)
    assert "Documents changed: tags 0, stance 0, dates 0, acts 0." in again.stdout
    assert "No mention added or removed." in again.stdout
