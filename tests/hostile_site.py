"""A hostile municipal site on 127.0.0.1: every attack of the reliability test, one URL each.

Bombs and giant pages are generated at start-up (a few seconds), never stored in the
repository. A second server, ``elsewhere``, stands for another site: the crawl must never
request anything from it. Every request is logged by path.
"""

from __future__ import annotations

import io
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOMB_MEMBER_BYTES = 1_500_000_000  # unpacked; about 6.5 MB packed
NESTED_DIVS = 100_000  # about 1.1 MB of markup
AMPLIFIER_BYTES = 2_000_000  # one line of one term repeated: ~130,000 mentions
LONG_LINK_CHARS = 3_000

HOME = """<!doctype html><html><head><meta charset="utf-8"><title>Commune hostile</title></head>
<body><main><h1>Conseil municipal</h1>
<p>Délibérations du conseil municipal : vidéoprotection du centre-ville.</p>
<ul>
<li><a href="/conseil/deliberation-redirect">Délibération 2024-01 (redirigée)</a></li>
<li><a href="/conseil/deep.html">Séance du conseil (page profonde)</a></li>
<li><a href="/docs/bombe.odt">Procès-verbal (odt)</a></li>
<li><a href="/docs/bombe.docx">Compte rendu (docx)</a></li>
<li><a href="/docs/bombe.pdf">Délibération (PDF)</a></li>
<li><a href="/conseil/amplification.html">Délibérations (une ligne)</a></li>
<li><a href="/conseil/long-link.html">Délibérations (lien long)</a></li>
<li><a href="/conseil/boucle-a">Conseil municipal (boucle)</a></li>
<li><a href="/conseil/sain.html">Séance du 3 mars 2024</a></li>
</ul></main></body></html>"""
HEALTHY = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Séance du 3 mars 2024</title></head>"
    "<body><main><h1>Séance du conseil municipal du 3 mars 2024</h1>"
    "<p>Le conseil approuve l'extension du réseau de vidéoprotection.</p></main></body></html>"
)


def nested_page(depth: int = NESTED_DIVS) -> bytes:
    inner = "<p>Délibération sur la vidéoprotection.</p><a href='/conseil/apres-profond.html'>Conseil municipal</a>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Profond</title></head><body>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "</body></html>"
    ).encode()


def amplifier_page(size: int = AMPLIFIER_BYTES) -> bytes:
    word = "vidéoprotection "
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Une ligne</title></head><body><p>"
        + word * (size // len(word))
        + "</p></body></html>"
    ).encode()


def long_link_page(chars: int = LONG_LINK_CHARS) -> bytes:
    target = "/conseil/deliberations?" + "x" * chars
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Lien long</title></head><body>"
        f"<p>Conseil municipal</p><a href='{target}'>Délibérations</a></body></html>"
    ).encode()


def zip_bomb(kind: str, member_bytes: int = BOMB_MEMBER_BYTES) -> bytes:
    """A valid-looking .odt (huge ``mimetype``) or .docx (huge ``word/document.xml``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        if kind == "odt":
            huge, filler = "mimetype", b"application/vnd.oasis.opendocument.text" + b" " * (1 << 20)
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            huge, filler = "word/document.xml", b"<w:p/>" * (1 << 18)
            archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(huge, "w", force_zip64=True) as member:
            written = 0
            while written < member_bytes:
                member.write(filler)
                written += len(filler)
    return buffer.getvalue()


Answer = tuple[int, dict[str, str], bytes]


def _serve(answer: Callable[[str], Answer]) -> tuple[ThreadingHTTPServer, str]:
    """A threaded server on 127.0.0.1 that answers each GET with ``answer(path)``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body = answer(self.path)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@dataclass
class Recorder:
    """A server that answers 200 to anything and remembers what was asked."""

    hits: list[str] = field(default_factory=list)
    url: str = ""
    _server: ThreadingHTTPServer | None = None

    def start(self) -> Recorder:
        def answer(path: str) -> Answer:
            self.hits.append(path)
            body = b"<html><body><h1>Secret admin</h1><p>conseil municipal</p></body></html>"
            return 200, {"Content-Type": "text/html"}, body

        self._server, self.url = _serve(answer)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


@dataclass
class HostileSite:
    elsewhere: Recorder
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    url: str = ""
    _server: ThreadingHTTPServer | None = None

    def start(self) -> HostileSite:
        html = "text/html; charset=utf-8"
        self.pages = {
            "/": (html, HOME.encode()),
            "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
            "/conseil/deep.html": (html, nested_page()),
            "/conseil/apres-profond.html": (html, HEALTHY.encode()),
            "/docs/bombe.odt": ("application/vnd.oasis.opendocument.text", zip_bomb("odt")),
            "/docs/bombe.docx": (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                zip_bomb("docx"),
            ),
            "/docs/bombe.pdf": ("application/pdf", pdf_bomb(600_000_000)),
            "/conseil/amplification.html": (html, amplifier_page()),
            "/conseil/long-link.html": (html, long_link_page()),
            "/conseil/sain.html": (html, HEALTHY.encode()),
        }
        redirects = {
            # The off-site target ends in /robots.txt, as the reliability test's did.
            "/conseil/deliberation-redirect": f"{self.elsewhere.url}/secret-admin?x=/robots.txt",
            "/conseil/boucle-a": "/conseil/boucle-b",
            "/conseil/boucle-b": "/conseil/boucle-a",
        }

        def answer(full_path: str) -> Answer:
            self.hits.append(full_path)
            path = full_path.split("?", 1)[0]
            if path in redirects:
                return 302, {"Location": redirects[path]}, b""
            if path not in self.pages:
                return 404, {"Content-Type": "text/html"}, b"<h1>Introuvable</h1>"
            content_type, body = self.pages[path]
            return 200, {"Content-Type": content_type}, body

        self._server, self.url = _serve(answer)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def pdf_bomb(unpacked_bytes: int = 1_500_000_000) -> bytes:
    """A one-page PDF whose Flate content stream unpacks to ``unpacked_bytes`` of ``(A) Tj``."""
    compressor = zlib.compressobj(9)
    chunk = b"BT /F1 12 Tf 72 720 Td " + b"(A) Tj " * (1 << 17) + b"ET\n"
    packed = [compressor.compress(chunk) for _ in range(max(1, unpacked_bytes // len(chunk)))]
    stream = b"".join(packed) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
