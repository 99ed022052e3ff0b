"""One archive, two databases, the same results: what the archive answers on SQLite it answers
on PostgreSQL, to the byte (exports, decision records and their filters, runs, checks, the
queues, a snapshot).

The same real documents (two prefecture bulletins, a deliberation, minutes) are archived as a
crawl archives them into an SQLite file and a PostgreSQL database; then every reading path
of ``archive/`` is asked the same questions of both.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from archive import ArchiveStore, FetchRecord
from archive.mentions import count_to_tag
from archive.models import Document
from archive.ocr_queue import count_failed, count_queued, save_ocr_error
from archive.record_queries import (
    RecordFilter,
    commune_records,
    document_records,
    find_records,
    record_by_id,
)
from archive.records import Analysis, Fetch, MentionRecord
from archive.runs import RunTally, finish_run, list_runs, run_to_dict, source_health, start_run
from archive.snapshot import SnapshotInfo, write_snapshot
from archive.source_checks import latest_checks, record_checks
from archive.versions import known_document_urls, mark_removed, previous_version
from crawler.sources.check import UrlCheck
from pipelines.extract import ExtractionInput, extract_document
from pipelines.records.build import RECORDS_VERSION, records_for
from pipelines.tagging import get_tagger
from tests import realdocs
from tests.backends import Archives
from tests.conftest import invoke_vigie

pytestmark = pytest.mark.postgresql

DOCUMENTS = [
    ("https://www.manche.gouv.fr/raa/RAA-SP-14-2025.txt", realdocs.RAA_MANCHE_VIDEOPROTECTION),
    ("https://www.manche.gouv.fr/raa/RAA-SP-16-2025.txt", realdocs.RAA_MANCHE_DRONES),
    ("https://www.montpellier.fr/delib-2013-14.pdf", realdocs.DELIB_VIDEOPROTECTION),
    ("https://www.avranches.fr/CM-01-07-2013-PV.txt", realdocs.PV_AVRANCHES_2013_07_01),
]


@functools.cache
def _read(url: str, path: Path) -> tuple[Analysis, tuple[MentionRecord, ...], tuple[Any, ...]]:
    analysis = extract_document(ExtractionInput(url=url, body=path.read_bytes()))
    mentions = tuple(get_tagger().tag(analysis.text, analysis.kind == "pdf"))
    records = records_for(analysis.text, analysis.acts, list(mentions), analysis.title, analysis.date)
    return analysis, mentions, tuple(records)


def fill(store: ArchiveStore) -> None:
    """The same history on any archive: documents, a changed and a removed URL, a crawl run,
    start-URL checks and an OCR failure, all at fixed times."""
    for minute, (url, path) in enumerate(DOCUMENTS):
        analysis, mentions, records = _read(url, path)
        fetch = Fetch(
            url=url,
            body=path.read_bytes(),
            fetched_at=dt.datetime(2026, 1, 1, 0, minute),
            source_slug="manche" if "manche" in url else None,
            etag=f'"{minute}"',
            listing={"objet": "vidéoprotection", "date": "2025-03-01"} if "RAA-SP-14" in url else None,
        )
        store.record(
            FetchRecord(fetch, analysis, list(mentions), get_tagger().version, list(records), RECORDS_VERSION)
        )
    changed = Fetch(url=DOCUMENTS[3][0], body=b"nouvelle version", fetched_at=dt.datetime(2026, 2, 1))
    plain = Analysis(sha256="f" * 64, kind="text", pages=["Procès-verbal corrigé."], doc_type="proces_verbal")
    store.record(FetchRecord(changed, plain))
    mark_removed(store, DOCUMENTS[2][0], dt.datetime(2026, 3, 1))
    run = start_run(store, ["https://www.manche.gouv.fr/"], ["manche"])
    tally = RunTally()
    tally.source("manche").pages = 12
    tally.add_error("manche", "http_404", "https://www.manche.gouv.fr/x", "404")
    finish_run(store, run, tally, "completed", "finished")
    with store.session() as session, session.begin():
        checks = [UrlCheck("manche", "https://www.manche.gouv.fr/", 200, None, None)]
        record_checks(session, checks, dt.datetime(2026, 3, 2))
    with store.session() as session:
        first = session.scalar(select(func.min(Document.id)))
    save_ocr_error(store, first, "tesseract: timed out")


@pytest.fixture(scope="module")
def both(postgres_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ArchiveStore]]:
    """The same archive on SQLite and on PostgreSQL."""
    made = {
        backend: Archives(
            backend, tmp_path_factory.mktemp(backend), postgres_server if backend != "sqlite" else None
        )
        for backend in ("sqlite", "postgresql")
    }
    stores = {backend: archives.open() for backend, archives in made.items()}
    try:
        for store in stores.values():
            fill(store)
        yield stores
    finally:
        for archives in made.values():
            archives.close()


def same(both: dict[str, ArchiveStore], ask: Any) -> Any:
    """``ask(store)`` of both archives, asserted equal; the answer."""
    answers = [ask(store) for store in both.values()]
    assert answers[0] == answers[1]
    return answers[0]


def _vigie(store: ArchiveStore, *args: str) -> tuple[int, str, str]:
    """``vigie ARGS`` on the archive: its exit status, what it printed, its error."""
    where = store.location
    result = invoke_vigie(
        *args, "--db", where.url, "--files-dir", str(where.files_dir), cwd=where.files_dir.parent
    )
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "jsonl"],
        ["export", "--format", "csv"],
        ["export", "--acts", "--format", "jsonl", "--with-text"],
        ["records", "list", "--format", "json", "--limit", "1000"],
        ["records", "list", "--format", "json", "--category", "drone"],
        ["records", "list", "--format", "json", "--year", "2013"],
        ["records", "list", "--format", "json", "--expiring-within", "1000"],
        ["records", "list", "--format", "json", "--without-authorisation"],
        ["records", "list", "--format", "json", "--departement", "50"],
        ["records", "show", "3", "--format", "json"],
        ["runs", "--format", "json", "--health"],
    ],
    ids=lambda command: " ".join(command),
)
def test_the_commands_print_the_same(both: dict[str, ArchiveStore], command: list[str]) -> None:
    status, printed, error = same(both, lambda store: _vigie(store, *command))
    assert status in (0, 1) and printed.strip() and not error  # runs --health: 1, a source fails


@pytest.mark.parametrize(
    "wanted",
    [
        RecordFilter(),
        RecordFilter(kinds=("prefectoral_authorisation",), limit=5, offset=3),
        RecordFilter(technologies=("videoprotection",)),
        RecordFilter(authority="préfecture", year=2025),
        RecordFilter(commune="avranches"),
        RecordFilter(expiring_within=183, today=dt.date(2029, 1, 1)),
        RecordFilter(expiring_within=3650, today=dt.date(2024, 1, 1)),
        RecordFilter(expiring_within=0, today=dt.date(2029, 6, 3)),  # the day a renewal ends
        RecordFilter(without_authorisation=True),
    ],
)
def test_decision_records_are_found_alike(both: dict[str, ArchiveStore], wanted: RecordFilter) -> None:
    total, views = same(both, lambda store: _found(store, wanted))
    assert total > 0 and views


def test_an_authorisation_ends_the_day_before_its_fifth_anniversary(both: dict[str, ArchiveStore]) -> None:
    """The Scriptorial's renewal of 4 June 2024 runs five years: it ends on 3 June 2029, and the
    date arithmetic of either database says so (``archive.portable.date_plus``)."""
    for day, ending in ((dt.date(2029, 6, 3), True), (dt.date(2029, 6, 4), False)):
        _, views = same(
            both, lambda store, day=day: _found(store, RecordFilter(expiring_within=0, today=day))
        )
        assert ("2024-109" in {view["act_number"] for view in views}) is ending


def _found(store: ArchiveStore, wanted: RecordFilter) -> tuple[int, list[dict[str, Any]]]:
    total, views = find_records(store, wanted)
    return total, [view.to_dict() for view in views]


def test_a_record_a_commune_and_a_document_read_alike(both: dict[str, ArchiveStore]) -> None:
    def read(store: ArchiveStore) -> Any:
        shown = [record_by_id(store, record_id) for record_id in (1, 2, 40, 10**12)]
        return (
            [(view.to_dict(), view.passages) if view else None for view in shown],
            [view.to_dict() for view in commune_records(store, "AVRANCHES")],
            [view.to_dict() for view in document_records(store, 1)],
        )

    shown, commune, document = same(both, read)
    assert shown[-1] is None and commune and document


def test_runs_checks_and_queues_read_alike(both: dict[str, ArchiveStore]) -> None:
    def read(store: ArchiveStore) -> Any:
        runs = [
            {key: value for key, value in run_to_dict(run).items() if not key.endswith("_at")}
            for run in list_runs(store)
        ]
        return (
            runs,
            [health.statuses for health in source_health(store, 5)],
            latest_checks(store.location),
            count_queued(store),
            count_queued(store, retry_failed=True),
            count_failed(store),
            count_to_tag(store, "another-lexicon"),
            known_document_urls(store, "manche", []),
            previous_version(store, DOCUMENTS[3][0]),
        )

    runs, _, checks, *_ = same(both, read)
    assert runs and runs[0]["counts"]["pages"] == 12 and checks["manche"].ok


def test_a_snapshot_is_the_same_to_the_byte(both: dict[str, ArchiveStore], tmp_path: Path) -> None:
    info = SnapshotInfo(date=dt.date(2026, 12, 1), title="Vigie", vigie_version="test")

    def files(store: ArchiveStore) -> dict[str, bytes]:
        folder = tmp_path / store.location.backend
        folder.mkdir()
        write_snapshot(store, folder, info)
        return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}

    assert len(same(both, files)) >= 5
