from __future__ import annotations

import io
import zipfile

from pipelines import detect
from tests import realdocs


def test_pdf_by_magic_bytes_whatever_the_headers() -> None:
    body = realdocs.DELIB_VIDEOPROTECTION.read_bytes()
    assert detect.sniff_kind(body, "application/octet-stream", "document.php") == detect.PDF
    assert detect.sniff_kind(body, "text/html") == detect.PDF


def test_claimed_pdf_without_magic_stays_a_pdf_to_report_it_corrupt() -> None:
    assert detect.sniff_kind(b"\x00garbage", "application/pdf") == detect.PDF


def test_html_even_with_a_pdf_name() -> None:
    assert detect.sniff_kind(b"<!DOCTYPE html><html>", None, "deliberation.pdf") == detect.HTML


def test_word_files() -> None:
    assert detect.sniff_kind(realdocs.CR_DOC.read_bytes(), "application/octet-stream") == detect.DOC
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert detect.sniff_kind(docx.getvalue()) == detect.DOCX


def test_csv_and_unknown() -> None:
    assert detect.sniff_kind(realdocs.CSV_UTF16.read_bytes()[:100], "text/csv") == detect.TEXT
    assert detect.sniff_kind(b"\x89PNG\r\n", "image/png", "logo.png") == detect.UNKNOWN


def test_content_disposition_file_names() -> None:
    assert detect.filename_from_headers('attachment; filename="délib 14.pdf"') == "délib 14.pdf"
    assert (
        detect.filename_from_headers("attachment; filename*=UTF-8''d%C3%A9lib%C3%A9ration.pdf")
        == "délibération.pdf"
    )
    assert detect.filename_from_headers(None) is None


def test_nfd_file_names_become_nfc() -> None:
    name = realdocs.flaux_liste_nfd().name
    assert name != "liste des délibérations 16 mai 2025.pdf"  # the fixture really is NFD
    from urllib.parse import quote

    assert (
        detect.filename_from_url("http://x/docs/" + quote(name)) == "liste des délibérations 16 mai 2025.pdf"
    )


def test_the_type_guess_reads_a_few_bytes_of_a_zip_bomb() -> None:
    """Issue 17, item 3: a 1.5 GB ``mimetype`` member in an .odt grew the crawl process to 6.4 GB."""
    import tracemalloc

    from tests.hostile_site import zip_bomb

    bomb = zip_bomb("odt")
    tracemalloc.start()
    try:
        kind = detect.sniff_kind(bomb, "application/vnd.oasis.opendocument.text", "pv.odt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert kind == detect.ODT
    assert peak < 20 * 1024 * 1024
