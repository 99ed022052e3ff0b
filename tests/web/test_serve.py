"""``vigie serve`` from the command line: it starts on a real archive and refuses bad input."""

from __future__ import annotations

import socket
import sqlite3
import urllib.request
from pathlib import Path

from tests.conftest import run_vigie
from tests.web.browser import vigie_serve
from tests.web.site import WebFixture


def test_serve_answers_over_http(web_fixture: WebFixture, tmp_path: Path) -> None:
    with (
        vigie_serve(web_fixture.db, web_fixture.registry, tmp_path) as url,
        urllib.request.urlopen(url + "/search?q=reconnaissance+faciale") as response,
    ):
        body = response.read().decode()
        assert response.status == 200 and "Résultats pour « reconnaissance faciale »" in body
        assert "server" not in {name.lower() for name in response.headers}


def test_missing_archive_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = run_vigie("serve", "--db", str(tmp_path / "none.db"), cwd=tmp_path)
    assert result.returncode == 2
    assert "no archive at" in result.stderr and "Traceback" not in result.stderr


def test_not_an_archive(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    result = run_vigie("serve", "--db", str(other), cwd=tmp_path)
    assert result.returncode == 2 and "is not a Vigie archive" in result.stderr


def test_port_taken(web_fixture: WebFixture, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_vigie(
            "serve", "--db", str(web_fixture.db), "--no-shipped", "--port", str(port), cwd=tmp_path
        )
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
