"""One page of an archived PDF, for the page view: its image, and where words lie on it.

Both run in a worker process (``web.page_images``): a hostile PDF may make pdfium loop or
crash, which a thread could not stop. Every failure comes back as a French sentence in
``error``, never as an exception, so that the page can say what went wrong.

The image is bounded whatever the PDF declares: a page of 200 × 200 inches at the asked scale
would be billions of pixels, so the scale shrinks until the image fits ``MAX_PIXELS`` and
``MAX_SIDE``.

Boxes come from pdfium's text page, the same text the archive stored for this page when it was
read with pdfium (``pipelines.pdf_text``: annotations flattened first, then
``pipelines.textnorm``). ``aligned_text`` redoes that normalisation keeping, for each character
of the stored spelling, the index of the pdfium character it came from; a span of the stored
page text is then a range of pdfium characters, whose rectangles pdfium gives line by line.
When the stored text is not pdfium's (pdfminer, OCR, a text read again since), each span's
words are looked for in pdfium's text instead; words it does not hold (OCR of a scan) get no box.
"""

from __future__ import annotations

import ctypes
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdfium2 import PdfDocument, PdfPage, PdfTextPage

MAX_PIXELS = 6_000_000  # about 2450 × 2450: a page at scale 2 is 1.9 million
MAX_SIDE = 4_000
# Page coordinates are given to pdfium's integer device space at this many units per point.
_PRECISION = 20
_REPLACEMENTS = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\ufffe": "-",
    "\u00ad": "",
    "\x00": "",
    "\f": "\n",
}
_LOOKED_AT = 50  # occurrences of a span's words weighed when the texts differ


@dataclass(frozen=True, slots=True)
class RenderJob:
    path: Path
    page: int  # 1-based
    scale: float


@dataclass(slots=True)
class RenderedPage:
    image: bytes = b""
    media_type: str = "image/webp"
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BoxJob:
    path: Path
    page: int  # 1-based
    page_text: str  # the page's text as the archive stores it
    spans: tuple[tuple[int, int], ...]  # offsets in ``page_text``


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the page, in points from its top left corner (as it is displayed)."""

    x: float
    y: float
    width: float
    height: float


@dataclass(slots=True)
class PageBoxes:
    width: float = 0.0  # the page's size in points, as displayed (rotation applied)
    height: float = 0.0
    boxes: list[list[Box]] = field(default_factory=list)  # per span, [] when not found
    error: str | None = None


def render_page(job: RenderJob) -> RenderedPage:
    """The page as a WebP image at ``job.scale`` (72 dpi × scale), or the reason it has none."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(job.path)
    except Exception as exc:  # any failure of a hostile file is a message
        return RenderedPage(error=_unreadable(exc))
    try:
        page = _open_page(document, job.page)
        width, height = page.get_size()
        if not (width > 0 and height > 0):
            return RenderedPage(error="La page déclare une taille nulle : elle ne peut pas être dessinée.")
        scale = bounded_scale(width, height, job.scale)
        bitmap = page.render(scale=scale, may_draw_forms=True)
        image = bitmap.to_pil()
        out = io.BytesIO()
        # Lossless WebP: a third of the PNG's bytes for a page of text, and exact.
        image.save(out, format="WEBP", lossless=True, quality=50, method=2)
        return RenderedPage(image=out.getvalue(), media_type="image/webp")
    except Exception:
        return RenderedPage(
            error=f"La page {job.page} de ce PDF est endommagée : elle n'a pas pu être dessinée."
        )
    finally:
        document.close()


def bounded_scale(width: float, height: float, scale: float) -> float:
    """``scale``, or less when the image would pass ``MAX_PIXELS`` or ``MAX_SIDE``."""
    limit = min((MAX_PIXELS / (width * height)) ** 0.5, MAX_SIDE / width, MAX_SIDE / height)
    # pdfium rounds the bitmap's sides up: a thousandth less keeps them within the bound.
    return min(scale, limit * 0.999)


