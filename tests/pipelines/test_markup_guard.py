"""Deep markup (issue 17, item 2): measured in one pass, flattened, its text and links kept."""

from __future__ import annotations

from pipelines.extract import ExtractionInput, extract_document
from pipelines.markup_guard import flatten_markup, nesting_depth, tame_markup
from tests.hostile_site import nested_page


def test_ordinary_pages_pass_untouched() -> None:
    page = "<html><body>" + "<div><p>Conseil<li>x<br><img src=a></div>" * 3000 + "</body></html>"
    tamed, flattened = tame_markup(page)
    assert (tamed, flattened) == (page, False)  # unclosed <p>, <li> and void tags are not depth


def test_depth_is_measured_and_deep_pages_flattened() -> None:
    page = nested_page(20_000).decode()
    assert nesting_depth(page, stop_above=10**9) == 20_003  # html, body, the divs and the link
    tamed, flattened = tame_markup(page)
    assert flattened and "<div" not in tamed
    assert "<a href='/conseil/apres-profond.html'>" in tamed and "vidéoprotection" in tamed


def test_flattening_drops_scripts_even_unclosed_and_keeps_blocks_as_lines() -> None:
    flat = flatten_markup("<p>un</p><script>var a = '<a href=x>';</script><p>deux</p><style>p{}")
    assert flat.count("<br>") == 4 and "var a" not in flat and "p{}" not in flat


def test_a_deep_page_extracts_flat_with_its_text() -> None:
    result = extract_document(ExtractionInput(url="http://v.fr/deep.html", body=nested_page()))
    assert result.extraction == "html-flattened" and result.error is None
    assert "Délibération sur la vidéoprotection." in result.pages[0]
