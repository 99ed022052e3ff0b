"""A realistic French municipal website served on 127.0.0.1 for crawl tests.

It holds the traps a real crawl meets: a robots.txt with a private area, an off-host link, an
endless calendar and an endless pagination, a redirect, a 404 and a 500, Latin-1 and
undeclared windows-1252 pages, a PDF served as application/octet-stream from
``document.php?id=77``, a corrupt PDF, a scanned PDF, the same PDF under two URLs, a file name
with spaces and NFD accents, and a UTF-16 CSV. The documents are the real ones from
../shared/fixtures/real. Every request is logged, so tests can check what was (not) fetched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from tests import realdocs

Response = tuple[int, dict[str, str], bytes]

NFD_NAME = realdocs.flaux_liste_nfd().name
NFD_PATH = "/docs/" + quote(NFD_NAME)


def page(title: str, body: str, charset: str = "utf-8") -> bytes:
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="{charset}"><title>{title} | Mairie de Testville</title>'
        f'</head><body><header><a href="/">Mairie de Testville</a></header>'
        f'<nav><a href="/">Accueil</a> <a href="/conseil-municipal/">Conseil municipal</a></nav>'
        f"<main><h1>{title}</h1>{body}</main>"
        f"<footer>Mairie de Testville - 1 place de la République - mentions légales</footer></body></html>"
    ).encode(charset)


def html(body: bytes, charset: str | None = "utf-8") -> Response:
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    return 200, {"Content-Type": content_type}, body


def pdf(path: object, content_type: str = "application/pdf", **headers: str) -> Response:
    return 200, {"Content-Type": content_type, **headers}, Path(str(path)).read_bytes()


@dataclass
class Site:
    """The routes of the test commune; ``offsite_url`` is another server that must stay unvisited."""

    offsite_url: str = "http://127.0.0.1:9/"
    hits: list[str] = field(default_factory=list)
    changing_pdf: bytes = field(default_factory=realdocs.DELIB_BUDGET.read_bytes)
    port: int = 0

    def routes(self) -> dict[str, Callable[[dict[str, list[str]]], Response]]:
        mtp_delib = realdocs.DELIB_VIDEOPROTECTION
        return {
            "/robots.txt": lambda q: (
                200,
                {"Content-Type": "text/plain"},
                b"User-agent: *\nDisallow: /prive/\n",
            ),
            "/": lambda q: html(self.home()),
            "/conseil-municipal/": lambda q: html(self.council()),
            "/ancienne-page-conseil": lambda q: (301, {"Location": "/conseil-municipal/"}, b""),
            "/manquant.html": lambda q: (404, {"Content-Type": "text/html"}, b"<h1>Page introuvable</h1>"),
            "/erreur.html": lambda q: (500, {"Content-Type": "text/html"}, b"<h1>Erreur interne</h1>"),
            "/prive/secret.html": lambda q: html(page("Secret", "<p>Ne pas indexer</p>")),
            "/latin1.html": lambda q: html(
                page(
                    "Vidéoprotection : délibération",
                    "<p>Le conseil a délibéré sur la vidéoprotection à l'école.</p>",
                    "iso-8859-1",
                ),
                "iso-8859-1",
            ),
            "/ancien-site/cp1252.html": lambda q: html(
                "<html><head><title>Compte rendu</title></head><body><h1>Compte rendu de séance</h1>"
                "<p>L’adjoint présente le projet « caméras piétons » : cœur de ville.</p></body></html>".encode(
                    "cp1252"
                ),
                None,
            ),
            "/agenda": lambda q: html(self.calendar(q.get("mois", ["2024-01"])[0])),
            "/deliberations": lambda q: html(self.listing(int(q.get("page", ["1"])[0]))),
            "/document.php": lambda q: pdf(
                mtp_delib,
                "application/octet-stream",
                **{"Content-Disposition": 'attachment; filename="deliberation 2013-14 videoprotection.pdf"'},
            ),
            "/docs/delib-2013-14.pdf": lambda q: pdf(mtp_delib),
            "/archives/2013/delib-2013-14.pdf": lambda q: pdf(mtp_delib),
            "/docs/PV_CM_17_02_2014.pdf": lambda q: pdf(realdocs.PV_255_PAGES),
            "/docs/scan-cr-2011.pdf": lambda q: pdf(realdocs.CR_SCANNED),
            "/docs/corrompu.pdf": lambda q: (
                200,
                {"Content-Type": "application/pdf"},
                realdocs.COUTHENANS_CR.read_bytes()[:6000],
            ),
            NFD_PATH: lambda q: pdf(realdocs.flaux_liste_nfd()),
            "/docs/deliberations-archives.csv": lambda q: pdf(realdocs.CSV_UTF16, "text/csv"),
            "/docs/evolutif.pdf": lambda q: (200, {"Content-Type": "application/pdf"}, self.changing_pdf),
        }

    def home(self) -> bytes:
        return page(
            "Bienvenue à Testville",
            "<p>Le site officiel de la commune.</p><ul>"
            '<li><a href="/conseil-municipal/">Le conseil municipal</a></li>'
            '<li><a href="/agenda?mois=2024-01">Agenda</a></li>'
            '<li><a href="/prive/secret.html">Espace élus</a></li>'
            f'<li><a href="{self.offsite_url}piege.html">Site partenaire</a></li>'
            '<li><a href="/ancienne-page-conseil">Ancienne page</a></li>'
            '<li><a href="/manquant.html">Lien cassé</a></li>'
            '<li><a href="/erreur.html">Page en erreur</a></li>'
            '<li><a href="/latin1.html">Archives</a></li>'
            '<li><a href="/ancien-site/cp1252.html">Ancien site</a></li>'
            "</ul>",
        )

    def council(self) -> bytes:
        return page(
            "Conseil municipal",
            "<p>Séances, délibérations et procès-verbaux.</p><ul>"
            '<li><a href="/deliberations?page=1">Toutes les délibérations</a></li>'
            '<li><a href="/document.php?id=77">Délibération 2013/14 (vidéoprotection)</a></li>'
            '<li><a href="/docs/delib-2013-14.pdf">Délibération 2013/14</a></li>'
            '<li><a href="/archives/2013/delib-2013-14.pdf">Archives 2013</a></li>'
            '<li><a href="/docs/PV_CM_17_02_2014.pdf">Procès-verbal du 17 février 2014</a></li>'
            '<li><a href="/docs/scan-cr-2011.pdf">Compte rendu du 20 juin 2011</a></li>'
            '<li><a href="/docs/corrompu.pdf">Compte rendu du 5 novembre 2021</a></li>'
            f'<li><a href="{NFD_PATH}">Liste des délibérations du 16 mai 2025</a></li>'
            '<li><a href="/docs/deliberations-archives.csv">Liste des délibérations 2012-2013 (CSV)</a></li>'
            '<li><a href="/docs/evolutif.pdf">Registre des délibérations</a></li>'
            "</ul>",
        )

    def calendar(self, month: str) -> bytes:
        year, number = (int(part) for part in month.split("-"))
        following = f"{year + number // 12}-{number % 12 + 1:02d}"
        return page(
            f"Agenda {month}", f'<p>Aucun événement.</p><a href="/agenda?mois={following}">Mois suivant</a>'
        )

    def listing(self, number: int) -> bytes:
        return page(
            f"Délibérations – page {number}",
            f'<p>Page {number}.</p><a href="/deliberations?page={number + 1}">Page suivante</a>',
        )


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    routes = site.routes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits.append(self.path)
            parts = urlsplit(self.path)
            route = routes.get(parts.path)
            status, headers, body = route(parse_qs(parts.query)) if route else (404, {}, b"not found")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
