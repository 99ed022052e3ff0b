"""An archive of documents from real registry sources in different places, for the place filters
and facets of the search, the CLI and the web.

Each document says "caméras de vidéoprotection" and is found by a source of Vigie's registry
(``crawler/sources``), or carries an ACTES identifier only:

| key | found by | commune | EPCI | dép. | région |
|---|---|---|---|---|---|
| montpellier | montpellier and montpellier-liste-deliberations | 34172 | 243400017 | 34 | 76 |
| castelnau | commune-34057 (Castelnau-le-Lez) | 34057 | 243400017 | 34 | 76 |
| metropole | montpellier-mediterranee-metropole (the EPCI itself) | | 243400017 | 34 | 76 |
| prefecture | prefecture-34, ACTES 034 too | | | 34 | 76 |
| nimes | nimes | 30189 | 243000643 | 30 | 76 |
| nice | nice | 06088 | 200030195 | 06 | 93 |
| lyon_actes | no registry source, ACTES 069 | | | 69 | 84 |
| elsewhere | no registry source, no ACTES | | | | |
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from archive import ArchiveStore, resolve_location
from archive.db import DatabaseLocation
from archive.records import ActesInfo
from search import ensure_index
from tests.search.archive import _record

MONTPELLIER, CASTELNAU, NIMES, NICE = "34172", "34057", "30189", "06088"
MONTPELLIER_METROPOLE = "243400017"  # Montpellier Méditerranée Métropole's SIREN
OCCITANIE, AUVERGNE_RHONE_ALPES, PACA = "76", "84", "93"
# key: (URL, the registry sources that found it, its ACTES département)
DOCUMENTS: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "montpellier": (
        "https://www.montpellier.fr/delib-videoprotection.html",
        ("montpellier", "montpellier-liste-deliberations"),
        None,
    ),
    "castelnau": ("https://www.castelnau-le-lez.fr/conseil/2024-03.html", ("commune-34057",), None),
    "metropole": (
        "https://www.montpellier3m.fr/conseil/2024-05.html",
        ("montpellier-mediterranee-metropole",),
        None,
    ),
    "prefecture": ("https://www.herault.gouv.fr/raa/2024-12.html", ("prefecture-34",), "034"),
    "nimes": ("https://www.nimes.fr/conseil/2023-11.html", ("nimes",), None),
    "nice": ("https://www.nice.fr/conseil/2022-06.html", ("nice",), None),
    "lyon_actes": ("https://actes.example.org/069-200046977-20240101-1-DE.html", (), "069"),
    "elsewhere": ("https://www.example.org/conseil.html", (), None),
}
TEXT = "Le conseil approuve l’extension des caméras de vidéoprotection, document {key}."


def build_places_archive(where: Path | DatabaseLocation) -> ArchiveStore:
    """The archive above, written through the real store (FTS triggers, URLs, versions), at
    ``where``: an SQLite file, or any location (``tests.backends.Archives``)."""
    store = ArchiveStore(where if isinstance(where, DatabaseLocation) else resolve_location(str(where)))
    ensure_index(store.engine)
    for key, (url, slugs, actes) in DOCUMENTS.items():
        record = _record(url, f"Délibération {key}", [TEXT.format(key=key)], "2024-01-15", "deliberation")
        record.analysis.actes = ActesInfo(actes_department=actes)
        # The same bytes at each source's URL: one document, found by every one of them.
        for number, slug in enumerate(slugs or (None,)):
            fetch = replace(record.fetch, url=url + (f"?via={number}" if number else ""), source_slug=slug)
            store.record(replace(record, fetch=fetch))
    return store
