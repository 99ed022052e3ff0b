"""Content-addressed store of original bytes: ``<root>/ab/cd/<sha256>``.

Researchers must be able to show the exact file a commune published even after it is removed
from the site, so every fetched body is kept, once per distinct content.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from pathlib import Path

_HOST = socket.gethostname().replace("/", "_")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ContentStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: set[Path] = set()  # folders known to exist

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, sha256: str, data: bytes) -> Path:
        """Write ``data`` under its hash; a no-op when it is already there.

        The write goes to a temporary file renamed into place, so a crash never leaves a
        truncated file under a valid hash, and writers of the same file at once (crawls of
        several sources, workers on several machines sharing the folder) each rename a whole
        copy of the same bytes: the last rename wins, and a reader never sees half a file.
        The temporary name is unique to this machine, process and thread, with random bytes
        for machines that share a host name (cheaper than ``tempfile``: ingest writes thousands
        of files a second).
        """
        path = self.path_for(sha256)
        try:
            if path.stat().st_size == len(data):
                return path
        except FileNotFoundError:
            pass
        folder = path.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        tmp = folder / f".tmp-{_HOST}-{os.getpid()}-{threading.get_ident()}-{os.urandom(4).hex()}"
        try:
            with tmp.open("wb") as handle:
                handle.write(data)
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return path

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()
