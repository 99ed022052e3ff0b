"""The commune website behind the web UI's fixture archive, and the archive itself.

The archive is built the way users build theirs: ``vigie crawl`` of a site served on
127.0.0.1, twice (the second crawl finds one PDF removed, answering 404). The site holds a real
deliberation PDF (Montpellier, from the demo site), a generated PDF whose page 2 debates
facial recognition, a page whose title and text carry script and ``javascript:``
payloads, as a hostile or broken site could publish, and, for decision records, two real texts
about Avranches: three video-protection arrêtés of the Manche's recueil (RAA spécial n° 14 of
February 2025, cut from ``tests.realdocs.RAA_MANCHE_VIDEOPROTECTION``) and the Avranches council's
minutes of 1 July 2013 that launched the town's video-protection contract
(``tests.realdocs.PV_AVRANCHES_2013_07_01``); sources in ../shared/fixtures/real*/SOURCES.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from archive.db import DatabaseLocation, resolve_location
from crawler.demo import DEMO_SITE
from tests import realdocs
from tests.conftest import FAST, invoke_vigie, run_vigie
from tests.httpsite import StaticSite
from tests.pdfgen import make_pdf

REAL_DELIBERATION = DEMO_SITE / "documents" / "deliberation-2013-14-videoprotection.pdf"
REAL_MINUTES = DEMO_SITE / "documents" / "CR_CM_20_06_2011.pdf"
REMOVED_PATH = "/documents/compte-rendu-2011-06-20.pdf"
RAA_PATH = "/documents/RAA-SP-14-2025-extrait.txt"
MINUTES_PATH = "/documents/CM-01-07-2013-PV-Avranches.txt"
# The arrêtés of the recueil kept in the excerpt: the Avranches ones (27 May, 29 May, 4 June 2024).
RAA_ARRETES = ("2024-66", "2024-58", "2024-109")
TESTVILLE_LOCATION = (43.73, 3.32)
XSS_TITLE = '<script>window.__pwned = 1</script>Caméras <img src=x onerror="window.__pwned = 2">'
XSS_TEXT = (
    # The cameras have a sentence of their own: next to "reconnaissance faciale" they would be
    # part of that fact (the lexicon's `absorbs`), and this page is meant to carry both tags. It
    # tells a decision a rule reads, so that the page has a record (read from a report) whose
    # page the escaping tests open: a page whose kind no rule reads and the learnt model reads as
    # deciding nothing has none.
    "Le conseil municipal a voté l'installation de nouvelles caméras sur la place. "
    "Le maire présente le projet de reconnaissance faciale. <script>window.__pwned = 3</script> "
    'Voir <a href="javascript:window.__pwned = 4">le dossier</a> et javascript:window.__pwned=5 '
    '<img src=x onerror="window.__pwned = 6">'
)
FACIAL_PAGES = [
    [
        "Ville de Testville - Conseil municipal du 12 mars 2024",
        "Délibération numéro 2024-12",
        "Objet : Sécurité des grands événements",
    ],
    [
        "Le conseil municipal débat de l’expérimentation de la reconnaissance faciale",
        "aux abords du stade, proposée par le préfet.",
        "Plusieurs élus s’opposent à la reconnaissance faciale dans l’espace public.",
    ],
]


def _html(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main>{body}</main></body></html>"
    ).encode()


def raa_excerpt() -> str:
    """The recueil's opening (it names the prefecture) and three of its arrêtés, whole."""
    lines = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8").split("\n")
    body = lines.index("SOUS-PREFECTURE D'AVRANCHES")  # the summary's entries come before it
    kept = [*lines[:8], "", lines[body]]
    for number in RAA_ARRETES:
        start = next(i for i in range(body, len(lines)) if lines[i].startswith(f"Arrêté n° {number} "))
        end = next(
            i for i in range(start + 1, len(lines)) if lines[i].startswith(("Arrêté n° ", "SOUS-PREFECTURE"))
        )
        kept += lines[start:end]
    return "\n".join(kept) + "\n"


