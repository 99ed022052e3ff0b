"""``vigie migrate``: the demo's archive copied from SQLite to PostgreSQL and back, exported
the same at each step; a destination holding an archive refused; originals checked by hash."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive import ArchiveStore, resolve_location
from archive.db import utcnow
from archive.files import ContentStore
from archive.models import SourceCheck
from tests.backends import Archives, count
from tests.conftest import invoke_vigie, run_vigie
from tests.postgres import PostgresServer
from tests.web.browser import free_port


@dataclass(frozen=True)
class Demo:
    folder: Path
    db: Path
    files: Path


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """``vigie demo`` in an empty folder: its archive, and the originals beside it."""
    work = tmp_path_factory.mktemp("migrate")
    made = run_vigie("demo", "--port", str(free_port()), cwd=work)
    assert made.returncode == 0, made.stderr
    return Demo(work, work / "demo.db", work / "demo.db.files")


@pytest.fixture(scope="module")
def server_archives(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archives]:
    made = Archives("postgresql", tmp_path_factory.mktemp("migrate-pg"), postgres_server)
    try:
        yield made
    finally:
        made.close()


def exports(db: str, files: Path, folder: Path) -> dict[str, str]:
    """What a researcher takes away from an archive: documents with text, acts, records."""
    commands = {
        "documents": ("export", "--format", "jsonl", "--with-text"),
        "acts": ("export", "--format", "jsonl", "--acts"),
        "records": ("records", "export", "--format", "jsonl"),
    }
    found = {}
    for name, command in commands.items():
        result = invoke_vigie(*command, "--db", db, "--files-dir", str(files), cwd=folder)
        assert result.returncode == 0, result.stderr
        found[name] = result.stdout
    return found


def migrate(*args: str, cwd: Path):
    return invoke_vigie("migrate", *args, cwd=cwd)


@pytest.mark.postgresql
def test_sqlite_to_postgresql_and_back_exports_the_same(demo: Demo, server_archives: Archives) -> None:
    expected = exports(str(demo.db), demo.files, demo.folder)
    assert expected["documents"].count("\n") >= 5 and expected["acts"] and expected["records"]

    server = server_archives.location("server", empty=True)
    server_files = demo.folder / "server.files"
    there = migrate(
        "--from", str(demo.db), "--to", server.url, "--to-files", str(server_files), cwd=demo.folder
    )
    assert there.returncode == 0, there.stderr
    documents = count(resolve_location(str(demo.db)), "documents")
    assert there.stdout.startswith(f"Copied {documents} documents, ")
    assert there.stdout.count("\n") == 1 and "search index rebuilt" in there.stdout
    assert exports(server.url, server_files, demo.folder) == expected
    search = invoke_vigie(
        "search", "vidéoprotection", "--db", server.url, "--format", "json", cwd=demo.folder
    )
    assert search.returncode == 0 and '"total": 0' not in search.stdout, search.stderr

    back = demo.folder / "back.db"
    again = migrate(
        "--from", server.url, "--from-files", str(server_files), "--to", str(back), cwd=demo.folder
    )
    assert again.returncode == 0, again.stderr
    assert exports(str(back), demo.folder / "back.db.files", demo.folder) == expected

    # The originals came along, each under its hash, byte for byte.
    originals = ContentStore(demo.files)
    for copied in (ContentStore(server_files), ContentStore(demo.folder / "back.db.files")):
        for path in demo.files.rglob("*"):
            if path.is_file():
                assert copied.get(path.name) == originals.get(path.name)

    # New rows after the copy get new ids (PostgreSQL's sequences were moved past the copied ones).
    store = ArchiveStore(server)
    try:
        with store.session() as session, session.begin():
            session.add(SourceCheck(slug="x", url="http://127.0.0.1/", checked_at=utcnow(), ok=True))
    finally:
        store.close()

    # A destination that holds an archive is refused in one line, and left as it was…
    refused = migrate(
        "--from", str(demo.db), "--to", server.url, "--to-files", str(server_files), cwd=demo.folder
    )
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "the destination already holds an archive" in refused.stderr
    assert count(server, "source_checks") == count(resolve_location(str(demo.db)), "source_checks") + 1
    # …unless told to replace it.
    replaced = migrate(
        "--from",
        str(demo.db),
        "--to",
        server.url,
        "--to-files",
        str(server_files),
        "--replace",
        cwd=demo.folder,
    )
    assert replaced.returncode == 0, replaced.stderr
    assert count(server, "source_checks") == count(resolve_location(str(demo.db)), "source_checks")


def test_a_damaged_original_is_not_copied_and_is_reported(demo: Demo, tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    files = tmp_path / "source.files"
    copied = migrate("--from", str(demo.db), "--to", str(source), "--to-files", str(files), cwd=tmp_path)
    assert copied.returncode == 0, copied.stderr
    victim = next(path for path in files.rglob("*") if path.is_file())
    victim.write_bytes(victim.read_bytes() + b"!")
    missing = next(path for path in files.rglob("*") if path.is_file() and path != victim)
    missing.unlink()

    result = migrate(
        "--from", str(source), "--from-files", str(files), "--to", str(tmp_path / "copy.db"), cwd=tmp_path
    )
    assert result.returncode == 1
    assert f"1 originals damaged at the source, not copied: {victim.name}" in result.stderr
    assert f"1 originals missing at the source, not copied: {missing.name}" in result.stderr
    assert not ContentStore(tmp_path / "copy.db.files").path_for(victim.name).exists()
    # The rows are all there: the documents are kept, their originals are what is lost.
    assert count(resolve_location(str(tmp_path / "copy.db")), "documents") == count(
        resolve_location(str(source)), "documents"
    )


def test_bad_input_is_one_line(demo: Demo, tmp_path: Path) -> None:
    cases = [
        (tmp_path / "none.db", tmp_path / "copy.db", "no archive at"),
        (demo.db, "mysql://someone@/archive", "unsupported database 'mysql'"),
        (demo.db, demo.db, "the destination is the source"),
    ]
    for source, destination, message in cases:
        result = migrate("--from", str(source), "--to", str(destination), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
