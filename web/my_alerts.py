"""A member's alerts: "Suivre cette recherche" on the search page saves it (``POST
/mes-alertes``), and ``/mes-alertes`` lists the member's saved searches with their feeds and
unsubscription.

Unlike the token pages of ``web.alerts`` (under ``/alertes/``, exempt from the session's CSRF
check because a secret in the URL authorises them), these are a logged-in member's: the form
carries the session's CSRF token, and any role may save a search (a reader follows news; only
the review needs more). The digest goes to the member's own address.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from search.url_params import BadSearch
from web.accounts import require_role
from web.alerts import workspace_of
from web.app import render
from workspace.alerts import Frequency, SavedSearch
from workspace.alerts_saved import AlertError, create_saved_search, search_path
from workspace.models import Role, User

router = APIRouter(include_in_schema=False)
PATH = "/mes-alertes"
_FREQUENCIES = {"quotidienne": Frequency.DAILY, "hebdomadaire": Frequency.WEEKLY}


@router.get(PATH, summary="Mes alertes", response_class=HTMLResponse)
async def my_alerts(request: Request) -> HTMLResponse:
    user = require_role(request, Role.READER)
    rows = await run_in_threadpool(_alerts_of, request, user)
    saved = request.query_params.get("enregistree")
    return render(request, "my_alerts.html", title="Mes alertes", alerts=rows, saved=saved)


@router.post(PATH, summary="Suivre une recherche")
async def save_search(request: Request) -> Response:
    user = require_role(request, Role.READER)
    form = await request.form()
    given = {name: value for name, value in form.items() if isinstance(value, str)}
    frequency = _FREQUENCIES.get(given.get("frequence", "quotidienne"))
    if frequency is None:
        raise HTTPException(400, "Fréquence inconnue : « quotidienne » ou « hebdomadaire ».")
    name = given.get("nom", "").strip()
    if not name:
        raise HTTPException(400, "Donnez un nom à l'alerte (il sert d'objet aux courriels).")
    query = given.get("recherche", "").lstrip("?")
    saved_id = await run_in_threadpool(_save, request, user, name, query, frequency)
    return RedirectResponse(f"{PATH}?enregistree={saved_id}", status_code=303)


def _save(request: Request, user: User, name: str, query: str, frequency: Frequency) -> int:
    with workspace_of(request).session() as session:
        try:
            saved = create_saved_search(session, session.merge(user), name, query, frequency)
        except BadSearch as exc:
            raise HTTPException(400, str(exc)) from exc
        except AlertError as exc:  # its message is for the command line, in English
            raise HTTPException(400, "Nom d'alerte trop long, ou adresse du compte invalide.") from exc
        session.commit()
        return saved.id


def _alerts_of(request: Request, user: User) -> list[dict[str, object]]:
    with workspace_of(request).session() as session:
        found = session.scalars(
            select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.id)
        ).all()
        return [
            {
                "id": saved.id,
                "name": saved.name,
                "url": search_path(saved.search),
                "frequency": "hebdomadaire" if saved.frequency == Frequency.WEEKLY.value else "quotidienne",
                "active": saved.active,
                "recipient": saved.recipient,
                "feed": f"/alertes/{saved.token}.atom",
                "unsubscribe": f"/alertes/{saved.token}/desinscription",
            }
            for saved in found
        ]