def pages() -> dict[str, tuple[str, bytes]]:
    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    council = (
        "<h1>Conseil municipal</h1><ul>"
        '<li><a href="/documents/deliberation-2024-12.pdf">Délibération 2024-12 (PDF)</a></li>'
        '<li><a href="/documents/deliberation-2013-14.pdf">Délibération 2013/14 – vidéoprotection (PDF)</a></li>'
        f'<li><a href="{REMOVED_PATH}">Compte rendu du 20 juin 2011 (PDF)</a></li>'
        '<li><a href="/conseil-municipal/seance-2024-03-12.html">Séance du 12 mars 2024</a></li>'
        f'<li><a href="{RAA_PATH}">Arrêtés du préfet, 2024 (extrait)</a></li>'
        f'<li><a href="{MINUTES_PATH}">Procès-verbal du 1er juillet 2013 (Avranches)</a></li>'
        "</ul>"
    )
    return {
        "/": (
            "text/html",
            _html("Mairie de Testville", '<a href="/conseil-municipal/">Conseil municipal</a>'),
        ),
        "/conseil-municipal/": ("text/html", _html("Conseil municipal", council)),
        "/conseil-municipal/seance-2024-03-12.html": (
            "text/html",
            _html(escape(XSS_TITLE), f"<h1>{escape(XSS_TITLE)}</h1><p>{escape(XSS_TEXT)}</p>"),
        ),
        "/documents/deliberation-2024-12.pdf": (
            "application/pdf",
            make_pdf(FACIAL_PAGES, title="Délibération 2024-12"),
        ),
        "/documents/deliberation-2013-14.pdf": ("application/pdf", REAL_DELIBERATION.read_bytes()),
        REMOVED_PATH: ("application/pdf", REAL_MINUTES.read_bytes()),
        RAA_PATH: ("text/plain; charset=utf-8", raa_excerpt().encode()),
        MINUTES_PATH: ("text/plain; charset=utf-8", realdocs.PV_AVRANCHES_2013_07_01.read_bytes()),
    }


@dataclass(frozen=True)
class WebFixture:
    db: str  # what ``--db`` is given: the SQLite file's path, or a PostgreSQL database's URL
    files: Path  # the originals (``--files-dir``)
    folder: Path  # the folder it was made in, with the registry
    registry: Path
    removed_url: str
    backend: str = "sqlite"

    def location(self) -> DatabaseLocation:
        """Where it is, as ``vigie serve`` opens it (read-only)."""
        return resolve_location(self.db, str(self.files), writable=False)


def build_archive(folder: Path) -> WebFixture:
    """Crawl the site twice into ``folder/web.db``; the second time one PDF answers 404."""
    site = StaticSite(pages=pages()).start()
    registry = folder / "sources.toml"
    registry.write_text(
        "[[source]]\n"
        'slug = "testville"\nname = "Testville"\nkind = "commune"\nplatform = "generic"\n'
        f'start_urls = ["{site.url}/"]\ndepartement = "34"\ninsee = "34999"\n'
        # A place on the web map: the Hérault, near Lodève (Testville itself is made up).
        f"location = {{lat = {TESTVILLE_LOCATION[0]}, lon = {TESTVILLE_LOCATION[1]}}}\n"
        'provenance = "test fixture"\n',
        encoding="utf-8",
    )
    db = folder / "web.db"
    crawl = ("crawl", "--source", "testville", "--registry", str(registry), "--no-shipped", "--db", str(db))
    try:
        first = run_vigie(*crawl, *FAST, cwd=folder)
        assert first.returncode == 0, first.stderr
        del site.pages[REMOVED_PATH]
        second = run_vigie(*crawl, *FAST, cwd=folder)
        assert second.returncode == 0, second.stderr
    finally:
        site.stop()
    return WebFixture(str(db), Path(f"{db}.files"), folder, registry, site.url + REMOVED_PATH)


def copy_archive(crawled: WebFixture, location: DatabaseLocation) -> WebFixture:
    """The crawled archive copied to ``location`` (a PostgreSQL database) by ``vigie migrate``:
    the same rows and ids, its originals beside, its search index built there."""
    files = crawled.folder / f"{location.backend}.files"
    copied = invoke_vigie(
        "migrate",
        "--from",
        crawled.db,
        "--from-files",
        str(crawled.files),
        "--to",
        location.url,
        "--to-files",
        str(files),
        cwd=crawled.folder,
    )
    assert copied.returncode == 0, copied.stderr
    return dataclasses.replace(crawled, db=location.url, files=files, backend=location.backend)
