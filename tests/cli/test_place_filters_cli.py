"""``--commune``, ``--epci``, ``--departement`` and ``--region`` of ``vigie search``, ``vigie feed``
and ``vigie export``, on documents found by real registry sources (``tests.search.places_archive``)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import invoke_vigie
from tests.search.places_archive import MONTPELLIER, MONTPELLIER_METROPOLE, build_places_archive

ATOM = "{http://www.w3.org/2005/Atom}"
METROPOLE_URLS = {
    "https://www.montpellier.fr/delib-videoprotection.html",
    "https://www.castelnau-le-lez.fr/conseil/2024-03.html",
    "https://www.montpellier3m.fr/conseil/2024-05.html",
}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("place-cli")
    build_places_archive(folder / "vigie.db").close()
    return folder


def search_urls(work: Path, *args: str) -> set[str]:
    result = invoke_vigie("search", "caméras", "--format", "json", "--limit", "50", *args, cwd=work)
    assert result.returncode == 0, result.stderr
    return {hit["url"] for hit in json.loads(result.stdout)}


def test_search_by_epci_commune_departement_and_region(work: Path) -> None:
    assert search_urls(work, "--epci", MONTPELLIER_METROPOLE) == METROPOLE_URLS
    assert search_urls(work, "--commune", MONTPELLIER) == {
        "https://www.montpellier.fr/delib-videoprotection.html"
    }
    assert search_urls(work, "--departement", "69") == search_urls(work, "--region", "84")
    assert search_urls(work, "--region", "84") == {
        "https://actes.example.org/069-200046977-20240101-1-DE.html"
    }
    assert len(search_urls(work, "--region", "76", "--region", "93")) == 6
    assert search_urls(work, "--region", "93", "--commune", MONTPELLIER) == set()


def test_search_facets_count_places(work: Path) -> None:
    result = invoke_vigie("search", "caméras", "--format", "json", "--facets", cwd=work)
    facets = json.loads(result.stdout)["facets"]
    assert facets["regions"] == {"76": 5, "84": 1, "93": 1}
    assert facets["epcis"][MONTPELLIER_METROPOLE] == 3
    assert facets["communes"] == {"06088": 1, "30189": 1, "34057": 1, "34172": 1}


def test_the_category_hint_keeps_the_place_filters(work: Path) -> None:
    result = invoke_vigie("search", "vidéoprotection", "--commune", MONTPELLIER, "--region", "76", cwd=work)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.endswith("vigie search --category videoprotection --commune 34172 --region 76")


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [
        (
            "search",
            ["--commune", "montpellier"],
            "Error: --commune: 'montpellier' is not an INSEE code (34172, 2A004); "
            "for a registry source, use --source montpellier",
        ),
        ("search", ["--epci", "24340001"], "Error: --epci: '24340001' is not a SIREN (9 digits: 243400017)"),
        (
            "search",
            ["--region", "77"],
            "Error: --region: unknown value '77'; choose from 01, 02, 03, 04, 06, 11",
        ),
        (
            "search",
            ["--region", "occitanie"],
            "Error: --region: 'occitanie' is not a région code (76, 11, 04…)",
        ),
        (
            "search",
            ["--departement", "20"],
            "Error: --departement: '20' is not a département code (01, 2A, 974…)",
        ),
        ("feed", ["--region", "77"], "Error: --region: unknown value '77'"),
        ("export", ["--commune", "nice"], "Error: --commune: 'nice' is not an INSEE code (34172, 2A004)"),
        ("export", ["--epci", "abc"], "Error: --epci: 'abc' is not a SIREN (9 digits: 243400017)"),
    ],
)
def test_bad_places_are_one_line_usage_errors(
    work: Path, command: str, args: list[str], message: str
) -> None:
    result = invoke_vigie(command, *args, cwd=work)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and errors[0].startswith(message), result.stderr
    assert "Traceback" not in result.stderr
    if command == "export":  # it has no --source to suggest
        assert "--source" not in result.stderr


def test_feed_by_place(work: Path) -> None:
    result = invoke_vigie("feed", "--epci", MONTPELLIER_METROPOLE, "--region", "76", cwd=work)
    assert result.returncode == 0, result.stderr
    feed = ET.fromstring(result.stdout.encode())
    links = {link.get("href") for link in feed.iter(f"{ATOM}link")}
    assert links == METROPOLE_URLS
    assert (
        feed.findtext(f"{ATOM}title")
        == f"Vigie : nouvelles mentions (région 76, EPCI {MONTPELLIER_METROPOLE})"
    )
    assert feed.findtext(f"{ATOM}id") == f"urn:vigie:feed:region=76&epci={MONTPELLIER_METROPOLE}&q="


def test_export_by_place(work: Path) -> None:
    result = invoke_vigie("export", "--epci", MONTPELLIER_METROPOLE, cwd=work)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {record["url"] for record in records} == METROPOLE_URLS
    [montpellier] = [record for record in records if "montpellier.fr" in record["url"]]
    assert montpellier["registry_sources"] == ["montpellier", "montpellier-liste-deliberations"]
    # By ACTES identifier alone, in CSV as well.
    result = invoke_vigie("export", "--region", "84", "--format", "csv", cwd=work)
    [row] = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert row["url"] == "https://actes.example.org/069-200046977-20240101-1-DE.html"


def test_export_without_place_filters_is_the_whole_archive(work: Path) -> None:
    result = invoke_vigie("export", cwd=work)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 8
