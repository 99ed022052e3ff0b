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


def test_stray_end_tags_and_comments_do_not_hide_depth() -> None:
    """A ``</i>`` that closes nothing, or a ``</div>`` inside a comment, closes no element for
    the parser: a guard that counted them let 60,000 levels through."""
    for unit in ("<div></i>", "<div><!-- </div> -->", "<div></span></p>"):
        page = "<html><body>" + unit * 20_000 + "<a href='/x'>x</a></body></html>"
        assert nesting_depth(page, stop_above=10**9) > 19_000, unit
        assert tame_markup(page)[1], unit


def test_end_tags_close_what_they_name_and_what_is_open_inside() -> None:
    page = "<div><section><b>x</section></div>" * 5000  # </section> closes the unclosed <b> too
    assert nesting_depth(page, stop_above=10**9) == 3


def test_a_page_too_big_for_a_tree_is_read_flat_within_bounded_memory() -> None:
    """18 MB of ``<i>a</i>`` took about 1 GB as a Lexbor tree; over VIGIE_HTML_MAX_BYTES (5 MB)
    a page is read flat, its text kept."""
    import tracemalloc

    from pipelines.limits import DocumentLimits

    body = b"<html><body><p>Vid\xc3\xa9oprotection</p>" + b"<i>a</i>" * 1_000_000 + b"</body></html>"
    tracemalloc.start()
    try:
        result = extract_document(
            ExtractionInput(
                url="http://v.fr/x.html", body=body, limits=DocumentLimits(html_max_bytes=1_000_000)
            )
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.extraction == "html-flattened" and result.pages[0].startswith("Vidéoprotection")
    assert peak < 20 * len(body)


def test_limits_from_the_environment_must_be_positive(monkeypatch) -> None:
    from pipelines.limits import DocumentLimits

    monkeypatch.setenv("VIGIE_MAX_MENTIONS", "-1")
    monkeypatch.setenv("VIGIE_HTML_MAX_DEPTH", "deep")
    monkeypatch.setenv("VIGIE_OFFICE_MAX_RATIO", "50")
    limits = DocumentLimits.from_env()
    assert (limits.max_mentions, limits.html_max_depth, limits.office_max_ratio) == (1000, 512, 50)
