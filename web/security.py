"""Security headers for every answer, and the checks on links built from scraped data.

Every string that comes from a scraped document is untrusted. Jinja2 escapes it (autoescape);
links to the outside are made only from http(s) URLs (``web_url``), so a ``javascript:`` URL in
a scraped page is shown as text, never as a link; and the Content-Security-Policy allows no
script at all, so even a mistake in escaping could not run one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# An archived HTML page is shown as it was, but sandboxed: no script, no form, an origin of
# its own (it cannot read Vigie's pages), and nothing loaded from the network.
ORIGINAL_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# PDFs open in the browser's own viewer; the sandbox directive would block it in Chromium.
PDF_POLICY = "default-src 'none'; frame-ancestors 'none'"


class SecurityHeaders:
    """ASGI middleware: a policy on every answer (routes may set a stricter one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                defaults = {
                    b"content-security-policy": PAGE_POLICY.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"x-frame-options": b"DENY",
                    b"cross-origin-opener-policy": b"same-origin",
                }
                headers += [(name, value) for name, value in defaults.items() if name not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def web_url(url: str | None) -> str | None:
    """The URL when it is a plain web address (http or https), else None: never a link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None
