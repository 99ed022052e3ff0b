"""``/originals/{sha256}``: the archived bytes, exactly as fetched, by hash only.

The path on disk is built from the hash found in the database, never from the request: any
other string is a 404 before the file store is touched. PDFs open in the browser's viewer
(``#page=N`` works there); an archived HTML page is shown sandboxed (``web.security``); other
formats download under their original file name.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

from web.app import archive_of
from web.security import ORIGINAL_POLICY, PDF_POLICY

router = APIRouter()
_INLINE = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "text": "text/plain; charset=utf-8"}
_DOWNLOAD = {
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
_EXTENSIONS = {"pdf": ".pdf", "html": ".html", "text": ".txt", "doc": ".doc", "docx": ".docx", "odt": ".odt"}


@router.get(
    "/originals/{sha256}",
    summary="Original archivé",
    description="Les octets exacts du document tel que Vigie l'a récupéré, identifié par son sha256.",
    responses={200: {"content": {"application/pdf": {}}}, 404: {"description": "Hash inconnu"}},
    response_class=FileResponse,
)
def original(request: Request, sha256: str) -> FileResponse:
    archive = archive_of(request)
    found = archive.searcher.original(sha256.lower())
    if found is None:
        raise HTTPException(404, "Aucun original archivé sous cette empreinte.")
    path = archive.reader.files.path_for(found.sha256)
    if not path.is_file():
        raise HTTPException(404, "L'original n'est pas dans le dossier des fichiers de cette archive.")
    inline = found.kind in _INLINE
    media_type = _INLINE.get(found.kind) or _DOWNLOAD.get(found.kind, "application/octet-stream")
    policy = PDF_POLICY if found.kind == "pdf" else ORIGINAL_POLICY
    return FileResponse(
        path,
        media_type=media_type,
        filename=_download_name(found.filename, found.sha256, found.kind),
        content_disposition_type="inline" if inline else "attachment",
        headers={"Content-Security-Policy": policy, "Cache-Control": "public, max-age=31536000, immutable"},
    )


def _download_name(filename: str | None, sha256: str, kind: str) -> str:
    """The original file name when it is a plain one, else the hash; always the right extension."""
    name = "".join(ch for ch in (filename or "") if ch.isalnum() or ch in "-_. ").strip(" .")
    extension = _EXTENSIONS.get(kind, "")
    if not name:
        name = sha256[:16]
    return name if name.lower().endswith(extension) else name + extension
