"""A saved search's pages, reached by its secret token rather than by an account: its Atom feed
(``/alertes/{token}.atom``) and its unsubscription (``/alertes/{token}/desinscription``: the page
and its form, and the one-click POST of RFC 8058 that mail clients send).

The POSTs are authorised by the token in their path, never by a session cookie: a request
forged from another site would need the token, which only the recipient's e-mail holds. The
workspace (``app.state.workspace``, a ``workspace.db.Workspace``) holds the saved searches; the
archive stays read-only.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from search.feed import atom_feed
from search.url_params import parse_search_url
from web.accounts import accounts_of
from web.app import archive_of, render
from workspace.alerts import SavedSearch
from workspace.alerts_digest import alert_query
from workspace.alerts_saved import by_token, search_path, unsubscribe
from workspace.db import Workspace

# Secret addresses, no part of the public API: out of /openapi.json.
router = APIRouter(include_in_schema=False)
# The paths authorised by a token, not a session: exempt them from a session's CSRF check.
TOKEN_PATHS = "/alertes/"
UNKNOWN = "Aucune alerte à cette adresse : le lien est incomplet, ou l'alerte a été supprimée."


def workspace_of(request: Request) -> Workspace:
    """The saved searches' workspace: the one ``vigie serve`` opened, else the accounts'."""
    workspace: Workspace | None = getattr(request.app.state, "workspace", None)
    accounts = accounts_of(request)
    if workspace is None and accounts is not None:
        workspace = accounts.workspace
    if workspace is None:
        raise HTTPException(404, "Les alertes ne sont pas activées sur ce serveur.")
    return workspace


@router.get("/alertes/{token}.atom", summary="Flux Atom d'une alerte", response_class=Response)
def alert_feed(request: Request, token: str) -> Response:
    """The newest documents with mentions of the saved search, as its ``/feed`` would list them."""
    with workspace_of(request).session() as session:
        saved = _saved(session, token)
        name, search, saved_id = saved.name, saved.search, saved.id
    query = alert_query(parse_search_url(search))
    found = archive_of(request).searcher.search(query)
    xml = atom_feed(found.hits, f"Vigie : {name}", f"urn:vigie:alert:{saved_id}", str(request.url))
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


@router.get(
    "/alertes/{token}/desinscription", summary="Se désinscrire d'une alerte", response_class=HTMLResponse
)
def unsubscribe_page(request: Request, token: str) -> HTMLResponse:
    with workspace_of(request).session() as session:
        saved = _saved(session, token)
        return _page(request, saved, done=False)


@router.post(
    "/alertes/{token}/desinscription", summary="Se désinscrire d'une alerte", response_class=HTMLResponse
)
def unsubscribe_now(request: Request, token: str) -> HTMLResponse:
    """The page's form and the one-click unsubscription (``List-Unsubscribe=One-Click``) alike."""
    with workspace_of(request).session() as session:
        saved = _saved(session, token)
        unsubscribe(session, saved)
        session.commit()
        return _page(request, saved, done=True)


def _saved(session: Session, token: str) -> SavedSearch:
    saved = by_token(session, token)
    if saved is None:
        raise HTTPException(404, UNKNOWN)
    return saved


def _page(request: Request, saved: SavedSearch, done: bool) -> HTMLResponse:
    return render(
        request,
        "alert_unsubscribe.html",
        title="Désinscription de l'alerte",
        alert_name=saved.name,
        search_url=search_path(saved.search),
        active=saved.active,
        done=done,
        action=f"/alertes/{saved.token}/desinscription",
        feed_url=f"/alertes/{saved.token}.atom",
    )
