"""Main content on real pages of the shared article benchmark, one per failure class.

The pages and their true text are in ``../shared/benchmarks/article-extraction`` (MIT licence);
scores use the benchmark's own word 4-gram metric (``tests/benchmarks/bench_maincontent.py``).
Each page failed in the way its test names before the main-content rules weighed paragraphs.
"""

from __future__ import annotations

import pytest

from tests.benchmarks.bench_maincontent import _vigie, load_pages, shingle_scores

CASES = {
    # The body inside a layout class that reads as a sidebar, once dropped whole.
    "156770d676ce79905198e1c8407f81e5ecfb617d9aa44712718707eb7e3b8e38": "content-with-sidebar-wrp",
    "16c30add7e96315e9cc957d85aa876ccb6b70055f0ddab51547a586117cc1f56": "l-article-body-segment",
    # The body inside class="article-header", once dropped as a header.
    "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85": "article-header",
    # A hidden <div class="comments-list main">, once taken for the content.
    "1f765c48780665e89cc3af1f7c9af47876e9fae9b5be4a936b0649e10f5e3198": "comments-list main",
}


@pytest.fixture(scope="module")
def pages() -> tuple[dict[str, tuple[str, bytes, str]], dict[str, str]]:
    found, gold = load_pages()
    return {page[0]: page for page in found if page[0] in CASES}, gold


@pytest.mark.parametrize("page_id", sorted(CASES), ids=lambda page_id: CASES[page_id])
def test_the_article_body_is_kept_whole_and_alone(pages, page_id: str) -> None:
    by_id, gold = pages
    assert CASES[page_id] in by_id[page_id][2]  # the page still has the markup of its class
    tp, fp, fn = shingle_scores(gold[page_id], _vigie(by_id[page_id]))
    assert tp / (tp + fn) >= 0.95  # recall: the body is not lost
    assert tp / (tp + fp) >= 0.85  # precision: it is not buried in chrome
