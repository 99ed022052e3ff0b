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
