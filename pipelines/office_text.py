"""Text of word-processor files and plain-text documents.

``.docx`` and ``.odt`` are zip archives of XML: their paragraphs are read with the standard
library and lxml, no extra dependency needed. A zip can declare a member of gigabytes that
packs into a few megabytes (a "zip bomb"): a member is read only when its declared size is
within ``max_unpacked`` and its compression ratio within ``max_ratio``, and the read itself
stops at that size whatever the header claims (``office_too_large`` otherwise). Legacy binary ``.doc`` files go through antiword
(a Debian package: small, fast, made for exactly this, where LibreOffice would start a whole
office suite per file). antiword draws Word tables with ``|``; minutes put their text in such
tables (names in the left column, the sitting in the right one), so each table is read back
column by column. Without antiword a ``.doc`` is archived, bytes intact, with an error that says
so, and a later run can fill in its text.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from bs4 import UnicodeDammit
from lxml import etree

from pipelines.html_text import FRENCH_FALLBACKS
from pipelines.limits import DocumentLimits
from pipelines.textnorm import normalise_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class OfficeExtractionError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


DEFAULT_MAX_UNPACKED = DocumentLimits().office_max_unpacked  # why 20 MB: pipelines/limits.py
DEFAULT_MAX_RATIO = DocumentLimits().office_max_ratio
# Small members compress well past any ratio (a 2 MB run of one character): only sizes over
# this are checked against the ratio.
_RATIO_FROM = 1024 * 1024


def extract_docx(
    body: bytes, max_unpacked: int = DEFAULT_MAX_UNPACKED, max_ratio: int = DEFAULT_MAX_RATIO
) -> str:
    root = _xml_member(body, "word/document.xml", max_unpacked, max_ratio)
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            parts.append(
                node.text or "" if node.tag == f"{_W}t" else ("\t" if node.tag == f"{_W}tab" else "\n")
            )
        paragraphs.append("".join(parts))
    return normalise_text("\n".join(paragraphs))


def extract_odt(
    body: bytes, max_unpacked: int = DEFAULT_MAX_UNPACKED, max_ratio: int = DEFAULT_MAX_RATIO
) -> str:
    root = _xml_member(body, "content.xml", max_unpacked, max_ratio)
    paragraphs = ["".join(node.itertext()) for node in root.iter(f"{_TEXT_NS}p", f"{_TEXT_NS}h")]
    return normalise_text("\n".join(paragraphs))


def extract_plain(body: bytes, declared_encoding: str | None = None) -> str:
    """CSV and text files: BOMs (UTF-16 open-data exports), the declared charset, or detection."""
    known = [declared_encoding] if declared_encoding else []
    dammit = UnicodeDammit(body, known_definite_encodings=known, user_encodings=FRENCH_FALLBACKS)
    text = (
        dammit.unicode_markup if dammit.unicode_markup is not None else body.decode("windows-1252", "replace")
    )
    return normalise_text(text)


def _xml_member(body: bytes, name: str, max_unpacked: int, max_ratio: int) -> etree._Element:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            data = read_member(archive, name, max_unpacked, max_ratio)
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
        raise OfficeExtractionError("office_corrupt", f"unreadable document: {exc}") from exc


def read_member(archive: zipfile.ZipFile, name: str, max_unpacked: int, max_ratio: int) -> bytes:
    """One member's bytes, refused (``office_too_large``) past the size or ratio limits."""
    info = archive.getinfo(name)
    declared, packed = info.file_size, max(1, info.compress_size)
    if declared > max_unpacked or (declared > _RATIO_FROM and declared > packed * max_ratio):
        raise OfficeExtractionError(
            "office_too_large",
            f"{name} unpacks to {declared:,} bytes from {packed:,} "
            f"(limits: {max_unpacked:,} bytes, ratio {max_ratio}); the original is archived",
        )
    with archive.open(info) as member:
        data = member.read(max_unpacked + 1)  # the header may lie: never read past the limit
    if len(data) > max_unpacked:
        raise OfficeExtractionError("office_too_large", f"{name} unpacks to over {max_unpacked:,} bytes")
    return data


ANTIWORD_TIMEOUT = 120
_MERGE_FIELD = re.compile(r"</?[A-Z][A-Z0-9]{2,}>?")
_PICTURE = "[pic]"  # an image between two words: a space, or "URBAIN[pic]Attribution" runs on


def extract_doc(body: bytes) -> str:
    """Text of a legacy Word ``.doc`` file, through antiword."""
    antiword = shutil.which("antiword")
    if antiword is None:
        raise OfficeExtractionError(
            "doc_unsupported",
            "legacy Word .doc needs antiword (apt install antiword); the original is archived",
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.doc"
        path.write_bytes(body)
        try:
            done = subprocess.run(
                [antiword, "-m", "UTF-8.txt", "-w", "0", str(path)],
                capture_output=True,
                timeout=ANTIWORD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise OfficeExtractionError(
                "office_corrupt", f"antiword took longer than {ANTIWORD_TIMEOUT} s"
            ) from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OfficeExtractionError(
            "office_corrupt", f"unreadable Word document: {message[-1] if message else 'antiword failed'}"
        )
    text = _untable(done.stdout.decode("utf-8", "replace")).replace(_PICTURE, " ")
    return normalise_text(_MERGE_FIELD.sub("", text))


_ITEM_NUMBER = re.compile(r"\d{1,3}(?:\s?[A-Z]|\s?bis)?")


def _number_items(table: list[list[str]]) -> None:
    """Put a column of item numbers in front of the next column's cells, then drop it.

    Minutes laid out as speaker | item number | text would otherwise come out as a block of
    names, a block of numbers and the text, with nothing tying "1" to "Débat d'orientation
    budgétaire": merged, the text column reads "1 - Débat d'orientation budgétaire 2012".
    """
    width = max((len(row) for row in table), default=0)
    for column in range(width - 2, -1, -1):
        cells = [row[column].strip() for row in table if column < len(row) and row[column].strip()]
        if len(cells) < 2 or not all(_ITEM_NUMBER.fullmatch(cell) for cell in cells):
            continue
        for row in table:
            if column + 1 < len(row):
                number = row[column].strip()
                if number:
                    row[column + 1] = f"{number} - {row[column + 1].strip()}"
                del row[column]


def _untable(text: str) -> str:
    """Rewrite antiword's ``|cell|cell|`` tables as the text of each column in turn."""
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        _number_items(table)
        width = max((len(row) for row in table), default=0)
        for column in range(width):
            cells = [row[column].strip() for row in table if column < len(row)]
            out.append("\n".join(cell for cell in cells if cell))
        table.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            table.append(stripped[1:-1].split("|"))
            continue
        if table:
            flush()
        out.append(line)
    if table:
        flush()
    return "\n".join(out)
