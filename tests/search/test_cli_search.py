"""``vigie search`` and ``vigie index`` as users run them, and the archive in Datasette."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive import ArchiveStore
from tests.backends import Archives, db_option
from tests.conftest import invoke_vigie, run_vigie
from tests.search.archive import build

RESULT_FIELDS = {
    "url",
    "title",
    "source",
    "date",
    "doc_type",
    "categories",
    "score",
    "snippet",
    "page",
    "document_id",
}


@dataclass(frozen=True)
class Given:
    """The archive as the command is given it (``--db``), and the folder it runs in."""

    db: str
    folder: Path
    backend: str


@pytest.fixture(scope="module")
def archive(module_archives: Archives, tmp_path_factory: pytest.TempPathFactory) -> Given:
    location = module_archives.location(empty=True)
    build(location).close()
    return Given(db_option(location), tmp_path_factory.mktemp("cli-search"), location.backend)


def test_json_contract(archive: Given) -> None:
    result = invoke_vigie(
        "search", "reconnaissance faciale", "--db", archive.db, "--format", "json", cwd=archive.folder
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert isinstance(hits, list) and len(hits) == 2
    assert set(hits[0]) >= RESULT_FIELDS and "snippet_html" in hits[0]
    first = hits[0]
    assert first["url"] == "https://www.nice.fr/conseil/2022-05-10"
    assert first["categories"] == ["reconnaissance_faciale"] and first["date"] == "2022-05-10"
    assert "[reconnaissance] [faciale]" in first["snippet"]
    assert "<mark>reconnaissance</mark>" in first["snippet_html"]
    assert first["score"] > hits[1]["score"]


def test_json_pdf_page_and_facets(archive: Given) -> None:
    result = invoke_vigie(
        "search", "télésurveillance", "--db", archive.db, "--format", "json", "--facets", cwd=archive.folder
    )
    document = json.loads(result.stdout)
    assert set(document) == {"total", "results", "facets"}
    [hit] = document["results"]
    assert hit["page"] == 54 and hit["doc_type"] == "proces_verbal"
    assert document["facets"]["sources"] == {"www.montpellier.fr": 1}
    assert set(document["facets"]) >= {"categories", "sources", "doc_types", "years"}  # extended since
    assert set(document["facets"]) == {
        "categories",
        "sources",
        "doc_types",
        "years",
        "stances",
        "departements",
        "regions",
        "epcis",
        "communes",
    }


def test_table_and_csv(archive: Given) -> None:
    table = invoke_vigie(
        "search", "caméra", "--db", archive.db, "--category", "videoprotection", cwd=archive.folder
    )
    assert table.returncode == 0 and "[caméra]" in table.stdout and "documents (" in table.stdout
    csv_out = invoke_vigie("search", "caméra", "--db", archive.db, "--format", "csv", cwd=archive.folder)
    assert csv_out.stdout.startswith("\ufeffrank,date,source,title")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (['"reconnaissance faciale', "--raw"], "malformed query"),
        (["vidéo", "--since", "hier"], "is not a date"),
        (["vidéo", "--until", "2023-02-30"], "is not a date"),
        (["vidéo", "--category", "ovni"], "unknown value 'ovni'"),
        (["vidéo", "--limit", "0"], "--limit"),
    ],
)
def test_malformed_input_exits_2_with_one_line(archive: Given, args: list[str], expected: str) -> None:
    result = invoke_vigie("search", *args, "--db", archive.db, cwd=archive.folder)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and expected in errors[0]


def test_index_maintenance(archive: Given) -> None:
    for flags, expected in (([], "present"), (["--rebuild"], "rebuilt"), (["--optimize"], "optimized")):
        result = invoke_vigie("index", "--db", archive.db, *flags, cwd=archive.folder)
        assert result.returncode == 0 and expected in result.stdout


def test_index_is_created_for_an_archive_that_had_none(archives: Archives, tmp_path: Path) -> None:
    from tests.search.archive import documents

    location = archives.location(empty=True)
    store = ArchiveStore(location)
    for record in documents().values():
        store.record(record)
    store.close()
    result = invoke_vigie(
        "search", "vidéoprotection", "--db", db_option(location), "--format", "json", cwd=tmp_path
    )
    assert result.returncode == 0 and json.loads(result.stdout)


def test_crawled_archive_is_searchable(tmp_path: Path) -> None:
    assert run_vigie("demo", "--db", "demo.db", "--port", "0", cwd=tmp_path).returncode == 0
    result = invoke_vigie("search", "vidéoprotection", "--db", "demo.db", "--format", "json", cwd=tmp_path)
    assert any(
        hit["url"].endswith("deliberation-2013-14-videoprotection.pdf") for hit in json.loads(result.stdout)
    )


def test_datasette_finds_the_full_text_index(archive: Given) -> None:
    from datasette import app as datasette
    from datasette.utils import detect_fts

    if archive.backend != "sqlite":
        pytest.skip("Datasette opens SQLite files")
    with sqlite3.connect(archive.db) as connection:
        assert detect_fts(connection, "documents") == "documents_fts"

    async def query() -> dict:
        app = datasette.Datasette([archive.db])
        response = await app.client.get(
            "/vigie/documents.json?_search=reconnaissance&_shape=objects&_col=title"
        )
        return response.json()

    rows = asyncio.run(query())["rows"]
    assert {row["title"] for row in rows} >= {"La ville renonce à la reconnaissance faciale"}
