"""A generated municipal site for the crawl benchmark, written once to ``.cache/``.

The site is shaped like a commune's: a home page, one page per year of council sittings, one
page per sitting listing its deliberations, one page per deliberation, and news items. Every
page carries the same heavy chrome as real ones (menu, breadcrumb, sidebar, footer: about 20 KB
of HTML); the main column is French council text — sentences of the real fixtures and generated
ones — with surveillance terms on about one page in five. In the ``pdf`` variant each sitting
page also links its minutes and some deliberations as PDFs: real pages of the fixtures' PDFs,
two to eight per file, each file different; and the first sitting links the real 255-page
minutes, whose text takes seconds to extract: the reactor must not notice.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from pathlib import Path

from tests import realdocs
from tests.benchmarks.bench_search import MENTIONS
from tests.benchmarks.bench_tagging import GENERATED, fill, real_sentences

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
YEARS = list(range(2015, 2025))
SITTINGS_PER_YEAR = 10
NEWS = 50


@dataclass(frozen=True, slots=True)
class Site:
    root: Path
    pages: int  # HTML pages, robots.txt excluded
    pdfs: int  # generated PDFs, the 255-page minutes excluded

    @property
    def documents(self) -> int:
        """Everything a crawl must archive: the pages, the PDFs and the 255-page minutes."""
        return self.pages + self.pdfs + (1 if self.pdfs else 0)


def build_site(pages: int, pdfs: int, seed: int = 17) -> Site:
    """The site with ``pages`` HTML pages and ``pdfs`` PDF files (cached by both numbers)."""
    root = CACHE / f"site-{pages}-{pdfs}"
    done = root / ".complete"
    if done.exists():
        return Site(root, pages, pdfs)
    rng = random.Random(seed)
    real = real_sentences()
    years = YEARS[: max(1, min(len(YEARS), pages // 100))]
    sittings = [(year, number) for year in years for number in range(1, SITTINGS_PER_YEAR + 1)]
    news = min(NEWS, max(0, pages - 1 - len(years) - len(sittings)) // 4)
    deliberations = max(0, pages - 1 - len(years) - len(sittings) - news)
    per_sitting = _spread(deliberations, len(sittings))
    pdf_per_sitting = _spread(pdfs, len(sittings))
    chrome = _chrome(years, news)
    written = 0

    def write(path: str, title: str, body: str) -> None:
        nonlocal written
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(chrome, title, body), encoding="utf-8")
        written += 1

    links = [
        f'<li><a href="/conseil-municipal/{year}/">Séances du conseil municipal {year}</a></li>'
        for year in years
    ]
    links += [
        f'<li><a href="/actualites/article-{n}.html">Actualité n° {n}</a></li>' for n in range(1, news + 1)
    ]
    write("/index.html", "Accueil", f"<h1>Bienvenue</h1>{_text(rng, real, 3)}<ul>{''.join(links)}</ul>")
    for n in range(1, news + 1):
        write(f"/actualites/article-{n}.html", f"Actualité n° {n}", _text(rng, real, 6))
    pdf_files = _pdf_pages(pdfs, rng)
    for index, (year, number) in enumerate(sittings):
        if number == 1:
            items = "".join(
                f'<li><a href="/conseil-municipal/{year}/seance-{k}.html">Séance n° {k}</a></li>'
                for k in range(1, SITTINGS_PER_YEAR + 1)
            )
            write(f"/conseil-municipal/{year}/index.html", f"Séances {year}", f"<ul>{items}</ul>")
        items = [
            f'<li><a href="/conseil-municipal/{year}/seance-{number}/deliberation-{d}.html">'
            f"Délibération n° {year}-{number}-{d}</a></li>"
            for d in range(1, per_sitting[index] + 1)
        ]
        if pdfs and index == 0:
            (root / "documents").mkdir(parents=True, exist_ok=True)
            (root / "documents" / "proces-verbal-complet.pdf").write_bytes(realdocs.PV_255_PAGES.read_bytes())
            items.append(
                '<li><a href="/documents/proces-verbal-complet.pdf">Procès-verbal complet (PDF)</a></li>'
            )
        for d in range(1, pdf_per_sitting[index] + 1):
            name = f"/documents/{year}/seance-{number}-{d}.pdf"
            (root / name.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            (root / name.lstrip("/")).write_bytes(next(pdf_files))
            items.append(f'<li><a href="{name}">Procès-verbal, pièce {d} (PDF)</a></li>')
        body = f"<h1>Séance du conseil municipal n° {number}, {year}</h1>{_text(rng, real, 2)}<ul>{''.join(items)}</ul>"
        write(f"/conseil-municipal/{year}/seance-{number}.html", f"Séance {number} ({year})", body)
        for d in range(1, per_sitting[index] + 1):
            title = f"Délibération n° {year}-{number}-{d}"
            write(
                f"/conseil-municipal/{year}/seance-{number}/deliberation-{d}.html",
                title,
                f"<h1>{title}</h1>{_text(rng, real, rng.randint(3, 9))}",
            )
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
    done.write_text(f"{written} pages, {pdfs} PDFs\n", encoding="utf-8")
    return Site(root, written, pdfs)


def _spread(total: int, slots: int) -> list[int]:
    return [total // slots + (1 if index < total % slots else 0) for index in range(slots)]


def _text(rng: random.Random, real: list[str], paragraphs: int) -> str:
    out = []
    mentions = rng.random() < 0.2
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(3, 7)):
            if mentions and rng.random() < 0.1:
                sentences.append(rng.choice(MENTIONS)[2])
            elif rng.random() < 0.6:
                sentences.append(rng.choice(real))
            else:
                sentences.append(fill(rng.choice(GENERATED), rng))
        out.append(f"<p>{html.escape(' '.join(sentences))}</p>")
    return "".join(out)


def _chrome(years: list[int], news: int) -> tuple[str, str]:
    """What surrounds every page's main column: header, menus, breadcrumb; sidebar and footer.

    Its links lead to the site's own pages (news items stand for the other sections), so the
    crawl meets no 404.
    """

    def item(n: int) -> str:
        return f"/actualites/article-{n % news + 1}.html" if news else "/index.html"

    menu = "".join(
        f'<li class="menu-item"><a class="menu-link" href="{item(n)}">Rubrique {n}</a>'
        f'<ul class="sub-menu">{"".join(f"<li><a href={item(n)}#s{k}>Sous-rubrique {k}</a></li>" for k in range(8))}</ul></li>'
        for n in range(1, 13)
    )
    council = "".join(
        f'<li><a href="/conseil-municipal/{year}/">Conseil municipal {year}</a></li>' for year in years
    )
    header = (
        '<header class="site-header" role="banner"><div class="logo"><a href="/index.html">Ville de Vigie-sur-Mer</a></div>'
        f'<nav class="main-navigation" aria-label="Menu principal"><ul class="menu">{menu}</ul></nav>'
        '<form class="search-form" action="/recherche"><input name="q" type="search"><button>Rechercher</button></form>'
        '<div class="cookie-banner" id="cookie-consent"><p>Ce site utilise des cookies de mesure d’audience.</p>'
        "<button>Accepter</button><button>Refuser</button></div></header>"
        '<nav class="breadcrumb" aria-label="Fil d’Ariane"><a href="/index.html">Accueil</a> › Vie municipale</nav>'
    )
    footer = (
        f'<aside class="sidebar"><h2>Le conseil municipal</h2><ul>{council}</ul><h2>En un clic</h2><ul>'
        + "".join(f'<li><a href="{item(n)}">Démarche en ligne n° {n}</a></li>' for n in range(1, 20))
        + '</ul></aside><footer class="site-footer" role="contentinfo"><ul>'
        + "".join(f'<li><a href="{item(n)}">Lien utile {n}</a></li>' for n in range(1, 30))
        + "</ul><p>Mairie de Vigie-sur-Mer, 1 place de la République. Tél. 04 00 00 00 00.</p>"
        '<div class="share"><a href="/index.html">Partager</a></div></footer>'
    )
    return header, footer


def _page(chrome: tuple[str, str], title: str, main: str) -> str:
    header, footer = chrome
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} | Ville de Vigie-sur-Mer</title>"
        '<link rel="stylesheet" href="/style.css"><script src="/app.js"></script></head><body>'
        f'{header}<main id="contenu" class="content"><article>{main}</article></main>{footer}</body></html>'
    )


def _pdf_pages(count: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """``count`` different PDFs, each two to eight consecutive pages of a real fixture PDF."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    from tests.benchmarks.bench_pdf import SOURCES

    readers = [PdfReader(source) for source in SOURCES] if count else []
    for number in range(count):
        reader = readers[number % len(readers)]
        size = min(len(reader.pages), rng.randint(2, 8))
        first = (number * 3) % max(1, len(reader.pages) - size + 1)
        writer = PdfWriter()
        for page in range(first, first + size):
            writer.add_page(reader.pages[page])
        writer.add_metadata({"/Title": f"Pièce n° {number}"})  # each file different, even on equal pages
        out = BytesIO()
        writer.write(out)
        yield out.getvalue()
