"""PostgreSQL's full-text index: a French text search configuration, a table of ``tsvector``
kept by triggers, and a GIN index over it.

``vigie_french`` is PostgreSQL's ``french`` configuration with ``unaccent`` before the French
Snowball stemmer: "vidéoprotection" finds "VIDEOPROTECTION", "caméras" finds "caméra". The
``unaccent`` extension ships with Debian's PostgreSQL (contrib, in the main package since 10)
and is trusted: the archive's owner may create it, no superuser needed.

The vectors live in their own table (``documents_search``: id, tsv), written by triggers on
``documents``, rather than in a generated column of ``documents``:

- ``ensure_index`` builds it on any existing archive without rewriting ``documents`` (adding a
  stored column rewrites every row, hours on a big archive), and ``rebuild_index`` refills it;
- the vector is built by ``vigie_search_vector``, which caps what PostgreSQL cannot hold: a
  ``tsvector`` is at most 1 MB, so the body is read up to ``BODY_CHARS`` characters, and a
  body whose vector would still be too big keeps its words without positions (``strip``). A
  generated column would fail the crawl's insert instead;
- ``documents`` keeps the schema that Alembic's migrations and the models give, as on SQLite.

So the index is made by ``ensure_index`` (the writer's first search, ``vigie index``, a crawl),
not by a migration: as FTS5's, it is the search backend's, and a read-only reader only checks
that it is there (``require_index``). The title has weight A, the body B: ranking counts a
title match ten times a body match, and a raw ``title:`` filter is a weight restriction.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine

from search.errors import NO_INDEX, SearchError

CONFIG = "vigie_french"
TABLE = "documents_search"
BODY_CHARS = 1_000_000  # of a document's text, indexed; PostgreSQL's tsvector holds 1 MB
STRIPPED_CHARS = 200_000  # of a body whose vector is too big anyway: words, no positions
LOCK_KEY = 0x5649_4753 + 1  # pg_advisory_xact_lock while the index is made ("VIGS" + 1)

_CONFIG = f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart
            WITH unaccent, french_stem;
    END IF;
END $$"""
_VECTOR = f"""CREATE OR REPLACE FUNCTION vigie_search_vector(title text, body text)
RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A')
        || setweight(to_tsvector('{CONFIG}', left(coalesce(body, ''), {BODY_CHARS})), 'B');
EXCEPTION WHEN program_limit_exceeded THEN
    RETURN setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A')
        || strip(to_tsvector('{CONFIG}', left(coalesce(body, ''), {STRIPPED_CHARS})));
END $$"""
_TRIGGER_FUNCTION = f"""CREATE OR REPLACE FUNCTION vigie_search_index() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (id, tsv) VALUES (new.id, vigie_search_vector(new.title, new.text))
    ON CONFLICT (id) DO UPDATE SET tsv = excluded.tsv;
    RETURN NULL;
END $$"""
_STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    _CONFIG,
    _VECTOR,
    # A deleted document takes its vector with it (the foreign key), whoever deletes it.
    f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(id integer PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, tsv tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_tsv ON {TABLE} USING gin (tsv)",
    _TRIGGER_FUNCTION,
]
# Only title and text are indexed: tagging or a new last-seen time re-indexes nothing.
_TRIGGERS = {
    "documents_search_insert": "AFTER INSERT ON documents",
    "documents_search_update": "AFTER UPDATE OF title, text ON documents",
}


def ensure_index(engine: Engine) -> bool:
    """Create what is missing (extension, configuration, table, triggers) and fill a new table;
    True if anything was built. Two writers starting at once build it once (an advisory lock)."""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
        if _has_index(connection):
            return False
        for statement in _STATEMENTS:
            connection.exec_driver_sql(statement)
        for name, when in _TRIGGERS.items():
            connection.exec_driver_sql(
                f"CREATE OR REPLACE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION vigie_search_index()"
            )
        _fill(connection)
    return True


def require_index(engine: Engine) -> None:
    """For read-only use: the index must exist, since it cannot be built here."""
    with engine.connect() as connection:
        if not _has_index(connection):
            raise SearchError(
                NO_INDEX, "the archive has no search index yet; it must be built once, by a writer"
            )


def rebuild_index(engine: Engine) -> None:
    """Recompute every vector from the archive's tables (after a bulk load, or to repair)."""
    ensure_index(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {TABLE}")
        _fill(connection)


def optimize_index(engine: Engine) -> None:
    """Refresh the planner's statistics and merge the GIN index's pending list into it: what
    PostgreSQL's autovacuum does in time, done now after a big crawl."""
    ensure_index(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"ANALYZE {TABLE}")
        connection.exec_driver_sql(f"SELECT gin_clean_pending_list('ix_{TABLE}_tsv'::regclass)")


def _fill(connection: Connection) -> None:
    connection.exec_driver_sql(
        f"INSERT INTO {TABLE} (id, tsv) SELECT id, vigie_search_vector(title, text) FROM documents"
    )


def _has_index(connection: Connection) -> bool:
    """The table, the configuration and both triggers are there."""
    found = connection.exec_driver_sql(
        "SELECT to_regclass(%(table)s) IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = %(config)s) "
        "AND (SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%(triggers)s)) = %(n)s",
        {"table": TABLE, "config": CONFIG, "triggers": list(_TRIGGERS), "n": len(_TRIGGERS)},
    ).scalar()
    return bool(found)
