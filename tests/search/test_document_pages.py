"""A page of a document and its mentions, and a version's pages (``search.document_pages``), on
both databases: what the page view and the comparison of versions read."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from archive import ArchiveStore
from pipelines.pdf_text import extract_pdf
from search.document_pages import load_page, mention_page, pdf_page_count, version_text
from tests import realdocs
from tests.backends import Archives
from tests.web.page_archive import PageArchive, build_page_archive


@pytest.fixture(scope="module")
def pages(module_archives: Archives) -> PageArchive:
    return build_page_archive(module_archives.folder, module_archives.location("pages"))


@pytest.fixture(scope="module")
def engine(pages: PageArchive) -> Iterator[Engine]:
    store = ArchiveStore(pages.location)
    yield store.engine
    store.close()


def test_a_page_is_its_text_and_the_mentions_in_it(engine: Engine, pages: PageArchive) -> None:
    expected = extract_pdf(realdocs.DELIB_VIDEOPROTECTION.read_bytes()).pages
    first = load_page(engine, pages.ids["delib"], 1)
    assert first is not None and first.page_count == 2 and first.kind == "pdf"
    assert first.text == expected[0]
    assert first.mentions and all(0 <= m.start < m.end <= len(first.text) for m in first.mentions)
    words = {first.text[m.start : m.end].casefold() for m in first.mentions}
    assert "vidéoprotection" in words
    second = load_page(engine, pages.ids["delib"], 2)
    assert second is not None and second.text == expected[1]
    assert all(m.id not in {f.id for f in first.mentions} for m in second.mentions)
    past = load_page(engine, pages.ids["delib"], 3)
    assert past is not None and past.text == "" and not past.mentions
    assert load_page(engine, 999_999, 1) is None and load_page(engine, 2**70, 1) is None


def test_a_mention_knows_its_page(engine: Engine, pages: PageArchive) -> None:
    second = load_page(engine, pages.ids["v2"], 2)
    assert second is not None and second.mentions
    mention = second.mentions[0].id
    assert mention_page(engine, pages.ids["v2"], mention) == 2
    assert mention_page(engine, pages.ids["delib"], mention) is None  # another document's


def test_versions_and_page_counts(engine: Engine, pages: PageArchive) -> None:
    old, new = version_text(engine, pages.ids["v1"]), version_text(engine, pages.ids["v2"])
    assert old is not None and new is not None
    assert old.pages[0] == new.pages[0] and "12 caméras" in old.pages[1] and "18 caméras" in new.pages[1]
    assert old.first_seen_at < new.first_seen_at
    assert pdf_page_count(engine, pages.sha256["delib"]) == 2
    assert pdf_page_count(engine, pages.sha256["web"]) is None  # not a PDF
    assert pdf_page_count(engine, "not a hash") is None
