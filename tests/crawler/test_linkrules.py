from __future__ import annotations

import pytest

from crawler.linkrules import Budget, LinkKind, classify_link, origin


@pytest.mark.parametrize(
    ("url", "text", "kind"),
    [
        ("https://v.fr/fileadmin/user_upload/CM_2023.pdf", "", LinkKind.DOCUMENT),
        ("https://v.fr/document.docx", "", LinkKind.DOCUMENT),
        ("https://v.fr/vie-municipale/conseil-municipal/", "", LinkKind.COUNCIL),
        ("https://v.fr/page/42", "Procès-verbaux des séances", LinkKind.COUNCIL),
        ("https://v.fr/publications?type=deliberations", "", LinkKind.COUNCIL),
        ("https://www.gard.gouv.fr/Publications/Recueil-des-actes-administratifs", "", LinkKind.COUNCIL),
        ("https://v.fr/page/43", "Ordre du jour", LinkKind.COUNCIL),
        ("https://v.fr/agenda?mois=2024-02", "Mois suivant", LinkKind.OTHER),
        ("https://v.fr/culture/mediatheque", "La médiathèque", LinkKind.OTHER),
    ],
)
def test_classify(url: str, text: str, kind: LinkKind) -> None:
    assert classify_link(url, text) is kind


def test_off_topic_hops_are_limited_and_council_links_reset_them() -> None:
    budget = Budget()
    for _ in range(2):
        budget = budget.follow(LinkKind.OTHER)
    assert budget.allows(max_depth=10, shallow_depth=2)
    assert not budget.follow(LinkKind.OTHER).allows(max_depth=10, shallow_depth=2)
    council = budget.follow(LinkKind.COUNCIL)
    assert council.off_topic == 0 and council.depth == 3


def test_depth_is_limited_along_council_links() -> None:
    budget = Budget()
    for _ in range(10):
        budget = budget.follow(LinkKind.COUNCIL)
    assert budget.allows(10, 2) and not budget.follow(LinkKind.COUNCIL).allows(10, 2)


def test_origin_is_scheme_host_and_port() -> None:
    assert origin("http://V.fr/a") == origin("http://v.fr:80/b")
    assert origin("https://v.fr/") != origin("http://v.fr/")
    assert origin("http://127.0.0.1:8000/") != origin("http://127.0.0.1:8001/")
