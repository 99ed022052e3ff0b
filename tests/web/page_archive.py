"""A small archive for the page view and the comparison of versions, built through the real
extraction, tagger and store (real PDFs of ../shared/fixtures/real, see SOURCES.md there).

- ``delib``: Montpellier's deliberation of 4 February 2013 on video protection (2 pages).
- ``v1``, ``v2``: two versions at one URL of a deliberation whose first page is the real CLSPD
  deliberation of 22 May 2014 and whose second page says how many cameras; the second version
  changes that page's figures, the first page stays the same.
- ``scan``: a real scan (Flaux, 28 April 2022) whose text was read by OCR: not on its image.
- ``broken``: a PDF cut after its first kilobytes, as a server that dropped the connection
  could deliver it.
- ``huge``: a generated PDF whose page declares 200 × 200 inches.
- ``web``: an HTML page.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from sqlalchemy import select

from archive import ArchiveStore, FetchRecord, resolve_location
from archive.db import DatabaseLocation
from archive.files import sha256_hex
from archive.models import Document
from archive.records import Analysis, Fetch
from pipelines.extract import ExtractionInput, extract_document
from pipelines.tagging import get_tagger
from search import ensure_index
from tests import realdocs
from tests.pdfgen import make_pdf

VERSION_URL = "https://www.montpellier.fr/deliberations/clspd-2014.pdf"
CAMERAS_BEFORE = [
    "Programme de vidéoprotection 2014",
    "Le conseil approuve l’installation de 12 caméras place de la Comédie,",
    "pour un montant de 150 000 euros.",
]
CAMERAS_AFTER = [
    "Programme de vidéoprotection 2014",
    "Le conseil approuve l’installation de 18 caméras place de la Comédie,",
    "pour un montant de 210 000 euros.",
]
OCR_TEXT = (
    "Compte rendu du conseil municipal du 28 avril 2022.\nLe maire présente le projet de vidéoprotection."
)


@dataclass(frozen=True, slots=True)
class PageArchive:
    db: Path  # the SQLite file (or, on PostgreSQL, where its files are)
    location: DatabaseLocation
    ids: dict[str, int]  # document ids by name
    sha256: dict[str, str]  # their originals' hashes

    def image(self, name: str, page: int = 1) -> str:
        """The URL of a page's image."""
        return f"/originals/{self.sha256[name]}/pages/{page}"


def clspd_version(camera_lines: list[str]) -> bytes:
    """The real first page of the CLSPD deliberation, then a generated page of cameras."""
    combined = pdfium.PdfDocument.new()
    real = pdfium.PdfDocument(realdocs.DELIB_CLSPD)
    generated = pdfium.PdfDocument(make_pdf([camera_lines]))
    combined.import_pages(real, [0])
    combined.import_pages(generated)
    buffer = io.BytesIO()
    combined.save(buffer)
    for document in (combined, real, generated):
        document.close()
    return buffer.getvalue()


def huge_page_pdf() -> bytes:
    return make_pdf([["Une page de deux cents pouces de côté : vidéoprotection."]]).replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]"
    )


def _fetched(url: str, body: bytes, day: int, analysis: Analysis | None = None) -> FetchRecord:
    fetch = Fetch(
        url=url,
        body=body,
        fetched_at=dt.datetime(2026, 1, 1) + dt.timedelta(days=day),
        content_type="text/html" if url.endswith(".html") else "application/pdf",
    )
    if analysis is None:
        analysis = extract_document(ExtractionInput(url=url, body=body, content_type=fetch.content_type))
    tagger = get_tagger()
    mentions = tagger.tag(analysis.text, paged=analysis.kind == "pdf")
    return FetchRecord(fetch, analysis, mentions=mentions, lexicon_version=tagger.version)


def build_page_archive(folder: Path, location: DatabaseLocation | None = None) -> PageArchive:
    """The archive in ``folder`` (an SQLite file), or at ``location`` (either database)."""
    db = folder / "pages.db"
    location = location or resolve_location(str(db))
    store = ArchiveStore(location)
    ensure_index(store.engine)
    broken = realdocs.DELIB_BUDGET.read_bytes()[:3000]
    scan = realdocs.FLAUX_CR_SCANNED.read_bytes()
    records = {
        "delib": _fetched(
            "https://www.montpellier.fr/delib-2013-14.pdf", realdocs.DELIB_VIDEOPROTECTION.read_bytes(), 0
        ),
        "v1": _fetched(VERSION_URL, clspd_version(CAMERAS_BEFORE), 1),
        "v2": _fetched(VERSION_URL, clspd_version(CAMERAS_AFTER), 30),
        "scan": _fetched(
            "https://flaux.fr/cr-2022-04-28.pdf",
            scan,
            2,
            Analysis(sha256=sha256_hex(scan), kind="pdf", pages=[OCR_TEXT, "", ""], extraction="ocr"),
        ),
        "broken": _fetched(
            "https://www.montpellier.fr/delib-tronquee.pdf",
            broken,
            3,
            Analysis(sha256=sha256_hex(broken), kind="pdf", pages=["Le budget de la vidéoprotection."]),
        ),
        "huge": _fetched("https://www.montpellier.fr/affiche.pdf", huge_page_pdf(), 4),
        "web": _fetched(
            "https://www.montpellier.fr/actualites/cameras.html",
            b"<html><head><title>Nouvelles cam\xc3\xa9ras</title></head><body><main><p>"
            b"La ville installe douze cam\xc3\xa9ras de vid\xc3\xa9oprotection au centre.</p></main></body></html>",
            5,
        ),
    }
    for record in records.values():
        store.record(record)
    with store.session() as session:
        ids = {
            name: session.scalar(select(Document.id).where(Document.sha256 == record.analysis.sha256))
            for name, record in records.items()
        }
    store.close()
    return PageArchive(db, location, ids, {name: record.analysis.sha256 for name, record in records.items()})
