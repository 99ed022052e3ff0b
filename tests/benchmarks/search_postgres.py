"""The search benchmark's archive copied into PostgreSQL: Vigie's second backend, same documents.

A server is started as ``tests/postgres.py`` starts the tests' (Debian's ``postgres`` binaries,
a unix socket in its folder, no TCP port), on a cluster kept in
``tests/benchmarks/.cache/postgres/`` so that the copy of an archive and its full-text index
are made once per size. The copy is the SQLite archive's rows, table by table, with
PostgreSQL's ``COPY``, into a schema made by Vigie itself (``ArchiveStore``); then Vigie builds
its index (``search.postgres.index``: the French configuration, one ``tsvector`` per document,
a GIN index) and the planner's statistics are gathered. Without PostgreSQL the benchmark
leaves the column out.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from archive import ArchiveStore, resolve_location
from search import ensure_index
from tests.postgres import PostgresServer, find_bindir

HERE = Path(__file__).resolve().parent
CLUSTER = HERE / ".cache" / "postgres"
# In the order their foreign keys need; each table's columns are those both archives have.
TABLES = ("sources", "documents", "document_urls", "mentions")
# Marks a finished copy: a copy interrupted half-way is made again.
DONE = "bench_copy_done"


@contextmanager
def postgres_copy(sqlite_db: Path, docs: int) -> Iterator[tuple[str, float | None] | None]:
    """(the URL of the archive's copy, seconds the copy took or None if it was cached), while
    the server runs; None without PostgreSQL."""
    bindir = find_bindir()
    if bindir is None:
        yield None
        return
    server = PostgresServer(bindir, CLUSTER)
    server.start()
    try:
        name = f"bench_{docs}"
        url = server.url(name)
        took = None
        if not _finished(server, name):
            started = time.perf_counter()
            server.drop_database(name)
            server.create_database(name=name)
            _copy(sqlite_db, url, server, name)
            took = time.perf_counter() - started
        yield url, took
    finally:
        server.stop()


def _finished(server: PostgresServer, name: str) -> bool:
    with server.admin() as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return False
    with server.admin(name) as connection:
        return bool(connection.execute("SELECT to_regclass(%s) IS NOT NULL", (DONE,)).fetchone()[0])  # type: ignore[index]


def _copy(sqlite_db: Path, url: str, server: PostgresServer, name: str) -> None:
    store = ArchiveStore(resolve_location(url, files_dir=str(CLUSTER / "files")))
    store.close()  # the schema, as Vigie makes it
    source = sqlite3.connect(f"file:{sqlite_db}?mode=ro", uri=True)
    with server.admin(name) as target:
        for table in TABLES:
            wanted = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
            present = {
                row[0]
                for row in target.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,)
                )
            }
            columns = [column for column in wanted if column in present]
            names = ", ".join(f'"{column}"' for column in columns)
            rows = source.execute(f"SELECT {names} FROM {table} ORDER BY 1")
            with target.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[arg-type]
                for row in rows:
                    copy.write_row(row)
            target.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # type: ignore[arg-type]
            )
    source.close()
    store = ArchiveStore(resolve_location(url, files_dir=str(CLUSTER / "files")))
    try:
        ensure_index(store.engine)  # the French tsvector of every document, and its GIN index
    finally:
        store.close()
    with psycopg.connect(host=str(server.root), user="postgres", dbname=name, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute(f"CREATE TABLE {DONE} ()")  # type: ignore[arg-type]
