"""Real crawls, in a subprocess, of the test commune served on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests import realdocs
from tests.conftest import FAST, REPO, rows, run_vigie, serving_sites, table_counts
from tests.site import NFD_PATH


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    """One crawl of the test commune, shared by the assertions below."""
    work = tmp_path_factory.mktemp("crawl")
    # Its own profile folders, to see what the crawl leaves there (test_nothing_left_in_the_profile).
    profile = {"HOME": str(work / "home"), "XDG_STATE_HOME": str(work / "home" / "state")}
    with serving_sites() as sites:
        result = run_vigie("crawl", sites.url, "--db", str(work / "vigie.db"), *FAST, cwd=work, env=profile)
        yield sites, work / "vigie.db", result


def test_nothing_left_in_the_profile(crawled) -> None:
    """No console, no remote control: Scrapy 2.19's would listen on a port and leave a job file
    with its token under ~/.local/state/scrapy."""
    _, db, result = crawled
    assert result.returncode == 0, result.stderr
    home = db.parent / "home"
    assert not home.exists() or not [path for path in home.rglob("*") if "scrapy" in path.parts]
    assert "remote control" not in result.stderr.lower() and "telnet" not in result.stderr.lower()


def urls_of(db: Path) -> dict[str, tuple]:
    found = rows(
        db,
        "SELECT u.url, d.kind, d.doc_type, d.pages, d.text, d.extraction, d.needs_ocr, d.error, d.sha256, "
        "d.title FROM document_urls u JOIN documents d ON d.id = u.document_id",
    )
    return {row[0]: row[1:] for row in found}


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_crawl_ends_by_itself_and_reports(crawled) -> None:
    _, _, result = crawled
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "completed" in result.stdout
    assert "pages fetched" in result.stdout
    assert "http_404 1" in result.stdout and "http_500 1" in result.stdout
    assert "pdf_corrupt 1" in result.stdout


def test_obeys_robots_and_never_leaves_its_host(crawled) -> None:
    sites, db, _ = crawled
    assert "/robots.txt" in sites.commune.hits
    assert not [hit for hit in sites.commune.hits if hit.startswith("/prive/")]
    assert sites.offsite.hits == []
    hosts = {url.split("/")[2] for url in urls_of(db)}
    assert hosts == {sites.url.split("/")[2]}


def test_endless_calendar_and_pagination_are_bounded(crawled) -> None:
    sites, _, _ = crawled
    calendar = [hit for hit in sites.commune.hits if hit.startswith("/agenda")]
    listing = [hit for hit in sites.commune.hits if hit.startswith("/deliberations")]
    assert 1 <= len(calendar) <= 3  # off-topic links: the shallow budget
    assert 3 <= len(listing) <= 12  # council links: the deep budget, still finite


def test_every_reachable_page_and_document_is_archived(crawled) -> None:
    _sites, db, _ = crawled
    archived = {path_of(url) for url in urls_of(db)}
    expected = {
        "/",
        "/conseil-municipal/",
        "/latin1.html",
        "/ancien-site/cp1252.html",
        "/document.php?id=77",
        "/docs/delib-2013-14.pdf",
        "/archives/2013/delib-2013-14.pdf",
        "/docs/PV_CM_17_02_2014.pdf",
        "/docs/scan-cr-2011.pdf",
        "/docs/corrompu.pdf",
        NFD_PATH,
        "/docs/deliberations-archives.csv",
    }
    assert expected <= archived
    assert "/ancienne-page-conseil" not in archived  # the redirect is archived at its target
    assert not {"/manquant.html", "/erreur.html"} & archived


def test_pdf_text_is_kept_per_page(crawled) -> None:
    _sites, db, _ = crawled
    by_path = {path_of(url): row for url, row in urls_of(db).items()}
    kind, doc_type, pages, text, extraction, needs_ocr, error, *_ = by_path["/docs/PV_CM_17_02_2014.pdf"]
    assert (kind, doc_type, pages, extraction, needs_ocr, error) == (
        "pdf",
        "proces_verbal",
        255,
        "pdfium",
        0,
        None,
    )
    assert text.count("\f") == 254
    assert "caméras de télésurveillance" in text


def test_octet_stream_pdf_is_recognised_by_its_bytes(crawled) -> None:
    _, db, _ = crawled
    by_path = {path_of(url): row for url, row in urls_of(db).items()}
    kind, doc_type, pages, text, extraction, *_ = by_path["/document.php?id=77"]
    assert (kind, extraction, pages) == ("pdf", "pdfium", 2)
    assert "Extension du Réseau de Vidéoprotection Urbaine" in " ".join(text.split())
    assert doc_type == "deliberation"


def test_same_pdf_under_two_urls_is_one_document(crawled) -> None:
    _, db, _ = crawled
    sha = hashlib.sha256(realdocs.DELIB_VIDEOPROTECTION.read_bytes()).hexdigest()
    urls = rows(
        db,
        "SELECT u.url FROM document_urls u JOIN documents d ON d.id = u.document_id WHERE d.sha256 = ?",
        sha,
    )
    assert {path_of(url) for (url,) in urls} == {
        "/document.php?id=77",
        "/docs/delib-2013-14.pdf",
        "/archives/2013/delib-2013-14.pdf",
    }
    assert rows(db, "SELECT count(*) FROM documents WHERE sha256 = ?", sha) == [(1,)]


def test_scanned_corrupt_and_encodings(crawled) -> None:
    _, db, _ = crawled
    by_path = {path_of(url): row for url, row in urls_of(db).items()}
    assert by_path["/docs/scan-cr-2011.pdf"][5] == 1  # needs_ocr
    corrupt_error = by_path["/docs/corrompu.pdf"][6]
    assert corrupt_error and "PDF" in corrupt_error
    assert "vidéoprotection à l'école" in by_path["/latin1.html"][3]
    assert "« caméras piétons » : cœur de ville" in by_path["/ancien-site/cp1252.html"][3]
    assert "L’adjoint" in by_path["/ancien-site/cp1252.html"][3]
    csv_text = by_path["/docs/deliberations-archives.csv"][3]
    assert "Vidéoprotection" in csv_text
    nfd = by_path[NFD_PATH]
    assert nfd[8] == "liste des délibérations 16 mai 2025"  # title from the name, NFC
    assert nfd[1] == "liste_deliberations"


def test_site_chrome_is_not_in_page_text(crawled) -> None:
    _, db, _ = crawled
    texts = [row[3] for row in urls_of(db).values() if row[0] == "html"]
    assert texts
    assert not [text for text in texts if "1 place de la République" in text]


def test_archived_files_are_the_fetched_bytes(crawled) -> None:
    _, db, _ = crawled
    files = Path(f"{db}.files")
    for sha, size in rows(db, "SELECT sha256, size FROM documents"):
        stored = (files / sha[:2] / sha[2:4] / sha).read_bytes()
        assert len(stored) == size
        assert hashlib.sha256(stored).hexdigest() == sha
    pv = realdocs.PV_255_PAGES.read_bytes()
    sha = hashlib.sha256(pv).hexdigest()
    assert (files / sha[:2] / sha[2:4] / sha).read_bytes() == pv


def test_run_is_recorded(crawled) -> None:
    _, db, _ = crawled
    [(status, reason, pages, new, errors)] = rows(
        db, "SELECT status, close_reason, pages_fetched, documents_new, errors FROM crawl_runs"
    )
    assert (status, reason) == ("completed", "finished")
    assert pages >= new > 10
    assert json.loads(errors)["http_404"] == 1


def test_recrawl_adds_nothing_and_keeps_versions(tmp_path: Path) -> None:
    db = tmp_path / "vigie.db"
    with serving_sites() as sites:
        sites.commune.changing_pdf = realdocs.DELIB_BUDGET.read_bytes()
        first = run_vigie("crawl", sites.url, "--db", str(db), *FAST, cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        before = table_counts(db)
        second = run_vigie("crawl", sites.url, "--db", str(db), *FAST, cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        assert table_counts(db) == before
        assert " 0 new, 0 changed" in second.stdout
        assert rows(db, "SELECT count(*) FROM crawl_runs") == [(2,)]

        sites.commune.changing_pdf = realdocs.DELIB_POESIE.read_bytes()
        third = run_vigie("crawl", sites.url, "--db", str(db), *FAST, cwd=tmp_path)
        assert third.returncode == 0, third.stderr
        assert " 0 new, 1 changed" in third.stdout
    versions = rows(
        db,
        "SELECT d.sha256 FROM document_urls u JOIN documents d ON d.id = u.document_id "
        "WHERE u.url LIKE '%/docs/evolutif.pdf' ORDER BY u.first_seen_at",
    )
    assert [sha for (sha,) in versions] == [
        hashlib.sha256(realdocs.DELIB_BUDGET.read_bytes()).hexdigest(),
        hashlib.sha256(realdocs.DELIB_POESIE.read_bytes()).hexdigest(),
    ]
    assert table_counts(db)["documents"] == before["documents"] + 1


def test_scrapy_crawl_generic_works(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "scrapy.db"
    with serving_sites() as sites:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "generic",
                "-a",
                f"start_urls={sites.url}",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "AUTOTHROTTLE_START_DELAY=0.01",
                "-s",
                "LOG_LEVEL=WARNING",
            ],
            cwd=REPO,
            env={"PATH": "/usr/bin:/bin", "VIGIE_DB": str(db), "HOME": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=240,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert rows(db, "SELECT count(*) FROM documents")[0][0] > 10
    assert rows(db, "SELECT status FROM crawl_runs") == [("completed",)]


def test_download_size_is_capped(tmp_path: Path) -> None:
    with serving_sites() as sites:
        result = run_vigie("crawl", sites.url, "--db", "vigie.db", "--max-size", "500KB", *FAST, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "too_large 3" in result.stdout
    archived = {path_of(url) for url in urls_of(tmp_path / "vigie.db")}
    assert "/docs/PV_CM_17_02_2014.pdf" not in archived and "/docs/delib-2013-14.pdf" in archived


def test_interrupted_crawl_keeps_what_it_archived_and_fails(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    with serving_sites() as sites:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "crawl", sites.url, "--db", "vigie.db", "--delay", "0.2"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while len(sites.commune.hits) < 5 and time.monotonic() < deadline:
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    assert "interrupted" in out
    assert process.returncode == 1 and "Traceback" not in err
    assert "did not complete" in err
    [(status, reason, new)] = rows(
        tmp_path / "vigie.db", "SELECT status, close_reason, documents_new FROM crawl_runs"
    )
    assert (status, reason) == ("interrupted", "shutdown")
    assert new == rows(tmp_path / "vigie.db", "SELECT count(*) FROM documents")[0][0] > 0


def test_mentions_land_in_the_archive_with_pages(crawled) -> None:
    _, db, _ = crawled
    found = rows(
        db,
        "SELECT m.category, m.matched, m.page, m.context, m.lexicon_version, d.tagged_with FROM mentions m "
        "JOIN documents d ON d.id = m.document_id JOIN document_urls u ON u.document_id = d.id "
        "WHERE u.url LIKE '%PV_CM_17_02_2014.pdf'",
    )
    on_54 = {(category, matched) for category, matched, page, *_ in found if page == 54}
    assert on_54 >= {("videoprotection", "caméras"), ("videoprotection", "CSU")}
    assert all(version == tagged for *_, version, tagged in found)
    assert any("huit caméras de télésurveillance reliées au CSU" in context for _, _, _, context, *_ in found)
    latin1 = rows(
        db,
        "SELECT m.category, m.page FROM mentions m JOIN document_urls u ON u.document_id = m.document_id "
        "WHERE u.url LIKE '%/latin1.html'",
    )
    assert latin1 == [("videoprotection", None), ("videoprotection", None)]


def test_decision_records_are_read_in_the_crawl_with_their_evidence(crawled) -> None:
    _, db, _ = crawled
    found = rows(
        db,
        "SELECT r.kind, r.technologies, r.cameras, r.evidence, r.act_id, r.built_with, d.text FROM decision_records r "
        "JOIN documents d ON d.id = r.document_id JOIN document_urls u ON u.document_id = d.id "
        "WHERE u.url LIKE '%PV_CM_17_02_2014.pdf'",
    )
    assert found, "the minutes' items about cameras give records"
    assert all(act_id is not None and built_with for *_, act_id, built_with, _ in found)  # one per act
    eight = [row for row in found if row[2] == 8]  # "huit caméras de télésurveillance reliées au CSU"
    assert eight and "videoprotection" in json.loads(eight[0][1])
    _, _, _, evidence, _, _, text = eight[0]
    start, end = json.loads(evidence)["cameras"]
    assert text[start:end].lower().startswith("huit")
