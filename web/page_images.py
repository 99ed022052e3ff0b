"""Page images and word boxes, drawn off the event loop in worker processes with a time limit.

pdfium runs in ``pipelines.worker_pool.WorkerPool``'s processes (spawned, each watching the
server): a page that takes longer than ``TIMEOUT`` seconds, or crashes its worker, costs that
request a French message and the pool a new worker, and the server goes on. Images are kept
in ``web.page_cache``. The pool starts with the first page view and stops with the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.worker_pool import WorkerPool
from web.page_cache import CacheKey, PageImageCache
from web.page_render import BoxJob, PageBoxes, RenderedPage, RenderJob, page_boxes, render_page

TIMEOUT = 20.0  # seconds for one page: a normal one takes a tenth of that
WORKERS = 2
DEFAULT_SCALE = 1.5  # 108 dpi: an A4 page is 893 × 1263 pixels
SCALES = (1.0, 1.5, 2.0, 3.0)  # the only ones drawn: each is a file of the cache per page


@dataclass
class PageImages:
    cache: PageImageCache
    workers: int = WORKERS
    timeout: float = TIMEOUT
    _pool: WorkerPool | None = None

    def pool(self) -> WorkerPool:
        if self._pool is None:
            self._pool = WorkerPool(self.workers, self.timeout)
        return self._pool

    async def image(self, sha256: str, path: Path, page: int, scale: float) -> RenderedPage:
        key = CacheKey(sha256, page, scale)
        cached = self.cache.get(key)
        if cached is not None:
            return RenderedPage(image=cached)
        rendered = await self.pool().run(render_page, RenderJob(path, page, scale), _render_failed)
        if rendered.error is None:
            self.cache.put(key, rendered.image)
        return rendered

    async def boxes(self, path: Path, page: int, text: str, spans: list[tuple[int, int]]) -> PageBoxes:
        return await self.pool().run(page_boxes, BoxJob(path, page, text, tuple(spans)), _boxes_failed)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def _render_failed(kind: str, message: str) -> RenderedPage:
    return RenderedPage(error=_failure(kind))


def _boxes_failed(kind: str, message: str) -> PageBoxes:
    return PageBoxes(error=_failure(kind))


def _failure(kind: str) -> str:
    if kind == "worker_timeout":
        return f"Cette page a demandé plus de {TIMEOUT:g} secondes : elle n'est pas affichée."
    return "La lecture de cette page a fait échouer le lecteur de PDF : elle n'est pas affichée."
