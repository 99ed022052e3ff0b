"""A small archive of real and realistic documents for the search tests, built through the
real store and tagger (so the FTS triggers, mentions and versions are the production ones)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from archive import ArchiveStore, FetchRecord, resolve_location
from archive.db import DatabaseLocation
from archive.files import sha256_hex
from archive.records import Analysis, Fetch, MentionRecord
from pipelines.pdf_text import extract_pdf
from pipelines.tagging import get_tagger
from search import ensure_index
from tests import realdocs

FILLER = "Le conseil municipal approuve le compte administratif et le budget annexe de l’eau. " * 12


def _record(
    url: str, title: str, pages: list[str], date: str, doc_type: str, kind: str = "html", when: int = 0
) -> FetchRecord:
    body = ("\f".join(pages) + title + url).encode()
    tagger = get_tagger()
    return FetchRecord(
        Fetch(
            url=url,
            body=body,
            fetched_at=dt.datetime(2026, 1, 1) + dt.timedelta(days=when),
            content_type="application/pdf" if kind == "pdf" else "text/html",
        ),
        Analysis(
            sha256=sha256_hex(body),
            kind=kind,
            pages=pages,
            title=title,
            doc_type=doc_type,
            date=dt.date.fromisoformat(date),
        ),
        mentions=list(_mentions("\f".join(pages), kind == "pdf")),
        lexicon_version=tagger.version,
    )


@cache
def _mentions(text: str, paged: bool) -> tuple[MentionRecord, ...]:
    """Tagged once per test process: the 255-page minutes are in every archive built here."""
    return tuple(get_tagger().tag(text, paged=paged))


@cache
def _pages(path: Path) -> tuple[str, ...]:
    return tuple(extract_pdf(path.read_bytes()).pages)


def documents() -> dict[str, FetchRecord]:
    delib = list(_pages(realdocs.DELIB_VIDEOPROTECTION))
    minutes = list(_pages(realdocs.PV_255_PAGES))
    return {**pdf_documents(delib, minutes), **html_documents()}


def pdf_documents(delib: list[str], minutes: list[str]) -> dict[str, FetchRecord]:
    return {
        "delib": _record(
            "https://www.montpellier.fr/delib-2013-14.pdf",
            "Délibération 2013/14",
            delib,
            "2013-02-04",
            "deliberation",
            "pdf",
        ),
        "minutes": _record(
            "https://www.montpellier.fr/PV_CM_17_02_2014.pdf",
            "Procès-verbal du 17 février 2014",
            minutes,
            "2014-02-17",
            "proces_verbal",
            "pdf",
        ),
    }


def html_documents() -> dict[str, FetchRecord]:
    """The web pages alone: an archive in a fraction of a second, for the tests of what is new."""
    return {
        "ban": _record(
            "https://www.nice.fr/conseil/2022-05-10",
            "La ville renonce à la reconnaissance faciale",
            [
                FILLER
                + "Le conseil municipal s’engage à ne pas recourir à la reconnaissance faciale dans l’espace public."
            ],
            "2022-05-10",
            "deliberation",
        ),
        "passing": _record(
            "https://www.nice.fr/actualites/chirurgie",
            "Remise des médailles du travail",
            [
                FILLER
                + "En reconnaissance de leur engagement, les agents du centre de chirurgie réparatrice faciale sont honorés."
            ],
            "2023-06-01",
            "other",
        ),
        "camera_title": _record(
            "https://www.lyon.fr/odj/2023-03-01",
            "Caméra du marché couvert",
            [FILLER + "Le point est reporté à une séance ultérieure."],
            "2023-03-01",
            "ordre_du_jour",
        ),
        "camera_tagged": _record(
            "https://www.lyon.fr/delib/2023-44",
            "Délibération 2023-44",
            [FILLER + "Installation d’une caméra de vidéoprotection place Bellecour."],
            "2023-03-01",
            "deliberation",
        ),
        "camera_passing": _record(
            "https://www.lyon.fr/delib/2023-45",
            "Délibération 2023-45",
            [
                FILLER * 3
                + "Acquisition d’une caméra thermique pour le diagnostic énergétique des écoles. "
                + FILLER
            ],
            "2023-03-01",
            "deliberation",
        ),
    }


def build(where: Path | DatabaseLocation, pdfs: bool = True) -> ArchiveStore:
    """The archive at ``where``: an SQLite file, or any location (``tests.backends.Archives``);
    without ``pdfs``, the web pages alone."""
    store = ArchiveStore(where if isinstance(where, DatabaseLocation) else resolve_location(str(where)))
    ensure_index(store.engine)  # before the writes: the triggers index them
    for record in (documents() if pdfs else html_documents()).values():
        store.record(record)
    return store


def new_version(store: ArchiveStore, url: str, text: str, when: int) -> None:
    store.record(_record(url, "Nouvelle version", [text], "2024-01-01", "deliberation", when=when))
