from __future__ import annotations

from pipelines.html_text import decode_html, extract_html

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Séance du 12 décembre | Ville</title></head>
<body>
<div id="cookie-banner">Ce site utilise des cookies</div>
<header><a href="/">Mairie de Testville</a><ul class="menu"><li>Accueil</li></ul></header>
<nav class="fil-ariane">Accueil &gt; Conseil</nav>
<main>
  <h1>Conseil municipal du 12 décembre 2022</h1>
  <p>Ordre du jour :</p>
  <ul><li>Délibération n°1 : vidéoprotection</li><li>Délibération n°2 : budget</li></ul>
  <table><tr><td>Pour</td><td>25</td></tr></table>
  <div class="share-links">Partager sur Facebook</div>
  <script>var tracking = 1;</script>
</main>
<aside>Publicité</aside>
<footer>Hôtel de ville, 1 place de la Mairie</footer>
</body></html>"""


def test_main_content_without_chrome() -> None:
    page = extract_html(PAGE.encode())
    assert page.title == "Conseil municipal du 12 décembre 2022"
    assert page.text.splitlines() == [
        "Conseil municipal du 12 décembre 2022",
        "Ordre du jour :",
        "Délibération n°1 : vidéoprotection",
        "Délibération n°2 : budget",
        "Pour 25",
    ]


def test_chrome_dropped_by_class_when_there_is_no_main() -> None:
    body = (
        "<html><body><div class='header'>Ville de X</div><div class='navbar'>Menu</div>"
        "<h1>Compte rendu</h1><p>Le conseil approuve.</p><div id='footer'>Mentions légales</div></body></html>"
    )
    page = extract_html(body.encode())
    assert page.text == "Compte rendu\nLe conseil approuve."


def test_title_falls_back_to_title_tag() -> None:
    page = extract_html(
        b"<html><head><title>Arr\xeat\xe9 du maire</title></head><body><p>Texte</p></body></html>"
    )
    assert page.title == "Arrêté du maire"


def test_declared_latin1_is_read_as_windows_1252() -> None:
    body = "<p>L’arrêté « caméras » : cœur</p>".encode("cp1252")
    text, encoding = decode_html(body, "ISO-8859-1")
    assert "L’arrêté « caméras » : cœur" in text and encoding == "windows-1252"


def test_meta_charset_is_honoured() -> None:
    body = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Délibéré</p></body></html>'
    assert extract_html(body.encode("latin-1")).text == "Délibéré"


def test_wrong_declared_charset_falls_back() -> None:
    body = "<p>Séance publique</p>".encode("cp1252")
    assert "Séance publique" in decode_html(body, "utf-8")[0]


def test_undeclared_utf8_and_windows_1252() -> None:
    assert "cœur" in decode_html("<p>cœur</p>".encode())[0]
    assert "cœur" in decode_html("<p>cœur de ville et élus</p>".encode("cp1252"))[0]


def test_broken_markup_is_rescued() -> None:
    page = extract_html(b"<p>D\xc3\xa9lib\xc3\xa9ration <b>sans fin<p>Suite</td></table>")
    assert "Délibération sans fin" in page.text and "Suite" in page.text


def test_text_before_a_nested_block_is_a_line_of_its_own() -> None:
    page = extract_html(b"<body><div>Ordre du jour<p>Vid\xc3\xa9oprotection</p>suite</div></body>")
    assert page.text.splitlines() == ["Ordre du jour", "Vidéoprotection", "suite"]


def test_uppercase_markup_blocks_and_table_rows() -> None:
    body = (
        b"<HTML><BODY><DIV CLASS='Menu'>Menu</DIV><H1>Titre</H1><P>Un<BR>Deux</P>"
        b"<TABLE><TR><TD>Pour</TD><TD>25</TD></TR><TR><TH>Contre</TH><TD>3</TD></TR></TABLE></BODY></HTML>"
    )
    page = extract_html(body)
    assert page.title == "Titre"
    assert page.text.splitlines() == ["Titre", "Un", "Deux", "Pour 25", "Contre 3"]


def test_roles_and_hidden_elements_are_dropped_inside_main() -> None:
    body = (
        b"<body><div role='main'><p>Texte <b>gras</b> et <a href='/x'>lien</a>.</p>"
        b"<div aria-hidden='TRUE'>cach\xc3\xa9</div><div role='Navigation'>menu</div><svg><text>svg</text></svg>"
        b"<div class='page-footer'>pied</div></div></body>"
    )
    assert extract_html(body).text == "Texte gras et lien."


def test_the_container_itself_is_never_dropped_and_nested_chrome_is_safe() -> None:
    assert extract_html(b"<main class='menu' role='navigation'><p>Garde</p></main>").text == "Garde"
    body = (
        b"<body><div id='content'><div class='sidebar'><div class='menu'><ul class='nav'><li>x</li></ul>"
        b"</div></div><p>Garde</p></div></body>"
    )
    assert extract_html(body).text == "Garde"


def test_spaces_are_collapsed_and_a_bom_is_not_text() -> None:
    body = "\ufeff<p>1\u00a0000\u202f€ \tvotés   pour</p>".encode()
    page = extract_html(body)
    assert page.text == "1 000 € votés pour" and page.encoding == "utf-8"


def test_a_demo_sitting_page_reads_as_its_main_column() -> None:
    from crawler.demo import DEMO_SITE

    page = extract_html((DEMO_SITE / "conseil-municipal" / "seance-2014-02-17.html").read_bytes())
    lines = page.text.splitlines()
    assert page.title and lines[0] == page.title
    frame = (DEMO_SITE / "index.html").read_text(encoding="utf-8")
    assert "Mentions légales" in frame and "Mentions légales" not in page.text  # the footer is chrome


# Main content chosen by paragraph text. Each page below has the shape of a real news or
# municipal page where the container used to be chosen (or dropped) by its name alone.

BODY = (
    "<p>Le conseil municipal a approuvé lundi soir l'extension du réseau de vidéoprotection "
    "à trois nouveaux quartiers de la commune, pour un montant de 120 000 euros.</p>"
    "<p>L'opposition a voté contre, estimant que l'efficacité des caméras n'a jamais été évaluée "
    "et demandant un bilan chiffré avant toute nouvelle dépense.</p>"
    "<p>Le maire a rappelé que la délibération prévoit une convention avec la gendarmerie "
    "et un comité d'éthique chargé de suivre l'usage des images enregistrées.</p>"
)
BODY_LINES = [
    "Le conseil municipal a approuvé lundi soir",
    "L'opposition a voté contre",
    "Le maire a rappelé que la délibération",
]
RELATED = (
    "<div class='more-stories'><h3>À lire aussi</h3><ul>"
    "<li><a href='/a'>Budget 2024 : les grandes lignes adoptées</a></li>"
    "<li><a href='/b'>Travaux de la médiathèque : le calendrier</a></li>"
    "<li><a href='/c'>Élections : les bureaux de vote déplacés</a></li></ul></div>"
)
SITE_MENU = (
    "<ul><li><a href='/'>Accueil</a></li><li><a href='/mairie'>Mairie</a></li>"
    "<li><a href='/conseil'>Conseil municipal</a></li><li><a href='/actus'>Actualités</a></li></ul>"
)


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Vidéoprotection</title></head><body>{body}</body></html>"


def _assert_body(text: str) -> None:
    for line in BODY_LINES:
        assert line in text, f"body lost: {line!r} not in {text!r}"


def test_a_body_inside_a_sidebar_layout_class_is_kept() -> None:
    page = _page(
        "<main id='content'><article class='l-main-content'>"
        "<div class='l-segment'><h1>Vidéoprotection : trois quartiers de plus</h1></div>"
        f"<div class='l-sidebar-fixed l-segment l-article-body-segment'><div class='c-entry-content'>{BODY}"
        "</div></div></article></main>"
    )
    _assert_body(extract_html(page.encode()).text)


def test_a_body_inside_a_content_with_sidebar_wrapper_is_kept() -> None:
    page = _page(
        f"<div id='page'><div class='header'>{SITE_MENU}</div><div id='content' class='column'>"
        f"<article><div class='content-with-sidebar-wrp'><div class='field-item'>{BODY}</div></div>"
        "</article></div><div class='sidebar'><p>Abonnez-vous à notre lettre d'information hebdomadaire.</p></div></div>"
    )
    text = extract_html(page.encode()).text
    _assert_body(text)
    assert "Accueil" not in text and "Abonnez-vous" not in text


def test_a_body_inside_an_article_header_class_is_kept() -> None:
    page = _page(
        f"<header class='site-header'>{SITE_MENU}</header>"
        f"<div class='article-header'><h1>Vidéoprotection</h1><div class='entry-content'>{BODY}</div></div>"
        "<footer><p>Hôtel de ville, 1 place de la Mairie, 00000 Testville — ouvert du lundi au vendredi.</p></footer>"
    )
    text = extract_html(page.encode()).text
    _assert_body(text)
    assert "Hôtel de ville" not in text and "Accueil" not in text


def test_hidden_elements_are_never_the_content() -> None:
    hidden_comments = "".join(
        f"<p>Commentaire {i} : je ne suis pas d'accord avec cette dépense, c'est trop cher pour la commune.</p>"
        for i in range(12)
    )
    page = _page(
        f"<div class='comments-list main' style='display: none'>{hidden_comments}</div>"
        f"<div hidden><p>{'Texte masqué par le site et jamais affiché au lecteur. ' * 8}</p></div>"
        f"<div aria-hidden='true'><p>{'Annonce masquée pour les lecteurs d’écran et les lecteurs. ' * 8}</p></div>"
        f"<div class='story'>{BODY}</div>"
    )
    text = extract_html(page.encode()).text
    _assert_body(text)
    assert "Commentaire" not in text and "masqué" not in text and "masquée" not in text


def test_a_page_revealed_by_a_script_is_still_read() -> None:
    page = _page(f"<div id='app' style='visibility:hidden'><div class='story'>{BODY}</div></div>")
    _assert_body(extract_html(page.encode()).text)


def test_an_empty_main_id_or_a_menu_named_primary_is_not_the_content() -> None:
    page = _page(
        f"<div id='main'></div><div class='primary'>{SITE_MENU}</div>"
        f"<div class='col-8'><h1>Vidéoprotection</h1><div class='texte'>{BODY}</div></div>"
    )
    text = extract_html(page.encode()).text
    _assert_body(text)
    assert "Accueil" not in text


def test_of_two_mains_the_one_holding_the_body_is_the_content() -> None:
    page = _page(
        "<main class='promo-banner'><p>Découvrez notre nouvelle application mobile gratuite dès maintenant !</p></main>"
        f"<main><article><h1>Vidéoprotection</h1>{BODY}</article></main>"
    )
    text = extract_html(page.encode()).text
    _assert_body(text)
    assert "application mobile" not in text


def test_comments_and_related_links_around_the_body_are_dropped() -> None:
    comments = "".join(
        f"<li class='comment'><p>lecteur{i} : Encore des caméras, et toujours pas de bilan sérieux ici.</p></li>"
        for i in range(20)
    )
    page = _page(
        f"<article><h1>Vidéoprotection</h1><p class='byline'>Par <a href='/auteur'>La Rédaction</a></p>"
        f"<div class='entry-content'>{BODY}</div>{RELATED}"
        f"<footer class='entry-footer'><ol class='comment-list'>{comments}</ol></footer></article>"
    )
    text = extract_html(page.encode()).text
    _assert_body(text)
    assert "lecteur1" not in text and "Budget 2024" not in text and "La Rédaction" not in text


def test_a_list_of_documents_inside_the_body_is_kept() -> None:
    page = _page(
        f"<main><h1>Séance du 12 décembre</h1><div class='texte'>{BODY}"
        "<ul><li><a href='/d1.pdf'>Délibération n°1 : vidéoprotection (PDF)</a></li>"
        "<li><a href='/d2.pdf'>Délibération n°2 : budget (PDF)</a></li></ul></div></main>"
    )
    text = extract_html(page.encode()).text
    _assert_body(text)
    assert "Délibération n°1 : vidéoprotection (PDF)" in text


def test_a_body_spread_thin_is_not_cut_to_its_densest_block() -> None:
    # One long paragraph, and the rest of the body one short paragraph per wrapper: the densest
    # block alone would keep a fifth of the text; the container widens to hold the rest.
    long = "<p>" + "Le dispositif comprend trente caméras reliées au centre de supervision. " * 5 + "</p>"
    rest = "".join(
        f"<div class='bloc'><p>Point {i} : la caméra du carrefour {i} sera installée au printemps.</p></div>"
        for i in range(12)
    )
    page = _page(f"<div class='article'><div class='intro'>{long}</div>{rest}</div>")
    text = extract_html(page.encode()).text
    assert "trente caméras" in text and "Point 0 :" in text and "Point 11 :" in text
