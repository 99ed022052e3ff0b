"""The JSON API, mirroring the pages: ``/api/search`` and ``/api/documents/{id}``.

Field names are a public contract (users' scripts read them): extend, never rename. Results
carry the same fields as ``vigie search --format json``, plus links to the document page and to
the archived original. Strings come from scraped documents and are not escaped here, except
``snippet_html`` (escaped, matches in ``<mark>``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from archive.db import iso_utc
from archive.records import FACT_FIELDS, DocumentFacts
from search.geography import PLACE_FACETS
from search.results import PLACE_FACET_VALUES
from web.app import archive_of
from web.contract_models import contract_model
from web.pages import suggested_url
from web.params import SearchParams, search_params
from web.review_marks import as_json, document_mention_marks, hit_marks

router = APIRouter(prefix="/api", tags=["API"])


class Hit(BaseModel):
    rank: int = Field(description="Position dans l'ensemble des résultats, à partir de 1.")
    document_id: int
    url: str | None = Field(description="Adresse d'origine du document.")
    title: str | None = Field(description="Titre enregistré : celui du document, sinon son nom de fichier.")
    display_title: str | None = Field(
        None,
        description="Titre affiché par les pages : le titre du document, sinon l'objet de son acte unique, "
        "sinon son nom de fichier ou son adresse.",
    )
    source: str = Field(description="Hôte du site d'où vient le document.")
    source_name: str = Field(description="Nom de la source dans le registre, sinon l'hôte.")
    date: str | None = Field(description="Date du document (séance, acte), sinon du premier passage.")
    doc_type: str
    categories: list[str]
    score: float
    snippet: str = Field(description="Extrait, correspondances entre [ et ].")
    snippet_html: str = Field(description="Extrait échappé en HTML, correspondances dans <mark>.")
    page: int | None = Field(description="Page du meilleur passage dans un PDF.")
    act_number: str | None
    act: str | None
    sha256: str | None
    first_seen_at: str | None = Field(description="Premier archivage par Vigie (UTC).")
    document_url: str = Field(description="Page du document dans cette interface.")
    original_url: str | None = Field(description="Original archivé (PDF : #page=N ouvre la page).")
    review: dict[str, Any] | None = Field(
        None,
        description="Pour un membre connecté, la revue des éléments du document (sinon null) : status "
        "(confirmed, rejected, corrected, ou mixed), by, at (la dernière), et les comptes confirmed, "
        "rejected, corrected.",
    )


class SearchResults(BaseModel):
    total: int
    page: int
    per_page: int
    results: list[Hit]
    facets: dict[str, dict[str, int]] = Field(
        description="Comptes sur l'ensemble des résultats : categories, sources, doc_types, years, stances, "
        "et les lieux par code : departements, regions, epcis (SIREN), communes (code INSEE) ; ces deux "
        f"derniers réduits aux {PLACE_FACET_VALUES} valeurs les plus fréquentes."
    )
    place_names: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Le nom de chaque lieu des facettes et des filtres, par code : regions (« 76 » : "
        "« Occitanie »), departements, epcis, communes ; un code que le registre ne nomme pas manque.",
    )
    links: dict[str, str] = Field(
        description="Cette recherche en page web, en flux Atom et en exports ; « suggested » : la page "
        "des documents de la catégorie suggérée."
    )
    suggested_category: str | None = Field(
        None,
        description="La catégorie du lexique que nomme la requête (« reconnaissance faciale », « VSA », "
        "« drones »), quand elle classe des documents sous les mêmes filtres ; sinon null.",
    )
    suggested_total: int = Field(0, description="Documents classés dans cette catégorie, mêmes filtres.")


class UrlSeen(BaseModel):
    url: str
    first_seen_at: str | None
    last_seen_at: str | None
    source_slug: str | None
    replaced_at: str | None = Field(description="L'adresse a servi un autre contenu depuis.")
    removed_at: str | None = Field(description="L'adresse a répondu 404 ou 410 depuis.")


class MentionOut(BaseModel):
    category: str
    term: str
    matched: str
    context: str
    page: int | None
    stance: str | None
    act: str | None
    review: dict[str, Any] | None = Field(
        None,
        description="Sa revue par le groupe, pour un membre connecté (sinon null) : status (confirmed, "
        "rejected, corrected), by, at, reason, note, corrections.",
    )


class Version(BaseModel):
    document_id: int
    sha256: str
    first_seen_at: str | None
    is_latest: bool


# The document's facts, one field per field of ``DocumentFacts``.
class DocumentOut(contract_model("DocumentFactsOut", DocumentFacts, FACT_FIELDS)):  # type: ignore[misc]
    id: int
    sha256: str
    kind: str
    content_type: str | None
    size: int
    pages: int
    source: str
    source_name: str
    actes_id: str | None
    is_latest: bool
    removed_at_source: bool = Field(description="Toutes ses adresses répondent désormais 404/410.")
    first_seen_at: str | None
    last_seen_at: str | None
    original_url: str
    urls: list[UrlSeen]
    versions: list[Version]
    mentions: list[MentionOut] = Field(description="Les 1 000 premières mentions, dans l'ordre du texte.")
    mentions_total: int = Field(description="Nombre de mentions du document, affichées ou non.")
    acts: list[str]
    display_title: str = Field(
        description="Titre affiché par la page : le titre du document, sinon l'objet de son acte unique "
        "(délibération, arrêté), sinon son nom de fichier ou son adresse ; « title » reste le titre enregistré."
    )


@router.get("/search", response_model=SearchResults, summary="Rechercher dans l'archive")
def api_search(request: Request, params: Annotated[SearchParams, Depends(search_params)]) -> SearchResults:
    archive = archive_of(request)
    found = archive.searcher.search(params.search_query(facets=True), archive.hints)
    results = []
    marks = hit_marks(request, found.hits)
    for hit in found.hits:
        data = hit.to_dict()
        original = f"/originals/{hit.sha256}" if hit.sha256 else None
        results.append(
            Hit(
                **data,
                source_name=archive.source_name(hit.source),
                document_url=f"/documents/{hit.document_id}",
                original_url=f"{original}#page={hit.page}" if original and hit.page else original,
                review=as_json(marks.get(hit.sha256)),
            )
        )
    links = {
        "page": params.url("/search"),
        "feed": params.url("/feed", page=1),
        "csv": params.url("/search.csv", page=1),
        "jsonl": params.url("/search.jsonl", page=1),
    }
    suggested = suggested_url(params, found.suggested_category)
    if suggested:
        links["suggested"] = suggested
    facets = found.facets.to_dict() if found.facets else {}
    # The codes of the facets and of the filters: a filtered place may have no count.
    wanted = {"regions": params.regions, "departements": params.departements}
    wanted |= {"epcis": params.epcis, "communes": params.communes}
    place_names = {
        facet: archive.geography.names(facet, [*facets.get(facet, {}), *wanted[facet]])
        for facet in PLACE_FACETS
    }
    return SearchResults(
        total=found.total,
        page=params.page,
        per_page=params.per_page,
        results=results,
        facets=facets,
        place_names=place_names,
        links=links,
        suggested_category=found.suggested_category,
        suggested_total=found.suggested_total,
    )


@router.get("/documents/{document_id}", response_model=DocumentOut, summary="Un document et ses mentions")
def api_document(request: Request, document_id: int) -> DocumentOut:
    archive = archive_of(request)
    document = archive.searcher.document(document_id)
    if document is None:
        raise HTTPException(404, f"Aucun document n° {document_id} dans l'archive.")
    marks = document_mention_marks(request, document)
    return DocumentOut(
        **{
            **_fields(document, DocumentOut),
            "source": document.host,
            "source_name": archive.document_source_name(document),
            "original_url": f"/originals/{document.sha256}",
            "urls": [UrlSeen(**_fields(url, UrlSeen)) for url in document.urls],
            "versions": [Version(**_fields(version, Version)) for version in document.versions],
            "mentions": [
                MentionOut(
                    **_fields(mention, MentionOut),
                    review=as_json(marks.get((mention.start, mention.end, mention.category))),
                )
                for mention in document.mentions
            ],
        }
    )


def _fields(source: object, model: type[BaseModel]) -> dict[str, Any]:
    """The model's fields that ``source`` has, with dates and times as the API writes them."""
    values = {name: getattr(source, name) for name in model.model_fields if hasattr(source, name)}
    return {name: _json_value(value) for name, value in values.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return iso_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
