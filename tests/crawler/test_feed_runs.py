"""Alerts and reports: ``vigie feed`` (parsed by a real feed parser) and ``vigie runs``."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser

from tests import realdocs
from tests.conftest import invoke_vigie, rows
from tests.crawler.test_incremental import PDF, council_site, crawl


def feed(work: Path, *args: str) -> feedparser.FeedParserDict:
    result = invoke_vigie("feed", "--db", str(work / "vigie.db"), *args, cwd=work)
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse(result.stdout)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def with_mentions(db: Path, category: str | None = None) -> list[tuple[str, str]]:
    """(first URL, first seen) of the documents with mentions, newest first."""
    where = "WHERE m.category = ?" if category else ""
    return rows(
        db,
        "SELECT (SELECT url FROM document_urls u WHERE u.document_id = d.id ORDER BY u.first_seen_at, u.id LIMIT 1), "
        f"d.first_seen_at FROM documents d WHERE d.is_latest = 1 AND d.id IN (SELECT m.document_id FROM mentions m {where}) "
        "ORDER BY d.first_seen_at DESC, d.id DESC",
        *([category] if category else []),
    )


def test_feed_lists_exactly_the_new_documents_with_mentions_newest_first(tmp_path: Path) -> None:
    site = council_site(validators=True)
    db = tmp_path / "vigie.db"
    try:
        assert crawl(site, tmp_path).returncode == 0
        first = feed(tmp_path)
        expected = with_mentions(db)
        assert [entry.link for entry in first.entries] == [url for url, _ in expected]
        assert len(first.entries) == len(expected) >= 3
        for entry in first.entries:
            assert entry.summary and entry.tags and entry.published
        # A new deliberation appears: it heads the feed, and nothing else changes.
        site.pages["/docs/nouvelle.pdf"] = (PDF, realdocs.COUTHENANS_CR.read_bytes())
        page_type, page = site.pages["/conseil-municipal/"]
        site.pages["/conseil-municipal/"] = (
            page_type,
            page.replace(b"</ul>", b'<li><a href="/docs/nouvelle.pdf">Compte rendu</a></li></ul>'),
        )
        assert crawl(site, tmp_path).returncode == 0
        second = feed(tmp_path)
        # New: the deliberation and the new version of the page that links to it (whose
        # old version, superseded, leaves the feed); then the earlier ones, in their order.
        index = site.url + "/conseil-municipal/"
        assert {entry.link for entry in second.entries[:2]} == {site.url + "/docs/nouvelle.pdf", index}
        assert [entry.link for entry in second.entries[2:]] == [
            e.link for e in first.entries if e.link != index
        ]
        (new,) = [entry for entry in second.entries if entry.link.endswith("/nouvelle.pdf")]
        assert "caméra" in new.summary.lower()
        assert second.feed.title.startswith("Vigie")
        # Filters: category, source (registry slug or host), query.
        only = feed(tmp_path, "--category", "videoprotection")
        assert [entry.link for entry in only.entries] == [
            url for url, _ in with_mentions(db, "videoprotection")
        ]
        host = site.url.removeprefix("http://")
        assert len(feed(tmp_path, "--source", host).entries) == len(second.entries)
        assert feed(tmp_path, "--source", "ailleurs.fr").entries == []
        matched = feed(tmp_path, "--query", "point vert", "-o", "-")
        assert [entry.link for entry in matched.entries] == [site.url + "/docs/nouvelle.pdf"]
        bad = invoke_vigie("feed", "--db", str(db), "--category", "licornes", cwd=tmp_path)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr
    finally:
        site.stop()


def test_runs_json_contract_and_health(tmp_path: Path) -> None:
    site = council_site(validators=True)
    try:
        assert crawl(site, tmp_path).returncode == 0
        assert crawl(site, tmp_path).returncode == 0
        site.pages.clear()  # the site is gone
        assert crawl(site, tmp_path).returncode == 1
    finally:
        site.stop()
    result = invoke_vigie("runs", "--db", str(tmp_path / "vigie.db"), "--format", "json", cwd=tmp_path)
    runs = json.loads(result.stdout)
    assert [run["id"] for run in runs] == [3, 2, 1]  # newest first
    for run in runs:
        for field in ("started_at", "finished_at", "status", "sources", "counts"):
            assert field in run
        assert set(run["counts"]) >= {
            "pages",
            "new",
            "changed",
            "unchanged",
            "removed",
            "errors",
            "mentions_new",
        }
    assert runs[2]["counts"]["new"] == 4 and runs[2]["counts"]["mentions_new"] > 0
    assert runs[1]["counts"]["unchanged"] == 4 and runs[1]["counts"]["new"] == 0
    host = site.url.removeprefix("http://")
    # Every URL seen before now answers 404: removed (history, not errors); the source is broken.
    assert runs[0]["broken_sources"] == [host] and runs[0]["counts"]["removed"] == 4
    table = invoke_vigie("runs", "--db", str(tmp_path / "vigie.db"), cwd=tmp_path)
    assert table.returncode == 0 and host in table.stdout
    health = invoke_vigie(
        "runs", "--health", "--db", str(tmp_path / "vigie.db"), "--format", "json", cwd=tmp_path
    )
    assert health.returncode == 1  # a failing source
    (source,) = json.loads(health.stdout)
    assert source["slug"] == host and source["badge"] == "failing"
    assert source["statuses"] == ["failed", "ok", "ok"] and source["last_ok"]
