"""Archives as older Vigies left them, for the tests of upgrades in place."""

from __future__ import annotations

from pathlib import Path

from archive import ArchiveStore, resolve_location
from archive.db import SCHEMA_VERSION
from tests.archive.test_acts_store import version_1_archive
from tests.backends import execute

# What each version added that an archive of the version before lacks: dropped, in this order,
# from a new archive to make one as an older Vigie left it (version 1: ``schema_v1.sql``).
LATER = {
    5: [f"ALTER TABLE documents DROP COLUMN {name}" for name in ("mention_categories", "mention_stances")],
    4: ["DROP TABLE source_checks"],
    3: ["DROP TABLE decision_records"],
    2: [
        "DROP INDEX ix_document_urls_source_slug",
        *(
            f"ALTER TABLE document_urls DROP COLUMN {name}"
            for name in ("source_slug", "etag", "last_modified", "replaced_at", "removed_at", "listing")
        ),
        *(
            f"ALTER TABLE crawl_runs DROP COLUMN {name}"
            for name in ("sources", "documents_removed", "source_results")
        ),
    ],
}


def older_archive(db: Path, version: int) -> None:
    """An SQLite archive as a Vigie of schema ``version`` left it, with one document."""
    if version == 1:
        version_1_archive(db, "http://v.fr/old.pdf")
        return
    location = resolve_location(str(db))
    ArchiveStore(location).close()
    statements = [
        statement for step in range(SCHEMA_VERSION - 1, version - 1, -1) for statement in LATER[step]
    ]
    execute(
        location,
        *statements,
        "DROP TABLE alembic_version",
        "DELETE FROM schema_version",
        f"INSERT INTO schema_version VALUES ({version}, '2026-01-01 00:00:00')",
        "INSERT INTO sources VALUES (1, 'v.fr', NULL, '2026-01-01 00:00:00')",
        "INSERT INTO documents (id, sha256, source_id, kind, size, doc_type, pages, text_length, needs_ocr, "
        "is_latest, tagged_with, first_seen_at, last_seen_at, fetched_at, text) VALUES (1, 'ab', 1, 'pdf', 3, "
        "'compte_rendu', 1, 5, 0, 1, 'v0', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
        "'2026-01-01 00:00:00', 'texte')",
    )
