"""The ``vigie`` command: thin click wrappers over library functions.

Heavy imports (Scrapy, the extraction stack) happen inside the commands that need them, so
that ``vigie --help`` and archive-only commands start fast.
"""

from __future__ import annotations

import os
import sys

import click

from archive.errors import ArchiveError
from cli.crawl import crawl
from cli.demo import demo
from cli.export import export
from cli.feed import feed
from cli.ocr import ocr
from cli.runs import runs
from cli.search import index, search
from cli.serve import serve
from cli.sources import sources
from cli.tag import retag, tag
from crawler import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="vigie")
def cli() -> None:
    """Vigie watches French local government for surveillance technology.

    It crawls council websites, archives every page and document with its text, and exports
    the archive for analysis.
    """


cli.add_command(crawl)
cli.add_command(export)
cli.add_command(demo)
cli.add_command(tag)
cli.add_command(retag)
cli.add_command(search)
cli.add_command(index)
cli.add_command(ocr)
cli.add_command(sources)
cli.add_command(runs)
cli.add_command(feed)
cli.add_command(serve)


def main() -> None:
    """Entry point: errors become one line and an exit code, never a traceback."""
    try:
        cli.main(standalone_mode=True)
    except ArchiveError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:
        if os.environ.get("VIGIE_DEBUG"):
            raise
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        click.echo(f"Error: {message} (set VIGIE_DEBUG=1 to see the traceback)", err=True)
        sys.exit(1)
