"""``vigie tag`` (files) and ``vigie retag`` (the archive): the tagger without a crawl.

Neither imports Scrapy: tagging a file starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from cli.options import archive_options, existing_store, writing


def lexicon_option(func: Any) -> Any:
    return click.option(
        "--lexicon",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="VIGIE_LEXICON",
        help="A lexicon TOML file instead of the one shipped with Vigie. Env: VIGIE_LEXICON.",
    )(func)


def tagger_or_exit(lexicon: Path | None) -> Any:
    from pipelines.tagging import LexiconError, get_tagger

    try:
        return get_tagger(lexicon)
    except LexiconError as exc:
        raise click.BadParameter(str(exc), param_hint="'--lexicon'") from exc


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
    help="json: one object per file and line, {file, mentions}. text: one line per mention.",
)
@lexicon_option
def tag(files: tuple[str, ...], fmt: str, lexicon: Path | None) -> None:
    """Tag text, HTML or PDF FILES with the lexicon, as a crawl would; '-' reads text from stdin.

    Each mention has its category, canonical term, the matched text, start and end offsets in the
    document's text (PDF pages separated by form feeds), the page (PDF, 1-based), about 300
    characters of context, and its stance ("opposition" or null).
    """
    from pipelines.extract import ExtractionInput, extract_document

    tagger = tagger_or_exit(lexicon)
    for name in files:
        paged = False
        if name == "-":
            text = sys.stdin.read()
        else:
            path = Path(name)
            if not path.is_file():
                raise click.BadParameter(f"{name!r} is not a readable file", param_hint="FILES")
            result = extract_document(ExtractionInput(url=path.resolve().as_uri(), body=path.read_bytes()))
            if result.error:
                click.echo(f"{name}: {result.error}", err=True)
            text, paged = "\f".join(result.pages), result.kind == "pdf"
        mentions = tagger.tag(text, paged)
        if fmt == "json":
            click.echo(
                json.dumps({"file": name, "mentions": [m.to_dict() for m in mentions]}, ensure_ascii=False)
            )
        else:
            for mention in mentions:
                where = f"{name}:p{mention.page}" if mention.page else name
                stance = " [opposition]" if mention.stance else ""
                click.echo(f"{where}: {mention.category}: {mention.matched!r}{stance} — {mention.context}")


@click.command()
@archive_options
@lexicon_option
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Re-tag every document, not only those tagged with another lexicon version.",
)
def retag(db: str, files_dir: str | None, lexicon: Path | None, everything: bool) -> None:
    """Re-run tagging over the archive after a lexicon change, without re-crawling.

    Documents tagged with another lexicon version (or never tagged) get their mentions replaced,
    and their acts, ACTES identifier and date read again from the stored text, title and URL;
    the report says how many documents changed tags, stance, dates and acts, and how many
    mentions were added and removed per category.
    """
    from archive.mentions import count_to_tag
    from pipelines.tagging.retag import retag_archive

    tagger = tagger_or_exit(lexicon)
    store = existing_store(db, files_dir)
    try:
        total = count_to_tag(store, tagger.version, everything)
        with (
            writing(store, "retag"),
            click.progressbar(length=total, label="Re-tagging", file=sys.stderr) as bar,
        ):
            report = retag_archive(store, tagger, everything, progress=lambda done: bar.update(1))
    finally:
        store.close()
    click.echo(
        f"Lexicon {report.lexicon_version}: {report.documents} documents re-tagged, "
        f"{report.documents_changed} with different mentions."
    )
    click.echo(
        f"Documents changed: tags {report.tags_changed}, stance {report.stance_changed}, "
        f"dates {report.dates_changed}, acts {report.acts_changed}."
    )
    categories = sorted(set(report.added) | set(report.removed))
    if not categories:
        click.echo("No mention added or removed.")
    for category in categories:
        click.echo(f"  {category:<24} +{report.added[category]:<6} -{report.removed[category]}")
