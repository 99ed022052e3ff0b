"""OCR of the real scans with the real tesseract (French), as ``vigie ocr`` and ``--ocr`` run it.

The known sentences were read by eye on the page images, not taken from tesseract's output.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest

from pipelines.extract import ExtractionInput, extract_document
from pipelines.ocr import OcrUnavailableError, apply_ocr_in, find_engine, ocr_pdf
from pipelines.tagging import get_tagger
from pipelines.worker_pool import WorkerPool
from tests import realdocs

KNOWN = {
    # Montpellier, compte rendu du 20 juin 2011, page 2 (a 96-dpi scan)
    "CR_CM_20_06_2011.pdf": "Madame Moschetti-Stamm (donne procuration à Monsieur Roumégas), Mesdames Fargier, "
    "El Atmani, De La Grange (donne procuration à Monsieur Lévita) sortent de séance. Evolution des postes "
    "d'enseignants dans les écoles publiques à la rentrée 2011. Avenue du Pont Trinquat Sécurité école Groupe "
    "Scolaire les Aiguerelles Marché à procédure adaptée Autorisation de signer les marchés",
    # Couthenans, arrêté préfectoral du 23 mars 2023, page 1
    "arrete_pref_ 23_03_2023.pdf": "portant limitation provisoire des usages de l'eau. VU le Code de "
    "l'Environnement pris notamment en son article L. 211-3, relatif aux mesures de limitation ou de "
    "suspension provisoire des usages de l'eau pour faire face à une menace ou aux conséquences "
    "d'accidents, de sécheresse, d'inondations ou à un risque de pénurie",
    # Flaux, procès-verbal du 31 mars 2023, page 2 (under the prefecture's stamp)
    "PV du 31 mars 2023-tampon.pdf": "Le quorum est atteint, Monsieur le Maire déclare la séance ouverte. "
    "Monsieur le Maire propose la candidature de MICHOT Patricia en qualité de secrétaire pour la présente "
    "séance. Monsieur le Maire demande s'il y a des observations. Personne ne prenant la parole, il est "
    "passé au vote. La présentation du compte de gestion M14 pour l'année 2022 fait apparaitre",
}
SCANS = [realdocs.CR_SCANNED, realdocs.COUTHENANS_ARRETE_SCAN, realdocs.FLAUX_PV_STAMP_ONLY]
# OCR is a second and a half per page here: the scans whose known sentences, date and mention
# are on their first two pages are read that far (their own page images, cut out with pdfium);
# the arrêté is read whole, for its act's ten pages.
FIRST_PAGES = {realdocs.CR_SCANNED.name: 2, realdocs.FLAUX_PV_STAMP_ONLY.name: 2}


def _words(text: str) -> list[str]:
    return re.findall(r"[\wÀ-ÿ]+", text.replace("’", "'").lower())


def _first_pages(path: Path) -> Path:
    """The scan, or a copy of its first pages in a folder of its own (removed once read)."""
    if path.name not in FIRST_PAGES:
        return path
    import pypdfium2 as pdfium

    source, copy = pdfium.PdfDocument(path), pdfium.PdfDocument.new()
    try:
        copy.import_pages(source, list(range(FIRST_PAGES[path.name])))
        folder = Path(tempfile.mkdtemp(prefix="vigie-ocr-test-"))
        copy.save(folder / path.name)
    finally:
        copy.close()
        source.close()
    return folder / path.name


@cache
def _ocred(original: Path):
    path = _first_pages(original)

    async def run(extracted):
        pool = WorkerPool(2, 600)
        try:
            outcome = await ocr_pdf(pool, path, find_engine(), timeout=600)
            # As ``vigie crawl --ocr`` does: the text described in a worker, off the reactor.
            return outcome, await apply_ocr_in(pool, extracted, outcome, path.as_uri())
        finally:
            pool.close()

    try:
        extracted = extract_document(ExtractionInput(url=path.as_uri(), body=path.read_bytes()))
        return asyncio.run(run(extracted))
    finally:
        if path != original:
            shutil.rmtree(path.parent)


@pytest.mark.parametrize("path", SCANS, ids=lambda path: path.name)
def test_scans_come_out_with_french_text_with_accents(path) -> None:
    outcome, result = _ocred(path)
    assert outcome.error is None and outcome.ocr_pages == list(range(1, len(result.pages) + 1))
    found = set(_words("\n".join(result.pages)))
    expected = _words(KNOWN[path.name])
    missing = [word for word in expected if word not in found]
    assert len(missing) <= 0.1 * len(expected), missing
    assert {"séance", "procédure", "conséquences", "sécheresse", "année"} & found  # accents kept
    assert result.extraction == "ocr" and not result.needs_ocr
    assert re.fullmatch(r"tesseract \d+\.\d+\S* \(fra\)", result.ocr_engine)
    assert 60 <= result.ocr_confidence <= 100


def test_scans_are_described_and_tagged_like_text_pdfs() -> None:
    _, montpellier = _ocred(realdocs.CR_SCANNED)
    mentions = get_tagger().tag("\f".join(montpellier.pages), paged=True)
    assert [(m.category, m.matched, m.page) for m in mentions if m.category == "videoprotection"] == [
        ("videoprotection", "vidéoprotection", 2)  # "Programme de vidéoprotection urbaine année 2011"
    ]
    assert (montpellier.doc_type, montpellier.date) == ("compte_rendu", dt.date(2011, 6, 20))
    _, arrete = _ocred(realdocs.COUTHENANS_ARRETE_SCAN)
    assert (arrete.doc_type, arrete.date) == ("arrete", dt.date(2023, 3, 23))
    [act] = arrete.acts
    assert (act.kind, act.number, act.page_end) == ("arrete", "70-2023-03-23-00010", 10)


def test_the_stamp_of_a_stamp_only_scan_is_kept_after_ocr() -> None:
    _, flaux = _ocred(realdocs.FLAUX_PV_STAMP_ONLY)
    assert flaux.actes.actes_id == "030-213001100-20230609-PV31032023-DE"
    assert flaux.pages[0].rstrip().endswith("ID : 030-213001100-20230609-PV31032023-DE")
    assert (flaux.doc_type, flaux.date) == ("proces_verbal", dt.date(2023, 3, 31))


def test_a_missing_tesseract_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIE_TESSERACT", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailableError, match=r"tesseract is not installed .*tesseract-ocr-fra"):
        find_engine()
