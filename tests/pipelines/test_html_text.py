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
