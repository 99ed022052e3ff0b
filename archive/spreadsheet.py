"""CSV that spreadsheets open safely: every CSV Vigie writes goes through ``SpreadsheetWriter``.

Titles, contexts and URLs are scraped as a site serves them, and a cell that begins with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return, which some spreadsheets skip before
reading a formula) is run as a formula by Excel and LibreOffice: ``=HYPERLINK(…)`` or worse
(CSV injection, OWASP). Such a cell is written with a leading apostrophe, which spreadsheets
show as text and hide; numbers are written as they are. A script that reads the CSV sees the
apostrophe: the JSONL exports keep every value exactly as scraped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet should receive it: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetWriter:
    """``csv.DictWriter`` with CRLF lines and every text cell passed through ``safe_cell``."""

    def __init__(self, out: TextIO, fieldnames: Sequence[str]) -> None:
        self._writer = csv.DictWriter(out, fieldnames=list(fieldnames), lineterminator="\r\n")

    def writeheader(self) -> None:
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({name: safe_cell(value) for name, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)
