"""The source registry: what ships, how it is validated, and ``vigie sources``."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.listings.csvtext import decode, read_rows
from crawler.listings.montpellier import read_montpellier_list
from crawler.listings.scdl import SCDL_FIELDS, read_scdl
from crawler.sources.registry import KINDS, PLATFORMS, RegistryError, load_registry, read_registry_file
from tests import realdocs
from tests.conftest import invoke_vigie, run_vigie
from tests.httpsite import StaticSite

DEPARTEMENTS = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B", "971", "972", "973", "974", "976"}


def test_shipped_registry_has_every_prefecture_and_real_cities() -> None:
    sources = load_registry(
        Path("/nonexistent-user-registry.toml").name if False else None, include_shipped=True
    )
    assert len(sources) >= 100
    prefectures = [s for s in sources.values() if s.kind == "prefecture"]
    assert {s.departement for s in prefectures} == DEPARTEMENTS
    assert all(s.platform == "prefecture_raa" for s in prefectures)
    assert all(urlsplit(s.start_urls[0]).hostname.endswith(".gouv.fr") for s in prefectures)
    for slug in (
        "nice",
        "marseille",
        "montpellier",
        "paris",
        "saint-etienne",
        "toulouse",
        "lyon",
        "villejuif",
        "metz",
        "nimes",
        "valenciennes",
        "dijon",
        "orleans",
    ):
        assert sources[slug].kind == "commune", slug
    for source in sources.values():
        assert source.kind in KINDS and source.platform in PLATFORMS
        assert source.provenance, source.slug
        assert source.verified is False, source.slug  # nothing could be checked from here
        # Hand-written URLs are https; the directory's (generated) ones are as the data give them.
        for url in source.start_urls:
            parts = urlsplit(url)
            scheme_ok = parts.scheme == "https" or source.registry == "generated"
            assert scheme_ok and parts.hostname and " " not in url, url


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            'slug = "a"\nname = "A"\nkind = "ville"\nplatform = "generic"\nstart_urls = ["https://a.fr/"]',
            "kind",
        ),
        (
            'slug = "a"\nname = "A"\nkind = "commune"\nplatform = "generic"\nstart_urls = ["ftp://a.fr/"]',
            "well-formed",
        ),
        (
            'slug = "A b"\nname = "A"\nkind = "commune"\nplatform = "generic"\nstart_urls = ["https://a.fr/"]',
            "slug",
        ),
        (
            'slug = "a"\nname = "A"\nkind = "commune"\nplatform = "wordpress"\nstart_urls = ["https://a.fr/"]',
            "platform",
        ),
        (
            'slug = "a"\nname = "A"\nkind = "commune"\nplatform = "generic"\nstart_urls = ["https://a.fr/"]\n'
            'departement = "20"',
            "département",
        ),
        (
            'slug = "a"\nname = "A"\nkind = "commune"\nplatform = "generic"\nstart_urls = ["https://a.fr/"]\n'
            'link_rules = { deny = ["(unclosed"] }',
            "regular expression",
        ),
    ],
)
def test_broken_entries_are_refused_in_one_line(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "r.toml"
    path.write_text("[[source]]\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        read_registry_file(path, "test")


def test_duplicate_slugs_are_refused(tmp_path: Path) -> None:
    one = '[[source]]\nslug = "a"\nname = "A"\nkind = "commune"\nplatform = "generic"\nstart_urls = ["https://a.fr/"]\n'
    path = tmp_path / "r.toml"
    path.write_text(one + one, encoding="utf-8")
    with pytest.raises(RegistryError, match="duplicate slug"):
        read_registry_file(path, "test")


def test_sources_list_show_add_check(tmp_path: Path) -> None:
    listed = invoke_vigie("sources", "list", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0
    records = json.loads(listed.stdout)
    assert len(records) >= 100
    for field in (
        "slug",
        "name",
        "kind",
        "insee",
        "siren",
        "departement",
        "platform",
        "start_urls",
        "verified",
    ):
        assert field in records[0]
    only_34 = json.loads(
        invoke_vigie(
            "sources", "list", "--kind", "préfecture", "--departement", "34", "--format", "json", cwd=tmp_path
        ).stdout
    )
    assert [r["slug"] for r in only_34] == ["prefecture-34"]

    site = StaticSite(pages={"/": ("text/html", b"<h1>Mairie</h1>")}).start()
    try:
        added = invoke_vigie(
            "sources",
            "add",
            "--slug",
            "ma-commune",
            "--name",
            "Mairie de Test",
            "--kind",
            "commune",
            "--url",
            site.url + "/",
            "--departement",
            "2A",
            "--deny",
            "/agenda/",
            "--provenance",
            "test",
            cwd=tmp_path,
        )
        assert added.returncode == 0, added.stderr
        assert (tmp_path / "vigie-sources.toml").exists()  # the default user registry, here
        shown = json.loads(
            invoke_vigie("sources", "show", "ma-commune", "--format", "json", cwd=tmp_path).stdout
        )
        assert shown["departement"] == "2A" and shown["link_rules"] == {"deny": ["/agenda/"]}
        bad = invoke_vigie(
            "sources",
            "add",
            "--slug",
            "x",
            "--name",
            "X",
            "--kind",
            "ville",
            "--url",
            "https://x.fr/",
            cwd=tmp_path,
        )
        assert bad.returncode == 2 and "kind" in bad.stderr and "Traceback" not in bad.stderr
        (tmp_path / "more.toml").write_text(
            '[[source]]\nslug = "absente"\nname = "Absente"\nkind = "commune"\nplatform = "generic"\n'
            f'start_urls = ["{site.url}/absente/"]\n',
            encoding="utf-8",
        )
        ok = invoke_vigie("sources", "check", "ma-commune", cwd=tmp_path)
        assert ok.returncode == 0 and ok.stdout.startswith("ok ")
        checked = invoke_vigie(
            "sources", "check", "--registry", "more.toml", "--no-shipped", "--format", "json", cwd=tmp_path
        )
        assert checked.returncode == 1
        assert json.loads(checked.stdout) == [
            {
                "slug": "absente",
                "url": f"{site.url}/absente/",
                "ok": False,
                "status": 404,
                "final_url": f"{site.url}/absente/",
                "error": "HTTP 404",
            }
        ]
        assert site.requests_for("/")[0].headers["User-Agent"].startswith("vigie/")
    finally:
        site.stop()
    unknown = run_vigie("crawl", "--source", "nulle-part", cwd=tmp_path)
    assert unknown.returncode == 2 and "unknown source" in unknown.stderr


def test_scdl_reader_on_the_real_files_and_their_usual_deviations() -> None:
    clean = (realdocs.REAL / "altervilles-opendata/modeles/donnees-deliberations.csv").read_bytes()
    (row,) = read_scdl(clean)
    assert row.fields["DELIB_ID"] == "2022.00022" and row.fields["date"] == "2022-01-20"
    # The same real row as other producers write it: BOM, ';', day/month/year, Windows-1252.
    text = clean.decode("utf-8")
    variant = "\ufeff" + text.replace('","', '";"').replace("2022-01-20", "20/01/2022")
    (same,) = read_scdl(variant.encode("utf-8"))
    assert same.fields["date"] == "2022-01-20" and same.url == row.url
    (latin,) = read_scdl(text.replace("REGIE", "RÉGIE").encode("cp1252"))
    assert latin.fields["title"].startswith("RÉGIE")
    dirty = read_scdl(
        (realdocs.REAL / "altervilles-opendata/data/deliberations-metropole-saint-etienne.csv").read_bytes()
    )
    assert len(dirty) == 80
    assert set(SCDL_FIELDS) <= set(dirty[0].fields) and "Nombre de délibération" in dirty[0].fields
    assert (
        dirty[0]
        .fields["title"]
        .startswith("PLAN DE RELANCE METROPOLITAIN 2021-2023 - ATTRIBUTION D’UN FONDS DE CONCOURS")
    )
    assert "\n" not in dirty[0].fields["title"]


def test_montpellier_list_reader_rebuilds_broken_lines() -> None:
    body = (realdocs.MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delibs_Archives.csv").read_bytes()
    assert body[:2] == b"\xff\xfe"
    rows = read_montpellier_list(body, "https://example.org/{date}-{number:010d}.pdf")
    assert len(rows) == 705
    videoprotection = [r for r in rows if "Vidéoprotection" in r.fields["title"]]
    assert len(videoprotection) >= 1
    (extension,) = [r for r in rows if r.fields["numero_poseidon"] == "61100"]
    assert extension.url == "https://example.org/2013-02-04-0000061100.pdf"
    assert extension.fields["title"].endswith("Autorisation à signer le Marché")
    assert read_rows(decode(body))  # decodes as text, not as mojibake
