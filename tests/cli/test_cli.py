"""The ``vigie`` command as a user meets it: help, bad input, exit codes, the demo, exports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from archive.export import EXPORT_FIELDS
from archive.export_acts import ACT_EXPORT_FIELDS
from archive.taxonomy import CATEGORY_IDS
from cli import cli
from tests.conftest import REPO, invoke_vigie, rows, run_vigie


def one_line_error(result) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 40, name
        assert f"vigie {name}" in readme, f"vigie {name} is not documented in README.md"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in readme, f"vigie {name} {opt} is not documented in README.md"


@pytest.mark.parametrize("args", [["-h"], ["crawl", "-h"], ["export", "--help"], ["--version"]])
def test_help_and_version(tmp_path: Path, args: list[str]) -> None:
    result = invoke_vigie(*args, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["crawl", "--bogus", "http://127.0.0.1:9/"], "No such option"),
        (["crawl", "ftp://mairie.fr/"], "is not an http(s) URL"),
        (["crawl", "http://127.0.0.1:9/", "--db", "."], "is a directory"),
        (["crawl", "http://127.0.0.1:9/", "--db", "nowhere/vigie.db"], "does not exist"),
        (["crawl", "http://127.0.0.1:9/", "--db", "/proc/vigie.db"], "cannot open the archive database"),
        (["crawl", "http://127.0.0.1:9/", "--max-size", "lots"], "is not a size"),
        (["crawl", "http://127.0.0.1:9/", "-s", "NOEQUALSIGN"], "is not NAME=VALUE"),
        (["export", "--db", "absent.db"], "no archive at"),
        (["export", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    result = invoke_vigie(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in one_line_error(result)


def test_unreachable_site_fails_loudly_without_traceback(tmp_path: Path) -> None:
    result = run_vigie("crawl", "http://127.0.0.1:9/", "--delay", "0", cwd=tmp_path)
    assert result.returncode == 1
    assert "no page could be fetched" in one_line_error(result)
    assert "connection_refused" in result.stdout
    assert rows(tmp_path / "vigie.db", "SELECT status FROM crawl_runs") == [("completed",)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("demo")
    return work, run_vigie("demo", cwd=work)


def test_demo_crawls_the_bundled_site(demo) -> None:
    work, result = demo
    assert result.returncode == 0, result.stderr
    assert re.search(r"completed .* in [\d.]+ s", result.stdout)
    assert "needs OCR          1" in result.stdout
    # The summary names the three sources and the eight technologies the demo shows.
    assert "start pages        3 of 3 registered source(s)" in result.stdout
    assert "sources            3, 0 look broken" in result.stdout
    for slug in ("montpellier", "commune-92049", "prefecture-34"):
        assert re.search(rf"^    {slug} +\d+ pages +\d+ new .* 0 errors$", result.stdout, re.M), slug
    found = re.search(r"new mentions +\d+ \((.*)\)", result.stdout)
    assert found is not None
    assert sorted(part.split()[0] for part in found[1].split(", ")) == sorted(CATEGORY_IDS)
    db = work / "demo.db"
    assert rows(db, "SELECT count(*) FROM documents WHERE kind = 'pdf'") == [(11,)]
    assert rows(db, "SELECT count(*) FROM document_urls WHERE url LIKE '%/admin/%'") == [(0,)]
    agenda = rows(db, "SELECT count(*) FROM document_urls WHERE url LIKE '%/agenda%'")[0][0]
    assert 1 <= agenda <= 3


def test_demo_archive_has_points_on_the_map(demo) -> None:
    """The demo crawls its sites as the registry's Montpellier, Montrouge and Préfecture de
    l'Hérault: `vigie serve` places them (the prefecture at its département's chef-lieu, where
    it meets Montpellier)."""
    from fastapi.testclient import TestClient

    from archive.db import resolve_location
    from archive.reader import ArchiveReader
    from crawler.sources.registry import load_registry
    from web.app import create_app
    from web.archive_view import WebArchive

    work, _ = demo
    slugs = rows(work / "demo.db", "SELECT DISTINCT source_slug FROM document_urls ORDER BY 1")
    assert slugs == [("commune-92049",), ("montpellier",), ("prefecture-34",)]
    reader = ArchiveReader(resolve_location(str(work / "demo.db"), writable=False))
    try:
        with TestClient(create_app(WebArchive.open(reader, load_registry()))) as client:
            page = client.get("/map")
            assert page.status_code == 200
            assert '<a href="/communes/Montrouge" class="point" data-slug="commune-92049">' in page.text
            assert "<title>Montrouge (92) — 5 documents avec mentions" in page.text
            assert (
                "<title>2 collectivités : Ville de Montpellier, Préfecture de l&#39;Hérault</title>"
                in page.text
            )
            assert '<a href="/communes/Montpellier">Ville de Montpellier</a>' in page.text
            assert client.get("/communes/Montpellier").status_code == 200
            assert client.get("/communes/Montrouge").status_code == 200
    finally:
        reader.close()


def test_export_jsonl_fields(demo) -> None:
    work, _ = demo
    result = invoke_vigie("export", "--db", "demo.db", "--format", "jsonl", cwd=work)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == rows(work / "demo.db", "SELECT count(*) FROM documents")[0][0]
    assert all(list(record) == EXPORT_FIELDS for record in records)
    pv = next(r for r in records if r["url"].endswith("PV_CM_17_02_2014.pdf"))
    assert (pv["doc_type"], pv["pages"], pv["extraction"], pv["needs_ocr"], pv["error"]) == (
        "proces_verbal", 255, "pdfium", False, None,
    )  # fmt: skip
    assert pv["urls"] == [pv["url"]] and pv["source"].startswith("127.0.0.1:")
    assert pv["categories"] == ["videoprotection"]
    assert (pv["date"], pv["date_source"]) == ("2014-02-17", "text")
    camera = next(m for m in pv["mentions"] if m["page"] == 54)
    assert list(camera) == [
        "category", "term", "matched", "start", "end", "page", "context", "stance", "lexicon_version",
        "act_number", "act_title", "act_label",
    ]  # fmt: skip
    assert "huit caméras de télésurveillance" in camera["context"]
    assert camera["act_number"] == "23" and camera["act_label"] == (
        "Point 23 – Convention financière Ville/Communauté d'Agglomération pour l'adaptation d'équipements "
        "de la Ville liés au tramway lignes 4 et 5, page 54, adopté à l'unanimité"
    )
    assert pv["acts"] == 129 and pv["actes_id"] is None
    delib = next(r for r in records if r["url"].endswith("deliberation-2013-14-videoprotection.pdf"))
    assert (delib["actes_id"], delib["actes_siren"], delib["actes_nature"], delib["actes_date"]) == (
        "034-213401722-20130204-0000061100-DE", "213401722", "DE", "2013-02-04",
    )  # fmt: skip
    assert (delib["prefecture_sent_on"], delib["published_on"], delib["acts"]) == (
        "2013-02-06",
        "2013-02-05",
        1,
    )
    assert pv["content_type"] == "application/pdf" and len(pv["sha256"]) == 64
    assert pv["fetched_at"].endswith("Z") and pv["first_seen_at"] <= pv["last_seen_at"]
    scan = next(r for r in records if r["url"].endswith("CR_CM_20_06_2011.pdf"))
    assert scan["needs_ocr"] is True


def test_export_acts_one_record_per_act(demo) -> None:
    work, _ = demo
    result = invoke_vigie("export", "--db", "demo.db", "--acts", cwd=work)
    assert result.returncode == 0, result.stderr
    acts = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(list(act) == ACT_EXPORT_FIELDS for act in acts)
    pv = [act for act in acts if act["document_url"].endswith("PV_CM_17_02_2014.pdf")]
    assert [act["seq"] for act in pv] == list(range(1, 130))
    cameras = next(act for act in pv if act["number"] == "23")
    assert (cameras["page_start"], cameras["page_end"], cameras["vote_for"], cameras["unanimous"]) == (
        54,
        58,
        53,
        True,
    )
    assert cameras["categories"] == ["videoprotection"] and cameras["document_date"] == "2014-02-17"
    assert {m["page"] for m in cameras["mentions"]} == {54, 55}
    delib = next(
        act for act in acts if act["document_url"].endswith("deliberation-2013-14-videoprotection.pdf")
    )
    assert (delib["kind"], delib["number"], delib["decision"], delib["actes_id"]) == (
        "deliberation", "2013/14", "adopte", "034-213401722-20130204-0000061100-DE",
    )  # fmt: skip
    assert delib["label"].startswith("Délibération 2013/14 – Extension du Réseau de Vidéoprotection Urbaine")
    csv_out = invoke_vigie("export", "--db", "demo.db", "--acts", "--format", "csv", "--with-text", cwd=work)
    table = list(csv.DictReader(io.StringIO(csv_out.stdout.removeprefix("\ufeff"), newline="")))
    assert len(table) == len(acts) and list(table[0]) == [*ACT_EXPORT_FIELDS, "text"]
    row = next(row for row in table if row["number"] == "23" and row["doc_type"] == "proces_verbal")
    assert row["unanimous"] == "true" and "huit caméras de télésurveillance" in " ".join(row["text"].split())


def test_export_acts_by_place(demo) -> None:
    """The demo's acts are Montpellier's, Montrouge's and the Hérault prefecture's, not Nice's."""
    work, _ = demo
    every = invoke_vigie("export", "--db", "demo.db", "--acts", cwd=work).stdout.splitlines()

    def acts_of(*place: str) -> list[str]:
        found = invoke_vigie("export", "--db", "demo.db", "--acts", *place, cwd=work)
        assert found.returncode == 0, found.stderr
        return found.stdout.splitlines()

    montpellier, montrouge = acts_of("--commune", "34172"), acts_of("--commune", "92049")
    herault = acts_of("--departement", "34")
    # Montrouge's two deliberations, each in its PDF and on its sitting's page (a vœu is no act).
    assert len(montpellier) > 130 and len(montrouge) == 4
    assert all("/montrouge/" in act for act in montrouge)
    # The Hérault: Montpellier's acts and the prefecture's three arrêtés.
    assert set(montpellier) < set(herault) and len(herault) == len(montpellier) + 3
    assert sorted(herault + montrouge) == sorted(every)
    nice = invoke_vigie(
        "export", "--db", "demo.db", "--acts", "--epci", "200030195", "-o", "nice.jsonl", cwd=work
    )
    assert nice.returncode == 0 and (work / "nice.jsonl").read_text() == ""
    assert nice.stderr.strip() == "0 acts written to nice.jsonl"


