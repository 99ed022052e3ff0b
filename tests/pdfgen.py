"""Write small, valid PDFs whose text is known, for the cases no real fixture covers.

Real council PDFs cover accents, apostrophes and guillemets; none of them carries the ﬁ
ligature as a glyph, which pdfminer keeps and pypdfium2 expands. This writer uses the standard
Helvetica font with an explicit encoding, so every character below is a named glyph
(``/fi``, ``/oe``, ``/quoteright``…) that PDF readers map back to Unicode.
"""

from __future__ import annotations

# Byte codes 128+ are mapped to these glyph names through the font's /Differences array.
GLYPHS = {
    "é": "eacute", "è": "egrave", "à": "agrave", "ç": "ccedilla", "ê": "ecircumflex", "ô": "ocircumflex",
    "œ": "oe", "’": "quoteright", "«": "guillemotleft", "»": "guillemotright", "ﬁ": "fi", "ﬂ": "fl",
    "É": "Eacute", "\u00a0": "space",
    # For the demo site's documents (scripts/build_demo_documents.py); appended, so that the
    # characters above keep their codes.
    "°": "degree", "€": "Euro", "â": "acircumflex", "î": "icircumflex", "û": "ucircumflex",
    "ù": "ugrave", "ï": "idieresis", "ë": "edieresis", "À": "Agrave", "È": "Egrave", "Ê": "Ecircumflex",
    "Ô": "Ocircumflex", "Ç": "Ccedilla", "–": "endash", "Œ": "OE", "\u202f": "space",
}  # fmt: skip
_CODES = {char: 128 + index for index, char in enumerate(GLYPHS)}


def _encode(line: str) -> bytes:
    out = bytearray()
    for char in line:
        if char in _CODES:
            out.append(_CODES[char])
        elif char in "()\\":
            out += b"\\" + char.encode()
        else:
            out += char.encode("ascii")
    return bytes(out)


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one page per item of ``pages``, each a list of text lines."""
    differences = " ".join(f"/{name}" for name in GLYPHS.values())
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, filled below
        (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/BaseEncoding /WinAnsiEncoding /Differences [128 " + differences.encode() + b"] >> >>"
        ),
    ]
    kids = []
    for lines in pages:
        stream = (
            b"BT /F1 12 Tf 72 760 Td 16 TL "
            + b" ".join(b"(" + _encode(line) + b") '" for line in lines)
            + b" ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_ref = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content_ref
        )
        kids.append(len(objects))
    objects[1] = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % kid for kid in kids)
        + b"] /Count %d >>" % len(kids)
    )
    info_ref = None
    if title:
        objects.append(b"<< /Title (" + title.encode("latin-1") + b") >>")
        info_ref = len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info %d 0 R" % info_ref if info_ref else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info, xref)
    return bytes(out)
