"""The FTS5 index: external-content tables over documents (title, text) and mention texts.

``documents_fts`` indexes the archive's own ``documents`` table (``content="documents"``), so
the text is stored once; triggers keep it in sync with inserts, updates and deletes, whoever
writes. The tokenizer folds accents both ways (``remove_diacritics 2``: "video" finds "vidéo",
"vidéo" finds "VIDEO") and does not stem: Porter is English. Datasette finds the index the
standard way (a virtual table declaring ``content="documents"``).

``mentions_fts`` indexes the matched words of each mention, so that ranking can tell a document
whose tagged mentions answer the query from one that merely contains the words.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from search.errors import NO_INDEX, UNSUPPORTED_BACKEND, SearchError

TOKENIZER = "unicode61 remove_diacritics 2"

_TABLES = {
    "documents_fts": (
        f"""CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content="documents", content_rowid="id", tokenize="{TOKENIZER}")"""
    ),
    "mentions_fts": (
        f"""CREATE VIRTUAL TABLE mentions_fts USING fts5(
            matched, content="mentions", content_rowid="id", tokenize="{TOKENIZER}")"""
    ),
}
# Filters and facets read a few columns of many documents; each documents row holds a long text,
# so reading the rows themselves costs a page each. This covering index serves them instead.
FILTER_INDEX = "ix_documents_search_columns"
# The covering index before it held the mention summary (schema 6): dropped when found.
_OLD_FILTER_INDEX = "ix_documents_search_filters"
# The département facet reads the ACTES département of the matches: from this small index (only
# the documents that have one), not from the long rows.
ACTES_INDEX = "ix_documents_actes_departments"
_ACTES_INDEX_DDL = (
    f"CREATE INDEX IF NOT EXISTS {ACTES_INDEX} ON documents(id, actes_department) "
    "WHERE actes_department IS NOT NULL"
)
_INDEXES = [
    f"DROP INDEX IF EXISTS {_OLD_FILTER_INDEX}",
    f"CREATE INDEX IF NOT EXISTS {FILTER_INDEX} ON documents(id, is_latest, source_id, doc_type, date, "
    "first_seen_at, mention_categories, mention_stances)",
    _ACTES_INDEX_DDL,
]
# An archive of schema 5 or older has no mention summary yet (its writer upgrades it before any
# search): it gets the covering index of its day.
_OLDER_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS {_OLD_FILTER_INDEX} ON documents(id, is_latest, source_id, doc_type, date, first_seen_at)",
    _ACTES_INDEX_DDL,
]
_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text); END""",
    # Only title and text are indexed: tagging or a new last-seen time re-indexes nothing.
    """CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS mentions_fts_insert AFTER INSERT ON mentions BEGIN
        INSERT INTO mentions_fts(rowid, matched) VALUES (new.id, new.matched); END""",
    """CREATE TRIGGER IF NOT EXISTS mentions_fts_delete AFTER DELETE ON mentions BEGIN
        INSERT INTO mentions_fts(mentions_fts, rowid, matched) VALUES ('delete', old.id, old.matched); END""",
    """CREATE TRIGGER IF NOT EXISTS mentions_fts_update AFTER UPDATE OF matched ON mentions BEGIN
        INSERT INTO mentions_fts(mentions_fts, rowid, matched) VALUES ('delete', old.id, old.matched);
        INSERT INTO mentions_fts(rowid, matched) VALUES (new.id, new.matched); END""",
]


def ensure_index(engine: Engine) -> bool:
    """Create what is missing (tables, triggers) and fill new tables; True if anything was built."""
    _require_sqlite(engine)
    built = False
    with engine.begin() as connection:
        existing = {
            row[0]
            for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for name, ddl in _TABLES.items():
            if name not in existing:
                connection.exec_driver_sql(ddl)
                connection.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
                built = True
        columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(documents)")}
        for ddl in (_INDEXES if "mention_categories" in columns else _OLDER_INDEXES) + _TRIGGERS:
            connection.exec_driver_sql(ddl)
    return built


def require_index(engine: Engine) -> None:
    """For read-only use: the index must exist, since it cannot be built here."""
    _require_sqlite(engine)
    with engine.connect() as connection:
        existing = {
            row[0]
            for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    if not set(_TABLES) <= existing:
        raise SearchError(NO_INDEX, "the archive has no search index yet; it must be built once, by a writer")


def rebuild_index(engine: Engine) -> None:
    """Rebuild both indexes from the archive's tables (after a bulk load, or to repair)."""
    ensure_index(engine)
    with engine.begin() as connection:
        for name in _TABLES:
            connection.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('rebuild')")


def optimize_index(engine: Engine) -> None:
    """Merge the index segments: smaller and faster to query, worth it after big crawls."""
    ensure_index(engine)
    with engine.begin() as connection:
        for name in _TABLES:
            connection.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('optimize')")


def integrity_check(engine: Engine) -> None:
    """Raise if an index disagrees with its content table."""
    with engine.begin() as connection:
        for name in _TABLES:
            connection.execute(text(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)"))


def _require_sqlite(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        raise SearchError(
            UNSUPPORTED_BACKEND,
            f"full-text search needs an SQLite archive for now, not {engine.dialect.name}",
            value=engine.dialect.name,
        )
