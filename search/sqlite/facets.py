"""Facet counts over the whole result set, one small class per facet (as Datasette's ``Facet``).

The matches of a search are put once in a temporary table (``temp.search_hits``: id, score and
``HIT_COLUMNS``); each facet counts over it with its own SQL, in its own class. A new facet is a
new subclass listed in ``FACET_CLASSES`` and a field of ``search.results.Facets``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Connection, text

from search.index import ACTES_INDEX
from search.places import ACTES_DEPARTEMENT_SQL, SourcePlaces
from search.results import Facets
from search.sqlite.matches import HITS_TABLE_DDL, expanding

HITS = "temp.search_hits"


class Facet:
    """One facet: its ``name`` (a field of ``Facets``) and how it counts over ``HITS``."""

    name: ClassVar[str]
    sql: ClassVar[str] = ""  # value, n: documents per value

    def prepare(self, connection: Connection, places: SourcePlaces) -> None:
        """Set up what the count needs beside the hits (a temporary table, a check)."""

    def query(self) -> str:
        return self.sql

    def counts(self, connection: Connection) -> dict[str, int]:
        """Most frequent first, then alphabetical: the order a facet list is read in."""
        counts = {row.value: row.n for row in connection.execute(text(self.query()))}
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def clean(self, connection: Connection) -> None:
        """Drop what ``prepare`` made."""


class CategoriesFacet(Facet):
    name = "categories"
    sql = (
        "SELECT m.category AS value, count(DISTINCT m.document_id) AS n FROM mentions m "
        f"WHERE m.document_id IN (SELECT id FROM {HITS}) GROUP BY m.category"
    )


class StancesFacet(Facet):
    name = "stances"
    sql = (
        "SELECT m.stance AS value, count(DISTINCT m.document_id) AS n FROM mentions m "
        f"WHERE m.document_id IN (SELECT id FROM {HITS}) AND m.stance IS NOT NULL GROUP BY m.stance"
    )


class DepartementsFacet(Facet):
    """A document counts once per département, whether its source or its ACTES identifier says so.

    The ACTES side reads the small ACTES index when the archive has it (an archive opened
    read-only may predate it); the source side is left out when no source has a département.
    """

    name = "departements"
    PLACES = "temp.search_places"

    def __init__(self) -> None:
        self.has_index = False
        self.with_places = False

    def prepare(self, connection: Connection, places: SourcePlaces) -> None:
        self.clean(connection)
        connection.exec_driver_sql(
            "CREATE TEMP TABLE search_places (slug TEXT PRIMARY KEY, departement TEXT)"
        )
        if places.departements:
            connection.execute(
                text(f"INSERT INTO {self.PLACES} VALUES (:slug, :departement)"),
                [{"slug": slug, "departement": code} for slug, code in places.departements.items()],
            )
        self.with_places = bool(places.departements)
        self.has_index = bool(
            connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (ACTES_INDEX,)
            ).first()
        )

    def query(self) -> str:
        indexed = f"INDEXED BY {ACTES_INDEX}" if self.has_index else ""
        sides = [
            f"SELECT d.id AS id, {ACTES_DEPARTEMENT_SQL} AS value FROM documents d {indexed} "
            f"WHERE d.actes_department IS NOT NULL AND d.id IN (SELECT id FROM {HITS})"
        ]
        if self.with_places:
            sides.append(
                f"SELECT u.document_id AS id, p.departement AS value FROM {HITS} h "
                f"CROSS JOIN document_urls u ON u.document_id = h.id JOIN {self.PLACES} p ON p.slug = u.source_slug"
            )
        return f"SELECT value, count(DISTINCT id) AS n FROM ({' UNION ALL '.join(sides)}) GROUP BY value"

    def clean(self, connection: Connection) -> None:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {self.PLACES}")


class SourcesFacet(Facet):
    name = "sources"
    sql = (
        f"SELECT s.host AS value, g.n FROM (SELECT source_id, count(*) AS n FROM {HITS} "
        "GROUP BY source_id) g JOIN sources s ON s.id = g.source_id"
    )


class DocTypesFacet(Facet):
    name = "doc_types"
    sql = f"SELECT doc_type AS value, count(*) AS n FROM {HITS} GROUP BY doc_type"


class YearsFacet(Facet):
    name = "years"
    sql = f"SELECT year AS value, count(*) AS n FROM {HITS} GROUP BY year"


FACET_CLASSES: tuple[type[Facet], ...] = (
    CategoriesFacet,
    StancesFacet,
    DepartementsFacet,
    SourcesFacet,
    DocTypesFacet,
    YearsFacet,
)


def fill_hits(connection: Connection, scored: str, params: dict[str, Any]) -> None:
    """Put every filtered match, with its score and ``HIT_COLUMNS``, in a temporary table.

    Temporary tables live in SQLite's private temp database: this works on a read-only archive.
    """
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {HITS}")
    connection.exec_driver_sql(HITS_TABLE_DDL)
    connection.execute(text(f"INSERT INTO {HITS} {scored}").bindparams(*expanding(params)), params)


def count_facets(connection: Connection, places: SourcePlaces) -> Facets:
    """Every facet's counts over the matches that ``fill_hits`` stored; drops them afterwards."""
    facets = [facet_class() for facet_class in FACET_CLASSES]
    try:
        for facet in facets:
            facet.prepare(connection, places)
        return Facets(**{facet.name: facet.counts(connection) for facet in facets})
    finally:
        for facet in facets:
            facet.clean(connection)
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {HITS}")
