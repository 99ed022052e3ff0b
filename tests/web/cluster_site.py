"""An archive of four neighbouring and distant communes' websites, for the map's clusters.

Four sites on 127.0.0.1, each registered as a real commune with its town hall's location (from
``reference/authorities.csv``): Avranches, Le Val-Saint-Père and Marcey-les-Grèves, a few
kilometres apart in the Manche (their points overlap on the map), and Lodève in the Hérault, far
from them. Avranches publishes its council's minutes of 1 July 2013 (``tests.realdocs``), which
give decision records; the others a page about their cameras. Crawled as users crawl, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests import realdocs
from tests.conftest import FAST, run_vigie
from tests.httpsite import StaticSite

# slug: (name, INSEE code, département, lat, lon)
COMMUNES = {
    "avranches": ("Ville d'Avranches", "50025", "50", 48.68651, -1.36150),
    "val-saint-pere": ("Le Val-Saint-Père", "50616", "50", 48.66371, -1.37621),
    "marcey-les-greves": ("Marcey-les-Grèves", "50288", "50", 48.69722, -1.39093),
    "lodeve": ("Lodève", "34142", "34", 43.73220, 3.31763),
}
CAMERAS = (
    "Le conseil municipal approuve l'extension du système de vidéoprotection : six caméras "
    "supplémentaires seront installées sur la voie publique."
)


@dataclass(frozen=True)
class ClusterFixture:
    db: Path
    registry: Path


def _html(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main>{body}</main></body></html>"
    ).encode()


def _site(slug: str) -> StaticSite:
    name = COMMUNES[slug][0]
    pages = {
        "/": ("text/html", _html(name, '<a href="/conseil/">Conseil municipal</a>')),
        "/conseil/": ("text/html", _html("Conseil municipal", '<a href="/conseil/seance.html">Séance</a>')),
        "/conseil/seance.html": ("text/html", _html(f"{name} : séance du conseil", f"<p>{CAMERAS}</p>")),
    }
    if slug == "avranches":
        pages["/conseil/"] = (
            "text/html",
            _html(
                "Conseil municipal",
                '<a href="/conseil/seance.html">Séance</a> <a href="/conseil/PV-2013-07-01.txt">PV</a>',
            ),
        )
        pages["/conseil/PV-2013-07-01.txt"] = (
            "text/plain; charset=utf-8",
            realdocs.PV_AVRANCHES_2013_07_01.read_bytes(),
        )
    return StaticSite(pages=pages).start()


def build_cluster_archive(folder: Path) -> ClusterFixture:
    sites = {slug: _site(slug) for slug in COMMUNES}
    registry = folder / "communes.toml"
    entries = []
    for slug, (name, insee, departement, lat, lon) in COMMUNES.items():
        entries.append(
            f'[[source]]\nslug = "{slug}"\nname = "{name}"\nkind = "commune"\nplatform = "generic"\n'
            f'start_urls = ["{sites[slug].url}/"]\ndepartement = "{departement}"\ninsee = "{insee}"\n'
            f'location = {{lat = {lat}, lon = {lon}}}\nprovenance = "test fixture"\n'
        )
    registry.write_text("\n".join(entries), encoding="utf-8")
    db = folder / "communes.db"
    sources = [arg for slug in COMMUNES for arg in ("--source", slug)]
    try:
        crawl = run_vigie("crawl", *sources, "--registry", str(registry), "--db", str(db), *FAST, cwd=folder)
        assert crawl.returncode == 0, crawl.stderr
    finally:
        for site in sites.values():
            site.stop()
    return ClusterFixture(db, registry)
