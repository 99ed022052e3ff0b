"""Content-addressed store of original bytes: ``<root>/ab/cd/<sha256>``.

Researchers must be able to show the exact file a commune published even after it is removed
from the site, so every fetched body is kept, once per distinct content.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ContentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, sha256: str, data: bytes) -> Path:
        """Write ``data`` under its hash; a no-op when it is already there.

        The write goes to a temporary file renamed into place, so a crash never leaves a
        truncated file under a valid hash.
        """
        path = self.path_for(sha256)
        if path.exists() and path.stat().st_size == len(data):
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()
