"""Twenty small commune sites on 127.0.0.1 for the workers' tests and benchmark.

Each has a home page, a council page, a few deliberation pages, a PDF of its own and a PDF that
every site publishes (the same bytes under twenty URLs: one document, archived once, even when
twenty crawls write it at once). One site can be slow, so that a worker can be killed while it
is crawling it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.httpsite import StaticSite
from tests.pdfgen import make_pdf
from tests.site import page

SHARED_PDF = make_pdf(
    [["Recueil des actes administratifs de l’intercommunalité", "Vidéoprotection : extension du réseau"]]
)


def commune_pages(number: int, deliberations: int) -> dict[str, tuple[str, bytes]]:
    """The pages of site ``number``: ``deliberations`` HTML deliberations, its PDF, the shared PDF."""
    html = "text/html; charset=utf-8"
    links = "".join(
        f'<li><a href="/deliberations/{item}.html">Délibération {item}</a></li>'
        for item in range(deliberations)
    )
    pages = {
        "/": (html, page(f"Commune {number}", '<a href="/conseil-municipal/">Conseil municipal</a>')),
        "/conseil-municipal/": (
            html,
            page(
                "Conseil municipal",
                f"<ul>{links}<li><a href='/docs/deliberation-{number}.pdf'>Délibération en PDF</a></li>"
                "<li><a href='/docs/recueil.pdf'>Recueil des actes</a></li></ul>",
            ),
        ),
        f"/docs/deliberation-{number}.pdf": (
            "application/pdf",
            make_pdf(
                [[f"Conseil municipal de la commune {number}", f"Délibération numéro {number} : caméras"]]
            ),
        ),
        "/docs/recueil.pdf": ("application/pdf", SHARED_PDF),
    }
    for item in range(deliberations):
        pages[f"/deliberations/{item}.html"] = (
            html,
            page(
                f"Délibération {number}-{item}",
                f"<p>Le conseil municipal de la commune {number} adopte la délibération {item}.</p>",
            ),
        )
    return pages


@dataclass
class Communes:
    sites: list[StaticSite] = field(default_factory=list)

    def slug(self, index: int) -> str:
        return f"commune-{index:02d}"

    @property
    def slugs(self) -> list[str]:
        return [self.slug(index) for index in range(len(self.sites))]

    def write_registry(self, path: Path) -> Path:
        path.write_text(
            "".join(
                f'[[source]]\nslug = "{self.slug(index)}"\nname = "Commune {index}"\nkind = "commune"\n'
                f'platform = "generic"\nstart_urls = ["{site.url}/"]\n\n'
                for index, site in enumerate(self.sites)
            ),
            encoding="utf-8",
        )
        return path

    def stop(self) -> None:
        # Together: each server takes up to half a second to notice it must stop.
        with ThreadPoolExecutor(len(self.sites) or 1) as pool:
            list(pool.map(StaticSite.stop, self.sites))


def serve_communes(
    count: int, deliberations: int = 3, slow: int | None = None, slow_pages: int = 30, delay: float = 0.3
) -> Communes:
    """``count`` sites; site ``slow`` has ``slow_pages`` deliberations, each answered after ``delay``."""
    communes = Communes()
    for index in range(count):
        is_slow = index == slow
        site = StaticSite(
            pages=commune_pages(index, slow_pages if is_slow else deliberations),
            delay=delay if is_slow else 0.0,
        )
        communes.sites.append(site.start())
    return communes
