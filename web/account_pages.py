"""Login, logout and the accounts' admin page: ``/connexion``, ``/deconnexion``,
``/admin/comptes`` (exist only with ``vigie serve --accounts``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from web.accounts import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    Accounts,
    LoginRequired,
    accounts_of,
    cookie_header,
    login_url,
    require_role,
    role_name,
    secure_request,
)
from web.app import render
from workspace.accounts import AccountError, authenticate, set_disabled
from workspace.accounts import accounts as list_accounts
from workspace.models import Role, User
from workspace.sessions import close_session, forget_failures, open_session, record_failure, retry_after

router = APIRouter(include_in_schema=False)
WRONG = "Adresse ou mot de passe incorrect."


def _accounts(request: Request) -> Accounts:
    accounts = accounts_of(request)
    if accounts is None:
        raise HTTPException(404, "Ce serveur n'active pas les comptes (vigie serve --accounts).")
    return accounts


def safe_next(value: str | None) -> str:
    """Where to go after login: a path of this site only (never ``//host`` nor a URL)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@router.get("/connexion", response_class=HTMLResponse)
def login_page(request: Request, suite: str = "/") -> HTMLResponse:
    _accounts(request)
    return render(request, "login.html", title="Connexion", suite=safe_next(suite), error=None, email="")


@router.post("/connexion", response_class=HTMLResponse)
async def login(
    request: Request,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    suite: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    accounts = _accounts(request)
    client = request.client.host if request.client else "unknown"
    outcome = await run_in_threadpool(_login, accounts, email, password, client)
    if isinstance(outcome, int):
        page = render(
            request,
            "login.html",
            status_code=429,
            title="Connexion",
            suite=safe_next(suite),
            email=email,
            error=f"Trop de tentatives de connexion : réessayez dans {-(-outcome // 60)} minute(s).",
        )
        page.headers["Retry-After"] = str(outcome)
        return page
    if outcome is None:
        return render(
            request,
            "login.html",
            status_code=401,
            title="Connexion",
            suite=safe_next(suite),
            email=email,
            error=WRONG,
        )
    secure = secure_request(request, accounts)
    response = RedirectResponse(safe_next(suite), status_code=303)
    max_age = int(accounts.policy.lifetime.total_seconds())
    response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, outcome, secure, max_age))
    response.headers.append("set-cookie", cookie_header(CSRF_COOKIE, "", secure, 0))
    return response


def _login(accounts: Accounts, email: str, password: str, client: str) -> str | int | None:
    """The new session's token; seconds to wait when past the limit of failures; None for a
    wrong address or password (the same answer for both)."""
    with accounts.workspace.session() as session:
        wait = retry_after(session, email, client)
        if wait is not None:
            return wait
        user = authenticate(session, email, password)
        if user is None:
            record_failure(session, email, client)
            session.commit()
            return None
        forget_failures(session, email)
        token = open_session(session, user, accounts.policy)
        session.commit()
        return token


@router.post("/deconnexion")
def logout(request: Request) -> Response:
    accounts = _accounts(request)
    token = getattr(request.state, "session_token", None)
    if token:
        with accounts.workspace.session() as session:
            close_session(session, token)
            session.commit()
    response = RedirectResponse("/", status_code=303)
    response.headers.append(
        "set-cookie", cookie_header(SESSION_COOKIE, "", secure_request(request, accounts), 0)
    )
    return response


@router.get("/admin/comptes", response_class=HTMLResponse)
def users_page(request: Request) -> HTMLResponse:
    accounts = _accounts(request)
    require_role(request, Role.ADMIN)
    with accounts.workspace.session() as session:
        found = list_accounts(session)
    return render(request, "users.html", title="Comptes", accounts=found, role_name=role_name)


@router.post("/admin/comptes/{email}/{action}")
def change_user(request: Request, email: str, action: str) -> Response:
    accounts = _accounts(request)
    admin: User = require_role(request, Role.ADMIN)
    if action not in ("desactiver", "activer"):
        raise HTTPException(404, "Action inconnue.")
    if email.lower() == admin.email and action == "desactiver":
        raise HTTPException(400, "Vous ne pouvez pas désactiver votre propre compte.")
    with accounts.workspace.session() as session:
        try:
            set_disabled(session, email, action == "desactiver")
        except AccountError:
            raise HTTPException(404, "Aucun compte à cette adresse.") from None
        session.commit()
    return RedirectResponse("/admin/comptes", status_code=303)


async def login_required(request: Request, exc: Exception) -> Response:
    """A page's GET goes to the login page (and back after it); anything else gets the 401."""
    from web.app import _http_error

    if (
        isinstance(exc, LoginRequired)
        and request.method in ("GET", "HEAD")
        and not request.url.path.startswith("/api/")
    ):
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(login_url(path), status_code=303)
    return await _http_error(request, exc)
