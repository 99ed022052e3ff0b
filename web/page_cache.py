"""Page images on disk, so that a page is drawn once: keyed by the original's sha256, the page
and the scale, bounded in bytes, the least recently read evicted first.

The folder is ``VIGIE_PAGE_CACHE`` when set, else beside the originals' folder
(``vigie.db.files`` → ``vigie.db.files.pages``); its size ``VIGIE_PAGE_CACHE_MB`` (200 by
default). An archive served read-only may sit where nothing can be written: the cache then
stays off and every image is drawn on request, which is slower but works.

A read touches the file's modification time; a write that takes the folder over its bound
deletes the oldest files until it is back under nine tenths of it. Files are written under a
temporary name and renamed, so a reader never sees half an image, and two servers may share
the folder.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)
DEFAULT_MEGABYTES = 200
_NAME = re.compile(r"[0-9a-f]{64}-p\d+-s\d+\.(?:webp|png)")


@dataclass(frozen=True, slots=True)
class CacheKey:
    sha256: str
    page: int
    scale: float
    extension: str = "webp"

    @property
    def name(self) -> str:
        return f"{self.sha256}-p{self.page}-s{round(self.scale * 100)}.{self.extension}"


class PageImageCache:
    def __init__(self, folder: Path | None, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._usable: bool | None = None if folder is not None and max_bytes > 0 else False

    @classmethod
    def from_env(cls, files_dir: Path) -> PageImageCache:
        folder = os.environ.get("VIGIE_PAGE_CACHE") or str(files_dir.with_name(files_dir.name + ".pages"))
        megabytes = os.environ.get("VIGIE_PAGE_CACHE_MB", str(DEFAULT_MEGABYTES))
        try:
            size = int(float(megabytes) * 1_000_000)
        except ValueError:
            logger.warning("VIGIE_PAGE_CACHE_MB=%r is no number: %d MB", megabytes, DEFAULT_MEGABYTES)
            size = DEFAULT_MEGABYTES * 1_000_000
        return cls(Path(folder), size)

    def get(self, key: CacheKey) -> bytes | None:
        if not self._ready() or self.folder is None:
            return None
        path = self.folder / key.name
        try:
            data = path.read_bytes()
            os.utime(path)  # recently read: evicted last
        except OSError:
            return None
        return data

    def put(self, key: CacheKey, data: bytes) -> None:
        if not self._ready() or len(data) > self.max_bytes:
            return
        assert self.folder is not None
        try:
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as out:
                out.write(data)
            Path(out.name).replace(self.folder / key.name)
        except OSError as exc:
            logger.warning("page image not cached in %s: %s", self.folder, exc)
            return
        self._evict()

    def _ready(self) -> bool:
        if self._usable is None:
            assert self.folder is not None
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._usable = os.access(self.folder, os.W_OK)
            except OSError:
                self._usable = False
            if not self._usable:
                logger.warning("page images are not cached: %s cannot be written", self.folder)
        return self._usable

    def _evict(self) -> None:
        assert self.folder is not None
        entries = []
        total = 0
        with os.scandir(self.folder) as found:
            for entry in found:
                if not _NAME.fullmatch(entry.name):
                    continue  # not ours, or a file still being written
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                entries.append((stat.st_mtime, stat.st_size, Path(entry.path)))
                total += stat.st_size
        if total <= self.max_bytes:
            return
        for _, size, path in sorted(entries):
            if total <= self.max_bytes * 0.9:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
