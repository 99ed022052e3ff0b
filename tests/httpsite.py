"""A small static web server on 127.0.0.1 whose pages tests can change between crawls.

It answers conditional requests like a real server when asked to (ETag and Last-Modified,
304 Not Modified), can be slowed down, and logs every request with its headers, so that
tests can check what a crawl asked for.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class StaticSite:
    """``pages`` maps a path to (content type, body); a missing path is a 404 (or ``gone``: 410)."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    validators: bool = True  # send ETag / Last-Modified and honour conditional requests
    delay: float = 0.0  # seconds before each answer
    gone: set[str] = field(default_factory=set)
    hits: list[Hit] = field(default_factory=list)
    url: str = ""
    _server: ThreadingHTTPServer | None = None

    def start(self) -> StaticSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if site.delay:
                    time.sleep(site.delay)
                path = urlsplit(self.path).path
                status, headers, body = site.answer(path, {k.lower(): v for k, v in self.headers.items()})
                site.hits.append(Hit(path, dict(self.headers.items()), status))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()

    def answer(self, path: str, request_headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/robots.txt" and path not in self.pages:
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
        if path in self.gone:
            return 410, {"Content-Type": "text/html"}, b"<h1>Gone</h1>"
        if path not in self.pages:
            return 404, {"Content-Type": "text/html"}, b"<h1>Introuvable</h1>"
        content_type, body = self.pages[path]
        headers = {"Content-Type": content_type}
        if self.validators:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = formatdate(1_700_000_000 + len(body), usegmt=True)
            if request_headers.get("if-none-match") == etag:
                return 304, {"ETag": etag}, b""
        return 200, headers, body

    def requests_for(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]
