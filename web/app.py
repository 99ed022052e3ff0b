"""The application: routes, templates, error pages, security headers.

Routes are a stable contract (the README lists them): ``/`` overview, ``/search`` search page,
``/documents/{id}`` document page, ``/originals/{sha256}`` archived originals, ``/feed`` Atom
feed of any search, ``/search.csv`` and ``/search.jsonl`` exports, ``/records`` and
``/records/{id}`` decision records, ``/communes/{name}`` a commune's timeline (and its ``/feed``),
``/epci/{siren}``, ``/departements/{code}`` and ``/regions/{code}`` the timelines of the areas
above it (and their ``/feed``), ``/alertes/{token}.atom`` and ``/alertes/{token}/desinscription``
a saved search's feed and unsubscription (``web.alerts``), ``/map`` the map of the sources, and the
JSON API under ``/api/`` described by ``/openapi.json``.
With accounts on (``web.accounts``): ``/connexion``, ``/deconnexion``, ``/admin/comptes``, and the
review of the evidence under ``/revue`` (``web.review``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from search import SearchError
from web import labels
from web.accounts import Accounts
from web.archive_view import WebArchive
from web.head import HeadAsGet
from web.params import BadSearch, SearchParams
from web.search_errors import french_message
from web.security import SecurityHeaders, web_url
from web.timeline import area_url
from web.url_errors import UrlError, http_error, invalid_parameter

HERE = Path(__file__).parent


def _version() -> str:
    """Vigie's version, as installed (the web layer does not import the crawler for it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vigie")
    except PackageNotFoundError:
        return "unknown"


def create_app(archive: WebArchive, accounts: Accounts | None = None) -> FastAPI:
    """``accounts``: the accounts and reviews on (``vigie serve --accounts``); None: off."""
    from web import accounts as account_layer
    from web import (
        alerts,
        api,
        api_records,
        exports,
        my_alerts,
        originals,
        page_view,
        pages,
        place_pages,
        records,
    )
    from web import map as map_page  # not the builtin

    app = FastAPI(
        title="Vigie",
        version=_version(),
        description=(
            "API de lecture de l'archive Vigie : recherche plein texte des documents des collectivités "
            "qui mentionnent des technologies de surveillance, détail de chaque document, et les décisions "
            "lues dans leurs actes (qui a décidé quoi, quand, pour combien), chacune avec ses citations."
        ),
        openapi_url="/openapi.json",
        docs_url=None,  # Swagger UI loads scripts from a CDN: the description is enough
        redoc_url=None,
        dependencies=[Depends(account_layer.csrf_protect)],  # every unsafe request, every route
    )
    app.state.archive = archive
    app.state.templates = _templates()
    account_layer.install(app, accounts)  # innermost middleware: the headers below cover its answers
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)  # outermost: HEAD gets the same security headers as GET
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (
        pages,
        records,
        place_pages,
        map_page,
        exports,
        originals,
        api,
        api_records,
        alerts,
        my_alerts,
    ):
        app.include_router(module.router)
    account_layer.csrf_exempt(alerts.TOKEN_PATHS)  # their POSTs are authorised by a secret token
    page_view.install(app)  # the page view and the comparison of versions, with their workers
    app.add_exception_handler(BadSearch, _bad_request)
    app.add_exception_handler(SearchError, _bad_request)
    app.add_exception_handler(RequestValidationError, _invalid_url)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _server_error)  # Starlette's own page is in English
    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.autoescape = True
    env.trim_blocks = env.lstrip_blocks = True
    env.filters.update(
        french_date=labels.french_date,
        french_month=labels.french_month,
        category_label=labels.category_label,
        doc_type_label=labels.doc_type_label,
        file_size=labels.file_size,
        web_url=web_url,
        highlight=highlight,
        decision_kind_label=labels.decision_kind_label,
        extraction_label=labels.extraction_label,
        euros=labels.euros,
        french_iso_date=labels.french_iso_date,
        path_segment=path_segment,
        area_url=area_url,
    )
    env.globals.update(
        category_labels=labels.category_labels,
        DOC_TYPE_LABELS=labels.DOC_TYPE_LABELS,
        STANCE_LABELS=labels.STANCE_LABELS,
        KIND_LABELS=labels.KIND_LABELS,
        DECISION_KIND_LABELS=labels.DECISION_KIND_LABELS,
        SCOPE_LABELS=labels.SCOPE_LABELS,
        version=_version(),
    )
    return templates


def highlight(context: str, matched: str) -> Markup:
    """The mention's context, escaped, with its first occurrence of the matched words marked.

    Line breaks inside the matched words ("caméras\ndéplaçables") are spaces in the context.
    """
    words = matched.split()
    found = re.search(r"\s+".join(map(re.escape, words)), context) if words else None
    if found is None:
        return escape(context)
    before, middle, after = context[: found.start()], found.group(), context[found.end() :]
    return escape(before) + Markup("<mark>") + escape(middle) + Markup("</mark>") + escape(after)


def path_segment(value: str) -> str:
    """A name as one segment of a path: every "/", "?" or "#" in it escaped."""
    return quote(value, safe="")


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    context.setdefault("params", SearchParams())
    context.setdefault("feed_url", "/feed")
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _bad_request(request: Request, exc: Exception) -> Response:
    message = french_message(exc) if isinstance(exc, SearchError) else str(exc)
    return _error_page(request, UrlError(400, "Recherche impossible", message))


async def _invalid_url(request: Request, exc: Exception) -> Response:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return _error_page(request, invalid_parameter(errors))


async def _http_error(request: Request, exc: Exception) -> Response:
    headers = getattr(exc, "headers", None)  # a 405's Allow
    allow = (headers or {}).get("Allow")
    error = http_error(getattr(exc, "status_code", 500), str(getattr(exc, "detail", "") or ""), allow)
    return _error_page(request, error, headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    return _error_page(request, http_error(500, ""))


def _error_page(request: Request, error: UrlError, headers: dict[str, str] | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"error": error.message}, status_code=error.status, headers=headers)
    page = render(request, "error.html", status_code=error.status, title=error.title, message=error.message)
    page.headers.update(headers or {})
    return page


def archive_of(request: Request) -> WebArchive:
    return request.app.state.archive
