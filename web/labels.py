"""French names for the archive's ids, and French dates: everything the pages show a reader."""

from __future__ import annotations

import datetime as dt

from archive.taxonomy import CATEGORY_IDS, CATEGORY_LABELS, DOC_TYPE_LABELS, french_day
from search.geography import Geography
from search.url_params import FEMININE_LABELS, unknown  # noqa: F401 - their home is the search URL

STANCE_LABELS = {"opposition": "Opposition exprimée"}
KIND_LABELS = {"html": "page web", "pdf": "PDF", "doc": "Word (.doc)", "docx": "Word (.docx)", "odt": "ODT"}
# Decision records (``archive.records.DECISION_KINDS``): what an act decided.
DECISION_KIND_LABELS = {
    "prefectoral_authorisation": "Autorisation préfectorale",
    "drone_authorisation": "Autorisation de drones",
    "experiment": "Expérimentation (VSA, loi 2023-380)",
    "grant_request": "Demande de subvention",
    "grant_award": "Subvention accordée",
    "procurement_award": "Attribution de marché",
    "maintenance": "Contrat de maintenance",
    "convention": "Convention",
    "renewal": "Renouvellement",
    "extension": "Extension",
    "deployment": "Installation",
    "motion_against": "Vœu ou motion contre",
    "moratorium_ban": "Moratoire ou interdiction",
    "debate_only": "Débat, sans décision",
}
SCOPE_LABELS = {"new": "nouveau système", "renewal": "renouvellement", "modification": "modification"}
# Every field of a record (``archive.records.RECORD_FIELDS``), as the record page names it.
RECORD_FIELD_LABELS = {
    "kind": "Nature de la décision",
    "scope": "Portée",
    "technologies": "Technologies",
    "authority": "Autorité",
    "act_number": "Numéro de l'acte",
    "act_date": "Date de l'acte",
    "beneficiary": "Bénéficiaire",
    "commune": "Commune",
    "cameras": "Caméras",
    "cameras_public_road": "Caméras sur la voie publique",
    "amount_eur": "Montant",
    "amount_tax": "HT ou TTC",
    "funding_rate": "Taux de subvention",
    "vendor": "Prestataire ou fournisseur",
    "legal_basis": "Base légale",
    "retention_days": "Durée de conservation des images",
    "period_start": "Début de la période",
    "period_end": "Fin de la période",
    "period_years": "Durée de l'autorisation",
}
# How the text of a document was read (``Analysis.extraction``), as a reader understands it; the
# engine's own name stays in small print for the curious.
EXTRACTION_LABELS = {
    "pdfium": "extrait du PDF",
    "pdfminer": "extrait du PDF",
    "html": "extrait de la page web",
    "html-flattened": "extrait de la page web (balisage anormal, aplati)",
    "docx": "extrait du document Word",
    "antiword": "extrait du document Word",
    "odt": "extrait du document ODT",
    "text": "fichier texte",
    "ocr": "reconnu par OCR (les pages sont des images)",
}
SHORT_MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def category_labels() -> dict[str, str]:
    """The categories' French names ("Vidéosurveillance algorithmique (VSA)"), in the taxonomy's
    order (``archive.taxonomy``: the web layer does not read the lexicon)."""
    return {category: CATEGORY_LABELS.get(category, category) for category in CATEGORY_IDS}


def category_label(category: str) -> str:
    return category_labels().get(category, category)


def extraction_label(extraction: str | None, needs_ocr: bool = False, ocr_failed: bool = False) -> str:
    """How the text was read, in a reader's words ("extrait du PDF"), and whether scanned pages
    still wait for OCR (their text is missing until then)."""
    label = EXTRACTION_LABELS.get(extraction or "", extraction or "—")
    if needs_ocr and ocr_failed:
        label += " ; la reconnaissance (OCR) des pages scannées a échoué, leur texte manque"
    elif needs_ocr:
        label += " ; pages scannées en attente de reconnaissance (OCR), leur texte manque"
    return label


def doc_type_label(doc_type: str) -> str:
    return DOC_TYPE_LABELS.get(doc_type, doc_type)


def decision_kind_label(kind: str) -> str:
    return DECISION_KIND_LABELS.get(kind, kind)


def place_label(geography: Geography, facet: str, code: str) -> str:
    """A place facet's value as readers know it: "Occitanie", "Hérault (34)", "Montpellier
    Méditerranée Métropole", "Montpellier (34172)"; the code alone when the registry has no name
    for it, with its kind for a région ("Région 77")."""
    name = geography.name(facet, code)
    if name is None:
        return f"Région {code}" if facet == "regions" else code
    return f"{name} ({code})" if facet in ("departements", "communes") else name


def euros(amount: float | None) -> str:
    """ "105 000 €", "1 234,50 €" (French grouping, with a narrow no-break space)."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",").removesuffix(",00")
    return f"{text} €"


def french_date(value: dt.date | dt.datetime | None) -> str:
    """ "4 février 2013"; a time is shown in UTC, as stored: "4 février 2013 à 09:15 UTC"."""
    if value is None:
        return ""
    text = french_day(value)
    if isinstance(value, dt.datetime):
        text += f" à {value:%H:%M} UTC"
    return text


def french_iso_date(value: str | None) -> str:
    """ "2024-06-04" → "4 juin 2024" (related records carry their dates as ISO strings)."""
    if not value:
        return ""
    try:
        return french_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def french_month(month: str) -> str:
    """ "2014-02" → "févr. 2014"."""
    year, number = month.split("-")
    return f"{SHORT_MONTHS[int(number) - 1]} {year}"


def file_size(size: int) -> str:
    for unit in ("octets", "Ko", "Mo"):
        if size < 1024 or unit == "Mo":
            return f"{size:.0f} {unit}" if unit == "octets" else f"{size:.1f} {unit}".replace(".", ",")
        size /= 1024  # type: ignore[assignment]
    return str(size)
