"""Accounts in the web interface: who is asking (``request.state.user``), the CSRF check of
every form, and what each role may do.

Off by default: without ``vigie serve --accounts`` there is no account, no cookie, no review
page, and the archive's pages are what they always were. On, the archive's pages stay public;
login and logout appear; the review pages ask for an account of the right role.

What other modules use:

- ``request.state.user``: the logged-in ``workspace.models.User``, or None (accounts off, or
  nobody logged in); ``request.state.csrf_token``: the token every form must send back in its
  ``csrf`` field (or an ``X-CSRF-Token`` header), set on every request.
- ``require_role(request, Role.REVIEWER)``: the user, else a French 401 (a page's GET goes to
  the login page, and back after it) or 403; a 404 when accounts are off.
- ``csrf_exempt("/alertes/")``: the unsafe requests under a path that authenticate otherwise
  (a secret token in the URL), which the CSRF check lets through.

The CSRF token of a session is the session's own (``workspace.sessions``); before login (the
login form itself), it is a random value in a cookie of its own that the form must repeat
(double submit). Every unsafe method (POST, PUT, PATCH, DELETE) is checked, on every route.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from workspace.accounts import has_role
from workspace.db import Workspace
from workspace.models import Role, User
from workspace.sessions import SessionPolicy, find_session

SESSION_COOKIE = "vigie_session"
CSRF_COOKIE = "vigie_csrf"  # the token before login (double submit)
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Path prefixes whose unsafe requests are authenticated otherwise (``csrf_exempt``): the routes
# say so when their module is imported, before any app exists.
_EXEMPT: set[str] = set()


@dataclass(frozen=True, slots=True)
class Accounts:
    """Accounts on, for ``create_app``: the workspace that holds them, and how cookies are set."""

    workspace: Workspace
    # Always mark cookies Secure (behind a TLS proxy that does not say X-Forwarded-Proto);
    # a request that arrives over HTTPS gets Secure cookies anyway.
    secure_cookies: bool = False
    policy: SessionPolicy = field(default_factory=SessionPolicy)


def csrf_exempt(path_prefix: str) -> None:
    """Let unsafe requests under ``path_prefix`` through the CSRF check: only for routes that
    authenticate each request by something a forged form cannot know (a secret in the URL)."""
    if not path_prefix.startswith("/"):
        raise ValueError("a CSRF-exempt path starts with /")
    _EXEMPT.add(path_prefix)


def accounts_of(request: Request) -> Accounts | None:
    return getattr(request.app.state, "accounts", None)


class LoginRequired(HTTPException):
    """A page that needs an account, asked for by nobody logged in (a French 401)."""

    def __init__(self) -> None:
        super().__init__(401, "Cette page demande de vous connecter avec un compte du groupe.")


def require_role(request: Request, role: Role) -> User:
    """The logged-in user when their role includes ``role``; else a French 401 (nobody logged
    in), 403 (a lesser role), or 404 (accounts off: the page does not exist)."""
    if accounts_of(request) is None:
        raise HTTPException(
            404, "Cette page demande les comptes, que ce serveur n'active pas (vigie serve --accounts)."
        )
    user: User | None = request.state.user
    if user is None:
        raise LoginRequired()
    if not has_role(user, role):
        raise HTTPException(
            403,
            f"Votre compte ({_ROLE_NAMES[Role(user.role)]}) ne permet pas cette action : il faut un compte {_ROLE_NAMES[role]}.",
        )
    return user


_ROLE_NAMES = {Role.READER: "lecteur", Role.REVIEWER: "relecteur", Role.ADMIN: "administrateur"}


def role_name(role: str) -> str:
    """A role as the pages name it, in French."""
    try:
        return _ROLE_NAMES[Role(role)]
    except ValueError:
        return role


async def csrf_protect(request: Request) -> None:
    """The app's dependency on every route: an unsafe request must send the token back."""
    if request.method in SAFE_METHODS or any(request.url.path.startswith(prefix) for prefix in _EXEMPT):
        return
    expected: str = getattr(request.state, "csrf_token", "")
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not secrets.compare_digest(expected.encode(), given.encode()):
        raise HTTPException(
            403,
            "Formulaire refusé : son jeton de sécurité manque ou a expiré. Rechargez la page et recommencez.",
        )


def secure_request(request: Request, accounts: Accounts) -> bool:
    return accounts.secure_cookies or request.url.scheme == "https"


def login_url(next_path: str) -> str:
    return "/connexion?suite=" + quote(next_path, safe="/")


class AccountsMiddleware:
    """ASGI middleware: sets ``request.state.user`` and ``csrf_token`` on every request, and the
    pre-login CSRF cookie when accounts are on and the visitor has neither it nor a session."""

    def __init__(self, app: ASGIApp, accounts: Accounts | None) -> None:
        self.app = app
        self.accounts = accounts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["user"] = None
        state["csrf_token"] = ""
        if self.accounts is None:
            # No form exists then but the exempt ones: an unsafe request elsewhere is refused.
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        accounts = self.accounts
        token = request.cookies.get(SESSION_COOKIE, "")
        found = await run_in_threadpool(_live_session, accounts, token) if token else None
        new_cookie = None
        if found is not None:
            state["user"], state["csrf_token"], state["session_token"] = found[0], found[1], token
        else:
            pre = request.cookies.get(CSRF_COOKIE, "")
            if len(pre) < 40 or len(pre) > 60:
                pre = secrets.token_urlsafe(32)
                new_cookie = cookie_header(CSRF_COOKIE, pre, secure_request(request, accounts), max_age=None)
            state["csrf_token"] = pre

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and new_cookie:
                MutableHeaders(scope=message).append("set-cookie", new_cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _live_session(accounts: Accounts, token: str) -> tuple[User, str] | None:
    with accounts.workspace.session() as session:
        found = find_session(session, token, accounts.policy)
        session.commit()  # the last request's time, or an ended session's deletion
        if found is None:
            return None
        row, user = found
        session.expunge(user)
        return user, row.csrf_token


def cookie_header(name: str, value: str, secure: bool, max_age: int | None) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS; ``max_age`` 0
    deletes it; None makes it last as long as the browser."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def install(app: FastAPI, accounts: Accounts | None) -> None:
    """The accounts' middleware, routes and login redirect on ``app`` (``accounts`` None: off).
    The CSRF check is the app's own dependency (``create_app``), so it covers every route."""
    from web import account_pages, review

    app.state.accounts = accounts
    app.add_middleware(AccountsMiddleware, accounts=accounts)
    app.include_router(account_pages.router)
    app.include_router(review.router)
    app.add_exception_handler(LoginRequired, account_pages.login_required)
