"""Recognise what a fetched body is, by its bytes first and its headers second.

Municipal sites serve PDFs as ``application/octet-stream`` from ``document.php?id=77``, HTML
with a ``.pdf`` link that turned into an error page, and Word files with no extension, so the
magic bytes win over the Content-Type, which wins over the file name.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

HTML = "html"
PDF = "pdf"
DOC = "doc"
DOCX = "docx"
ODT = "odt"
TEXT = "text"
UNKNOWN = "unknown"

DOCUMENT_EXTENSIONS = frozenset({".pdf", ".doc", ".docx", ".odt"})

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div)", re.I | re.S
)
_CONTENT_TYPES = {
    "application/pdf": PDF,
    "application/x-pdf": PDF,
    "application/msword": DOC,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
    "application/vnd.oasis.opendocument.text": ODT,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": TEXT,
    "text/csv": TEXT,
}
_EXTENSIONS = {".pdf": PDF, ".doc": DOC, ".docx": DOCX, ".odt": ODT, ".csv": TEXT, ".txt": TEXT}


def sniff_kind(body: bytes, content_type: str | None = None, filename: str | None = None) -> str:
    """Return ``pdf``, ``html``, ``doc``, ``docx``, ``odt``, ``text`` or ``unknown``."""
    head = body[:1024]
    if b"%PDF-" in head:
        return PDF
    if head.startswith(_OLE_MAGIC):
        return DOC
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(body) or UNKNOWN
    mime = (content_type or "").split(";")[0].strip().lower()
    by_type = _CONTENT_TYPES.get(mime)
    if by_type in (HTML, TEXT):
        return by_type
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return HTML
    by_name = _EXTENSIONS.get(PurePosixPath(filename or "").suffix.lower())
    if by_name == TEXT or (by_type is None and mime.startswith("text/")):
        return TEXT
    # A body that claims to be a PDF or Word file but lacks the magic bytes is corrupt: keep
    # the claimed kind so that the extractor records the error against it.
    return by_type or by_name or UNKNOWN


def _zip_kind(body: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # Read a few bytes only: a hostile zip may declare gigabytes for this member.
                with archive.open("mimetype") as member:
                    mimetype = member.read(128).decode("ascii", "replace").strip()
                return ODT if mimetype == _reverse(ODT) else None
            if "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError):
        return None
    return None


def _reverse(kind: str) -> str:
    return next(mime for mime, value in _CONTENT_TYPES.items() if value == kind)


def filename_from_headers(content_disposition: str | None) -> str | None:
    """The file name a server suggests in Content-Disposition (RFC 6266, with ``filename*``)."""
    if not content_disposition:
        return None
    message = Message()
    message["content-disposition"] = content_disposition
    name = message.get_filename()
    return _clean_name(name) if name else None


def filename_from_url(url: str) -> str | None:
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    return _clean_name(name) if name else None


def _clean_name(name: str) -> str:
    # Servers send NFD accents (macOS uploads) and Latin-1 bytes; store one spelling.
    return unicodedata.normalize("NFC", name.strip().strip('"'))


def looks_like_document_url(url: str) -> bool:
    return PurePosixPath(urlsplit(url).path.lower()).suffix in DOCUMENT_EXTENSIONS
