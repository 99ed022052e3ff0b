"""The titles the pages show for a page of hits (``archive.display_title``), whatever the
backend: one query for the documents, one for the acts of those that hold a single act."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from archive.display_title import display_title
from archive.models import Act, Document
from search.results import SearchHit


def with_display_titles(engine: Engine, hits: list[SearchHit]) -> list[SearchHit]:
    """``hits``, each with its ``display_title``."""
    if not hits:
        return hits
    titles = display_titles(engine, {hit.document_id: hit.url for hit in hits})
    return [dataclasses.replace(hit, display_title=titles.get(hit.document_id)) for hit in hits]


def display_titles(engine: Engine, urls: dict[int, str | None]) -> dict[int, str]:
    """Each document's display title, by id; ``urls`` gives each id its first URL."""
    ids = list(urls)
    with Session(engine) as session:
        documents = session.execute(
            select(Document.id, Document.title, Document.filename, Document.doc_type, Document.date).where(
                Document.id.in_(ids)
            )
        ).all()
        # Only a document that is a single act is named after it: a minutes' hundred acts are not
        # loaded for that.
        single = (
            select(Act.document_id)
            .where(Act.document_id.in_(ids))
            .group_by(Act.document_id)
            .having(func.count() == 1)
        )
        acts = {
            act.document_id: act for act in session.scalars(select(Act).where(Act.document_id.in_(single)))
        }
        return {
            row.id: display_title(
                row.title,
                row.filename,
                urls.get(row.id),
                [acts[row.id]] if row.id in acts else [],
                row.id,
                row.doc_type,
                row.date,
            )
            for row in documents
        }
