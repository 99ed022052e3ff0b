"""Text of word-processor files and plain-text documents.

``.docx`` and ``.odt`` are zip archives of XML: their paragraphs are read with the standard
library and lxml, no extra dependency needed. Legacy binary ``.doc`` files need a converter
(antiword or LibreOffice): until that stage exists they are archived, bytes intact, with an
``error`` that says their text is missing, so that a later run can fill it in.
"""

from __future__ import annotations

import io
import zipfile

from bs4 import UnicodeDammit
from lxml import etree

from pipelines.html_text import FRENCH_FALLBACKS
from pipelines.textnorm import normalise_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class OfficeExtractionError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def extract_docx(body: bytes) -> str:
    root = _xml_member(body, "word/document.xml")
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            parts.append(
                node.text or "" if node.tag == f"{_W}t" else ("\t" if node.tag == f"{_W}tab" else "\n")
            )
        paragraphs.append("".join(parts))
    return normalise_text("\n".join(paragraphs))


def extract_odt(body: bytes) -> str:
    root = _xml_member(body, "content.xml")
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


def _xml_member(body: bytes, name: str) -> etree._Element:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            data = archive.read(name)
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
        raise OfficeExtractionError("office_corrupt", f"unreadable document: {exc}") from exc
