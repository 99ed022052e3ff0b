"""The decision records' JSON API: ``/api/records`` (the filters of ``/records``) and
``/api/records/{id}``, each record as ``vigie records list --format json`` writes it.

The models are derived from the contract (``archive.records.DecisionRecord``), as
``DocumentOut`` is from ``DocumentFacts``: a field the records gain is in the API by itself.
Field names are a public contract: extend, never rename. Strings are not escaped here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from archive.record_queries import find_records, record_by_id
from archive.records import RECORD_FIELDS, DecisionRecord
from web.app import archive_of
from web.contract_models import contract_model
from web.record_params import PER_PAGE, RecordParams, record_params
from web.review_marks import as_json, view_marks

router = APIRouter(prefix="/api", tags=["API"])


class EvidenceOut(BaseModel):
    start: int = Field(description="Début du passage dans le texte du document (caractères).")
    end: int
    quote: str | None = Field(description="Le passage, espaces resserrés (300 caractères au plus).")
    page: int | None = Field(description="Sa page, dans un PDF.")


class RelatedOut(BaseModel):
    id: int
    kind: str
    act_date: str | None
    authority: str | None
    act_number: str | None


# The record's fields, one per field of ``DecisionRecord`` but its evidence, which ``RecordOut``
# gives with quotes and pages.
class RecordOut(
    contract_model(
        "DecisionRecordOut", DecisionRecord, [name for name in RECORD_FIELDS if name != "evidence"]
    )
):  # type: ignore[misc]
    id: int
    document_id: int
    url: str | None = Field(description="Adresse d'origine du document.")
    original_url: str = Field(description="Original archivé dans cette interface.")
    sha256: str
    document_title: str | None
    document_date: str | None
    act: str | None = Field(description="L'acte dont la décision est tirée.")
    read_from: str = Field(
        description="act : lue dans le texte de l'acte ; report : dans une page qui le rapporte "
        "(article, page d'actualité), dont la nature de la décision est à vérifier dans le passage cité."
    )
    expires_on: str | None = Field(
        None, description="Fin d'une autorisation préfectorale : sa date de fin, sinon sa date plus sa durée."
    )
    evidence: dict[str, EvidenceOut] = Field(description="Pour chaque champ rempli, le passage cité.")
    related: list[RelatedOut] = Field(
        description="Les décisions de l'autre partie : pour une autorisation préfectorale, les actes de "
        "la commune sur la même technologie ; pour un acte de la commune, les autorisations du préfet."
    )
    review: dict[str, Any] | None = Field(
        None,
        description="Sa revue par le groupe, pour un membre connecté (sinon null) : status (confirmed, "
        "rejected, corrected), by, at, reason, note, corrections.",
    )


class RecordList(BaseModel):
    total: int
    page: int
    per_page: int
    records: list[RecordOut]


@router.get("/records", response_model=RecordList, summary="Décisions, filtrées")
def api_records(request: Request, filters: Annotated[RecordParams, Depends(record_params)]) -> RecordList:
    archive = archive_of(request)
    total, views = find_records(archive.reader, filters.record_filter(archive.record_places))
    marks = view_marks(request, views)
    return RecordList(
        total=total,
        page=filters.page,
        per_page=PER_PAGE,
        records=[RecordOut(**view.to_dict(), review=as_json(marks.get(view.id))) for view in views],
    )


@router.get("/records/{record_id}", response_model=RecordOut, summary="Une décision et ses citations")
def api_record(request: Request, record_id: int) -> RecordOut:
    view = record_by_id(archive_of(request).reader, record_id)
    if view is None:
        raise HTTPException(404, f"Aucune décision n° {record_id} dans l'archive.")
    return RecordOut(**view.to_dict(), review=as_json(view_marks(request, [view]).get(view.id)))
