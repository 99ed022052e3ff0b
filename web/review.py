"""The review of the evidence: the queue (``/revue``), one action on one item (``POST
/revue/{mention|decision}/{id}``), the journal (``/revue/journal``) and the confirmed records
(``/revue/decisions-confirmees.jsonl``). Only with ``vigie serve --accounts``: reviewers act,
readers read the journal and the confirmed records, the public sees none of it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from archive.record_queries import RecordFilter, find_records
from archive.records import DECISION_KINDS
from archive.taxonomy import CATEGORY_IDS
from web.account_pages import safe_next
from web.accounts import accounts_of, require_role
from web.app import archive_of, render
from web.pages import page_numbers
from workspace.corrections import correctable, read_corrections
from workspace.models import Role
from workspace.review_items import QueueFilter, load_item, load_items, queue_keys
from workspace.review_marks import confirmed_only, record_marks, reviewed_dict
from workspace.reviews import Action, ReviewError, apply_action, journal, marks, reviewed_fingerprints

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
JOURNAL_PER_PAGE = 100
# The URL's words for an item's kind (French, as every route) and the workspace's.
ITEM_KINDS = {"mention": "mention", "decision": "record"}
STATES = {"a-verifier": "todo", "verifies": "reviewed", "tous": "all"}
REASON_LABELS = {
    "wrong_category": "Mauvaise catégorie",
    "not_surveillance": "Pas de la surveillance",
    "duplicate": "Doublon",
    "other": "Autre (préciser)",
}
STATUS_LABELS = {"confirmed": "confirmé", "rejected": "rejeté", "corrected": "corrigé", "mixed": "revu"}
ACTION_LABELS = {
    "confirm": "confirmation",
    "reject": "rejet",
    "correct": "correction",
    "reopen": "réouverture",
}


def _choice(value: str, allowed: object, name: str) -> str | None:
    if not value:
        return None
    if value not in allowed:  # type: ignore[operator]
        raise HTTPException(400, f"Valeur inconnue pour « {name} » : {value[:50]}.")
    return value


@router.get("/revue", response_class=HTMLResponse)
def queue_page(
    request: Request,
    type: Annotated[str, Query(max_length=20)] = "",
    technologie: Annotated[str, Query(max_length=40)] = "",
    nature: Annotated[str, Query(max_length=40)] = "",
    lieu: Annotated[str, Query(max_length=100)] = "",
    etat: Annotated[str, Query(max_length=20)] = "a-verifier",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    require_role(request, Role.REVIEWER)
    workspace = accounts_of(request).workspace  # type: ignore[union-attr]
    kind = _choice(type, ITEM_KINDS, "type")
    wanted = QueueFilter(
        ITEM_KINDS[kind] if kind else None,
        _choice(technologie, CATEGORY_IDS, "technologie"),
        _choice(nature, DECISION_KINDS, "nature"),
        lieu.strip() or None,
    )
    state = STATES.get(etat) or "todo"
    store = archive_of(request).reader
    keys = queue_keys(store, wanted)
    with workspace.session() as session:
        reviewed = reviewed_fingerprints(session)
        if state == "todo":
            keys = [key for key in keys if key.fingerprint not in reviewed]
        elif state == "reviewed":
            keys = [key for key in keys if key.fingerprint in reviewed]
        shown = keys[(page - 1) * PER_PAGE : page * PER_PAGE]
        found = marks(session, [key.fingerprint for key in shown])
    last_page = max(1, -(-len(keys) // PER_PAGE))
    items = load_items(store, shown)
    filters = {"type": type, "technologie": technologie, "nature": nature, "lieu": lieu, "etat": etat}
    kept = {name: value for name, value in filters.items() if value}

    def page_url(number: int) -> str:
        return "/revue?" + urlencode({**kept, "page": number})

    return render(
        request,
        "review.html",
        title="Revue des preuves",
        items=items,
        marks=found,
        total=len(keys),
        filters=filters,
        pages=page_numbers(page, last_page),
        page=page,
        last_page=last_page,
        page_url=page_url,
        here=page_url(page),
        reasons=REASON_LABELS,
        statuses=STATUS_LABELS,
        kinds=DECISION_KINDS,
        categories=CATEGORY_IDS,
    )


@router.post("/revue/{kind}/{archive_id}")
async def review_action(request: Request, kind: str, archive_id: int) -> Response:
    user = require_role(request, Role.REVIEWER)
    if kind not in ITEM_KINDS:
        raise HTTPException(404, "Aucun élément de ce type à revoir.")
    form = await request.form()
    given = {name: value for name, value in form.items() if isinstance(value, str)}
    back = safe_next(given.get("retour") or "/revue")
    store, workspace = archive_of(request).reader, accounts_of(request).workspace  # type: ignore[union-attr]
    item = await run_in_threadpool(load_item, store, ITEM_KINDS[kind], archive_id)
    if item is None:
        raise HTTPException(404, "Cet élément n'est plus dans l'archive (reconstruite depuis ?).")
    # The page showed an item; a rebuild since may have given its id to another one.
    if given.get("empreinte") and given["empreinte"] != item.fingerprint:
        raise HTTPException(
            409, "Cet élément a changé depuis l'affichage de la page (archive relue) : rechargez la page."
        )
    fields = {
        name.removeprefix("champ_"): value
        for name, value in given.items()
        if name.startswith("champ_") and name.removeprefix("champ_") in correctable(item.item_kind)
    }
    try:
        corrections = (
            read_corrections(item.item_kind, fields, item.data) if given.get("action") == "correct" else {}
        )
        action = Action(given.get("action", ""), given.get("reason") or None, given.get("note"), corrections)

        def act() -> None:
            with workspace.session() as session:
                apply_action(
                    session,
                    user,
                    item.fingerprint,
                    item.item_kind,
                    item.document_sha256,
                    item.snapshot(),
                    action,
                )
                session.commit()

        await run_in_threadpool(act)
    except ReviewError as exc:
        raise HTTPException(400, f"Action impossible : {exc}.") from None
    return RedirectResponse(back, status_code=303)


@router.get("/revue/journal", response_class=HTMLResponse)
def journal_page(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    require_role(request, Role.READER)
    workspace = accounts_of(request).workspace  # type: ignore[union-attr]
    with workspace.session() as session:
        total, entries = journal(session, JOURNAL_PER_PAGE, (page - 1) * JOURNAL_PER_PAGE)
    last_page = max(1, -(-total // JOURNAL_PER_PAGE))
    return render(
        request,
        "review_journal.html",
        title="Journal de la revue",
        entries=entries,
        total=total,
        pages=page_numbers(page, last_page),
        page=page,
        actions=ACTION_LABELS,
        statuses=STATUS_LABELS,
        reasons=REASON_LABELS,
    )


@router.get("/revue/decisions-confirmees.jsonl", response_class=StreamingResponse)
def confirmed_records(request: Request) -> StreamingResponse:
    """Every confirmed or corrected record, one JSON object a line, corrections applied and
    stated (``review.corrections``, the values read in ``review.original``)."""
    require_role(request, Role.READER)
    store, workspace = archive_of(request).reader, accounts_of(request).workspace  # type: ignore[union-attr]
    _, views = find_records(store, RecordFilter())
    found = record_marks(store, workspace, views)

    def lines() -> Iterator[str]:
        for view in confirmed_only(views, found):
            yield json.dumps(reviewed_dict(view, found[view.id], corrected=True), ensure_ascii=False) + "\n"

    return StreamingResponse(
        lines(),
        media_type="application/x-ndjson; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="vigie-decisions-confirmees.jsonl"'},
    )