def test_export_csv_opens_in_a_spreadsheet(demo) -> None:
    work, _ = demo
    result = invoke_vigie(
        "export", "--db", "demo.db", "--format", "csv", "--with-text", "-o", "out.csv", cwd=work
    )
    assert result.returncode == 0, result.stderr
    raw = (work / "out.csv").read_bytes()
    csv.field_size_limit(10_000_000)  # the 255-page minutes file is one cell
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(table[0]) == [*EXPORT_FIELDS, "text"]
    delib = next(row for row in table if row["url"].endswith("deliberation-2013-14-videoprotection.pdf"))
    assert "Vidéoprotection" in delib["text"] and "\f" not in delib["text"]
    assert delib["needs_ocr"] == "false" and delib["categories"] == "videoprotection"
    assert json.loads(delib["mentions"])[0]["category"] == "videoprotection"


def test_search_hits_name_the_act_they_fall_in(demo) -> None:
    work, _ = demo
    found = invoke_vigie(
        "search", "--db", "demo.db", "caméras télésurveillance", "--format", "json", cwd=work
    )
    assert found.returncode == 0, found.stderr
    [hit] = json.loads(found.stdout)
    assert (hit["page"], hit["act_number"]) == (54, "23")
    assert hit["act"].startswith("Point 23 – Convention financière") and hit["act"].endswith(
        "page 54, adopté à l'unanimité"
    )
    table = invoke_vigie("search", "--db", "demo.db", "--category", "videoprotection", cwd=work)
    assert "Délibération 2013/14 – Extension du Réseau de Vidéoprotection Urbaine" in table.stdout
