"""Decode a CSV file whatever its producer did: BOM, UTF-16, Windows-1252, ``;`` or ``,``."""

from __future__ import annotations

import csv
import io


def decode(body: bytes) -> str:
    """The file's text: BOMs are honoured, UTF-16 without BOM is recognised by its zero bytes."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16")
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace")
    head = body[:2000]
    if head and head.count(b"\x00") > len(head) // 4:  # UTF-16 without BOM: every other byte is 0
        return body.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be", errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def read_rows(text: str) -> list[dict[str, str]]:
    """Rows as dicts keyed by the header line; the separator is sniffed from that line.

    Quoted fields may span lines (the csv module handles them); extra columns are kept under
    their own names; short rows get empty strings.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lstrip("\ufeff") for name in next(reader)]
    except StopIteration:
        return []
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        padded = values + [""] * (len(header) - len(values))
        rows.append({name: padded[index].strip() for index, name in enumerate(header) if name})
    return rows
