"""The first hour of a new user, as issue 23 tried it on a fresh machine: the demo, what it
suggests, the commands after it, a taken port, the sources' table. Real processes throughout."""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import invoke_vigie, run_vigie, table_counts, vigie_command, vigie_env
from tests.crawler.test_ocr_cli import NO_TESSERACT
from tests.web.browser import START_SECONDS, free_port


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """``vigie demo`` in an empty folder, as the README's set-up runs it, on a port of its own
    (its URLs stay the same from one run to the next, as with the default port)."""
    work = tmp_path_factory.mktemp("first-hour")
    port = str(free_port())
    return work, port, run_vigie("demo", "--port", port, cwd=work)


def test_a_successful_demo_prints_no_warning(demo) -> None:
    _, _, result = demo
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_a_second_demo_adds_nothing_and_counts_the_scan_still_waiting_for_ocr(demo) -> None:
    work, port, first = demo
    assert "needs OCR          1 in the archive, 1 from this run" in first.stdout
    before = table_counts(work / "demo.db")
    again = run_vigie("demo", "--port", port, cwd=work)
    assert again.returncode == 0, again.stderr
    assert " 0 new, 0 changed" in again.stdout and table_counts(work / "demo.db") == before
    # Nothing new this time, but the scan archived by the first run still has no text.
    assert "needs OCR          1 in the archive, 0 from this run" in again.stdout
    assert "from this run; OCR them with: vigie ocr --db demo.db\n" in again.stdout


def test_after_the_demo_commands_without_db_open_its_archive(demo) -> None:
    work, _, _ = demo
    runs = invoke_vigie("runs", "--format", "json", cwd=work)
    assert runs.returncode == 0, runs.stderr
    assert "No vigie.db here: using demo.db, the archive of 'vigie demo'" in runs.stderr
    with serving(["serve", "--port", str(free_port())], work) as (url, process):
        assert "Résultats pour « vidéoprotection »" in fetch(url + "/search?q=vid%C3%A9oprotection")
    assert "Vigie serves demo.db (read-only)" in process.stderr.read()


def test_given_db_or_vigie_db_is_never_swapped_for_the_demo(demo) -> None:
    work, _, _ = demo
    for given in (["--db", "vigie.db"], []):
        env = {} if given else {"VIGIE_DB": "vigie.db"}
        result = invoke_vigie("runs", *given, cwd=work, env=env)
        assert result.returncode == 2 and "no archive at 'vigie.db'" in result.stderr
    assert not (work / "vigie.db").exists()


def test_a_crawl_never_writes_into_the_demo_archive(demo, tmp_path: Path) -> None:
    """The demo's documents carry 127.0.0.1 addresses: a real crawl makes its own vigie.db."""
    work, _, _ = demo
    shutil.copy(work / "demo.db", tmp_path / "demo.db")
    before = table_counts(tmp_path / "demo.db")
    result = run_vigie("crawl", "http://127.0.0.1:9/", "--delay", "0", cwd=tmp_path)
    assert result.returncode == 1 and "using demo.db" not in result.stderr
    assert (tmp_path / "vigie.db").exists() and table_counts(tmp_path / "demo.db") == before


def test_every_command_the_demo_suggests_works_as_printed(tmp_path: Path) -> None:
    """An archive and a files folder with spaces and an apostrophe: copied as printed, each
    suggested command opens that archive, not vigie.db."""
    (tmp_path / "mon archive").mkdir()
    result = run_vigie(
        "demo",
        "--db",
        "mon archive/démo 1.db",
        "--files-dir",
        "fichiers d'origine",
        "--port",
        "0",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    # Pasted whole into a shell: the comment after "#" is left out.
    suggested = [
        shlex.split(line, comments=True) for line in result.stderr.splitlines() if line.startswith("  vigie ")
    ]
    (ocr_hint,) = [
        line.split("OCR them with: ")[1] for line in result.stdout.splitlines() if "OCR them" in line
    ]
    assert [args[1] for args in suggested] == ["serve", "search", "export", "ocr"]
    assert shlex.split(ocr_hint) in suggested
    for command in suggested:
        args = command[1:]
        if args[0] == "serve":
            # Its own port rather than 8000, which another program of this machine may hold.
            with serving([*args, "--port", str(free_port())], tmp_path) as (url, _):
                assert "Ouvrir l'original archivé" in fetch(url + "/documents/1")
            continue
        # Without tesseract, 'vigie ocr' still opens the archive and counts its queue.
        done = run_vigie(*args, cwd=tmp_path, env=NO_TESSERACT if args[0] == "ocr" else None)
        if args[0] == "ocr":
            assert done.returncode == 1 and "the OCR queue keeps its 1 document" in done.stderr, done.stderr
        else:
            assert done.returncode == 0, (command, done.stderr)
    assert (tmp_path / "demo.csv").stat().st_size > 1000
    assert not (tmp_path / "vigie.db").exists()


def test_a_taken_demo_port_is_one_line_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_vigie("demo", "--port", str(port), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: cannot serve the demo site on 127.0.0.1:{port}: Address already in use; choose another --port"
    ]
    assert list(tmp_path.iterdir()) == []


def test_sources_list_has_a_header_row(tmp_path: Path) -> None:
    table = invoke_vigie("sources", "list", "--departement", "34", "--name", "montpellier", cwd=tmp_path)
    header, *lines = table.stdout.splitlines()
    assert header.split() == ["slug", "kind", "dep", "population", "platform", "verified", "name"]
    assert any(line.startswith("montpellier ") for line in lines)
    # The columns line up under their names.
    montpellier = next(line for line in lines if line.startswith("montpellier "))
    assert montpellier[header.index("kind") :].startswith("commune ")
    assert montpellier[header.index("name") :] == "Ville de Montpellier"
    nothing = invoke_vigie("sources", "list", "--name", "nulle part du tout", cwd=tmp_path)
    assert nothing.stdout == "" and "0 source(s)" in nothing.stderr


def fetch(url: str) -> str:
    with urllib.request.urlopen(url) as answer:
        assert answer.status == 200
        return answer.read().decode()


@contextmanager
def serving(args: list[str], cwd: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``vigie serve`` with these arguments in a subprocess; its base URL, then it is stopped."""
    port = int(args[args.index("--port") + 1])
    process = subprocess.Popen(
        vigie_command(*args),
        cwd=cwd,
        env=vigie_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, f"vigie serve did not start within {START_SECONDS} s"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)
