"""``vigie users`` and ``vigie review``, and the reviews in ``vigie records export``: on a real
archive of real documents, with a workspace beside it, reviewed through the library the web
interface calls."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from archive.db import resolve_location
from archive.models import DecisionRow, Mention
from archive.reader import ArchiveReader
from tests import realdocs
from tests.cli.test_records_cli import DRONES_URL, archive_documents
from tests.conftest import invoke_vigie
from tests.quality.records_scoring import load_records
from tests.quality.truth import load_passages, passage_problems
from workspace.accounts import find_user
from workspace.db import open_workspace, resolve_workspace
from workspace.review_items import load_item
from workspace.reviews import Action, apply_action

PASSWORD = "un mot de passe assez long\n"


def users(*args: str, cwd: Path, stdin: str = ""):
    return invoke_vigie("users", *args, "--db", str(cwd / "vigie.db"), cwd=cwd, stdin=stdin)


def test_users_add_list_disable_enable(tmp_path: Path) -> None:
    added = users(
        "add",
        "Ana@Example.org",
        "--name",
        "Ana",
        "--role",
        "admin",
        "--password-stdin",
        cwd=tmp_path,
        stdin=PASSWORD,
    )
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "vigie.workspace.db").exists()
    users("add", "leo@example.org", "--name", "Léo", "--password-stdin", cwd=tmp_path, stdin=PASSWORD)
    listed = json.loads(users("list", "--format", "json", cwd=tmp_path).stdout)
    assert [(u["email"], u["role"], u["disabled"]) for u in listed] == [
        ("ana@example.org", "admin", False),
        ("leo@example.org", "reader", False),
    ]
    assert "password" not in json.dumps(listed)
    assert users("disable", "LEO@example.org", cwd=tmp_path).returncode == 0
    table = users("list", cwd=tmp_path).stdout
    assert "leo@example.org" in table and "disabled" in table
    assert users("enable", "leo@example.org", cwd=tmp_path).returncode == 0
    assert "disabled" not in users("list", cwd=tmp_path).stdout


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "ana@example.org", "--name", "A", "--password-stdin"), "court\n", "at least 12 characters"),
        (("add", "pas-une-adresse", "--name", "A", "--password-stdin"), PASSWORD, "not an e-mail address"),
        (("add", "ana@example.org", "--name", " ", "--password-stdin"), PASSWORD, "the name must have"),
        (("add", "ana@example.org", "--name", "A"), "", "--password-stdin"),
        (("add", "ana@example.org", "--name", "A", "--role", "chef", "--password-stdin"), PASSWORD, "chef"),
        (("disable", "personne@example.org"), "", "no such account"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: tuple, stdin: str, message: str) -> None:
    result = users(*args, cwd=tmp_path, stdin=stdin)
    assert result.returncode == 2 and message in result.stderr
    # One line of error (click's own usage errors, as for every command, add the usage above it).
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    if "--role" not in args:
        assert result.stderr.strip() == errors[0]


def test_an_account_exists_once(tmp_path: Path) -> None:
    assert (
        users(
            "add", "ana@example.org", "--name", "Ana", "--password-stdin", cwd=tmp_path, stdin=PASSWORD
        ).returncode
        == 0
    )
    again = users("add", "ANA@example.org", "--name", "Ana", "--password-stdin", cwd=tmp_path, stdin=PASSWORD)
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real archive (the Manche's drone bulletin, Montpellier's deliberation) whose workspace
    holds a reviewer's actions: a mention confirmed, one rejected, one corrected; a record
    confirmed, one corrected, one rejected as not about surveillance."""
    folder = tmp_path_factory.mktemp("reviewed")
    db = folder / "vigie.db"
    archive_documents(
        db,
        [
            (DRONES_URL, realdocs.RAA_MANCHE_DRONES),
            ("https://www.montpellier.fr/delib-2013-14.pdf", realdocs.DELIB_VIDEOPROTECTION),
        ],
    )
    added = users(
        "add",
        "rita@example.org",
        "--name",
        "Rita",
        "--role",
        "reviewer",
        "--password-stdin",
        cwd=folder,
        stdin=PASSWORD,
    )
    assert added.returncode == 0, added.stderr
    location = resolve_location(str(db))
    reader = ArchiveReader(location)
    workspace = open_workspace(resolve_workspace(None, location))
    try:
        with reader.session() as session:
            mentions = session.query(Mention.id).order_by(Mention.id).limit(3).all()
            records = session.query(DecisionRow.id).order_by(DecisionRow.id).limit(3).all()
        assert len(mentions) == 3 and len(records) == 3
        actions = [
            ("mention", mentions[0][0], Action("confirm")),
            ("mention", mentions[1][0], Action("reject", "not_surveillance", "un exemple")),
            ("mention", mentions[2][0], Action("correct", corrections={"category": "vsa"})),
            ("record", records[0][0], Action("confirm")),
            (
                "record",
                records[1][0],
                Action("correct", note="lu dans l'acte", corrections={"vendor": "Société Exemple"}),
            ),
            ("record", records[2][0], Action("reject", "not_surveillance")),
        ]
        with workspace.session() as session:
            rita = find_user(session, "rita@example.org")
            for kind, archive_id, action in actions:
                item = load_item(reader, kind, archive_id)
                assert item is not None
                apply_action(
                    session, rita, item.fingerprint, kind, item.document_sha256, item.snapshot(), action
                )
            session.commit()
    finally:
        reader.close()
        workspace.close()
    return db


