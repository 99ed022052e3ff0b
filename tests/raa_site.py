"""A prefecture's "Recueil des actes administratifs" pages, as the State's DSFR sites build them.

Written from the structure of the real sites (www.<département>.gouv.fr/Publications/…):
a root page of year cards (``fr-card__title``), a year with month cards, a year whose list of
recueils is paged (``fr-pagination__link--next``), download links (``fr-link--download``),
one with the broken class some real pages have (a plain ``.pdf`` link), and a link through
the CMS's ``/contenu/telechargement/`` path. The recueils are real council PDFs.
"""

from __future__ import annotations

from tests import realdocs

ROOT = "/Publications/Recueil-des-actes-administratifs"


def dsfr_page(title: str, main: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="fr" data-fr-scheme="system"><head><meta charset="utf-8">
<title>{title} - Les services de l'État dans l'Hérault</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css"></head>
<body>
<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container">
<p class="fr-logo">Préfet<br>de l'Hérault</p>
<nav class="fr-nav" role="navigation" aria-label="Menu principal"><ul class="fr-nav__list">
<li class="fr-nav__item"><a class="fr-nav__link" href="/Actualites">Actualités</a></li>
<li class="fr-nav__item"><a class="fr-nav__link" href="/Publications" aria-current="page">Publications</a></li>
</ul></nav></div></div></header>
<main role="main" id="contenu"><div class="fr-container">
<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><ol class="fr-breadcrumb__list">
<li><a class="fr-breadcrumb__link" href="/">Accueil</a></li>
<li><a class="fr-breadcrumb__link" href="/Publications">Publications</a></li></ol></nav>
<h1>{title}</h1>
{main}
</div></main>
<footer class="fr-footer" role="contentinfo"><div class="fr-container">
<a class="fr-footer__bottom-link" href="/Mentions-legales">Mentions légales</a></div></footer>
</body></html>""".encode()


def card(title: str, href: str) -> str:
    return f"""<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-enlarge-link">
<div class="fr-card__body"><div class="fr-card__content">
<h3 class="fr-card__title"><a href="{href}">{title}</a></h3>
<p class="fr-card__desc">Recueils des actes administratifs</p></div></div></div></div>"""


def download(title: str, href: str, size: str = "Format pdf - 90,1 ko", broken_class: bool = False) -> str:
    css = 'clas="fr-link fr-link--download"' if broken_class else 'class="fr-link fr-link--download"'
    return f"""<div class="fr-downloads-group"><ul><li>
<a {css} href="{href}" download>{title}<span class="fr-link__detail">{size}</span></a>
</li></ul></div>"""


def pagination(next_href: str | None) -> str:
    nxt = (
        f'<li><a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="{next_href}">Page suivante</a></li>'
        if next_href
        else ""
    )
    return f'<nav role="navigation" class="fr-pagination" aria-label="Pagination"><ul class="fr-pagination__list">{nxt}</ul></nav>'


def raa_pages() -> dict[str, tuple[str, bytes]]:
    """Path → (content type, body) of the whole RAA tree."""
    html = "text/html; charset=utf-8"
    pdf = "application/pdf"
    y2024, y2023 = (
        f"{ROOT}/Recueil-des-actes-administratifs-2024",
        f"{ROOT}/Recueil-des-actes-administratifs-2023",
    )
    return {
        ROOT: (
            html,
            dsfr_page(
                "Recueil des actes administratifs",
                '<div class="fr-grid-row fr-grid-row--gutters">'
                + card("Recueil des actes administratifs 2024", y2024)
                + card("Recueil des actes administratifs 2023", y2023)
                + "</div>",
            ),
        ),
        y2024: (
            html,
            dsfr_page(
                "Recueil des actes administratifs 2024",
                card("Janvier 2024", f"{y2024}/Janvier-2024") + card("Février 2024", f"{y2024}/Fevrier-2024"),
            ),
        ),
        f"{y2024}/Janvier-2024": (
            html,
            dsfr_page(
                "Janvier 2024",
                download(
                    "Recueil n°34-2024-001 du 8 janvier 2024",
                    "/contenu/telechargement/101/raa-34-2024-001.pdf",
                )
                + download("Recueil spécial n°34-2024-002", "/files/raa-34-2024-002.pdf", broken_class=True),
            ),
        ),
        f"{y2024}/Fevrier-2024": (
            html,
            dsfr_page(
                "Février 2024",
                download("Recueil n°34-2024-010", "/contenu/telechargement/110/raa-34-2024-010.pdf"),
            ),
        ),
        y2023: (
            html,
            dsfr_page(
                "Recueil des actes administratifs 2023",
                download("Recueil n°34-2023-200", "/contenu/telechargement/200/raa-34-2023-200.pdf")
                + pagination(f"{y2023}/Page-2"),
            ),
        ),
        f"{y2023}/Page-2": (
            html,
            dsfr_page(
                "Recueil des actes administratifs 2023 - page 2",
                download("Recueil n°34-2023-201", "/contenu/telechargement/201/raa-34-2023-201.pdf")
                + pagination(None),
            ),
        ),
        "/contenu/telechargement/101/raa-34-2024-001.pdf": (pdf, realdocs.DELIB_VIDEOPROTECTION.read_bytes()),
        "/files/raa-34-2024-002.pdf": (pdf, realdocs.DELIB_CLSPD.read_bytes()),
        "/contenu/telechargement/110/raa-34-2024-010.pdf": (pdf, realdocs.DELIB_POESIE.read_bytes()),
        "/contenu/telechargement/200/raa-34-2023-200.pdf": (pdf, realdocs.COUTHENANS_CR.read_bytes()),
        "/contenu/telechargement/201/raa-34-2023-201.pdf": (pdf, realdocs.DELIB_BUDGET.read_bytes()),
    }


RAA_DOCUMENTS = {
    "/contenu/telechargement/101/raa-34-2024-001.pdf",
    "/files/raa-34-2024-002.pdf",
    "/contenu/telechargement/110/raa-34-2024-010.pdf",
    "/contenu/telechargement/200/raa-34-2023-200.pdf",
    "/contenu/telechargement/201/raa-34-2023-201.pdf",
}
