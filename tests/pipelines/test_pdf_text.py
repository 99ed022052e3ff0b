from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from pipelines.pdf_text import BACKENDS, DEFAULT_BACKEND, PdfExtractionError, extract_pdf
from tests import realdocs
from tests.pdfgen import make_pdf

TYPOGRAPHY = ["é", "è", "à", "ç", "œ", "’", "«", "»"]


def test_default_backend_is_the_fast_one() -> None:
    assert DEFAULT_BACKEND == "pdfium"


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_real_deliberation_keeps_french_typography(backend: str) -> None:
    pdf = extract_pdf(realdocs.DELIB_CLSPD.read_bytes(), backend)
    text = "\n".join(pdf.pages)
    assert pdf.backend == backend and len(pdf.pages) == 2 and not pdf.needs_ocr
    for char in TYPOGRAPHY:
        assert char in text, f"{backend} lost {char!r}"
    assert "\ufffe" not in text and "\r" not in text


def test_backends_agree_on_real_documents() -> None:
    # pdfium also reads the prefecture's stamp, which pdfminer misses: compare vocabularies,
    # and which typographic characters each one found.
    for path in (realdocs.DELIB_VIDEOPROTECTION, realdocs.DELIB_CLSPD, realdocs.COUTHENANS_CR):
        body = path.read_bytes()
        fast, slow = extract_pdf(body, "pdfium"), extract_pdf(body, "pdfminer")
        assert len(fast.pages) == len(slow.pages)
        fast_text, slow_text = "".join(fast.pages), "".join(slow.pages)
        assert [c for c in TYPOGRAPHY if c in fast_text] == [c for c in TYPOGRAPHY if c in slow_text], (
            path.name
        )
        fast_words, slow_words = set(fast_text.split()), set(slow_text.split())
        assert len(fast_words & slow_words) / len(slow_words) > 0.9, path.name


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_ligatures_become_letters(backend: str) -> None:
    body = make_pdf(
        [
            [
                "Délibération : vidéoprotection à l’école, façade du cœur de ville",
                "« réseau » ﬁnancement des ﬂux",
            ]
        ]
    )
    [page] = extract_pdf(body, backend).pages
    assert (
        page
        == "Délibération : vidéoprotection à l’école, façade du cœur de ville\n« réseau » financement des flux"
    )


def test_page_boundaries_and_count_of_a_255_page_minutes_file() -> None:
    pdf = extract_pdf(realdocs.PV_255_PAGES.read_bytes())
    assert len(pdf.pages) == 255
    assert "huit caméras de télésurveillance" in " ".join(" ".join(pdf.pages).split())
    assert not pdf.needs_ocr


@pytest.mark.parametrize(
    "path",
    [
        realdocs.CR_SCANNED,
        realdocs.COUTHENANS_ARRETE_SCAN,
        realdocs.FLAUX_CR_SCANNED,
        realdocs.FLAUX_PV_STAMP_ONLY,
    ],
    ids=lambda path: path.name,
)
def test_scans_need_ocr(path) -> None:
    pdf = extract_pdf(path.read_bytes())
    assert pdf.needs_ocr and pdf.pages


def test_a_stamp_only_scan_keeps_its_stamp_text_and_needs_ocr_on_every_page() -> None:
    # Flaux's PV: nine scanned pages whose only text is the prefecture's stamp annotation.
    pdf = extract_pdf(realdocs.FLAUX_PV_STAMP_ONLY.read_bytes())
    assert pdf.ocr_pages == list(range(1, 10))
    assert "ID : 030-213001100-20230609-PV31032023-DE" in pdf.pages[0]
    assert "Envoyé en préfecture le 19/06/2023" in pdf.pages[0]


def test_blank_pages_of_a_text_pdf_are_not_sent_to_ocr() -> None:
    pdf = extract_pdf(make_pdf([["Deliberation 2024/01 : videoprotection du parking"], [], ["Fin."]]))
    assert pdf.ocr_pages == [] and not pdf.needs_ocr


def test_a_scanned_annex_of_a_text_pdf_is_sent_to_ocr() -> None:
    # A text page followed by the pages of a scan: only the scanned pages need OCR.
    writer = PdfWriter()
    writer.append(PdfReader(realdocs.COUTHENANS_CR))
    writer.append(PdfReader(realdocs.FLAUX_CR_SCANNED))
    out = io.BytesIO()
    writer.write(out)
    pdf = extract_pdf(out.getvalue())
    assert pdf.ocr_pages == [2, 3, 4]


def test_scanner_file_names_are_not_titles() -> None:
    assert extract_pdf(realdocs.COUTHENANS_ARRETE_SCAN.read_bytes()).title is None  # "KM_C250i_S2303…"


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_truncated_pdf_is_an_error(backend: str) -> None:
    with pytest.raises(PdfExtractionError) as caught:
        extract_pdf(realdocs.COUTHENANS_CR.read_bytes()[:6000], backend)
    assert caught.value.kind == "pdf_corrupt"


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(realdocs.COUTHENANS_CR))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_password_protected_pdf_is_an_error(backend: str) -> None:
    with pytest.raises(PdfExtractionError) as caught:
        extract_pdf(_encrypted("secret"), backend)
    assert caught.value.kind == "pdf_encrypted"


def test_pdf_encrypted_without_user_password_is_read() -> None:
    pdf = extract_pdf(_encrypted(""))
    assert "conseil municipal" in pdf.pages[0].lower()


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="pdfium"):
        extract_pdf(b"%PDF-1.4", "pdftotext")


def test_a_pdf_bomb_is_refused_before_any_library_opens_it() -> None:
    """A 600 MB content stream in 1 MB: unpacked in bounded chunks and counted, never held."""
    import tracemalloc

    from pipelines.extract import ExtractionInput, extract_document
    from tests.hostile_site import pdf_bomb

    bomb = pdf_bomb(600_000_000)
    tracemalloc.start()
    try:
        result = extract_document(ExtractionInput(url="http://x/bombe.pdf", body=bomb))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (result.kind, result.error_kind) == ("pdf", "pdf_too_large")
    assert peak < 3 * len(bomb) + 20 * 1024 * 1024


def test_real_pdfs_pass_the_bomb_check() -> None:
    from pipelines.pdf_guard import DEFAULT_MAX_UNPACKED, unpacked_size

    assert 1_000_000 < unpacked_size(realdocs.PV_255_PAGES.read_bytes(), DEFAULT_MAX_UNPACKED) < 10_000_000
    for path in (realdocs.DELIB_VIDEOPROTECTION, realdocs.CR_SCANNED, realdocs.COUTHENANS_ARRETE_SCAN):
        assert unpacked_size(path.read_bytes(), DEFAULT_MAX_UNPACKED) < DEFAULT_MAX_UNPACKED // 4
