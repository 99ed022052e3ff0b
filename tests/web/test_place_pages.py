"""The timelines of an EPCI, a département and a région (``/epci/{siren}``, ``/departements/{code}``,
``/regions/{code}``) and their Atom feeds, over the fixture archive placed with the shipped
registry: the Manche's prefect's arrêtés and the Avranches council's act (Avranches, its EPCI,
the Manche, Normandie), Montpellier's deliberation and Testville's own pages (the Hérault, Occitanie).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

ATOM = "{http://www.w3.org/2005/Atom}"

AVRANCHES_EPCI = "200069425"
EPCI_NAME = "Communauté d&#39;agglomération Mont-Saint-Michel-Normandie"


def page(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.text


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def record_ids(html: str) -> list[int]:
    return [int(number) for number in re.findall(r'<li class="entry" id="record-(\d+)">', html)]


def test_the_departement_page_is_its_timeline(placed: TestClient) -> None:
    html = page(placed, "/departements/50")
    assert (
        "<h1>Manche</h1>" in html and '<p class="subtitle small" id="place-kind">Département 50</p>' in html
    )
    assert '<strong id="total">4</strong> décisions' in html and "dans 2 documents" in html
    crumbs = section(html, '<p class="crumbs">', "</p>")
    assert '<a class="area region" href="/regions/28">Normandie</a> › Manche' in crumbs
    assert '<li data-category="videoprotection">' in html
    communes = section(html, '<ul class="commune-counts">', "</ul>")
    assert (
        '<li data-insee="50025"><a class="commune" href="/communes/Avranches">Avranches</a> <span class="n">4</span>'
        in communes
    )
    latest = section(html, 'id="latest"', "</section>")
    assert "4 juin 2024" in latest and "18 caméras" in latest
    ids = record_ids(html)
    assert len(ids) == 4 and html.index("<h3>2013</h3>") < html.index("<h3>2024</h3>")  # oldest first
    assert 'href="/departements/50/feed"' in html and 'href="/records?departement=50"' in html
    assert 'href="/search?departement=50"' in html  # the département's documents
    assert '<link rel="alternate" type="application/atom+xml"' in html
    listed = placed.get("/api/records", params={"departement": "50"}).json()["records"]
    assert sorted(ids) == sorted(record["id"] for record in listed)  # the list's records, the same


def test_the_epci_page_and_its_feed(placed: TestClient) -> None:
    html = page(placed, f"/epci/{AVRANCHES_EPCI}")
    assert f"<h1>{EPCI_NAME}</h1>" in html and f"EPCI · SIREN {AVRANCHES_EPCI}" in html
    crumbs = section(html, '<p class="crumbs">', "</p>")
    assert (
        'href="/regions/28">Normandie</a>' in crumbs and 'href="/departements/50">Manche (50)</a>' in crumbs
    )
    assert len(record_ids(html)) == 4
    response = placed.get(f"/epci/{AVRANCHES_EPCI}/feed")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "Vigie : décisions · " + EPCI_NAME.replace("&#39;", "'")
    assert feed.findtext(f"{ATOM}id") == f"urn:vigie:epci:{AVRANCHES_EPCI}"
    assert (
        feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"http://testserver/epci/{AVRANCHES_EPCI}"
    )
    entries = feed.findall(f"{ATOM}entry")
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert len(entries) == 4 and updated == sorted(updated, reverse=True)  # the newest first


def test_the_region_page_counts_its_communes(placed: TestClient) -> None:
    html = page(placed, "/regions/76")
    assert "<h1>Occitanie</h1>" in html and "Région 76" in html
    communes = section(html, '<ul class="commune-counts">', "</ul>")
    assert re.findall(r'data-insee="(\d+)"', communes) == ["34999", "34172"]  # Testville's 3, then 1
    assert 'href="/communes/Montpellier">Montpellier</a> <span class="n">1</span>' in communes
    assert "/search?departement" not in html
    normandie = page(placed, "/regions/28")
    assert '<strong id="total">4</strong>' in normandie and 'href="/regions/28/feed"' in normandie


def test_a_commune_and_a_record_link_to_their_areas(placed: TestClient) -> None:
    html = page(placed, "/communes/Avranches")
    crumbs = section(html, '<p class="crumbs">', "</p>")
    links = re.findall(r'href="(/(?:regions|departements|epci)/[^"]+)"', crumbs)
    assert links == ["/regions/28", "/departements/50", f"/epci/{AVRANCHES_EPCI}"]
    assert "Commune · code INSEE 50025" in html and 'href="/records?commune=50025"' in html
    record_id = record_ids(html)[-1]
    record = page(placed, f"/records/{record_id}")
    assert (
        re.findall(
            r'href="(/(?:regions|departements|epci)/[^"]+)"', section(record, '<p class="crumbs">', "</p>")
        )
        == links
    )
    assert "Avranches, code INSEE 50025" in section(record, 'id="record-place"', "</dd>")
    for link in links:
        assert placed.get(link).status_code == 200


def test_a_page_shows_the_newest_records_when_there_are_many(placed: TestClient, monkeypatch) -> None:
    monkeypatch.setattr("web.place_pages.TIMELINE_RECORDS", 2)
    html = page(placed, "/departements/50")
    assert '<strong id="total">4</strong>' in html and "(les 2 plus récentes ci-dessous)" in html
    assert len(record_ids(html)) == 2 and "<h3>2013</h3>" not in html


def test_another_spelling_of_a_code_redirects(placed: TestClient) -> None:
    response = placed.get("/departements/050", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/departements/50"
    assert placed.get("/departements/2a", follow_redirects=False).headers["location"] == "/departements/2A"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/departements/99", "Aucun département « 99 » dans le registre."),
        ("/departements/Manche", "Aucun département « Manche » dans le registre."),
        ("/epci/123", "Aucun EPCI de SIREN « 123 » dans le registre."),
        ("/epci/123456789/feed", "Aucun EPCI de SIREN « 123456789 » dans le registre."),
        ("/regions/99", "Aucune région « 99 » dans le registre."),
        ("/departements/2A", "Aucune décision enregistrée pour le département « Corse-du-Sud » (2A)."),
        (
            "/epci/200067205",
            "Aucune décision enregistrée pour l&#39;EPCI « Communauté d&#39;agglomération du Cotentin ».",
        ),
        ("/regions/94/feed", "Aucune décision enregistrée pour la région « Corse »."),
    ],
)
def test_unknown_areas_and_areas_without_records_are_a_french_404(
    placed: TestClient, path: str, message: str
) -> None:
    response = placed.get(path)
    assert response.status_code == 404 and message in response.text
    assert '<html lang="fr">' in response.text


def test_without_the_shipped_registry_a_departement_is_named_by_its_code(client: TestClient) -> None:
    """The shared client knows Testville only (``--no-shipped``): its département is an area."""
    html = page(client, "/departements/34")
    assert "<h1>Département 34</h1>" in html
    assert client.get("/departements/50").status_code == 404
