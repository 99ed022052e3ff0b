"""``vigie serve`` from the command line: it starts on a real archive and refuses bad input."""

from __future__ import annotations

import json
import socket
import sqlite3
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from archive import ArchiveStore, resolve_location
from archive.db import SCHEMA_VERSION
from archive.errors import OlderSchemaError
from archive.reader import ArchiveReader
from search import ensure_index
from tests.archive.older import older_archive
from tests.archive.test_acts_store import version_1_archive
from tests.conftest import run_vigie
from tests.postgres import PostgresServer
from tests.web.browser import vigie_serve
from tests.web.site import WebFixture


# On PostgreSQL, the role test below serves over HTTP as well (suite time: one server is enough).
@pytest.mark.parametrize("web_backend", ["sqlite"], indirect=True, scope="session")
def test_serve_answers_over_http(web_fixture: WebFixture, tmp_path: Path) -> None:
    with (
        vigie_serve(web_fixture.db, web_fixture.registry, tmp_path, files=web_fixture.files) as url,
        urllib.request.urlopen(url + "/search?q=reconnaissance+faciale") as response,
    ):
        body = response.read().decode()
        assert response.status == 200 and "Résultats pour « reconnaissance faciale »" in body
        assert "server" not in {name.lower() for name in response.headers}


@pytest.mark.parametrize(
    "web_backend", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True, scope="session"
)
def test_a_role_that_may_only_read_serves_a_postgresql_archive(
    web_fixture: WebFixture, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    database = make_url(web_fixture.db).database or ""
    with postgres_server.admin(database) as admin:
        admin.execute("CREATE ROLE vigie_reader LOGIN")
        admin.execute("GRANT USAGE ON SCHEMA public TO vigie_reader")
        admin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO vigie_reader")
    try:
        reader = postgres_server.url(database, user="vigie_reader")
        with vigie_serve(reader, web_fixture.registry, tmp_path, files=web_fixture.files) as url:
            with urllib.request.urlopen(url + "/search?q=reconnaissance+faciale") as response:
                assert "Résultats pour « reconnaissance faciale »" in response.read().decode()
            with urllib.request.urlopen(url + "/api/search?q=vid%C3%A9oprotection") as response:
                found = json.loads(response.read())
            assert found["total"] > 0
            with urllib.request.urlopen(url + found["results"][0]["original_url"]) as response:
                assert response.status == 200 and response.read()
    finally:
        with postgres_server.admin(database) as admin:
            admin.execute("DROP OWNED BY vigie_reader")
            admin.execute("DROP ROLE vigie_reader")


def test_missing_archive_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = run_vigie("serve", "--db", str(tmp_path / "none.db"), cwd=tmp_path)
    assert result.returncode == 2
    assert "no archive at" in result.stderr and "Traceback" not in result.stderr


def test_not_an_archive(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    result = run_vigie("serve", "--db", str(other), cwd=tmp_path)
    assert result.returncode == 2 and "is not a Vigie archive" in result.stderr


def test_port_taken(crawled_web_archive: WebFixture, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_vigie(
            "serve", "--db", crawled_web_archive.db, "--no-shipped", "--port", str(port), cwd=tmp_path
        )
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_older_archive_is_upgraded_before_it_is_served(
    crawled_web_archive: WebFixture, tmp_path: Path
) -> None:
    db = tmp_path / "old.db"
    older_archive(db, 2)  # as a Vigie of schema version 2 left it, with a document, indexed:
    engine = create_engine(f"sqlite:///{db}")
    ensure_index(engine)
    engine.dispose()
    with (
        vigie_serve(db, crawled_web_archive.registry, tmp_path) as url,
        urllib.request.urlopen(url + "/api/documents/1") as answer,
    ):
        document = json.loads(answer.read())
    assert document["doc_type"] == "compte_rendu" and document["ocr_error"] is None
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_an_older_archive_is_not_read_before_a_writer_upgrades_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    version_1_archive(db, "http://v.fr/a.pdf")
    with pytest.raises(OlderSchemaError, match=r"older than this Vigie's .*'vigie index"):
        ArchiveReader(resolve_location(str(db), writable=False))
    ArchiveStore(resolve_location(str(db))).close()  # what any writing command does first
    ArchiveReader(resolve_location(str(db), writable=False)).close()


def test_serve_places_the_records_of_communes_without_a_website(tmp_path: Path) -> None:
    """`vigie serve` hands the geography of the registry's data to the web: Baupte, which has no
    website (no source), places the prefect's arrêté that names it, on the map's GeoJSON and in
    the filters."""
    from tests.cli.test_records_cli import archive_documents
    from tests.realdocs import RAA_MANCHE_VIDEOPROTECTION

    db = tmp_path / "manche.db"
    archive_documents(db, [("https://www.manche.gouv.fr/raa/RAA-SP-14-2025.txt", RAA_MANCHE_VIDEOPROTECTION)])
    store = ArchiveStore(resolve_location(str(db)))
    ensure_index(store.engine)
    store.close()
    registry = tmp_path / "none.toml"
    registry.write_text("", encoding="utf-8")
    with vigie_serve(db, registry, tmp_path, shipped=True) as url:
        with urllib.request.urlopen(url + "/records.geojson") as response:
            features = json.loads(response.read())["features"]
        (baupte,) = [f for f in features if f["properties"]["commune"] == "Baupte"]
        assert baupte["properties"]["insee"] == "50036"
        lon, lat = baupte["geometry"]["coordinates"]
        assert 49.2 < lat < 49.4 and -1.5 < lon < -1.2
        with urllib.request.urlopen(url + "/api/records?commune=50036") as response:
            assert [r["commune"] for r in json.loads(response.read())["records"]] == ["Baupte"]
