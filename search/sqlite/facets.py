"""Facet counts over the whole result set, one small class per facet (as Datasette's ``Facet``).

The matches of a search are put once in a temporary table (``temp.search_hits``: id, score and
``HIT_COLUMNS``); each facet counts over it with its own SQL, in its own class. A new facet is a
new subclass listed in ``FACET_CLASSES`` and a field of ``search.results.Facets``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any, ClassVar

from sqlalchemy import Connection, text

from archive.mention_summary import split
from search.index import ACTES_INDEX
from search.places import ACTES_DEPARTEMENT_SQL, SourcePlaces
from search.results import PLACE_FACET_VALUES, Facets
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


class SummaryFacet(Facet):
    """Documents per value of a mention summary column (``archive.mention_summary``): the hits
    are grouped by the few distinct summaries, each then split into its values."""

    column: ClassVar[str]

    def query(self) -> str:
        return f"SELECT {self.column} AS value, count(*) AS n FROM {HITS} WHERE {self.column} IS NOT NULL GROUP BY {self.column}"

    def counts(self, connection: Connection) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for row in connection.execute(text(self.query())):
            for value in split(row.value):
                counts[value] += row.n
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


class CategoriesFacet(SummaryFacet):
    name = "categories"
    column = "categories"


class StancesFacet(SummaryFacet):
    name = "stances"
    column = "stances"


class PlaceFacet(Facet):
    """Documents per place of one kind (``level``, a field of ``SourcePlace``), counted once per
    place whether the registry source that found them or their ACTES identifier says so.

    The places of the hits are worked out once for every place facet (``HitPlaces``). The ACTES
    side (départements and régions) reads the small ACTES index when the archive has it (an
    archive opened read-only may predate it); the source side is left out without a registry.
    ``limit``: only the most frequent values (EPCIs and communes).
    """

    level: ClassVar[str]
    actes: ClassVar[bool] = False  # a document's ACTES département places it too
    limit: ClassVar[int | None] = None

    def __init__(self) -> None:
        self.has_index = False
        self.with_sources = False

    def prepare(self, connection: Connection, places: SourcePlaces) -> None:
        HitPlaces.prepare(connection, places)
        self.with_sources = bool(places.sources)
        self.has_index = self.actes and bool(
            connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (ACTES_INDEX,)
            ).first()
        )

    def query(self) -> str:
        sides = []
        if self.actes:
            indexed = f"INDEXED BY {ACTES_INDEX}" if self.has_index else ""
            actes = (
                f"SELECT d.id AS id, {ACTES_DEPARTEMENT_SQL} AS departement FROM documents d {indexed} "
                f"WHERE d.actes_department IS NOT NULL AND d.id IN (SELECT id FROM {HITS})"
            )
            if self.level == "departement":
                sides.append(f"SELECT id, departement AS value FROM ({actes})")
            else:
                sides.append(
                    f"SELECT a.id AS id, r.region AS value FROM ({actes}) a "
                    f"JOIN {HitPlaces.REGIONS} r ON r.departement = a.departement"
                )
        if self.with_sources:
            sides.append(
                f"SELECT s.id AS id, p.{self.level} AS value FROM {HitPlaces.SOURCES} s "
                f"JOIN {HitPlaces.PLACES} p ON p.slug = s.slug WHERE p.{self.level} IS NOT NULL"
            )
        if not sides:
            return ""
        top = f" ORDER BY n DESC, value LIMIT {self.limit}" if self.limit else ""
        return f"SELECT value, count(DISTINCT id) AS n FROM ({' UNION ALL '.join(sides)}) GROUP BY value{top}"

    def counts(self, connection: Connection) -> dict[str, int]:
        return super().counts(connection) if self.query() else {}

    def clean(self, connection: Connection) -> None:
        HitPlaces.clean(connection)


class DepartementsFacet(PlaceFacet):
    name = "departements"
    level = "departement"
    actes = True


class RegionsFacet(PlaceFacet):
    name = "regions"
    level = "region"
    actes = True


class EpcisFacet(PlaceFacet):
    name = "epcis"
    level = "epci"
    limit = PLACE_FACET_VALUES


class CommunesFacet(PlaceFacet):
    name = "communes"
    level = "insee"
    limit = PLACE_FACET_VALUES


class HitPlaces:
    """Where the hits come from, for the place facets: made by the first to prepare, dropped by
    the first to clean (the others find it there, or gone), and by ``fill_hits`` before a new
    search (a search stopped by its time limit may have left it).

    Only the places of the registry sources that found a hit are written (a few hundred rows,
    not the registry's 20,000), after one pass over the hits' URLs; the régions of the
    départements serve the ACTES side.
    """

    SOURCES = "temp.search_hit_sources"  # id, slug: the registry sources that found each hit
    PLACES = "temp.search_places"  # slug, insee, epci, departement, region
    REGIONS = "temp.search_regions"  # departement, region
    TABLES = (SOURCES, PLACES, REGIONS)

    @classmethod
    def prepare(cls, connection: Connection, places: SourcePlaces) -> None:
        made = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'search_hit_sources'"
        ).first()
        if made:
            return
        connection.exec_driver_sql(
            "CREATE TEMP TABLE search_places "
            "(slug TEXT PRIMARY KEY, insee TEXT, epci TEXT, departement TEXT, region TEXT)"
        )
        connection.exec_driver_sql(
            "CREATE TEMP TABLE search_regions (departement TEXT PRIMARY KEY, region TEXT)"
        )
        connection.exec_driver_sql("CREATE TEMP TABLE search_hit_sources (id INTEGER, slug TEXT)")
        if places.regions:
            connection.execute(
                text(f"INSERT INTO {cls.REGIONS} VALUES (:departement, :region)"),
                [{"departement": code, "region": region} for code, region in places.regions.items()],
            )
        if not places.sources:
            return
        connection.exec_driver_sql(
            f"INSERT INTO {cls.SOURCES} SELECT DISTINCT u.document_id, u.source_slug FROM {HITS} h "
            "CROSS JOIN document_urls u ON u.document_id = h.id WHERE u.source_slug IS NOT NULL"
        )
        found = [row[0] for row in connection.exec_driver_sql(f"SELECT DISTINCT slug FROM {cls.SOURCES}")]
        rows = [
            {"slug": slug, **asdict(place)}
            for slug in found
            if (place := places.sources.get(slug)) is not None
        ]
        if rows:
            connection.execute(
                text(f"INSERT INTO {cls.PLACES} VALUES (:slug, :insee, :epci, :departement, :region)"), rows
            )

    @classmethod
    def clean(cls, connection: Connection) -> None:
        for table in cls.TABLES:
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


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
    RegionsFacet,
    EpcisFacet,
    CommunesFacet,
    SourcesFacet,
    DocTypesFacet,
    YearsFacet,
)


def fill_hits(connection: Connection, scored: str, params: dict[str, Any]) -> None:
    """Put every filtered match, with its score and ``HIT_COLUMNS``, in a temporary table.

    Temporary tables live in SQLite's private temp database: this works on a read-only archive.
    """
    HitPlaces.clean(connection)
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
