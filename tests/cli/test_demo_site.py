"""The demo site's generated PDFs (``scripts/build_demo_documents.py``): the committed files are
the script's bytes, each says it is fictitious, and together with the real ones they show every
technology of the lexicon and an opposition. In-process: no crawl (``test_cli.py`` crawls)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from archive.taxonomy import CATEGORY_IDS
from crawler.demo import DEMO_SITE
from tests.conftest import REPO, invoke_vigie


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_demo_documents", REPO / "scripts/build_demo_documents.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_committed_pdfs_are_the_scripts(builder: ModuleType, tmp_path: Path) -> None:
    written = builder.write_all(tmp_path)
    assert len(written) == 5
    for path in written:
        committed = DEMO_SITE / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), (
            f"run: python scripts/build_demo_documents.py ({committed})"
        )
        assert path.stat().st_size < 8_000  # small: text PDFs, no fonts embedded


def test_each_generated_document_says_it_is_fictitious(builder: ModuleType) -> None:
    """In its first lines (the committed PDFs are these lines: see above)."""
    for document in builder.DOCUMENTS:
        assert any("fictif de démonstration" in line for line in document.paragraphs[:8]), document.path


def test_the_generated_documents_show_every_technology_and_an_opposition(
    builder: ModuleType, tmp_path: Path
) -> None:
    pdfs = [str(DEMO_SITE / document.path) for document in builder.DOCUMENTS]
    found = invoke_vigie("tag", *pdfs, "--format", "json", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    mentions = [mention for line in found.stdout.splitlines() for mention in json.loads(line)["mentions"]]
    assert {mention["category"] for mention in mentions} == set(CATEGORY_IDS)
    opposed = {mention["category"] for mention in mentions if mention["stance"] == "opposition"}
    assert {"reconnaissance_faciale", "vsa", "videoprotection"} <= opposed