def export(db: Path, *options: str) -> list[dict]:
    result = invoke_vigie("records", "export", "--db", str(db), *options, cwd=db.parent)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_export_marks_reviews_and_keeps_only_the_confirmed_on_request(reviewed: Path) -> None:
    every = export(reviewed)
    statuses = sorted(str((row["review"] or {}).get("status")) for row in every)
    assert (
        statuses.count("confirmed") == 1
        and statuses.count("corrected") == 1
        and statuses.count("rejected") == 1
    )
    assert (
        next(row for row in every if (row["review"] or {}).get("status") == "corrected")["vendor"]
        != "Société Exemple"
    )
    confirmed = export(reviewed, "--confirmed")
    assert sorted(row["review"]["status"] for row in confirmed) == ["confirmed", "corrected"]
    corrected = next(row for row in confirmed if row["review"]["status"] == "corrected")
    assert corrected["vendor"] == "Société Exemple" and corrected["review"]["by"] == "Rita"
    assert corrected["review"]["corrections"] == {"vendor": "Société Exemple"}
    assert "vendor" in corrected["review"]["original"]
    out = invoke_vigie(
        "records", "export", "--db", str(reviewed), "--format", "csv", "--confirmed", cwd=reviewed.parent
    )
    rows = list(csv.DictReader(io.StringIO(out.stdout.lstrip("\ufeff"))))
    assert list(rows[0])[-1] == "review" and sorted(row["review"] for row in rows) == [
        "confirmed",
        "corrected: vendor",
    ]


def test_list_and_show_give_the_review_too(reviewed: Path) -> None:
    listed = invoke_vigie("records", "list", "--db", str(reviewed), "--format", "json", cwd=reviewed.parent)
    records = json.loads(listed.stdout)["records"]
    corrected = next(row for row in records if (row["review"] or {}).get("status") == "corrected")
    shown = invoke_vigie("records", "show", str(corrected["id"]), "--db", str(reviewed), cwd=reviewed.parent)
    assert shown.returncode == 0 and "corrected: vendor by Rita" in shown.stdout
    as_json = invoke_vigie(
        "records",
        "show",
        str(corrected["id"]),
        "--db",
        str(reviewed),
        "--format",
        "json",
        cwd=reviewed.parent,
    )
    assert json.loads(as_json.stdout) == corrected


def test_confirmed_needs_a_workspace(tmp_path: Path, reviewed: Path) -> None:
    lonely = tmp_path / "other.db"
    lonely.write_bytes(reviewed.read_bytes())
    result = invoke_vigie("records", "export", "--db", str(lonely), "--confirmed", cwd=tmp_path)
    assert result.returncode == 2 and "no workspace" in result.stderr
    plain = invoke_vigie("records", "export", "--db", str(lonely), cwd=tmp_path)
    assert plain.returncode == 0 and not (tmp_path / "other.workspace.db").exists()


def test_the_review_log(reviewed: Path) -> None:
    result = invoke_vigie("review", "log", "--db", str(reviewed), "--format", "json", cwd=reviewed.parent)
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    assert log["total"] == 6 and [a["action"] for a in log["actions"]][:2] == ["reject", "correct"]
    assert all(a["email"] == "rita@example.org" and a["before"] is None for a in log["actions"])
    table = invoke_vigie("review", "log", "--db", str(reviewed), cwd=reviewed.parent).stdout
    assert "not_surveillance" in table and "vendor=Société Exemple" in table


def test_labels_round_trip_through_the_quality_loaders(reviewed: Path, tmp_path: Path) -> None:
    out = tmp_path / "labels.toml"
    result = invoke_vigie("review", "labels", "--db", str(reviewed), "-o", str(out), cwd=reviewed.parent)
    assert result.returncode == 0, result.stderr
    passages = load_passages(out)
    assert passage_problems(passages) == []
    assert sorted(sorted(p.categories) for p in passages) == [[], ["vsa"]]
    rejected = next(p for p in passages if not p.categories)
    assert rejected.trap and rejected.split == "dev" and "un exemple" in (rejected.note or "")
    records = load_records(out)
    assert sorted(r.truth["kind"] for r in records if r.truth["kind"] == "none") == ["none"]
    corrected = next(r for r in records if r.truth["kind"] != "none")
    assert corrected.truth["vendor"] == "Société Exemple" and corrected.text.strip()
    assert all(r.split == "dev" and r.truth["technologies"] is not None for r in records)


def test_labels_of_no_review_still_read(tmp_path: Path) -> None:
    users("add", "rita@example.org", "--name", "Rita", "--password-stdin", cwd=tmp_path, stdin=PASSWORD)
    out = tmp_path / "labels.toml"
    result = invoke_vigie(
        "review", "labels", "--db", str(tmp_path / "vigie.db"), "-o", str(out), cwd=tmp_path
    )
    assert result.returncode == 0 and "0 passage(s) and 0 record(s)" in result.stderr
    assert load_passages(out) == [] and load_records(out) == []


def test_reviews_stay_attached_when_the_records_are_rebuilt(reviewed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "vigie.db"
    copy.write_bytes(reviewed.read_bytes())
    (tmp_path / "vigie.workspace.db").write_bytes((reviewed.parent / "vigie.workspace.db").read_bytes())
    before = {row["id"]: row["review"] for row in export(copy)}
    rebuilt = invoke_vigie("records", "rebuild", "--all", "--db", str(copy), cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    after = {row["id"]: row["review"] for row in export(copy)}
    assert not set(before) & set(after), "a rebuild gives the records new ids"
    assert sorted(str(r) for r in before.values()) == sorted(str(r) for r in after.values())
    retagged = invoke_vigie("retag", "--all", "--db", str(copy), cwd=tmp_path)
    assert retagged.returncode == 0, retagged.stderr
    log = invoke_vigie("review", "log", "--db", str(copy), "--format", "json", cwd=tmp_path)
    assert json.loads(log.stdout)["total"] == 6
