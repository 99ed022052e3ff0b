"""Nightly re-crawls: conditional requests, unchanged bytes left alone, replaced and removed documents."""

from __future__ import annotations

import json
from pathlib import Path

from tests import realdocs
from tests.conftest import FAST, invoke_vigie, rows, run_vigie
from tests.httpsite import StaticSite

HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


def council_site(validators: bool) -> StaticSite:
    index = (
        "<html><head><title>Conseil municipal</title></head><body><h1>Conseil municipal</h1><ul>"
        '<li><a href="/docs/delib-2013-14.pdf">Délibération 2013/14 vidéoprotection</a></li>'
        '<li><a href="/docs/registre.pdf">Registre des délibérations</a></li>'
        '<li><a href="/docs/clspd.pdf">Délibération CLSPD</a></li>'
        "</ul></body></html>"
    ).encode()
    return StaticSite(
        pages={
            "/conseil-municipal/": (HTML, index),
            "/docs/delib-2013-14.pdf": (PDF, realdocs.DELIB_VIDEOPROTECTION.read_bytes()),
            "/docs/registre.pdf": (PDF, realdocs.DELIB_BUDGET.read_bytes()),
            "/docs/clspd.pdf": (PDF, realdocs.DELIB_CLSPD.read_bytes()),
        },
        validators=validators,
    ).start()


def crawl(site: StaticSite, work: Path, *extra: str):
    return run_vigie(
        "crawl", site.url + "/conseil-municipal/", "--db", str(work / "vigie.db"), *FAST, *extra, cwd=work
    )


def archive_state(db: Path) -> tuple:
    return (
        rows(db, "SELECT sha256, title, text_length, tagged_with FROM documents ORDER BY sha256"),
        rows(db, "SELECT document_id, category, start FROM mentions ORDER BY document_id, start"),
    )


def last_run(work: Path) -> dict:
    return json.loads(
        invoke_vigie("runs", "--db", str(work / "vigie.db"), "--format", "json", cwd=work).stdout
    )[0]


def test_unchanged_site_gets_conditional_requests_and_nothing_changes(tmp_path: Path) -> None:
    site = council_site(validators=True)
    try:
        assert crawl(site, tmp_path).returncode == 0
        before = archive_state(tmp_path / "vigie.db")
        site.hits.clear()
        result = crawl(site, tmp_path, "-v")
        assert result.returncode == 0, result.stderr
        for path in ("/conseil-municipal/", "/docs/delib-2013-14.pdf", "/docs/registre.pdf"):
            (hit,) = site.requests_for(path)
            assert hit.headers.get("If-None-Match", "").startswith('"'), hit.headers
            assert "If-Modified-Since" in hit.headers
            assert hit.status == 304
        assert archive_state(tmp_path / "vigie.db") == before
        run = last_run(tmp_path)
        assert (
            run["counts"]["new"] == 0 and run["counts"]["changed"] == 0 and run["counts"]["mentions_new"] == 0
        )
        assert run["counts"]["unchanged"] == 4  # the page and its three PDFs
        seen = rows(
            tmp_path / "vigie.db", "SELECT count(*) FROM document_urls WHERE last_seen_at > first_seen_at"
        )
        assert seen == [(4,)]
    finally:
        site.stop()


def test_only_archived_urls_are_looked_up_and_made_conditional(tmp_path: Path) -> None:
    site = council_site(validators=True)
    try:
        assert crawl(site, tmp_path).returncode == 0
        site.hits.clear()
        # A second night with one URL never archived: it must go out plain, and be archived.
        site.pages["/contact"] = (HTML, b"<html><body><p>Mairie de Vigie</p></body></html>")
        result = crawl(site, tmp_path, "-v", site.url + "/contact")
        assert result.returncode == 0, result.stderr
        (plain,) = site.requests_for("/contact")
        assert "If-None-Match" not in plain.headers and plain.status == 200
        assert "'vigie/known_urls': 4" in result.stderr  # the snapshot of archived URLs, read once
        assert "'vigie/conditional_requests': 4" in result.stderr
        assert last_run(tmp_path)["counts"]["new"] == 1
    finally:
        site.stop()


def test_same_bytes_without_validators_are_not_extracted_again(tmp_path: Path) -> None:
    site = council_site(validators=False)
    try:
        assert crawl(site, tmp_path).returncode == 0
        before = archive_state(tmp_path / "vigie.db")
        result = crawl(site, tmp_path, "-v")
        assert result.returncode == 0
        assert "'vigie/unchanged_bytes': 4" in result.stderr  # neither extracted nor tagged
        assert archive_state(tmp_path / "vigie.db") == before
        assert last_run(tmp_path)["counts"]["unchanged"] == 4
    finally:
        site.stop()


def test_replaced_and_removed_documents_are_reported_and_old_versions_kept(tmp_path: Path) -> None:
    site = council_site(validators=True)
    db = tmp_path / "vigie.db"
    try:
        assert crawl(site, tmp_path).returncode == 0
        # The commune silently replaces one deliberation and takes another one down,
        # removing its link too: only a revisit of the archived URL can notice.
        site.pages["/docs/registre.pdf"] = (PDF, realdocs.DELIB_POESIE.read_bytes())
        del site.pages["/docs/clspd.pdf"]
        page_type, page = site.pages["/conseil-municipal/"]
        site.pages["/conseil-municipal/"] = (
            page_type,
            page.replace(b'<li><a href="/docs/clspd.pdf">', b"<li><a>"),
        )
        result = crawl(site, tmp_path)
        assert result.returncode == 0, result.stderr
        assert "2 changed" in result.stdout and "1 removed" in result.stdout, result.stdout
        run = last_run(tmp_path)
        assert run["counts"]["changed"] == 2  # the index page and the register
        assert run["counts"]["removed"] == 1
        records = [
            json.loads(line)
            for line in invoke_vigie("export", "--db", str(db), cwd=tmp_path).stdout.splitlines()
        ]
        register = sorted(
            (r for r in records if r["url"].endswith("/docs/registre.pdf")), key=lambda r: r["first_seen_at"]
        )
        assert len(register) == 2  # both versions kept
        old, new = register
        assert (
            old["latest"] is False
            and old["replaced_at"]
            and new["latest"] is True
            and new["replaced_at"] is None
        )
        assert old["sha256"] != new["sha256"]
        (removed,) = [r for r in records if r["url"].endswith("/docs/clspd.pdf")]
        assert removed["removed_at"] and removed["latest"] is True and removed["mentions"]
        # A third night: the removal is not news any more, and not an error.
        third = crawl(site, tmp_path)
        assert (
            third.returncode == 0
            and "0 removed" in third.stdout
            and "errors             none" in third.stdout
        )
    finally:
        site.stop()
