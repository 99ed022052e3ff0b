"""``vigie review log|labels``: the journal of the reviews, and reviews as labelled cases."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.options import db_option
from cli.workspace_options import open_cli_workspace, workspace_option


@click.group()
def review() -> None:
    """The reviews of the evidence made in the web interface (``vigie serve --accounts``)."""


@review.command("log")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@workspace_option
def log(limit: int, fmt: str, db: str, workspace: str | None) -> None:
    """Every review action, the latest first: when, who, what, on which item, before and after."""
    from workspace.reviews import journal

    opened = open_cli_workspace(db, workspace, must_exist=True)
    total, entries = 0, []
    if opened is not None:
        try:
            with opened.session() as session:
                total, entries = journal(session, limit)
        finally:
            opened.close()
    if fmt == "json":
        click.echo(
            json.dumps(
                {"total": total, "actions": [entry.to_dict() for entry in entries]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for entry in entries:
        after = entry.after or {}
        detail = after.get("reason") or ", ".join(
            f"{k}={v}" for k, v in (after.get("corrections") or {}).items()
        )
        click.echo(
            f"{entry.at:%Y-%m-%d %H:%M}  {entry.email:<28} {entry.action:<8} {entry.item_kind:<8} "
            f"{entry.fingerprint}" + (f"  ({detail})" if detail else "")
        )
    click.echo(f"{len(entries)} of {total} action(s)", err=True)


@review.command("labels")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True)
@click.option(
    "--split",
    default="dev",
    show_default=True,
    help="The split written in each case (tests/quality/README.md: draw it before looking at scores).",
)
@db_option
@workspace_option
def labels(output: Path, split: str, db: str, workspace: str | None) -> None:
    """Write the rejected and corrected items as labelled cases, in the formats of the quality
    evaluation: [[passage]] for mentions (tests/quality/passages.toml), [[record]] for records
    (records.toml). Rejections as duplicates (and a record's, for another reason) are left out."""
    from workspace.review_labels import Labels, review_labels

    opened = open_cli_workspace(db, workspace, must_exist=True)
    found = Labels()
    if opened is not None:
        try:
            with opened.session() as session:
                found = review_labels(session, split)
        finally:
            opened.close()
    try:
        output.write_text(found.toml(), encoding="utf-8")
    except OSError as exc:
        raise click.FileError(str(output), exc.strerror) from None
    click.echo(
        f"{len(found.passages)} passage(s) and {len(found.records)} record(s) written to {output}; "
        f"{found.left_out} review(s) without a label left out",
        err=True,
    )
