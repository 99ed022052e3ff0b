"""``vigie snapshot``: a dated, citable release of the archive's metadata and decision records as
a Frictionless data package (``datapackage.json``, four CSV files with their Table Schemas, a
README), reproducible: the same archive and the same date give byte-identical files.

Nothing in it depends on the clock, the machine or the order rows were read in: rows are sorted
by key, JSON keys are sorted with a fixed indent, and the only date is the one given. The CSV
files are for programs, not spreadsheets: UTF-8 without a byte-order mark, RFC 4180 (comma,
double quotes, CRLF), every value exactly as archived (no formula-guarding apostrophe, which
would change the quotes a reader checks against the document), empty for none; booleans
``true``/``false``; lists as ``vigie export`` writes them (see ``archive.snapshot_schema``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.snapshot_licences import CRPA, DEFAULT_LICENCE, LICENCES
from archive.snapshot_readme import readme
from archive.snapshot_rows import (
    crawled_sites,
    document_rows,
    evidence_rows,
    mention_rows,
    record_rows,
    record_views,
    versions_used,
)
from archive.snapshot_schema import (
    DOCUMENT_FIELDS,
    EVIDENCE_FIELDS,
    MENTION_FIELDS,
    RECORD_FIELDS,
    SEMICOLON_LISTS,
    SPACE_LISTS,
    Field,
)
from archive.store import ArchiveStore

CSV_DIALECT = {
    "delimiter": ",",
    "doubleQuote": True,
    "header": True,
    "lineTerminator": "\r\n",
    "quoteChar": '"',
}


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """What the snapshot says of itself; versions come from the caller (the archive knows no
    lexicon nor readers)."""

    date: dt.date
    title: str
    licence: str = DEFAULT_LICENCE
    vigie_version: str = ""
    lexicon_version: str = ""
    records_version: str = ""
    registry_names: dict[str, str] = field(default_factory=dict)  # source slug → its name


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    title: str
    fields: list[Field]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]]


DOCUMENTS = Table("documents", "Documents (one row per archived version)", DOCUMENT_FIELDS, ["sha256"], [])
RECORDS = Table(
    "records",
    "Decision records",
    RECORD_FIELDS,
    ["id"],
    [{"fields": ["sha256"], "reference": {"resource": "documents", "fields": ["sha256"]}}],
)
MENTIONS = Table(
    "mentions",
    "Mentions of surveillance technology",
    MENTION_FIELDS,
    [],  # two terms may match the same words: no key
    [{"fields": ["document_sha256"], "reference": {"resource": "documents", "fields": ["sha256"]}}],
)
EVIDENCE = Table(
    "evidence",
    "Evidence of each record's fields",
    EVIDENCE_FIELDS,
    ["record_id", "field"],
    [{"fields": ["record_id"], "reference": {"resource": "records", "fields": ["id"]}}],
)
TABLES = (DOCUMENTS, RECORDS, MENTIONS, EVIDENCE)


def write_snapshot(store: ArchiveStore, folder: Path, info: SnapshotInfo) -> dict[str, int]:
    """Write the package into ``folder`` (which must exist); return the rows of each table."""
    views = record_views(store)
    rows = {
        "documents": document_rows(store),
        "records": record_rows(views),
        "mentions": mention_rows(store),
        "evidence": evidence_rows(views),
    }
    resources, counts = [], {}
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        counts[table.name] = _write_csv(path, table.fields, rows[table.name])
        resources.append(_resource(table, path))
    package = _package(store, info, resources)
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (folder / "README.md").write_text(readme(package, TABLES, counts), encoding="utf-8")
    return counts


def _write_csv(path: Path, fields: list[Field], rows: Iterable[dict[str, Any]]) -> int:
    names = [f.name for f in fields]
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([cell(name, row.get(name)) for name in names])
            count += 1
    return count


def cell(name: str, value: Any) -> str:
    """One value as the CSV holds it (the README of the package says the same)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if name in SPACE_LISTS:
            return " ".join(value)
        if name in SEMICOLON_LISTS:
            return ";".join(value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _resource(table: Table, path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    schema: dict[str, Any] = {"fields": [f.to_schema() for f in table.fields], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = table.primary_key
    if table.foreign_keys:
        schema["foreignKeys"] = table.foreign_keys
    return {
        "name": table.name,
        "title": table.title,
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": CSV_DIALECT,
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": schema,
    }


def _package(store: ArchiveStore, info: SnapshotInfo, resources: list[dict[str, Any]]) -> dict[str, Any]:
    sites, slugs = crawled_sites(store)
    lexicons, readers = versions_used(store)
    made_by = (
        f"Vigie {info.vigie_version} (lexicon {info.lexicon_version}, records readers {info.records_version})"
    )
    description = (
        f"Metadata of the French local-government documents archived by Vigie, the mentions of "
        f"surveillance technology found in them and the decisions read from them, as of {info.date}. "
        f"Written by {made_by}; the documents were tagged with lexicon {', '.join(lexicons) or '-'} and "
        f"the records read by readers {', '.join(readers) or '-'}. Every record field has its evidence "
        f"(evidence.csv): the span of the document's text it was read from."
    )
    return {
        "profile": "tabular-data-package",
        "name": f"vigie-{info.date.isoformat()}",
        "title": info.title,
        "description": description,
        # The spec wants a datetime: the given date at midnight UTC, so nothing of the clock.
        "created": f"{info.date.isoformat()}T00:00:00Z",
        "version": info.date.isoformat(),
        "keywords": ["vidéoprotection", "surveillance", "collectivités territoriales", "délibérations"],
        "licenses": [{"name": info.licence, **LICENCES[info.licence]}, CRPA],
        "sources": [
            {"title": site.removeprefix("https://").removeprefix("http://").rstrip("/"), "path": site}
            for site in sites
        ]
        + [{"title": f"{info.registry_names.get(slug, slug)} (Vigie registry: {slug})"} for slug in slugs],
        "contributors": [
            {"title": made_by, "role": "author", "path": "https://github.com/vigie-surveillance/vigie"}
        ],
        "vigie": {
            "version": info.vigie_version,
            "lexicon_version": info.lexicon_version,
            "records_version": info.records_version,
            "archive_lexicon_versions": lexicons,
            "archive_records_versions": readers,
        },
        "resources": resources,
    }
