"""Text of a PDF, page by page, through a pluggable backend.

Two backends: ``pdfium`` (pypdfium2, the default) and ``pdfminer`` (pdfminer.six). Measured by
``tests/benchmarks/bench_pdf.py`` on French municipal PDFs, ``extract_pdf`` with pdfium reads
500-600 pages/s, about pdftotext's pace, against 15-20 for pdfminer.six; and after normalisation (``textnorm``) both give the same accents, ligatures, apostrophes and
guillemets; the tests hold them to that. pdfminer keeps its default layout analysis: turning
it off glues words together at line ends.

Annotations are flattened into their page before reading it (pdfium backend): prefecture
stamps are often stamp annotations, and their ACTES identifier is wanted.

OCR is decided page by page (``ocr_pages``): a page needs it when it shows a picture covering
a quarter of it or more and, once the prefecture's stamp is set aside, has fewer than
``MIN_PAGE_CHARS`` letters and digits of text. So a scan whose only text is its stamp is a
scan, a blank page of a text PDF is not, and a scanned annex of a text PDF is.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipelines.actes import strip_stamps
from pipelines.pdf_guard import DEFAULT_MAX_UNPACKED, unpacked_size
from pipelines.textnorm import normalise_text

DEFAULT_BACKEND = "pdfium"
MIN_PAGE_CHARS = 20
MIN_PICTURE_SHARE = 0.25
# A page longer than this has text of its own even if a stamp is on it (a stamp is ~150 chars).
STAMP_CHARS = 1000
_ALNUM = re.compile(r"[^\W_]")
_JUNK_TITLES = ("microsoft word", "untitled", "sans titre", "document1", "diapositive")


class PdfExtractionError(Exception):
    """A PDF whose text cannot be read; ``kind`` is ``pdf_encrypted``, ``pdf_corrupt`` or
    ``pdf_too_large``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(slots=True)
class PdfText:
    pages: list[str]
    backend: str
    title: str | None
    ocr_pages: list[int]  # 1-based numbers of the pages whose text must come from OCR

    @property
    def needs_ocr(self) -> bool:
        return bool(self.ocr_pages)


def extract_pdf(
    body: bytes, backend: str = DEFAULT_BACKEND, max_unpacked: int = DEFAULT_MAX_UNPACKED
) -> PdfText:
    try:
        read = BACKENDS[backend]
    except KeyError:
        raise ValueError(f"unknown PDF backend {backend!r}; choose one of {', '.join(BACKENDS)}") from None
    unpacked = unpacked_size(body, max_unpacked)
    if unpacked > max_unpacked:
        raise PdfExtractionError(
            "pdf_too_large",
            f"its compressed streams unpack to over {max_unpacked:,} bytes (a PDF bomb?); "
            "the original is archived",
        )
    raw_pages, title = read(body)
    pages = [normalise_text(page) for page in raw_pages]
    textless = [number for number, page in enumerate(pages, start=1) if not has_usable_text(page)]
    pictures = picture_shares(body, textless) if textless else {}
    ocr_pages = [number for number in textless if pictures.get(number, 0.0) >= MIN_PICTURE_SHARE]
    return PdfText(pages=pages, backend=backend, title=_useful_title(title), ocr_pages=ocr_pages)


def has_usable_text(page: str) -> bool:
    """Enough text besides a prefecture stamp to be read as it is."""
    # Most pages have thousands of letters: count only as far as needed, and strip the stamp
    # only from pages short enough for a stamp to matter.
    if not _has_chars(page, MIN_PAGE_CHARS):
        return False
    return len(page) > STAMP_CHARS or _has_chars(strip_stamps(page), MIN_PAGE_CHARS)


def _has_chars(text: str, wanted: int) -> bool:
    return sum(1 for _ in itertools.islice(_ALNUM.finditer(text), wanted)) >= wanted


def picture_shares(body: bytes, numbers: list[int]) -> dict[int, float]:
    """For the given pages (1-based), the share of their area covered by their largest picture."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    shares: dict[int, float] = {}
    try:
        document = pdfium.PdfDocument(body)
    except pdfium.PdfiumError:
        return shares
    try:
        for number in numbers:
            index = number - 1
            page = document[index]
            width, height = page.get_size()
            largest = 0.0
            for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
                left, bottom, right, top = image.get_bounds()
                largest = max(largest, (right - left) * (top - bottom))
            shares[index + 1] = min(1.0, largest / (width * height)) if width * height > 0 else 0.0
            page.close()
    except pdfium.PdfiumError:
        pass  # pages read so far keep their share; the text backend reports the damage
    finally:
        document.close()
    return shares


def _pdfium_pages(body: bytes) -> tuple[list[str], str | None]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfExtractionError("pdf_encrypted", "encrypted PDF: a password is required") from exc
        raise PdfExtractionError("pdf_corrupt", f"unreadable PDF: {exc}") from exc
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
                # Flatten stamps into the page's content so that their text is read; pdfium
                # asks for the page to be loaded again afterwards.
                pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
                page.close()
                page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        title = document.get_metadata_dict().get("Title")
        return pages, title
    except pdfium.PdfiumError as exc:
        raise PdfExtractionError("pdf_corrupt", f"unreadable PDF: {exc}") from exc
    finally:
        document.close()


def _pdfminer_pages(body: bytes) -> tuple[list[str], str | None]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    try:
        pages = [
            "".join(element.get_text() for element in layout if isinstance(element, LTTextContainer))
            for layout in extract_pages(io.BytesIO(body))
        ]
        info = PDFDocument(PDFParser(io.BytesIO(body))).info
        title = info[0].get("Title") if info else None
        if isinstance(title, bytes):
            title = _decode_pdf_string(title)
        return pages, title if isinstance(title, str) else None
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfExtractionError("pdf_encrypted", "encrypted PDF: a password is required") from exc
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PdfExtractionError("pdf_corrupt", f"unreadable PDF: {exc or type(exc).__name__}") from exc


def _decode_pdf_string(raw: bytes) -> str:
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return raw.decode("utf-16", errors="replace")
    return raw.decode("latin-1")


def _useful_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    # Scanners and word processors fill the field with file names ("KM_C250i_S2303…").
    if (
        " " not in title
        or title.lower().startswith(_JUNK_TITLES)
        or title.lower().endswith((".doc", ".docx", ".pdf"))
    ):
        return None
    return title


BACKENDS: dict[str, Callable[[bytes], tuple[list[str], str | None]]] = {
    "pdfium": _pdfium_pages,
    "pdfminer": _pdfminer_pages,
}
