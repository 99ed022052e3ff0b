"""The ``vigie`` command: thin click wrappers over library functions.

Heavy imports (Scrapy, the extraction stack) happen inside the commands that need them, so
that ``vigie --help`` and archive-only commands start fast.
"""

from __future__ import annotations

import os
from typing import Any

import click

from archive.errors import ArchiveError
from cli.alerts import alerts
from cli.crawl import crawl
from cli.demo import demo
from cli.export import export
from cli.feed import feed
from cli.migrate import migrate
from cli.ocr import ocr
from cli.queue import queue, worker
from cli.records import records
from cli.review import review
from cli.runs import runs
from cli.search import index, search
from cli.serve import serve
from cli.snapshot import snapshot
from cli.sources import sources
from cli.tag import retag, tag
from cli.users import users
from crawler import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class OneLineError(click.ClickException):
    """An error shown as one line (``Error: …``) with its exit status, never a traceback."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class VigieGroup(click.Group):
    """The ``vigie`` group: whatever a command raises becomes one line and an exit status.

    Here rather than around ``cli()`` in ``main``, so that click's in-process test runner sees
    exactly what a user sees: an unusable archive exits 2, anything unexpected 1
    (``VIGIE_DEBUG=1`` shows the traceback instead).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ArchiveError as exc:
            raise OneLineError(str(exc), 2) from exc
        except Exception as exc:
            if os.environ.get("VIGIE_DEBUG"):
                raise
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise OneLineError(f"{message} (set VIGIE_DEBUG=1 to see the traceback)", 1) from exc


@click.group(cls=VigieGroup, context_settings=CONTEXT_SETTINGS)
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
cli.add_command(worker)
cli.add_command(queue)
cli.add_command(sources)
cli.add_command(runs)
cli.add_command(feed)
cli.add_command(serve)
cli.add_command(records)
cli.add_command(snapshot)
cli.add_command(users)
cli.add_command(review)
cli.add_command(migrate)
cli.add_command(alerts)


def main() -> None:
    """Entry point: errors become one line and an exit code, never a traceback (``VigieGroup``)."""
    cli.main(standalone_mode=True)
