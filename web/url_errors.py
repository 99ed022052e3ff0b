"""The answers FastAPI and Starlette would give in English, in French: a typed parameter of the
URL that does not parse (``/documents/abc``), a method a page does not take, a server error.

A route's typed parameter is checked by FastAPI before the route runs, with pydantic's English
message and status 422. An address whose path names nothing (``/documents/abc``, as
``/documents/999999``) is a page not found, 404; a query parameter that does not parse is a bad
request, 400, as the app's own checks answer (``web.params``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

NOT_FOUND = "Cette adresse ne correspond à aucune page."
# What a parameter must be, by pydantic's error type.
_EXPECTED = {
    "int_parsing": "un nombre entier",
    "int_type": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_parsing": "un nombre",
    "bool_parsing": "1 ou 0",
    "date_parsing": "une date AAAA-MM-JJ",
    "date_from_datetime_parsing": "une date AAAA-MM-JJ",
}
# Starlette's default details ("Method Not Allowed"), in French, by status.
_STATUS_MESSAGES = {
    404: NOT_FOUND,
    405: "Cette adresse se consulte, sans plus : seules les méthodes GET et HEAD y répondent.",
    500: "Erreur interne : la page n'a pas pu être produite.",
}
_STATUS_TITLES = {
    401: "Connexion requise",
    403: "Accès refusé",
    404: "Page introuvable",
    405: "Méthode non permise",
    409: "Élément modifié",
    429: "Trop de tentatives",
    500: "Erreur interne",
}


@dataclass(frozen=True, slots=True)
class UrlError:
    status: int
    title: str
    message: str


def invalid_parameter(errors: Sequence[Mapping[str, Any]]) -> UrlError:
    """FastAPI's validation errors of a request (the first one said), in French."""
    first = errors[0] if errors else {}
    where, *names = first.get("loc") or ("query",)
    name = ".".join(str(part) for part in names) or "?"
    value = str(first.get("input", ""))[:40]
    expected = _EXPECTED.get(str(first.get("type", "")))
    if where == "path":
        reason = f"« {value} » n'est pas {expected}." if expected else f"« {value} » n'y désigne rien."
        return UrlError(404, "Page introuvable", f"{NOT_FOUND} {reason}")
    if first.get("type") == "missing":
        return UrlError(400, "Adresse invalide", f"Paramètre « {name} » manquant.")
    reason = f" : {expected} est attendu" if expected else ""
    return UrlError(400, "Adresse invalide", f"Paramètre « {name} » invalide{reason} (« {value} »).")


# A form's address (the accounts' and the review's) asked for with another method than POST.
POST_ONLY = "Cette adresse reçoit un formulaire : seule la méthode POST y répond."


def http_error(status: int, detail: str, allow: str | None = None) -> UrlError:
    """An HTTP error: the app's own French detail as it is, Starlette's English default replaced
    (``allow``: a 405's Allow header, which says which message fits)."""
    try:
        default = HTTPStatus(status).phrase
    except ValueError:
        default = ""
    if not detail or detail == default:
        detail = _STATUS_MESSAGES.get(status, f"Erreur {status}.")
        if status == 405 and allow is not None and "GET" not in allow:
            detail = POST_ONLY
    return UrlError(status, _STATUS_TITLES.get(status, "Erreur"), detail)
