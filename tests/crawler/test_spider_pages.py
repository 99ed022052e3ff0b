"""Platform spiders on saved pages of real sites: what each page leads to, field by field.

Each saved page (``tests/fixtures/pages``, provenance in ``SOURCES.md`` there) is parsed once by
the platform's spider, built without a reactor, at the URL it had on the real site; the tests
read the requests it returns: their URLs in page order, why they were followed (council link,
document, next page), their crawl budget and their source. Nothing is sent anywhere. Crawls
that really fetch (politeness, archiving, runs) stay subprocess tests (``test_platforms.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pytest
from scrapy import Request

from crawler.linkrules import Budget, LinkKind
from crawler.sources.registry import RegisteredSource
from crawler.spiders.base import VigieSpider
from tests import realdocs
from tests.spider_pages import PAGES, followed, off_site, registered, saved_response, spider_for_test, urls

RAA = PAGES / "prefecture_raa"

HAUTES_ALPES = "https://www.hautes-alpes.gouv.fr"
HA_ROOT = f"{HAUTES_ALPES}/Publications/Recueil-des-actes-administratifs"
AISNE = "https://www.aisne.gouv.fr"
AISNE_ROOT = f"{AISNE}/Publications/Recueil-des-Actes-Administratifs"
AHP = "https://www.alpes-de-haute-provence.gouv.fr"
AHP_ROOT = f"{AHP}/Publications/Publications-administratives-et-legales/Recueil-des-Actes-Administratifs"
BDR = "https://www.bouches-du-rhone.gouv.fr"
BDR_ROOT = f"{BDR}/Publications/RAA-et-Archives/RAA-2026"
CALVADOS = "https://www.calvados.gouv.fr"
CALVADOS_ROOT = f"{CALVADOS}/Publications/Recueil-des-actes-administratifs"

SOURCES = {
    "prefecture-02": registered("prefecture-02", "prefecture_raa", AISNE_ROOT, departement="02"),
    "prefecture-04": registered("prefecture-04", "prefecture_raa", AHP_ROOT, departement="04"),
    "prefecture-05": registered("prefecture-05", "prefecture_raa", HA_ROOT, departement="05"),
    "prefecture-13": registered("prefecture-13", "prefecture_raa", BDR_ROOT, departement="13"),
    "prefecture-14": registered("prefecture-14", "prefecture_raa", CALVADOS_ROOT, departement="14"),
}


@dataclass(frozen=True)
class SavedPage:
    """A saved page, where it was on its site, and what a human reading it would open next."""

    source: str
    file: str  # under tests/fixtures/pages/prefecture_raa
    url: str
    depth: int  # hops from the source's start page
    council: tuple[str, ...] = ()  # cards: years, months, recueils' pages
    documents: tuple[str, ...] = ()  # downloads
    pages: tuple[str, ...] = ()  # the same list, paged: next, last

    @property
    def budget(self) -> Budget:
        return Budget(self.depth, 0)


HA_2026 = f"{HA_ROOT}/RAA-2026"
AISNE_2026 = f"{AISNE_ROOT}/Recueil-des-Actes-Administratifs-Annee-2026"
SAVED = [
    # Hautes-Alpes: year cards → month cards → a month paged oldest first → detail → PDF.
    SavedPage(
        "prefecture-05",
        "hautes-alpes/racine.html",
        HA_ROOT,
        0,
        council=(f"{HA_ROOT}/RAA-2026", f"{HA_ROOT}/RAA-2025"),
    ),
    SavedPage(
        "prefecture-05",
        "hautes-alpes/annee-2026.html",
        HA_2026,
        1,
        council=(f"{HA_2026}/Aout-2026", f"{HA_2026}/Juillet-2026"),
    ),
    SavedPage(
        "prefecture-05",
        "hautes-alpes/mois-aout-2026.html",
        f"{HA_2026}/Aout-2026",
        2,
        council=(f"{HA_2026}/RAA-N-05-2026-300",),
        pages=(f"{HA_2026}/Aout-2026/(offset)/10",),
    ),
    SavedPage(
        "prefecture-05",
        "hautes-alpes/derniere-page.html",
        f"{HA_2026}/Aout-2026/(offset)/10",
        2,
        council=(f"{HA_2026}/RAA-N-05-2026-327-Special-Aout", f"{HA_2026}/RAA-N-05-2026-320"),
    ),
    SavedPage(
        "prefecture-05",
        "hautes-alpes/detail-327.html",
        f"{HA_2026}/RAA-N-05-2026-327-Special-Aout",
        3,
        # The class is lost to the page's ``<a id= class=…>``: the .pdf link still counts.
        documents=(
            f"{HAUTES_ALPES}/contenu/telechargement/15001/85001/file/RAA-N-05-2026-327-Special-Aout.pdf",
        ),
    ),
    # Aisne: a year is one list, paged oldest first (the last page holds August) → detail → PDF.
    SavedPage(
        "prefecture-02",
        "aisne/annee-2026.html",
        AISNE_2026,
        1,
        council=(f"{AISNE_ROOT}/RAA_Janvier_02-2026-001",),
        pages=(f"{AISNE_2026}/(offset)/20",),
    ),
    SavedPage(
        "prefecture-02",
        "aisne/derniere-page.html",
        f"{AISNE_2026}/(offset)/20",
        1,
        council=(f"{AISNE_ROOT}/RAA_Aout_02-2026-011", f"{AISNE_ROOT}/RAA_Aout_02-2026-005"),
    ),
    SavedPage(
        "prefecture-02",
        "aisne/detail-011.html",
        f"{AISNE_ROOT}/RAA_Aout_02-2026-011",
        2,
        documents=(f"{AISNE}/contenu/telechargement/12001/82001/file/RAA_Aout_02-2026-011.pdf",),
    ),
    # Alpes-de-Haute-Provence: uneven periods, then a table of downloads.
    SavedPage(
        "prefecture-04",
        "alpes-de-haute-provence/racine.html",
        AHP_ROOT,
        0,
        council=(f"{AHP_ROOT}/2026-de-janvier-a-juillet", f"{AHP_ROOT}/2026-de-aout-a-decembre"),
    ),
    SavedPage(
        "prefecture-04",
        "alpes-de-haute-provence/semestre-2026-aout-decembre.html",
        f"{AHP_ROOT}/2026-de-aout-a-decembre",
        1,
        documents=(
            f"{AHP}/contenu/telechargement/14001/84001/file/RS-04-2026-228.pdf",
            f"{AHP}/contenu/telechargement/14002/84002/file/RS-04-2026-220.pdf",
        ),
    ),
    # Bouches-du-Rhône: one flat list of the year's downloads.
    SavedPage(
        "prefecture-13",
        "bouches-du-rhone/liste.html",
        BDR_ROOT,
        0,
        documents=(
            f"{BDR}/contenu/telechargement/65030/454163/file/recueil-13-2026-249-recueil-des-actes-administratifs-special-bis.pdf",
            f"{BDR}/contenu/telechargement/65020/454100/file/recueil-13-2026-246-recueil-des-actes-administratifs-special.pdf",
        ),
    ),
    # Calvados: départemental and régional collections, then bare year cards and an archive.
    SavedPage(
        "prefecture-14",
        "calvados/racine.html",
        CALVADOS_ROOT,
        0,
        council=(
            f"{CALVADOS_ROOT}/Recueil-des-actes-administratifs-departemental",
            f"{CALVADOS_ROOT}/Recueil-des-actes-administratifs-regional",
        ),
    ),
    SavedPage(
        "prefecture-14",
        "calvados/departemental.html",
        f"{CALVADOS_ROOT}/Recueil-des-actes-administratifs-departemental",
        1,
        council=tuple(
            f"{CALVADOS_ROOT}/Recueil-des-actes-administratifs-departemental/{year}"
            for year in ("2026", "2025", "Archives")
        ),
    ),
]
IDS = [page.file.removesuffix(".html") for page in SAVED]


def saved(file: str) -> SavedPage:
    return next(page for page in SAVED if page.file == file)


def raa_spider(*sources: RegisteredSource) -> VigieSpider:
    return spider_for_test("prefecture_raa", list(sources or SOURCES.values()))


@cache
def requests_from(page: SavedPage) -> list[Request]:
    """The page parsed once, by a spider of its own (a spider remembers what it requested)."""
    response = saved_response(RAA / page.file, page.url, page.source, page.budget)
    return followed(raa_spider(), response)


def deeper(page: SavedPage, kind: LinkKind) -> list[str]:
    """URLs of this kind one hop below the page (cards and downloads, not its pagination)."""
    return [
        request.url
        for request in requests_from(page)
        if request.meta["vigie_link_kind"] is kind and request.meta["vigie_budget"].depth == page.depth + 1
    ]


@pytest.mark.parametrize("page", SAVED, ids=IDS)
def test_cards_are_council_links(page: SavedPage) -> None:
    assert deeper(page, LinkKind.COUNCIL) == list(page.council)


@pytest.mark.parametrize("page", SAVED, ids=IDS)
def test_downloads_are_document_links(page: SavedPage) -> None:
    assert urls(requests_from(page), LinkKind.DOCUMENT) == list(page.documents)


@pytest.mark.parametrize("page", SAVED, ids=IDS)
def test_pagination_is_followed_at_the_same_depth(page: SavedPage) -> None:
    same_depth = [r for r in requests_from(page) if r.meta["vigie_budget"] == page.budget]
    assert urls(same_depth, LinkKind.COUNCIL) == list(page.pages)


@pytest.mark.parametrize("page", SAVED, ids=IDS)
def test_nothing_else_is_requested(page: SavedPage) -> None:
    expected = [*page.documents, *page.council, *page.pages]
    assert sorted(urls(requests_from(page))) == sorted(expected)


@pytest.mark.parametrize("page", SAVED, ids=IDS)
def test_every_request_belongs_to_the_page_source(page: SavedPage) -> None:
    assert {request.meta["vigie_source"] for request in requests_from(page)} <= {page.source}


@pytest.mark.parametrize("page", SAVED, ids=IDS)
def test_nothing_off_site(page: SavedPage) -> None:
    assert off_site(requests_from(page), SOURCES[page.source]) == []


@pytest.mark.parametrize("page", SAVED, ids=IDS)
def test_documents_are_fetched_before_pages(page: SavedPage) -> None:
    documents = [r.priority for r in requests_from(page) if r.meta["vigie_link_kind"] is LinkKind.DOCUMENT]
    others = [r.priority for r in requests_from(page) if r.meta["vigie_link_kind"] is not LinkKind.DOCUMENT]
    assert not documents or not others or min(documents) > max(others)


def test_a_link_to_another_site_on_a_real_page_is_not_followed() -> None:
    page = saved("calvados/departemental.html")  # plus a card and a download leading off-site
    body = (
        (RAA / page.file)
        .read_bytes()
        .replace(
            b"</body>",
            b'<h2 class="fr-card__title"><a href="https://www.service-public.fr/">Service-Public</a></h2>'
            b'<a class="fr-link fr-link--download" href="https://www.legifrance.gouv.fr/x.pdf">PDF</a></body>',
        )
    )
    response = saved_response(RAA / page.file, page.url, page.source, page.budget, body=body)
    assert urls(followed(raa_spider(), response)) == list(page.council)


def test_a_deny_rule_of_the_source_drops_a_card() -> None:
    page = saved("hautes-alpes/racine.html")  # 2026 and 2025
    source = registered("prefecture-05", "prefecture_raa", HA_ROOT, link_rules={"deny": ["RAA-2025$"]})
    response = saved_response(RAA / page.file, page.url, page.source)
    assert urls(followed(raa_spider(source), response)) == [f"{HA_ROOT}/RAA-2026"]


def test_a_pdf_is_a_leaf() -> None:
    source = SOURCES["prefecture-13"]
    pdf = realdocs.DELIB_VIDEOPROTECTION  # any real PDF: what matters is that it is one
    response = saved_response(
        pdf, saved("bouches-du-rhone/liste.html").documents[0], source.slug, Budget(1, 0), "application/pdf"
    )
    assert followed(raa_spider(), response) == []


@pytest.mark.parametrize(
    ("source", "start", "pdf"),
    [
        ("prefecture-05", HA_ROOT, saved("hautes-alpes/detail-327.html").documents[0]),
        ("prefecture-02", AISNE_2026, saved("aisne/detail-011.html").documents[0]),
    ],
)
def test_walking_the_saved_pages_reaches_the_recueil(source: str, start: str, pdf: str) -> None:
    """From a page down to the PDF, each hop through a saved page: the whole tree holds."""
    saved = {page.url: page for page in SAVED}
    spider = raa_spider()
    queue = [saved_response(RAA / saved[start].file, start, source, saved[start].budget)]
    reached: list[str] = []
    while queue:
        for request in followed(spider, queue.pop()):
            if request.meta["vigie_link_kind"] is LinkKind.DOCUMENT:
                reached.append(request.url)
            elif request.url in saved:
                file = RAA / saved[request.url].file
                queue.append(saved_response(file, request.url, source, request.meta["vigie_budget"]))
    assert pdf in reached


# -- listing spiders: a real listing's rows become document requests ---------------------------

SCDL = realdocs.REAL / "altervilles-opendata"
SEM = "https://www.saint-etienne-metropole.fr"
MTP_TEMPLATE = "https://delibs.montpellier.example/{date}-{number:010d}.pdf"  # a registry option


@cache
def scdl_requests(file: str) -> tuple[VigieSpider, list[Request]]:
    source = registered("sem", "scdl_csv", f"{SEM}/opendata/deliberations.csv", kind="epci")
    spider = spider_for_test("scdl_csv", [source])
    response = saved_response(SCDL / file, source.start_urls[0], "sem", content_type="text/csv")
    return spider, followed(spider, response)


@cache
def montpellier_requests() -> list[Request]:
    url = "https://data.montpellier.example/VilleMTP_MTP_Delibs_Archives.csv"
    source = registered(
        "mtp", "montpellier_list", url, kind="commune", options={"document_url": MTP_TEMPLATE}
    )
    response = saved_response(realdocs.CSV_UTF16, url, "mtp", content_type="text/csv")
    return followed(spider_for_test("montpellier_list", [source]), response)


def test_scdl_row_url_is_requested_as_a_document() -> None:
    (request,) = scdl_requests("modeles/donnees-deliberations.csv")[1]
    assert request.url == f"{SEM}/file/3275266/download?token=_Z8KaTEp"
    assert request.meta["vigie_link_kind"] is LinkKind.DOCUMENT


def test_scdl_row_fields_travel_with_the_request() -> None:
    (request,) = scdl_requests("modeles/donnees-deliberations.csv")[1]
    listing = request.meta["vigie_listing"]
    assert (listing["DELIB_ID"], listing["VOTE_POUR"], listing["PREF_ID"]) == ("2022.00022", "62", "PREF042")
    assert listing["date"] == "2022-01-20"


def test_scdl_row_title_is_the_link_text() -> None:
    (request,) = scdl_requests("modeles/donnees-deliberations.csv")[1]
    assert request.meta["vigie_link_text"].startswith("REGIE A AUTONOMIE FINANCIERE DES PARCS")


def test_scdl_listed_document_budget_and_source() -> None:
    (request,) = scdl_requests("modeles/donnees-deliberations.csv")[1]
    assert (request.meta["vigie_budget"], request.meta["vigie_source"]) == (Budget(1, 0), "sem")
    assert request.meta["vigie_listed"] is True


def test_scdl_rows_sharing_one_url_lead_to_one_page_without_row() -> None:
    spider, requests = scdl_requests("data/deliberations-metropole-saint-etienne.csv")
    assert [(r.url, r.meta["vigie_listing"]) for r in requests] == [
        (f"{SEM}/la-metropole/vie-democratique/deliberations", None)
    ]
    assert spider.crawler.stats.get_value("vigie/listing_rows/sem") == 80


def test_a_listed_document_leads_nowhere() -> None:
    (request,) = scdl_requests("modeles/donnees-deliberations.csv")[1]
    source = registered("sem", "scdl_csv", f"{SEM}/opendata/deliberations.csv", kind="epci")
    response = saved_response(
        SCDL / "modeles/donnees-deliberations.csv",
        request.url,
        "sem",
        Budget(1, 0),
        "text/csv",
        vigie_listing=request.meta["vigie_listing"],
        vigie_listed=True,
    )
    assert followed(spider_for_test("scdl_csv", [source]), response) == []


def test_montpellier_one_request_per_record() -> None:
    assert len(montpellier_requests()) == 705  # distinct (date, number) of 10,590 lines


def test_montpellier_record_url_from_the_registry_template() -> None:
    numbers = {r.meta["vigie_listing"]["numero_poseidon"]: r.url for r in montpellier_requests()}
    assert numbers["61100"] == "https://delibs.montpellier.example/2013-02-04-0000061100.pdf"


def test_montpellier_record_fields() -> None:
    (request,) = [r for r in montpellier_requests() if r.url.endswith("-0000061100.pdf")]
    listing = request.meta["vigie_listing"]
    assert listing["title"].startswith("Extension du Réseau de Vidéoprotection Urbaine")
    assert (listing["date"], request.meta["vigie_source"]) == ("2013-02-04", "mtp")
