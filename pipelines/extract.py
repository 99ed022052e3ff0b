"""From fetched bytes to archived text: the one function the extraction workers run.

``extract_document`` is a plain, picklable function so that it runs in a worker process,
away from Scrapy's reactor. It never raises for a bad document: encrypted, truncated or
corrupt files come back with an ``error`` and an ``error_kind``, and are archived as such.
"""

from __future__ import annotations

from archive.files import sha256_hex
from archive.records import Analysis
from pipelines import detect
from pipelines.actes import find_actes
from pipelines.acts import split_acts
from pipelines.dates import find_date
from pipelines.doctype import guess_doc_type
from pipelines.extraction_input import ExtractionInput
from pipelines.markup_guard import flatten_markup, has_tags_enough, tame_markup
from pipelines.office_text import OfficeExtractionError, extract_doc, extract_docx, extract_odt, extract_plain
from pipelines.pdf_text import PdfExtractionError, extract_pdf


def extract_document(job: ExtractionInput) -> Analysis:
    filename = detect.filename_from_headers(job.content_disposition) or detect.filename_from_url(job.url)
    kind = detect.sniff_kind(job.body, job.content_type, filename)
    result = Analysis(sha256=sha256_hex(job.body), kind=kind, filename=filename)
    if result.sha256 == job.known_sha256:
        result.unchanged = True  # never extract (nor tag) the same bytes twice
        return result
    try:
        _fill_text(result, job)
    except (PdfExtractionError, OfficeExtractionError) as exc:
        result.error, result.error_kind = str(exc), exc.kind
    except Exception as exc:  # one broken document never stops a crawl
        result.error = f"extraction failed: {type(exc).__name__}: {exc}"
        result.error_kind = "extraction_failed"
    if result.title is None and kind != detect.HTML:
        result.title = _title_from_filename(filename)
    return describe(result, job.url)


def describe(result: Analysis, url: str) -> Analysis:
    """What the text says about the document: type, date, ACTES identifier, acts.

    Run once the text is known, and again when OCR has given a scan its text.
    """
    text_head = result.pages[0] if result.pages else ""
    result.doc_type = guess_doc_type(result.title, url, text_head, result.kind)
    result.date, result.date_source = find_date(result.title, url, text_head)
    text = "\f".join(result.pages)
    result.actes = find_actes(text)
    result.acts = split_acts(text, result.doc_type, result.title, paged=result.kind == detect.PDF)
    return result


def _fill_text(result: Analysis, job: ExtractionInput) -> None:
    kind = result.kind
    if kind == detect.HTML:
        from pipelines.html_text import extract_html  # selectolax and bs4: only when there is HTML to read

        body, encoding, flattened = _tamed_html(job)
        page = extract_html(body, encoding)
        result.pages, result.title = [page.text], page.title
        result.extraction = "html-flattened" if flattened else "html"
    elif kind == detect.PDF:
        pdf = extract_pdf(job.body, job.pdf_backend, job.limits.pdf_max_unpacked)
        result.pages, result.title, result.extraction = pdf.pages, pdf.title, pdf.backend
        result.needs_ocr, result.ocr_pages = pdf.needs_ocr, pdf.ocr_pages
    elif kind == detect.DOCX:
        limits = job.limits
        text = extract_docx(job.body, limits.office_max_unpacked, limits.office_max_ratio)
        result.pages, result.extraction = [text], "docx"
    elif kind == detect.ODT:
        limits = job.limits
        text = extract_odt(job.body, limits.office_max_unpacked, limits.office_max_ratio)
        result.pages, result.extraction = [text], "odt"
    elif kind == detect.TEXT:
        result.pages, result.extraction = [extract_plain(job.body, job.declared_encoding)], "text"
    elif kind == detect.DOC:
        if not job.body.startswith(b"\xd0\xcf\x11\xe0"):
            raise OfficeExtractionError("office_corrupt", "unreadable Word document: not an OLE file")
        result.pages, result.extraction = [extract_doc(job.body)], "antiword"
    else:
        result.error, result.error_kind = (
            "unrecognised content: not HTML, PDF or an office document",
            "unknown_format",
        )


def _tamed_html(job: ExtractionInput) -> tuple[bytes, str | None, bool]:
    """The page's bytes and charset, flattened first when nested too deep or too big to build
    a tree of (``markup_guard``, ``DocumentLimits.html_max_bytes``)."""
    body = job.body
    too_big = len(body) > job.limits.html_max_bytes
    if not too_big and not has_tags_enough(body, job.limits.html_max_depth):
        return body, job.declared_encoding, False  # too few tags to nest deep: no decoding here
    from pipelines.html_text import decode_html

    markup, _encoding = decode_html(body, job.declared_encoding)
    if too_big:
        return flatten_markup(markup).encode("utf-8"), "utf-8", True
    tamed, flattened = tame_markup(markup, job.limits.html_max_depth)
    if not flattened:
        return body, job.declared_encoding, False
    return tamed.encode("utf-8"), "utf-8", True


def _title_from_filename(filename: str | None) -> str | None:
    if not filename:
        return None
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return " ".join(stem.replace("_", " ").split()) or None
