"""Registered sources crawled on their platforms: prefecture RAA (DSFR), SCDL CSV, Montpellier's list.

Every site is served on 127.0.0.1; the registries used here are users' own files with
``--no-shipped``, so no test ever reaches the real sites of the shipped registry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.spiders.prefecture_raa import PrefectureRaaSpider
from tests import realdocs
from tests.conftest import FAST, invoke_vigie, rows, run_vigie
from tests.httpsite import StaticSite
from tests.raa_site import RAA_DOCUMENTS, ROOT, raa_pages

SCDL = realdocs.REAL / "altervilles-opendata"
MTP_LIST = realdocs.MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delibs_Archives.csv"


def write_registry(path: Path, entries: list[str]) -> Path:
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def entry(slug: str, kind: str, platform: str, url: str, departement: str = "34", extra: str = "") -> str:
    return f"""[[source]]
slug = "{slug}"
name = "Test {slug}"
kind = "{kind}"
departement = "{departement}"
platform = "{platform}"
start_urls = ["{url}"]
provenance = "test fixture served on 127.0.0.1"
verified = true
{extra}
"""


@pytest.fixture
def prefecture(tmp_path: Path):
    site = StaticSite(pages=raa_pages()).start()
    yield site
    site.stop()


def test_the_raa_spider_is_polite_by_default() -> None:
    assert PrefectureRaaSpider.custom_settings["DOWNLOAD_DELAY"] >= 5
    assert PrefectureRaaSpider.custom_settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1


def test_prefecture_raa_pages_years_months_pagination_downloads(
    prefecture: StaticSite, tmp_path: Path
) -> None:
    registry = write_registry(
        tmp_path / "sources.toml",
        [entry("prefecture-test-34", "prefecture", "prefecture_raa", prefecture.url + ROOT)],
    )
    db = tmp_path / "vigie.db"
    result = run_vigie(
        "crawl",
        "--source",
        "prefecture-test-34",
        "--registry",
        str(registry),
        "--no-shipped",
        "--db",
        str(db),
        *FAST,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    archived = {
        url.removeprefix(prefecture.url): slug
        for url, slug in rows(db, "SELECT url, source_slug FROM document_urls")
    }
    assert set(archived) >= RAA_DOCUMENTS, sorted(archived)
    assert {archived[path] for path in RAA_DOCUMENTS} == {"prefecture-test-34"}
    # Only the RAA tree is walked: the site's menu (Actualités, Mentions légales) is not.
    assert not [hit for hit in prefecture.hits if hit.path.startswith(("/Actualites", "/Mentions"))]
    run = json.loads(invoke_vigie("runs", "--db", str(db), "--format", "json", cwd=tmp_path).stdout)[0]
    assert run["sources"] == ["prefecture-test-34"]
    assert run["source_results"]["prefecture-test-34"]["status"] == "ok"
    assert run["counts"]["new"] >= len(RAA_DOCUMENTS)
    assert run["counts"]["mentions_new"] > 0  # the vidéoprotection deliberation


def test_crawl_all_filters_by_kind_and_departement(prefecture: StaticSite, tmp_path: Path) -> None:
    registry = write_registry(
        tmp_path / "sources.toml",
        [
            entry("prefecture-test-34", "prefecture", "prefecture_raa", prefecture.url + ROOT),
            entry("prefecture-test-13", "prefecture", "prefecture_raa", prefecture.url + "/nulle-part", "13"),
            entry("commune-test-34", "commune", "generic", prefecture.url + "/Publications"),
        ],
    )
    db = tmp_path / "vigie.db"
    result = run_vigie(
        "crawl",
        "--all",
        "--kind",
        "préfecture",
        "--departement",
        "34",
        "--registry",
        str(registry),
        "--no-shipped",
        "--db",
        str(db),
        *FAST,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "prefecture-test-34" in result.stdout
    run = json.loads(invoke_vigie("runs", "--db", str(db), "--format", "json", cwd=tmp_path).stdout)[0]
    assert run["sources"] == ["prefecture-test-34"]
    # The whole registry, prefectures of every département: one source points nowhere.
    result = run_vigie(
        "crawl",
        "--all",
        "--kind",
        "prefecture",
        "--registry",
        str(registry),
        "--no-shipped",
        "--db",
        str(db),
        *FAST,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stdout
    assert "prefecture-test-13" in result.stderr and "look broken" in result.stderr
    run = json.loads(invoke_vigie("runs", "--db", str(db), "--format", "json", cwd=tmp_path).stdout)[0]
    assert run["broken_sources"] == ["prefecture-test-13"]
    assert run["source_results"]["prefecture-test-13"]["status"] == "failed"


def test_scdl_csv_clean_and_dirty_real_files(tmp_path: Path) -> None:
    site = StaticSite().start()
    try:
        clean = (SCDL / "modeles/donnees-deliberations.csv").read_bytes()
        dirty = (SCDL / "data/deliberations-metropole-saint-etienne.csv").read_bytes()
        # The real files point to saint-etienne-metropole.fr: tests stay on 127.0.0.1.
        real_host = b"https://www.saint-etienne-metropole.fr"
        site.pages = {
            "/opendata/deliberations.csv": ("text/csv", clean.replace(real_host, site.url.encode())),
            "/opendata/deliberations-2022.csv": ("text/csv", dirty.replace(real_host, site.url.encode())),
            "/file/3275266/download": ("application/pdf", realdocs.DELIB_VIDEOPROTECTION.read_bytes()),
            "/la-metropole/vie-democratique/deliberations": (
                "text/html; charset=utf-8",
                "<html><body><h1>Délibérations</h1><p>Conseil métropolitain</p></body></html>".encode(),
            ),
        }
        registry = write_registry(
            tmp_path / "sources.toml",
            [
                entry("sem-clean", "epci", "scdl_csv", site.url + "/opendata/deliberations.csv", "42"),
                entry("sem-dirty", "epci", "scdl_csv", site.url + "/opendata/deliberations-2022.csv", "42"),
            ],
        )
        db = tmp_path / "vigie.db"
        result = run_vigie(
            "crawl",
            "--all",
            "--registry",
            str(registry),
            "--no-shipped",
            "--db",
            str(db),
            *FAST,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr + result.stdout
        ((listing, title, date, date_source),) = rows(
            db,
            "SELECT u.listing, d.title, d.date, d.date_source FROM document_urls u "
            "JOIN documents d ON d.id = u.document_id WHERE u.url LIKE '%/file/3275266/download%'",
        )
        row = json.loads(listing)
        assert row["DELIB_ID"] == "2022.00022" and row["VOTE_POUR"] == "62" and row["PREF_ID"] == "PREF042"
        assert title.startswith("REGIE A AUTONOMIE FINANCIERE DES PARCS")
        # The PDF's own date (its text) comes first; the row's date fills in when there is none.
        assert date == "2013-02-04" and date_source != "listing"
        # The dirty file's 80 rows all name the listing page: fetched once, as a page.
        page_hits = site.requests_for("/la-metropole/vie-democratique/deliberations")
        assert len(page_hits) == 1
        ((page_listing,),) = rows(
            db, "SELECT listing FROM document_urls WHERE url LIKE '%/vie-democratique/deliberations'"
        )
        assert page_listing is None
        # The CSV files themselves are archived, with their source.
        slugs = dict(rows(db, "SELECT url, source_slug FROM document_urls WHERE url LIKE '%.csv'"))
        assert set(slugs.values()) == {"sem-clean", "sem-dirty"}
    finally:
        site.stop()


def test_montpellier_utf16_list(tmp_path: Path) -> None:
    site = StaticSite().start()
    try:
        delibs = realdocs.MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delibs_2013_02_04.zip.d"
        site.pages = {"/opendata/VilleMTP_MTP_Delibs_Archives.csv": ("text/csv", MTP_LIST.read_bytes())}
        for pdf in delibs.glob("*.pdf"):
            site.pages[f"/delibs/{pdf.name}"] = ("application/pdf", pdf.read_bytes())
        template = 'options = { document_url = "' + site.url + '/delibs/{date}-{number:010d}.pdf" }'
        registry = write_registry(
            tmp_path / "sources.toml",
            [
                entry(
                    "mtp-liste",
                    "commune",
                    "montpellier_list",
                    site.url + "/opendata/VilleMTP_MTP_Delibs_Archives.csv",
                    "34",
                    template,
                )
            ],
        )
        db = tmp_path / "vigie.db"
        result = run_vigie(
            "crawl",
            "--source",
            "mtp-liste",
            "--registry",
            str(registry),
            "--no-shipped",
            "--db",
            str(db),
            *FAST,
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=16",
            # 705 requests to one loopback site: politeness is tested elsewhere (AutoThrottle's
            # one request at a time made this the suite's slowest test).
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr + result.stdout
        found = rows(
            db,
            "SELECT u.url, d.title, d.date, json_extract(u.listing, '$.numero_poseidon') FROM document_urls u "
            "JOIN documents d ON d.id = u.document_id WHERE u.url LIKE '%/delibs/%'",
        )
        by_number = {number: (title, date) for _, title, date, number in found}
        assert set(by_number) == {"61100", "61102", "61113"}
        title, date = by_number["61100"]
        assert title.startswith("Extension du Réseau de Vidéoprotection Urbaine") and date == "2013-02-04"
        categories = {
            c
            for (c,) in rows(
                db,
                "SELECT DISTINCT m.category FROM mentions m JOIN document_urls u "
                "ON u.document_id = m.document_id WHERE u.url LIKE '%0000061100.pdf'",
            )
        }
        assert "videoprotection" in categories, categories
        # One request per distinct (date, number) record of the 10,590 repeated lines.
        assert len([hit for hit in site.hits if hit.path.startswith("/delibs/")]) == 705
    finally:
        site.stop()
