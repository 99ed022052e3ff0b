"""Turn Scrapy responses and failures into Vigie items."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archive.db import utcnow
from crawler.middlewares import OffsiteRedirectError, RedirectLoopError
from pipelines import detect
from pipelines.items import DocumentItem

_FAILURE_KINDS = {
    "dns": ("DNSLookupError", "CannotResolveHostError"),
    "timeout": ("TimeoutError", "TCPTimedOutError", "DownloadTimeoutError"),
    "connection_refused": ("ConnectionRefusedError", "DownloadConnectionRefusedError"),
    "too_large": ("DownloadCancelledError", "CancelledError"),
    "connection_lost": (
        "ConnectionLost",
        "ConnectionDone",
        "ResponseFailed",
        "ResponseNeverReceived",
        "ResponseDataLossError",
        "DownloadFailedError",
        "PotentialDataLoss",
    ),
}


def header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    if value is None:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def declared_charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip().strip('"')
    return None


def is_archivable(response: Response) -> str | None:
    """The document kind of a response worth archiving, or None (images, scripts, …)."""
    filename = detect.filename_from_headers(header(response, "Content-Disposition"))
    kind = detect.sniff_kind(
        response.body, header(response, "Content-Type"), filename or detect.filename_from_url(response.url)
    )
    return None if kind == detect.UNKNOWN else kind


def document_item(response: Response, link_text: str | None = None) -> DocumentItem:
    content_type = header(response, "Content-Type")
    referer = response.request.headers.get("Referer") if response.request else None
    return DocumentItem(
        url=response.url,
        body=response.body,
        status=response.status,
        fetched_at=utcnow(),
        content_type=content_type,
        content_disposition=header(response, "Content-Disposition"),
        declared_encoding=declared_charset(content_type),
        referer=referer.decode("latin-1") if referer else None,
        link_text=link_text,
    )


def failure_kind(failure: Failure) -> str:
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(OffsiteRedirectError):
        return "offsite_redirect"
    if failure.check(RedirectLoopError):
        return "redirect_loop"
    if failure.check(IgnoreRequest):
        message = str(failure.value).lower()
        if "robots" in message:
            return "robots_forbidden"
        return "too_many_redirects" if "max redirections" in message else "ignored"
    names = {cls.__name__ for cls in type(failure.value).__mro__}
    for kind, candidates in _FAILURE_KINDS.items():
        if names.intersection(candidates):
            return kind
    return "fetch_failed"


def failure_message(failure: Failure) -> str:
    if failure.check(HttpError):
        response = failure.value.response
        return (
            f"HTTP {response.status} after retries" if response.status >= 500 else f"HTTP {response.status}"
        )
    message = failure.getErrorMessage().strip() or type(failure.value).__name__
    return message.splitlines()[0][:300]
