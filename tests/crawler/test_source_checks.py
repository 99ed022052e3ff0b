"""``vigie sources check`` records its results, and ``vigie crawl`` plans around them.

In process (no reactor runs: the crawl is only planned), against sites on 127.0.0.1.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import invoke_vigie, rows
from tests.httpsite import StaticSite

REGISTRY = ("--registry", "mine.toml", "--no-shipped")


@pytest.fixture
def site() -> Iterator[StaticSite]:
    served = StaticSite(pages={"/": ("text/html", b"<h1>Mairie</h1>")}).start()
    yield served
    served.stop()


def write_registry(folder: Path, site: StaticSite) -> None:
    """Three sources: one answers, one is a 404, one is never checked."""
    entries = {"vive": "/", "morte": "/absente/", "jamais": "/autre/"}
    (folder / "mine.toml").write_text(
        "".join(
            f'[[source]]\nslug = "{slug}"\nname = "{slug.title()}"\nkind = "commune"\n'
            f'platform = "generic"\nstart_urls = ["{site.url}{path}"]\n\n'
            for slug, path in entries.items()
        ),
        encoding="utf-8",
    )


def planned(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The slugs of ``--plan``'s listing (rank, slug, kind…)."""
    return [line.split()[1] for line in result.stdout.splitlines()]


def test_checks_are_recorded_and_the_crawl_skips_the_dead(tmp_path: Path, site: StaticSite) -> None:
    write_registry(tmp_path, site)
    checked = invoke_vigie("sources", "check", "vive", "morte", *REGISTRY, cwd=tmp_path)
    assert checked.returncode == 1  # some do not answer, as before
    assert checked.stdout.startswith("ok  200  vive")
    summary = checked.stderr.strip().splitlines()[-1]
    assert summary.startswith("1 of 2 start URL(s) answer (checked 2") and summary.endswith(
        ", recorded in vigie.db)"
    )
    recorded = rows(
        tmp_path / "vigie.db",
        "SELECT slug, url, ok, status, final_url, error FROM source_checks ORDER BY slug",
    )
    assert recorded == [
        ("morte", f"{site.url}/absente/", 0, 404, f"{site.url}/absente/", "HTTP 404"),
        ("vive", f"{site.url}/", 1, 200, f"{site.url}/", None),
    ]
    (day,) = rows(tmp_path / "vigie.db", "SELECT DISTINCT date(checked_at) FROM source_checks")[0]
    assert f"(checked {day}," in summary

    plan = invoke_vigie("crawl", "--all", "--plan", *REGISTRY, cwd=tmp_path)
    assert plan.returncode == 0, plan.stderr
    assert sorted(planned(plan)) == ["jamais", "vive"]  # never checked is not dead
    assert "2 source(s) selected (registry: 3 → answered or never checked: 2)" in plan.stderr
    assert (
        f"1 skipped: their start page did not answer at the last check (vigie sources check, {day})"
        in plan.stderr
    )
    several = invoke_vigie(
        "crawl", "--source", "morte", "--source", "vive", "--plan", *REGISTRY, cwd=tmp_path
    )
    assert planned(several) == ["vive"] and "1 skipped" in several.stderr
    kept = invoke_vigie("crawl", "--all", "--plan", "--include-unanswered", *REGISTRY, cwd=tmp_path)
    assert sorted(planned(kept)) == ["jamais", "morte", "vive"] and "skipped" not in kept.stderr
    one = invoke_vigie("crawl", "--source", "morte", "--plan", *REGISTRY, cwd=tmp_path)
    assert planned(one) == ["morte"]  # a source named alone is crawled whatever its last check
    nothing_else = invoke_vigie("crawl", "--all", "--name", "morte", "--plan", *REGISTRY, cwd=tmp_path)
    assert nothing_else.returncode == 2 and "--include-unanswered" in nothing_else.stderr

    listed = invoke_vigie("sources", "list", "--format", "json", *REGISTRY, cwd=tmp_path)
    last = {record["slug"]: record["last_check"] for record in json.loads(listed.stdout)}
    assert last["jamais"] is None
    assert last["morte"]["ok"] is False and last["morte"]["status"] == 404
    assert last["vive"]["ok"] is True and last["vive"]["checked_at"].startswith(day)


def test_the_latest_check_wins_and_history_is_kept(tmp_path: Path, site: StaticSite) -> None:
    write_registry(tmp_path, site)
    assert invoke_vigie("sources", "check", "morte", *REGISTRY, cwd=tmp_path).returncode == 1
    site.pages["/absente/"] = ("text/html", b"<h1>Revenue</h1>")
    assert invoke_vigie("sources", "check", "morte", *REGISTRY, cwd=tmp_path).returncode == 0
    assert rows(tmp_path / "vigie.db", "SELECT ok FROM source_checks ORDER BY id") == [(0,), (1,)]
    plan = invoke_vigie("crawl", "--all", "--plan", *REGISTRY, cwd=tmp_path)
    assert "morte" in planned(plan) and "skipped" not in plan.stderr


def test_without_an_archive_nothing_is_skipped_and_none_is_created(tmp_path: Path, site: StaticSite) -> None:
    write_registry(tmp_path, site)
    listed = invoke_vigie("sources", "list", "--format", "json", *REGISTRY, cwd=tmp_path)
    assert {record["last_check"] for record in json.loads(listed.stdout)} == {None}
    plan = invoke_vigie("crawl", "--all", "--plan", *REGISTRY, cwd=tmp_path)
    assert len(planned(plan)) == 3
    assert not (tmp_path / "vigie.db").exists()
