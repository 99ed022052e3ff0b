"""HEAD answered as GET is, without the body: same status and headers, Content-Length included.

FastAPI routes declared with ``get`` answer HEAD with 405, and link checkers, archiving tools and
``curl -I`` ask HEAD first (of an original's URL, say). One middleware answers it for every page
rather than a ``methods=["GET", "HEAD"]`` on each route, which would also double each operation
in ``/openapi.json``. The route runs as for GET; its body is dropped, not sent.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware: a HEAD request is routed as a GET, and only the headers are sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        ended = False

        async def headers_only(message: Message) -> None:
            nonlocal ended
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False) and not ended:
                ended = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, headers_only)
