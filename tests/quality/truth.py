"""The labelled truth of the quality evaluation: real passages and real minutes (see README.md).

``passages.toml`` and ``minutes.toml`` read into typed records, with the checks that they are
well-formed. Used by ``tests/benchmarks/bench_quality.py`` and by the tests that quote the
labelled passages.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from archive.taxonomy import CATEGORY_IDS

QUALITY = Path(__file__).resolve().parent
PASSAGES = QUALITY / "passages.toml"
MINUTES = QUALITY / "minutes.toml"
SPLITS = ("dev", "heldout", "dev2", "heldout2", "dev3", "heldout3")
DOCUMENT_SPLITS = ("dev", "heldout")  # minutes.toml: the second and third batches have passages only
STANCES = ("opposition", "neutral")


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    text: str
    source: str
    categories: frozenset[str]
    split: str
    trap: str | None = None
    stance: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    path: str
    url: str
    kind: str
    date: dt.date
    split: str
    items: int | None = None
    note: str | None = None


def load_passages(path: Path = PASSAGES) -> list[Passage]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Passage(
            id=entry["id"],
            text=entry["text"],
            source=entry["source"],
            categories=frozenset(entry["categories"]),
            split=entry["split"],
            trap=entry.get("trap"),
            stance=entry.get("stance"),
            note=entry.get("note"),
        )
        for entry in data["passage"]
    ]


def load_documents(path: Path = MINUTES) -> list[Document]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Document(
            id=entry["id"],
            path=entry["path"],
            url=entry["url"],
            kind=entry["kind"],
            date=entry["date"],
            split=entry["split"],
            items=entry.get("items"),
            note=entry.get("note"),
        )
        for entry in data["document"]
    ]


def fixtures_dir() -> Path:
    """``../shared/fixtures`` beside the repository (tests/realdocs.py checks it is there)."""
    from tests import realdocs

    return realdocs.REAL.parent


def document_file(document: Document) -> Path:
    """The document's file: under tests/quality/ for "minutes/…", else under the shared fixtures."""
    base = QUALITY if document.path.startswith("minutes/") else fixtures_dir()
    if document.path.endswith("*"):  # a name stored with NFD accents: match its start
        folder, _, prefix = document.path[:-1].rpartition("/")
        matches = sorted(p for p in (base / folder).iterdir() if p.name.startswith(prefix))
        if len(matches) != 1:
            raise FileNotFoundError(f"{document.id}: {len(matches)} files match {document.path!r}")
        return matches[0]
    return base / document.path


def passage_problems(passages: list[Passage]) -> list[str]:
    """What is wrong with the labelled passages (empty when they are well-formed)."""
    problems = []
    ids = Counter(passage.id for passage in passages)
    problems += [f"{id_}: id used {n} times" for id_, n in ids.items() if n > 1]
    for passage in passages:
        if not passage.text.strip():
            problems.append(f"{passage.id}: empty text")
        if not passage.source.strip():
            problems.append(f"{passage.id}: no source")
        if passage.split not in SPLITS:
            problems.append(f"{passage.id}: split {passage.split!r} is not one of {', '.join(SPLITS)}")
        if unknown := passage.categories - set(CATEGORY_IDS):
            problems.append(f"{passage.id}: unknown categories {sorted(unknown)}")
        if passage.stance is not None and passage.stance not in STANCES:
            problems.append(f"{passage.id}: stance {passage.stance!r} is not opposition or neutral")
        if passage.stance is not None and not passage.categories:
            problems.append(f"{passage.id}: a stance without any expected category")
    return problems


def document_problems(documents: list[Document]) -> list[str]:
    problems = []
    ids = Counter(document.id for document in documents)
    problems += [f"{id_}: id used {n} times" for id_, n in ids.items() if n > 1]
    for document in documents:
        if document.split not in DOCUMENT_SPLITS:
            problems.append(f"{document.id}: split {document.split!r} is not dev or heldout")
        if not isinstance(document.date, dt.date):
            problems.append(f"{document.id}: date {document.date!r} is not a date")
        if document.items is not None and document.items < 1:
            problems.append(f"{document.id}: items {document.items!r} is not a positive count")
        if document.kind not in {"minutes", "deliberation"}:
            problems.append(f"{document.id}: kind {document.kind!r}")
        try:
            if not document_file(document).is_file():
                problems.append(f"{document.id}: no file at {document.path}")
        except FileNotFoundError as exc:
            problems.append(str(exc))
    return problems
