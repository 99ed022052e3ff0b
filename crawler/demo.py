"""The bundled demo site, served on 127.0.0.1 so that ``vigie demo`` works without a network.

Static pages and PDFs come from ``crawler/demo_site/`` (package data); the agenda is
generated: every month links to the next one, for ever, like the calendars that trap naive
crawlers on real municipal sites.

The one server holds three sites, each crawled as the shipped registry's source of its
authority (``DEMO_SOURCES``), so that the demo archive's documents have a source with a place:
the Ville de Montpellier at the root (its real documents), the Ville de Montrouge under
``/montrouge/`` and the Préfecture de l'Hérault's recueils under ``/prefecture-herault/``. No
page of one links to another, so each document belongs to the source whose pages lead to it.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.sources.registry import RegisteredSource

DEMO_SITE = Path(str(files("crawler") / "demo_site"))
# Registry slug → the path of its start page on the demo server.
DEMO_SOURCES = {
    "montpellier": "",
    "commune-92049": "montrouge/",
    "prefecture-34": "prefecture-herault/Publications/Recueils-des-actes-administratifs/",
}


def demo_sources(base_url: str, registry: Mapping[str, RegisteredSource]) -> list[RegisteredSource]:
    """The registry's sources of the demo's authorities, their start URLs on the demo server and
    no link rules (those of the real sites mean nothing here).

    All on the generic platform: the prefecture's page links its recueil as a PDF, which the
    generic spider follows too, and one Scrapy crawler for the whole demo is a second's start-up
    less than two, and no crawler's closing (its worker pool's) holds up another's reactor."""
    return [
        replace(registry[slug], start_urls=[base_url + path], link_rules={}, platform="generic")
        for slug, path in DEMO_SOURCES.items()
    ]


class DemoHandler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/agenda":
            self._agenda(parse_qs(parts.query).get("mois", ["2014-02"])[0])
            return
        super().do_GET()

    def _agenda(self, month: str) -> None:
        try:
            year, number = (int(part) for part in month.split("-", 1))
            if not 1 <= number <= 12:
                raise ValueError(month)
        except ValueError:
            self.send_error(404, "Mois inconnu")
            return
        following = f"{year + number // 12}-{number % 12 + 1:02d}"
        previous = f"{year - (number == 1)}-{(number - 2) % 12 + 1:02d}"
        body = (
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
            f"<title>Agenda {html.escape(month)}</title></head><body><main>"
            f"<h1>Agenda – {html.escape(month)}</h1><p>Aucun événement ce mois-ci.</p>"
            f'<a href="/agenda?mois={previous}">Mois précédent</a> '
            f'<a href="/agenda?mois={following}">Mois suivant</a></main></body></html>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_demo_site(port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start the demo site in a background thread; returns the server and its base URL."""
    handler = partial(DemoHandler, directory=str(DEMO_SITE))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, name="vigie-demo-site", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
