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
