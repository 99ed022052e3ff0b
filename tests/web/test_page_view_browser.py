"""The page view in headless Chromium: from a mention to its page, the passage boxed on the
image where the PDF has its words (pdfminer.six says where, independently of pdfium), at a
desktop's and a phone's width. Screenshots: ``test-output/browser/page-view-*.png``."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from crawler.demo import DEMO_SITE
from tests.web.browser import shot
from tests.web.test_page_view import word_box

DELIBERATION = (
    DEMO_SITE / "documents" / "deliberation-2013-14-videoprotection.pdf"
)  # as tests.web.site serves it


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def open_mention(page: Page, base_url: str) -> None:
    """From the search to the deliberation's page, then its first passage's page view."""
    page.goto(base_url + "/search?q=vid%C3%A9oprotection")
    hit = page.locator(".hit", has_text="2013/14").first
    hit.locator("h3 a").click()
    page.wait_for_url("**/documents/*")
    with page.expect_response(
        lambda response: "/pages/1" in response.url and "/originals/" in response.url
    ) as image:
        page.locator(".passage a.page-view").first.click()
    assert image.value.status == 200 and image.value.header_value("content-type") == "image/webp"
    page.wait_for_load_state("load")


def test_the_passage_is_boxed_over_its_words_on_the_image(page: Page, base_url: str) -> None:
    open_mention(page, base_url)
    assert "/pages/1?mention=" in page.url
    word = page.locator("mark#passage-text").inner_text()
    target = page.locator("rect#passage").bounding_box()  # the link's #passage: the box on screen
    assert target and 0 < target["y"] < 900 and page.evaluate("window.scrollY") > 0
    svg = page.locator("svg.page").bounding_box()
    box = page.locator("svg.page rect.chosen").bounding_box()
    assert svg and box
    points = svg["width"] / 595  # the SVG's viewBox is the page in points
    x, y, width, height = (value * points for value in word_box(DELIBERATION, 1, word))
    assert abs(box["x"] - (svg["x"] + x)) <= 3 and abs(box["width"] - width) <= 4
    top, bottom = svg["y"] + y, svg["y"] + y + height
    assert top - 2 <= box["y"] and box["y"] + box["height"] <= bottom + 2
    # The image is drawn under the box: its pixels there are the word's ink.
    pixels = Image.open(io.BytesIO(page.locator("svg.page rect.chosen").screenshot())).convert("L")
    dark = sum(pixels.histogram()[:100])
    assert dark > pixels.width * pixels.height * 0.1
    shot(page, "page-view-desktop")
    assert page.locator("mark#passage-text").is_visible()


def test_at_phone_width_the_image_is_above_the_text(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_mention(page, base_url)
    svg = page.locator("svg.page").bounding_box()
    text = page.locator("#page-text").bounding_box()
    assert svg and text
    assert svg["y"] + svg["height"] <= text["y"] and svg["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("window.scrollY") > 0  # the link's #passage scrolled to the box
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "page-view-390")
    page.locator("a[rel=next]").click()
    page.wait_for_url("**/pages/2")
    assert "page 2 sur 2" in page.locator("h1").inner_text()
