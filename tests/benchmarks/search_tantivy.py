"""The search benchmark's anchor: tantivy (Lucene's design in Rust, through its Python binding)
over the same documents, answering the same queries for the same top 20.

The index (``tests/benchmarks/.cache/tantivy-N/``, built once per size from the SQLite archive)
holds each document's title and text, analysed the French-ish way tantivy offers: its simple
tokenizer (runs of letters and digits), words over 40 bytes dropped, lower case, ASCII folding
("vidéo" and "video" alike) and the Snowball French stemmer ("caméras" → "camer", "conseil",
"conseils" and "conseiller" alike), so it finds somewhat more than Vigie's singular-or-plural
rule; it keeps the text for its snippets. Beside the text: the document's id, type, source,
day (yyyymmdd), year and the categories and stances of its mentions, as fast (columnar) fields.

Each query is what ``vigie search`` asks: the top 20 by BM25 (a title match boosted ten times,
as Vigie weighs it) with the exact count, each hit's stored title and a snippet; with facets,
one terms aggregation per facet of the benchmark's archive (categories, stances, types,
sources, years), tantivy's equivalent of Vigie's facet counts. The prefix query is a regular
expression over the folded, stemmed terms; the category filter is a boolean query (the words,
the category's term, the day from 2020 on).
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # the ``bench`` extra; without it the benchmark leaves the column out
    import tantivy
except ImportError:  # pragma: no cover - depends on the installation
    tantivy = None

HERE = Path(__file__).resolve().parent
ANALYZER = "french_folded"
TOP = 20
FACETS = {"categories": "categories", "stances": "stances", "doc_types": "doc_type", "sources": "source_id"}


@dataclass(frozen=True, slots=True)
class TantivyQuery:
    """One of the benchmark's queries in tantivy's terms."""

    words: str = ""  # tantivy's query language, over title and text
    prefix: str = ""  # a term prefix, as a regular expression over the text's terms
    category: str = ""
    since_day: int = 0  # yyyymmdd
    facets: bool = False


def available() -> bool:
    return tantivy is not None


def analyzer() -> Any:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("french"))
        .build()
    )


def _schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
    builder.add_text_field("text", stored=True, tokenizer_name=ANALYZER)
    for name in ("doc_type", "categories", "stances"):
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    for name in ("source_id", "day", "year"):
        builder.add_integer_field(name, indexed=True, fast=True)
    return builder.build()


def open_index(sqlite_db: Path, docs: int) -> tuple[Any, float | None]:
    """The index of the archive (built if missing) and the seconds building it took (None when cached)."""
    folder = HERE / ".cache" / f"tantivy-{docs}"
    done = folder / "complete"
    took = None
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        index = tantivy.Index(_schema(), path=str(folder))
        index.register_tokenizer(ANALYZER, analyzer())
        _fill(index, sqlite_db)
        took = time.perf_counter() - started
        done.touch()
    index = tantivy.Index.open(str(folder))
    index.register_tokenizer(ANALYZER, analyzer())
    index.reload()
    return index, took


def _fill(index: Any, sqlite_db: Path) -> None:
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    source = sqlite3.connect(f"file:{sqlite_db}?mode=ro", uri=True)
    rows = source.execute(
        "SELECT id, COALESCE(title, ''), text, doc_type, source_id, COALESCE(date, substr(first_seen_at, 1, 10)), "
        "mention_categories, mention_stances FROM documents WHERE is_latest = 1"
    )
    for number, title, text, doc_type, source_id, day, categories, stances in rows:
        ymd = int(day.replace("-", ""))
        writer.add_document(
            tantivy.Document(
                id=number, title=title, text=text, doc_type=doc_type, source_id=source_id, day=ymd,
                year=ymd // 10_000, categories=(categories or "").split(), stances=(stances or "").split(),
            )
        )  # fmt: skip
    writer.commit()
    writer.wait_merging_threads()
    source.close()


def search(index: Any, question: TantivyQuery) -> dict[str, Any]:
    """The top 20 with titles and snippets, the exact count, and the facets when asked."""
    schema = index.schema
    searcher = index.searcher()
    parts = []
    if question.words:
        parts.append(index.parse_query(question.words, ["title", "text"], field_boosts={"title": 10.0}))
    if question.prefix:
        parts.append(
            tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.regex_query(schema, field, question.prefix + ".*"))
                    for field in ("title", "text")
                ]
            )
        )
    if question.category:
        parts.append(tantivy.Query.term_query(schema, "categories", question.category))
    if question.since_day:
        parts.append(
            tantivy.Query.range_query(
                schema, "day", tantivy.FieldType.Integer, question.since_day, 99_991_231
            )
        )
    query = (
        parts[0] if len(parts) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Must, p) for p in parts])
    )
    found = searcher.search(query, TOP, count=True)
    snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
    hits = []
    for _score, address in found.hits:
        document = searcher.doc(address)
        hits.append((document["id"][0], document["title"][0], snippets.snippet_from_doc(document).to_html()))
    result: dict[str, Any] = {"total": found.count, "hits": hits}
    if question.facets:
        aggregations = {name: {"terms": {"field": field, "size": 100}} for name, field in FACETS.items()}
        aggregations["years"] = {"terms": {"field": "year", "size": 100}}
        answer = searcher.aggregate(query, aggregations)
        result["facets"] = {
            name: {str(bucket["key"]): bucket["doc_count"] for bucket in answer[name]["buckets"]}
            for name in aggregations
        }
    return result
