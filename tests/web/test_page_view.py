"""The page view (``/documents/{id}/pages/{n}``) and its images, on real PDFs.

Where a box is, is checked against pdfminer.six, which reads the PDF independently of pdfium.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer, LTTextLine
from PIL import Image

from archive.db import resolve_location
from archive.reader import ArchiveReader
from pipelines.textnorm import normalise_text
from tests import realdocs
from tests.web.page_archive import PageArchive, build_page_archive
from web.app import create_app
from web.archive_view import WebArchive
from web.page_cache import CacheKey, PageImageCache
from web.page_images import PageImages
from web.page_render import MAX_PIXELS, aligned_text

RECT = re.compile(
    r'<rect class="box( chosen| query)?"(?: id="passage")? x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"'
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> PageArchive:
    return build_page_archive(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def client(pages: PageArchive) -> Iterator[TestClient]:
    reader = ArchiveReader(resolve_location(str(pages.db), writable=False))
    with TestClient(create_app(WebArchive.open(reader, {}))) as test_client:
        yield test_client
    reader.close()


def first_mention_link(client: TestClient, document_id: int) -> str:
    page = client.get(f"/documents/{document_id}").text
    link = re.search(r'<a class="page-view" href="([^"]+)"', page)
    assert link, "the document page links its passages to the page view"
    return link.group(1).replace("&amp;", "&")


def word_box(path: Path, page_number: int, word: str) -> tuple[float, float, float, float]:
    """Where pdfminer.six finds ``word`` on the page: x, y from the top left, width, height."""
    layout = next(page for index, page in enumerate(extract_pages(path), start=1) if index == page_number)
    for container in layout:
        if not isinstance(container, LTTextContainer):
            continue
        for line in container:
            if not isinstance(line, LTTextLine):
                continue
            chars = [char for char in line if isinstance(char, LTChar)]
            text = "".join(char.get_text() for char in chars)
            start = text.find(word)  # no normalisation: offsets stay those of ``chars``
            if start >= 0:
                run = chars[start : start + len(word)]
                x0, x1 = run[0].x0, run[-1].x1
                top, bottom = max(c.y1 for c in run), min(c.y0 for c in run)
                return x0, layout.height - top, x1 - x0, top - bottom
    raise AssertionError(f"{word!r} not on page {page_number}")


def test_a_mention_is_boxed_where_the_pdf_has_its_words(client: TestClient, pages: PageArchive) -> None:
    link = first_mention_link(client, pages.ids["delib"])
    assert link.startswith(f"/documents/{pages.ids['delib']}/pages/1?mention=")
    answer = client.get(link)
    assert answer.status_code == 200
    chosen = re.search(r'<mark class="chosen" id="passage-text">([^<]+)</mark>', answer.text)
    assert chosen is not None
    word = chosen.group(1)
    boxes = [match.groups()[1:] for match in RECT.finditer(answer.text) if match.group(1) == " chosen"]
    assert len(boxes) == 1 and '<rect class="box chosen" id="passage"' in answer.text  # the link's target
    x, y, width, height = (float(value) for value in boxes[0])
    expected = word_box(realdocs.DELIB_VIDEOPROTECTION, 1, word)
    assert x == pytest.approx(expected[0], abs=2) and width == pytest.approx(expected[2], abs=3)
    # pdfium's boxes are the glyphs' ink, pdfminer's the font's whole height: the word's line
    # is the same when pdfium's box lies within pdfminer's.
    assert expected[1] - 1 <= y and y + height <= expected[1] + expected[3] + 1
    assert 'viewBox="0 0 595.0 842.0"' in answer.text
    assert f'href="{pages.image("delib")}"' in answer.text


def test_the_page_image_is_drawn_once_and_cached(client: TestClient, pages: PageArchive) -> None:
    url = pages.image("delib")
    answer = client.get(url)
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/webp"
    width, height = Image.open(io.BytesIO(answer.content)).size
    assert abs(width - 595 * 1.5) <= 1 and abs(height - 842 * 1.5) <= 1  # 108 dpi
    cache = Path(str(pages.db) + ".files.pages")
    cached = cache / CacheKey(pages.sha256["delib"], 1, 1.5).name
    assert cached.read_bytes() == answer.content
    assert client.get(url + "?scale=2").status_code == 200
    assert (cache / CacheKey(pages.sha256["delib"], 1, 2.0).name).is_file()
    assert client.get(pages.image("delib", 3)).status_code == 404  # it has 2 pages
    refused = client.get(url + "?scale=40")
    assert refused.status_code == 400 and "chelle doit être 1, 1.5, 2 ou 3" in refused.text


def test_a_mention_of_another_page_goes_to_its_page(client: TestClient, pages: PageArchive) -> None:
    link = first_mention_link(client, pages.ids["v2"])
    assert "/pages/2?" in link  # the cameras are on the second page
    wrong_page = link.replace("/pages/2?", "/pages/1?")
    answer = client.get(wrong_page, follow_redirects=False)
    assert answer.status_code == 307 and answer.headers["location"] == link.split("#")[0]
    unknown = client.get(f"/documents/{pages.ids['delib']}/pages/1?mention=999999")
    assert unknown.status_code == 404 and "Aucune mention n° 999999" in unknown.text


def test_pages_move_one_by_one_and_by_number(client: TestClient, pages: PageArchive) -> None:
    base = f"/documents/{pages.ids['delib']}/pages"
    first = client.get(base + "/1").text
    assert f'rel="next" href="{base}/2"' in first and 'rel="prev"' not in first
    second = client.get(base + "/2").text
    assert f'rel="prev" href="{base}/1"' in second and 'rel="next"' not in second
    jump = client.get(base + "?page=2", follow_redirects=False)
    assert jump.status_code == 303 and jump.headers["location"] == base + "/2"
    past = client.get(base + "/3")
    assert past.status_code == 404 and "a 2 pages" in past.text


def test_search_words_are_marked_on_the_page(client: TestClient, pages: PageArchive) -> None:
    answer = client.get(f"/documents/{pages.ids['delib']}/pages/1?q=caméras")
    assert answer.status_code == 200
    marked = re.findall(r'<mark class="query">([^<]+)</mark>', answer.text)
    assert marked and all(word.lower().startswith("caméra") for word in marked)
    assert len([m for m in RECT.finditer(answer.text) if m.group(1) == " query"]) >= len(marked)


def test_a_scan_read_by_ocr_says_its_image_has_no_boxes(client: TestClient, pages: PageArchive) -> None:
    answer = client.get(first_mention_link(client, pages.ids["scan"]))
    assert answer.status_code == 200
    assert '<mark class="chosen" id="passage">vidéoprotection</mark>' in answer.text
    assert 'id="no-boxes"' in answer.text and "lu par OCR" in answer.text
    assert not RECT.search(answer.text)
    assert client.get(pages.image("scan")).status_code == 200


def test_a_web_page_shows_its_text_without_image(client: TestClient, pages: PageArchive) -> None:
    link = first_mention_link(client, pages.ids["web"])
    answer = client.get(link)
    assert answer.status_code == 200
    assert "<svg" not in answer.text and 'id="passage"' in answer.text
    assert client.get(pages.image("web")).status_code == 404


def test_a_broken_pdf_gets_a_french_message_not_a_server_error(
    client: TestClient, pages: PageArchive
) -> None:
    answer = client.get(f"/documents/{pages.ids['broken']}/pages/1")
    assert answer.status_code == 200
    assert 'id="page-error"' in answer.text and "Ce PDF ne peut pas être ouvert" in answer.text
    assert '<mark class="mention"' in answer.text  # the stored text is still shown, marked
    image = client.get(pages.image("broken"))
    assert image.status_code == 422 and "Ce PDF ne peut pas être ouvert" in image.text
    assert "Traceback" not in image.text


def test_a_huge_page_is_drawn_within_the_pixel_bound(client: TestClient, pages: PageArchive) -> None:
    answer = client.get(pages.image("huge"))
    assert answer.status_code == 200
    width, height = Image.open(io.BytesIO(answer.content)).size
    assert width * height <= MAX_PIXELS and width == height  # 14,400 points square, not 21,600 pixels


def test_a_page_over_its_time_limit_is_a_message(pages: PageArchive, tmp_path: Path) -> None:
    reader = ArchiveReader(resolve_location(str(pages.db), writable=False))
    sha256 = pages.sha256["delib"]
    images = PageImages(PageImageCache(tmp_path, 10_000_000), workers=1, timeout=0.01)
    try:
        rendered = asyncio.run(images.image(sha256, reader.files.path_for(sha256), 1, 1.5))
    finally:
        images.close()
        reader.close()
    assert rendered.error is not None and "secondes" in rendered.error
    assert not list(tmp_path.iterdir())  # nothing cached


def test_the_cache_evicts_the_least_recently_read(tmp_path: Path) -> None:
    cache = PageImageCache(tmp_path, max_bytes=2_500)
    keys = [CacheKey("a" * 64, page, 1.5) for page in (1, 2, 3)]
    for age, key in enumerate(keys[:2]):
        cache.put(key, b"x" * 1_000)
        os.utime(tmp_path / key.name, (time.time() - 100 + age, time.time() - 100 + age))
    assert cache.get(keys[0]) is not None  # read now: page 2 is the least recently read
    cache.put(keys[2], b"y" * 1_000)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([keys[0].name, keys[2].name])


def test_an_unwritable_cache_folder_draws_without_caching(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = PageImageCache(blocker / "pages", max_bytes=10_000)
    key = CacheKey("b" * 64, 1, 1.5)
    cache.put(key, b"image")
    assert cache.get(key) is None


def test_aligned_text_is_the_archive_spelling_with_origins() -> None:
    raw = " Vide\u0301o\ufb01lm \r\nsur\u00adveillance  \r\n\r\n\r\n\r\nfin\ufffe "
    aligned, origins = aligned_text(raw)
    assert aligned == normalise_text(raw)
    assert len(origins) == len(aligned)
    for index, char in enumerate(aligned):
        source = raw[origins[index]]
        assert char == source or char in "éfil-\n" or source in "\r\ufb01\ufffe"
    assert raw[origins[aligned.index("fin")]] == "f"
