"""``vigie tag`` and ``vigie retag`` as users run them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipelines.tagging import default_lexicon_path
from tests import realdocs
from tests.conftest import invoke_vigie, rows, run_vigie

MENTION_FIELDS = ["category", "term", "matched", "start", "end", "page", "context", "stance"]


def test_tag_json_contract_on_a_real_pdf_and_stdin(tmp_path: Path) -> None:
    text_file = tmp_path / "note.txt"
    text_file.write_text("Le conseil refuse la vidéosurveillance algorithmique.", encoding="utf-8")
    pdf = str(realdocs.DELIB_VIDEOPROTECTION)
    result = invoke_vigie("tag", "--format", "json", pdf, str(text_file), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert list(first) == ["file", "mentions"] and first["file"] == pdf
    assert all(list(m) == MENTION_FIELDS for m in first["mentions"])
    assert {m["category"] for m in first["mentions"]} == {"videoprotection"}
    assert {m["page"] for m in first["mentions"]} == {1}
    assert any(m["matched"] == "Vidéoprotection" for m in first["mentions"])
    [mention] = second["mentions"]
    assert (mention["category"], mention["stance"], mention["page"]) == ("vsa", "opposition", None)
    assert (mention["start"], mention["end"]) == (21, 52)

    piped = invoke_vigie("tag", "--format", "json", "-", cwd=tmp_path, stdin="Le véhicule LAPI du lapin.")
    assert json.loads(piped.stdout) == {
        "file": "-",
        "mentions": [
            {"category": "lapi", "term": "LAPI", "matched": "LAPI", "start": 12, "end": 16, "page": None,
             "context": "Le véhicule LAPI du lapin.", "stance": None}
        ],
    }  # fmt: skip


def test_tag_text_format_and_errors(tmp_path: Path) -> None:
    result = invoke_vigie("tag", str(realdocs.COUTHENANS_CR), cwd=tmp_path)
    assert result.returncode == 0 and ":p1: videoprotection: 'Caméra'" in result.stdout
    missing = invoke_vigie("tag", "absent.pdf", cwd=tmp_path)
    assert (
        missing.returncode == 2
        and "not a readable file" in missing.stderr
        and "Traceback" not in missing.stderr
    )
    bad = tmp_path / "bad.toml"
    bad.write_text("version = ", encoding="utf-8")
    broken = invoke_vigie("tag", "--lexicon", str(bad), str(realdocs.COUTHENANS_CR), cwd=tmp_path)
    assert broken.returncode == 2 and "not valid TOML" in broken.stderr


def test_retag_after_a_lexicon_change(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run_vigie("demo", "--db", str(db), "--port", "0", cwd=tmp_path).returncode == 0
    before = rows(db, "SELECT category, count(*) FROM mentions GROUP BY category")
    assert ("videoprotection", 46) in before
    unchanged = invoke_vigie("retag", "--db", str(db), cwd=tmp_path)
    assert "0 documents re-tagged" in unchanged.stdout

    lexicon = default_lexicon_path().read_text(encoding="utf-8")
    lexicon = lexicon.replace('version = "', 'version = "local-', 1)
    lexicon = lexicon.replace('    "télésurveillance",\n', '    "comité de pilotage",\n')
    custom = tmp_path / "lexicon.toml"
    custom.write_text(lexicon, encoding="utf-8")
    result = invoke_vigie("retag", "--db", str(db), "--lexicon", str(custom), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 with different mentions" in result.stdout
    [(added, removed)] = re.findall(r"videoprotection\s+\+(\d+)\s+-(\d+)", result.stdout)
    versions = rows(db, "SELECT DISTINCT lexicon_version FROM mentions")
    assert versions == [(rows(db, "SELECT DISTINCT tagged_with FROM documents")[0][0],)]
    assert versions[0][0].startswith("local-")
    assert rows(db, "SELECT count(*) FROM mentions WHERE term = 'télésurveillance'") == [(0,)]
    assert rows(db, "SELECT count(*) FROM mentions WHERE term = 'comité de pilotage'") == [(int(added),)]
    assert int(removed) == 1  # the one "télésurveillance" of the 255-page minutes
