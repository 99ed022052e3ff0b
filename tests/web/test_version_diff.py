"""What changed between two versions of a document (``/documents/{id}/diff``), on a real PDF
whose second page the authority replaced, and the bounds of the comparison."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from archive.db import resolve_location
from archive.reader import ArchiveReader
from tests.web.page_archive import PageArchive, build_page_archive
from web.app import create_app
from web.archive_view import WebArchive
from web.version_diff import MAX_PAGE_WORDS, compare


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> PageArchive:
    return build_page_archive(tmp_path_factory.mktemp("versions"))


@pytest.fixture(scope="module")
def client(pages: PageArchive) -> Iterator[TestClient]:
    reader = ArchiveReader(resolve_location(str(pages.db), writable=False))
    with TestClient(create_app(WebArchive.open(reader, {}))) as test_client:
        yield test_client
    reader.close()


def test_the_document_page_links_the_comparison(client: TestClient, pages: PageArchive) -> None:
    old, new = pages.ids["v1"], pages.ids["v2"]
    assert f'href="/documents/{new}/diff?other={old}"' in client.get(f"/documents/{new}").text
    assert f'href="/documents/{old}/diff?other={new}"' in client.get(f"/documents/{old}").text
    assert "/diff" not in client.get(f"/documents/{pages.ids['delib']}").text  # one version only


def test_changed_words_are_marked_and_the_same_page_folded(client: TestClient, pages: PageArchive) -> None:
    answer = client.get(f"/documents/{pages.ids['v2']}/diff")  # with the version before it
    assert answer.status_code == 200
    changed = answer.text[answer.text.index('class="diff-text"') :]
    assert re.findall(r"<del>([^<]*)</del>", changed) == ["12", "150"]
    assert re.findall(r"<ins>([^<]*)</ins>", changed) == ["18", "210"]
    assert '<li class="folded">Page 1 identique.</li>' in answer.text
    assert "1 page modifiée" in answer.text
    # From either version, the older one is "before".
    reverse = client.get(f"/documents/{pages.ids['v1']}/diff")
    assert re.findall(r"<del>([^<]*)</del>", reverse.text[reverse.text.index('class="diff-text"') :]) == [
        "12",
        "150",
    ]


def test_no_other_version_is_a_french_404(client: TestClient, pages: PageArchive) -> None:
    alone = client.get(f"/documents/{pages.ids['delib']}/diff")
    assert alone.status_code == 404 and "pas d&#39;autre version" in alone.text
    stranger = client.get(f"/documents/{pages.ids['v2']}/diff?other={pages.ids['delib']}")
    assert stranger.status_code == 404 and "pas une autre version" in stranger.text
    assert client.get("/documents/999999/diff").status_code == 404


def test_a_page_inserted_in_the_middle_leaves_the_others_the_same() -> None:
    old = ["Page un.", "Page deux.", "Page trois."]
    new = ["Page un.", "Une page nouvelle.", "Page deux.", "Page trois."]
    diff = compare(old, new)
    assert [(page.old_page, page.new_page, page.status) for page in diff.pages] == [
        (1, 1, "same"),
        (None, 2, "added"),
        (2, 3, "same"),
        (3, 4, "same"),
    ]
    assert diff.pages[1].parts == [("inserted", "Une page nouvelle.")]


def test_the_comparison_is_bounded_on_big_documents() -> None:
    long_page = " ".join(f"mot{index}" for index in range(MAX_PAGE_WORDS + 10))
    diff = compare([long_page + "\nfin"], [long_page + "\nautre fin"])
    assert diff.pages[0].by_lines and diff.pages[0].inserted_words == 2
    many_old = [f"Page {number} : budget de {number} euros." for number in range(300)]
    many_new = [f"Page {number} : budget de {number + 1} euros." for number in range(300)]
    stopped = compare(many_old, many_new, max_seconds=0.0)
    assert stopped.skipped == 300 and all(page.skipped and not page.parts for page in stopped.pages)
