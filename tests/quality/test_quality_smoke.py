"""The quality evaluation's data are well-formed and its command runs (no score is asserted here)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipelines.tagging.lexicon import CATEGORY_IDS
from tests.benchmarks import bench_quality
from tests.quality import truth


def test_passages_are_well_formed_real_and_split() -> None:
    passages = truth.load_passages()
    assert truth.passage_problems(passages) == []
    assert len(passages) >= 600
    assert {passage.split for passage in passages} == set(truth.SPLITS)
    assert all(passage.source.strip() and passage.source != "realistic" for passage in passages)
    assert {c for passage in passages for c in passage.categories} <= set(CATEGORY_IDS)
    assert any(passage.trap for passage in passages) and any(not p.categories for p in passages)
    assert {passage.stance for passage in passages} >= {"opposition", "neutral"}


def test_the_second_batch_is_split_in_halves_and_covers_what_it_was_gathered_for() -> None:
    batch = [p for p in truth.load_passages() if p.split in ("dev2", "heldout2")]
    splits = Counter(passage.split for passage in batch)
    assert len(batch) >= 150 and abs(splits["dev2"] - splits["heldout2"]) <= 1
    stances = Counter(passage.stance for passage in batch)
    assert stances["opposition"] >= 40 and stances["neutral"] >= 40
    assert sum(passage.trap is not None for passage in batch) >= 30
    positives = Counter(category for passage in batch for category in passage.categories)
    for category in ("vsa", "audiosurveillance", "biometrie", "donnees_securitaires", "lapi", "drone"):
        assert positives[category] >= 8, category


def test_the_third_batch_is_split_in_halves_and_covers_what_it_was_gathered_for() -> None:
    batch = [p for p in truth.load_passages() if p.split in ("dev3", "heldout3")]
    splits = Counter(passage.split for passage in batch)
    assert len(batch) >= 200 and abs(splits["dev3"] - splits["heldout3"]) <= 1
    stances = Counter(passage.stance for passage in batch)
    assert stances["opposition"] >= 45 and stances["neutral"] >= 55
    assert sum(passage.trap is not None for passage in batch) >= 40
    assert sum(not passage.categories and passage.trap is None for passage in batch) >= 5
    positives = Counter(category for passage in batch for category in passage.categories)
    for category in CATEGORY_IDS:
        assert positives[category] >= 10, category


def test_minutes_truth_is_well_formed_and_every_file_is_there() -> None:
    documents = truth.load_documents()
    assert truth.document_problems(documents) == []
    assert {document.split for document in documents} == {"dev", "heldout"}
    assert len(documents) >= 15
    assert sum(document.items is not None for document in documents) >= 10


def test_the_smoke_run_reports_every_measure_for_every_split(tmp_path: Path) -> None:
    output = tmp_path / "quality.json"
    result = bench_quality.main(["--smoke", "--failures", "3", "--output", str(output)])
    written = json.loads(output.read_text(encoding="utf-8"))
    assert written["rows"] == result["rows"]
    names = [row["benchmark"] for row in written["rows"]]
    for split in ("dev", "heldout"):
        for measure in (
            "tagger micro-F1",
            "lowest category recall",
            "traps fired",
            "opposition found",
            "neutral marked opposition",
            "sitting date right",
            "act count within 10%",
        ):
            assert f"quality ({split}): {measure}" in names
        tagger = written["tagger"][split]
        assert set(tagger["categories"]) == set(CATEGORY_IDS)
        assert tagger["passages"] > 0
    for split in ("dev2", "heldout2", "dev3", "heldout3"):  # passages only: tagger rows, no date or act rows
        split_rows = [name for name in names if name.startswith(f"quality ({split}): ")]
        assert split_rows == [
            f"quality ({split}): {measure}"
            for measure in (
                "tagger micro-F1",
                "lowest category recall",
                "traps fired",
                "opposition found",
                "neutral marked opposition",
            )
        ]
        assert written["tagger"][split]["passages"] > 0
    assert written["documents"] and all(d["found_items"] >= 0 for d in written["documents"])
