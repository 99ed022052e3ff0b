from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

import pytest

from pipelines.extract import ExtractionInput, extract_document
from pipelines.office_text import OfficeExtractionError, extract_docx, extract_odt, extract_plain
from tests import realdocs


def test_utf16_open_data_csv() -> None:
    text = extract_plain(realdocs.CSV_UTF16.read_bytes())
    assert text.count("Vidéoprotection") + text.count("vidéoprotection") >= 20
    assert "\x00" not in text


def test_latin1_csv() -> None:
    assert "Hopitaux-Facultés" in extract_plain(realdocs.CSV_LATIN1.read_bytes())


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_docx_paragraphs() -> None:
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>Délibération n° 12</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Caméras </w:t></w:r><w:r><w:t>piétons</w:t></w:r></w:p></w:body></w:document>"
    )
    assert extract_docx(_zip({"word/document.xml": xml})) == "Délibération n° 12\nCaméras piétons"


def test_odt_paragraphs() -> None:
    xml = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:h>Procès-verbal</text:h><text:p>Le conseil approuve.</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    body = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": xml})
    assert extract_odt(body) == "Procès-verbal\nLe conseil approuve."


def test_corrupt_docx() -> None:
    with pytest.raises(OfficeExtractionError):
        extract_docx(b"PK\x03\x04 truncated")


@pytest.mark.parametrize(
    ("path", "phrases"),
    [
        (
            realdocs.FLAUX_DOC,
            [
                "Séance du 8 juin 2020",
                "L’an deux mille vingt, le huit juin à dix-huit heures, le Conseil Municipal",
            ],
        ),
        (realdocs.CR_DOC, ["Compte-rendu du Conseil municipal", "Séance publique du lundi 07 novembre 2011"]),
    ],
    ids=["flaux", "montpellier"],
)
def test_legacy_doc_files_through_antiword(path, phrases) -> None:
    url = "http://mairie.fr/comptesrendus/" + quote(path.name)
    result = extract_document(
        ExtractionInput(url=url, body=path.read_bytes(), content_type="application/msword")
    )
    assert (result.kind, result.extraction, result.error) == ("doc", "antiword", None)
    [text] = result.pages
    for phrase in phrases:
        assert phrase in text
    assert "|" not in text and "<SEA" not in text and result.doc_type == "compte_rendu"


def test_legacy_doc_without_antiword_is_archived_with_an_explicit_error(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = extract_document(ExtractionInput(url="http://x/cr.doc", body=realdocs.FLAUX_DOC.read_bytes()))
    assert result.kind == "doc" and result.error_kind == "doc_unsupported" and result.pages == []
    assert "antiword" in result.error


def test_a_docx_zip_bomb_is_refused_without_unpacking() -> None:
    """Issue 17, item 4: a 1.5 GB document.xml in 6.5 MB grew a worker to 6.35 GB."""
    import tracemalloc

    from tests.hostile_site import zip_bomb

    bomb = zip_bomb("docx")
    tracemalloc.start()
    try:
        with pytest.raises(OfficeExtractionError) as refused:
            extract_docx(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.kind == "office_too_large" and "unpacks to" in str(refused.value)
    assert peak < 50 * 1024 * 1024


def test_a_member_whose_header_lies_is_read_only_up_to_the_limit() -> None:
    """The declared size may be small and the stream huge: reading stops at the limit."""
    from pipelines.office_text import read_member

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b"<p/>" * 300_000)  # 1.2 MB
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        with pytest.raises(OfficeExtractionError):
            read_member(archive, "content.xml", max_unpacked=1_000_000, max_ratio=10_000)
        assert len(read_member(archive, "content.xml", max_unpacked=2_000_000, max_ratio=10_000)) == 1_200_000


def test_a_word_table_of_speaker_number_and_text_keeps_its_items() -> None:
    """Montpellier's 2011 compte rendu: speaker | item number | text, 87 items; numbers and
    titles read as separate columns gave no act at all."""
    result = extract_document(ExtractionInput(url="http://x/cr.doc", body=realdocs.CR_DOC.read_bytes()))
    assert len(result.acts) >= 0.9 * 87
    assert (result.acts[0].number, result.acts[0].title) == ("1", "Débat d'orientation budgétaire 2012")
    assert result.acts[1].title.startswith("PROJET URBAIN Attribution des contrats négociés")
    assert [act.number for act in result.acts] == [str(n) for n in range(1, len(result.acts) + 1)]