def page_boxes(job: BoxJob) -> PageBoxes:
    """The page's size and the rectangles of each span of its stored text."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(job.path)
    except Exception as exc:
        return PageBoxes(error=_unreadable(exc))
    try:
        page = _open_page(document, job.page)
        width, height = page.get_size()
        if not (width > 0 and height > 0):
            return PageBoxes(error="La page déclare une taille nulle : elle ne peut pas être dessinée.")
        textpage = page.get_textpage()
        raw = "".join(_char(textpage, index) for index in range(textpage.count_chars()))
        aligned, origins = aligned_text(raw)
        same = aligned == job.page_text
        boxes = []
        for start, end in job.spans:
            found = (
                (start, end) if same else locate(job.page_text[start:end], aligned, start, len(job.page_text))
            )
            if found is None or found[1] <= found[0]:
                boxes.append([])
                continue
            first, last = origins[found[0]], origins[found[1] - 1]
            boxes.append(_rects(page, textpage, first, last - first + 1, width, height))
        return PageBoxes(width=width, height=height, boxes=boxes)
    except Exception:
        return PageBoxes(error=f"La page {job.page} de ce PDF est endommagée : elle n'a pas pu être lue.")
    finally:
        document.close()


def _open_page(document: PdfDocument, number: int) -> PdfPage:
    """Page ``number`` (1-based), its annotations flattened as the text extraction does."""
    import pypdfium2.raw as pdfium_c

    if not 1 <= number <= len(document):
        raise ValueError(f"pas de page {number}")
    page = document[number - 1]
    if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
        pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
        page.close()
        page = document[number - 1]
    return page


def _char(textpage: PdfTextPage, index: int) -> str:
    import pypdfium2.raw as pdfium_c

    code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
    if code == 2:  # pdfium's hyphen at a line's end, which its text range gives as U+FFFE
        return "\ufffe"
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def _rects(
    page: PdfPage, textpage: PdfTextPage, index: int, count: int, width: float, height: float
) -> list[Box]:
    """pdfium's rectangles (one per line run) of ``count`` characters, in displayed points."""
    boxes = []
    for number in range(textpage.count_rects(index, count)):
        left, bottom, right, top = textpage.get_rect(number)
        x1, y1 = _to_display(page, width, height, left, top)
        x2, y2 = _to_display(page, width, height, right, bottom)
        x, y = min(x1, x2), min(y1, y2)
        if abs(x2 - x1) > 0 and abs(y2 - y1) > 0:
            boxes.append(Box(round(x, 2), round(y, 2), round(abs(x2 - x1), 2), round(abs(y2 - y1), 2)))
    return boxes


def _to_display(page: PdfPage, width: float, height: float, x: float, y: float) -> tuple[float, float]:
    """A point of the page's space in the displayed page (rotation and crop box applied)."""
    import pypdfium2.raw as pdfium_c

    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(
        page.raw,
        0,
        0,
        round(width * _PRECISION),
        round(height * _PRECISION),
        0,
        ctypes.c_double(x),
        ctypes.c_double(y),
        ctypes.byref(device_x),
        ctypes.byref(device_y),
    )
    return device_x.value / _PRECISION, device_y.value / _PRECISION


def aligned_text(raw: str) -> tuple[str, list[int]]:
    """``normalise_text(raw)``, and for each of its characters the index in ``raw`` it came from.

    The steps are ``pipelines.textnorm``'s, done on (character, origin) pairs. Should the result
    ever differ from ``normalise_text`` (a Unicode case NFC composes across what is taken here as
    a cluster), the stored text is simply not matched as a whole and spans are looked for.
    """
    pairs: list[tuple[str, int]] = []
    for index, char in enumerate(raw):
        if char == "\r":
            if index + 1 < len(raw) and raw[index + 1] == "\n":
                continue
            char = "\n"
        replaced = _REPLACEMENTS.get(char, char)
        pairs += [(piece, index) for piece in replaced]
    pairs = _composed(pairs)
    pairs = _without_trailing_blanks(pairs)
    pairs = _without_blank_runs(pairs)
    start, end = 0, len(pairs)
    while start < end and pairs[start][0].isspace():
        start += 1
    while end > start and pairs[end - 1][0].isspace():
        end -= 1
    pairs = pairs[start:end]
    return "".join(char for char, _ in pairs), [origin for _, origin in pairs]


def _composed(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """NFC, cluster by cluster (a base character and the combining marks after it)."""
    out: list[tuple[str, int]] = []
    cluster: list[tuple[str, int]] = []
    for pair in [*pairs, ("", -1)]:
        if pair[0] and cluster and unicodedata.combining(pair[0]):
            cluster.append(pair)
            continue
        if cluster:
            text = "".join(char for char, _ in cluster)
            composed = unicodedata.normalize("NFC", text)
            out += [(char, cluster[0][1]) for char in composed] if composed != text else cluster
        cluster = [pair] if pair[0] else []
    return out


def _without_trailing_blanks(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for pair in pairs:
        if pair[0] == "\n":
            while out and out[-1][0] in " \t":
                out.pop()
        out.append(pair)
    return out


def _without_blank_runs(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for pair in pairs:
        if pair[0] == "\n" and len(out) >= 2 and out[-1][0] == "\n" and out[-2][0] == "\n":
            continue
        out.append(pair)
    return out


def locate(words: str, text: str, near: int, length: int) -> tuple[int, int] | None:
    """The occurrence of ``words`` in ``text`` (any spacing and case) nearest to where ``near``
    falls in a text of ``length`` characters, as offsets in ``text``."""
    parts = words.split()
    if not parts:
        return None
    pattern = re.compile(r"\s*".join(re.escape(char) for char in "".join(parts)), re.IGNORECASE)
    wanted = near * len(text) / max(1, length)
    best: tuple[int, int] | None = None
    for count, match in enumerate(pattern.finditer(text)):
        if best is None or abs(match.start() - wanted) < abs(best[0] - wanted):
            best = (match.start(), match.end())
        if count >= _LOOKED_AT:
            break
    return best


def _unreadable(exc: Exception) -> str:
    if "password" in str(exc).lower():
        return "Ce PDF est chiffré : ses pages ne peuvent pas être affichées."
    return "Ce PDF ne peut pas être ouvert : il est endommagé, tronqué, ou n'est pas un PDF."
