"""The Table Schemas of ``vigie snapshot``'s four CSV files: each field's type and meaning.

A field is (name, Frictionless type, English, French). The documents' fields are those of
``vigie export`` (``archive.export.EXPORT_FIELDS``) without the mentions list, plus counts; a
fact the contract gains later (``archive.records.DocumentFacts``) gets its type from its
annotation, so that adding a field still costs three files.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass

from archive.export import EXPORT_FIELDS
from archive.records import RECORD_EXPORT_COLUMNS, DocumentFacts

# How lists are written in a cell: the separators of ``vigie export``'s CSV, kept so that a
# column means the same in both. URLs may contain ";" but never a raw space.
SPACE_LISTS = frozenset({"urls", "registry_sources"})
SEMICOLON_LISTS = frozenset({"categories", "technologies", "legal_basis"})


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # string, integer, number, boolean, date, datetime
    en: str
    fr: str

    def to_schema(self) -> dict[str, str]:
        return {"name": self.name, "type": self.type, "description": self.en}


_T = tuple[str, str, str]  # type, English, French
_DOCUMENT: dict[str, _T] = {
    "url": ("string", "First URL where the document was seen", "Première URL où le document a été vu"),
    "urls": ("string", "Every URL, separated by spaces", "Toutes ses URL, séparées par des espaces"),
    "title": ("string", "Title (page title, PDF metadata or file name)", "Titre"),
    "date": ("date", "Date of the sitting or act, when known", "Date de la séance ou de l'acte"),
    "doc_type": ("string", "deliberation, proces_verbal, compte_rendu, raa, arrete…", "Type de document"),
    "content_type": ("string", "Media type as served", "Type de contenu servi"),
    "sha256": ("string", "SHA-256 of the original bytes: the document's key", "Empreinte SHA-256 (clé)"),
    "pages": ("integer", "Number of pages", "Nombre de pages"),
    "text_length": ("integer", "Characters of extracted text", "Caractères de texte extrait"),
    "extraction": ("string", "How the text was read (pdfium, html, ocr…)", "Méthode d'extraction"),
    "needs_ocr": ("boolean", "No usable text layer yet", "En attente d'OCR"),
    "error": ("string", "Why the text could not be read", "Erreur de lecture"),
    "source": ("string", "Host the document was fetched from", "Site d'origine"),
    "fetched_at": ("datetime", "When it was fetched (UTC)", "Date de collecte (UTC)"),
    "first_seen_at": ("datetime", "First seen (UTC)", "Vu la première fois (UTC)"),
    "last_seen_at": ("datetime", "Last seen (UTC)", "Vu la dernière fois (UTC)"),
    "categories": ("string", "Technologies mentioned, separated by ;", "Technologies citées, séparées par ;"),
    "date_source": ("string", "Where the date was read: text, title, url, listing…", "Origine de la date"),
    "ocr_engine": ("string", "OCR engine, when the text came from OCR", "Moteur d'OCR"),
    "ocr_confidence": ("number", "Mean OCR word confidence, 0-100", "Confiance moyenne de l'OCR"),
    "ocr_error": ("string", "Why the last OCR attempt failed", "Échec de l'OCR"),
    "actes_id": ("string", "ACTES identifier of the document", "Identifiant ACTES"),
    "actes_department": ("string", "Département of the ACTES identifier", "Département (ACTES)"),
    "actes_siren": ("string", "SIREN of the authority (ACTES)", "SIREN de la collectivité (ACTES)"),
    "actes_date": ("date", "Act date written in the ACTES identifier", "Date de l'acte (ACTES)"),
    "actes_number": ("string", "The authority's own act number (ACTES)", "Numéro interne (ACTES)"),
    "actes_nature": ("string", "DE, AR, AI, CC, BF or AU", "Nature de l'acte (ACTES)"),
    "prefecture_sent_on": ("date", "Sent to the prefecture on", "Envoyé en préfecture le"),
    "prefecture_received_on": ("date", "Received by the prefecture on", "Reçu en préfecture le"),
    "published_on": ("date", "Published or displayed on", "Publié ou affiché le"),
    "acts": ("integer", "Number of acts the document was split into", "Nombre d'actes"),
    "latest": ("boolean", "Newest version of its URL(s)", "Version la plus récente"),
    "replaced_at": ("datetime", "When its URL(s) began serving other content", "Remplacé le"),
    "removed_at": ("datetime", "When its URL(s) began answering 404/410", "Retiré du site le"),
    "registry_sources": ("string", "Registry sources that found it, by spaces", "Sources du registre"),
    "listing": ("string", "What a listing said of it, as JSON", "Ligne de l'index (JSON)"),
    "filename": ("string", "File name given by the server or the URL", "Nom du fichier"),
    "mention_count": ("integer", "Rows of mentions.csv for this document", "Nombre de mentions"),
    "record_count": ("integer", "Rows of records.csv for this document", "Nombre de décisions"),
}
DOCUMENT_COLUMNS = [*(name for name in EXPORT_FIELDS if name != "mentions"), "mention_count", "record_count"]

_RECORD: dict[str, _T] = {
    "id": ("integer", "Record id in this archive (stable within one snapshot)", "Identifiant"),
    "kind": ("string", "prefectoral_authorisation, deployment, grant_award…", "Nature de la décision"),
    "scope": ("string", "new, renewal or modification (authorisations)", "Portée de l'autorisation"),
    "technologies": ("string", "Technologies, separated by ;", "Technologies, séparées par ;"),
    "authority": ("string", "Who decided", "Autorité"),
    "act_number": ("string", "Number of the act", "Numéro de l'acte"),
    "act_date": ("date", "Date of the act", "Date de l'acte"),
    "beneficiary": ("string", "Who is authorised, funded or contracted", "Bénéficiaire"),
    "commune": ("string", "Commune of the system", "Commune"),
    "cameras": ("integer", "Number of cameras", "Nombre de caméras"),
    "cameras_public_road": ("integer", "Cameras filming the public road", "Caméras sur la voie publique"),
    "amount_eur": ("number", "Largest amount stated, in euros", "Montant (euros)"),
    "amount_tax": ("string", "HT or TTC", "HT ou TTC"),
    "funding_rate": ("number", "Funding rate, percent", "Taux de subvention (%)"),
    "vendor": ("string", "Company", "Entreprise"),
    "legal_basis": ("string", "Articles cited, separated by ;", "Base légale, séparée par ;"),
    "retention_days": ("integer", "Retention of images, days", "Durée de conservation (jours)"),
    "period_start": ("date", "Start of the authorised period", "Début de la période"),
    "period_end": ("date", "End of the authorised period", "Fin de la période"),
    "period_years": ("integer", "Length of the authorisation, years", "Durée (années)"),
    "document_id": ("integer", "Document id in this archive", "Identifiant du document"),
    "document_title": ("string", "Title of the document", "Titre du document"),
    "document_date": ("date", "Date of the document", "Date du document"),
    "act": ("string", "The act it was read from", "Acte d'où la décision est lue"),
    "url": ("string", "First URL of the document", "URL du document"),
    "original_url": ("string", "Path of the original on a Vigie server", "Chemin de l'original"),
    "read_from": (
        "string",
        "act: read from the act's own text; report: from a page that reports it (check its kind)",
        "Lu dans l'acte (act) ou dans une page qui le rapporte (report)",
    ),
    "sha256": ("string", "The document (documents.csv)", "Le document (documents.csv)"),
    "expires_on": ("date", "When a prefect's authorisation ends", "Fin de l'autorisation préfectorale"),
}
RECORD_COLUMNS = [*RECORD_EXPORT_COLUMNS, "sha256", "expires_on"]

_MENTION: dict[str, _T] = {
    "document_sha256": ("string", "The document (documents.csv)", "Le document (documents.csv)"),
    "category": ("string", "Technology (lexicon category)", "Technologie (catégorie du lexique)"),
    "term": ("string", "Canonical term of the lexicon", "Terme du lexique"),
    "matched": ("string", "The words of the document", "Les mots du document"),
    "page": ("integer", "Page, 1-based, in a paged document", "Page"),
    "stance": ("string", "opposition when the sentence refuses the technology", "Opposition"),
    "start": ("integer", "Offset of the first character in the document's text", "Début (caractères)"),
    "end": ("integer", "Offset after the last character", "Fin (caractères)"),
    "act_label": ("string", "The act it falls in", "L'acte où elle se trouve"),
}
_EVIDENCE: dict[str, _T] = {
    "record_id": ("integer", "The record (records.csv)", "La décision (records.csv)"),
    "field": ("string", "The record's field", "Le champ"),
    "start": ("integer", "Offset of the span in the document's text", "Début (caractères)"),
    "end": ("integer", "Offset after the span", "Fin (caractères)"),
    "page": ("integer", "Page, in a paged document", "Page"),
    "quote": ("string", "The span's words, whitespace collapsed, 300 characters at most", "Citation"),
}


def _annotated_type(name: str) -> str:
    """A new ``DocumentFacts`` field's Frictionless type, from its annotation."""
    hint = typing.get_type_hints(DocumentFacts).get(name, str)
    kinds = set(typing.get_args(hint)) or {hint}
    for python, frictionless in ((bool, "boolean"), (int, "integer"), (float, "number"), (dt.date, "date")):
        if python in kinds:
            return frictionless
    return "string"


def _fields(columns: list[str], known: dict[str, _T]) -> list[Field]:
    fields = []
    for name in columns:
        kind, en, fr = known.get(name) or (_annotated_type(name), "See vigie export", "Voir vigie export")
        fields.append(Field(name, kind, en, fr))
    return fields


DOCUMENT_FIELDS = _fields(DOCUMENT_COLUMNS, _DOCUMENT)
RECORD_FIELDS = _fields(RECORD_COLUMNS, _RECORD)
MENTION_FIELDS = _fields(list(_MENTION), _MENTION)
EVIDENCE_FIELDS = _fields(list(_EVIDENCE), _EVIDENCE)
