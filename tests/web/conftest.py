from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright

from archive.db import resolve_location
from archive.reader import ArchiveReader
from cli.geography import official_geography
from crawler.sources.registry import load_registry
from pipelines.tagging.lexicon import load_lexicon
from search.hints import CategoryHints
from search.places import Authority
from tests.backends import BACKENDS, Archives
from tests.web.browser import CHROMIUM_FLAGS, require_chromium, vigie_serve
from tests.web.cluster_site import ClusterFixture, build_cluster_archive
from tests.web.site import WebFixture, build_archive, copy_archive
from web.app import create_app
from web.archive_view import WebArchive


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The tests of the fixture archive run on both databases; those that drive a browser
    through ``vigie serve`` on SQLite only (suite time), but in the modules that set
    ``BROWSER_ON_POSTGRESQL``."""
    if "web_backend" not in metafunc.fixturenames:
        return
    if any(mark.args[0] == "web_backend" for mark in metafunc.definition.iter_markers("parametrize")):
        return  # a test that chose its database
    browser = {"base_url", "placed_url"} & set(metafunc.fixturenames)
    both = not browser or getattr(metafunc.module, "BROWSER_ON_POSTGRESQL", False)
    metafunc.parametrize("web_backend", BACKENDS if both else ["sqlite"], indirect=True, scope="session")


@pytest.fixture(scope="session")
def web_backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql`` (``pytest_generate_tests`` gives it)."""
    return request.param


@pytest.fixture(scope="session")
def crawled_web_archive(tmp_path_factory: pytest.TempPathFactory) -> WebFixture:
    return build_archive(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def web_fixture(
    web_backend: str, crawled_web_archive: WebFixture, request: pytest.FixtureRequest
) -> Iterator[WebFixture]:
    """The fixture archive: the crawled SQLite file, or its copy in a PostgreSQL database of the
    session's server (``vigie migrate``: the same rows, ids and originals, indexed there), which
    costs a second instead of two more crawls."""
    if web_backend == "sqlite":
        yield crawled_web_archive
        return
    archives = Archives("postgresql", crawled_web_archive.folder, request.getfixturevalue("postgres_server"))
    try:
        yield copy_archive(crawled_web_archive, archives.location("web", empty=True))
    finally:
        archives.close()


@pytest.fixture(scope="session")
def client(web_fixture: WebFixture) -> Iterator[TestClient]:
    reader = ArchiveReader(web_fixture.location())
    hints = CategoryHints.from_lexicon(load_lexicon())  # as `vigie serve` gives them
    archive = WebArchive.open(reader, load_registry(web_fixture.registry, include_shipped=False), hints)
    with TestClient(create_app(archive)) as test_client:
        yield test_client
    reader.close()


@pytest.fixture(scope="session")
def placed(web_fixture: WebFixture) -> Iterator[TestClient]:
    """The fixture archive served as ``vigie serve --registry …`` serves it: with the shipped
    registry in the geography of its reference data (communes without a website, EPCIs,
    départements, régions)."""
    reader = ArchiveReader(web_fixture.location())
    archive = served(reader, load_registry(web_fixture.registry))
    with TestClient(create_app(archive)) as test_client:
        yield test_client
    reader.close()


@pytest.fixture(scope="session")
def cluster_fixture(tmp_path_factory: pytest.TempPathFactory) -> ClusterFixture:
    return build_cluster_archive(tmp_path_factory.mktemp("communes"))


@pytest.fixture(scope="session")
def clustered(cluster_fixture: ClusterFixture) -> Iterator[TestClient]:
    """Three neighbouring communes of the Manche and Lodève, served with the shipped registry."""
    reader = ArchiveReader(resolve_location(str(cluster_fixture.db), writable=False))
    archive = served(reader, load_registry(cluster_fixture.registry))
    with TestClient(create_app(archive)) as test_client:
        yield test_client
    reader.close()


def served(reader: ArchiveReader, registry: dict) -> WebArchive:
    """The archive as ``vigie serve`` opens it (without the lexicon's hints)."""
    authorities = {slug: Authority.of(source) for slug, source in registry.items()}
    return WebArchive.open(reader, registry, None, official_geography(authorities.values()), authorities)


# The browser tests' server and Chromium, once per test module (each module's pages are read by
# one browser against one `vigie serve` of the fixture archive).
@pytest.fixture(scope="module")
def base_url(web_fixture: WebFixture) -> Iterator[str]:
    with vigie_serve(
        web_fixture.db, web_fixture.registry, web_fixture.folder, files=web_fixture.files
    ) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
