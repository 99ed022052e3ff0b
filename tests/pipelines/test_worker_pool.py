from __future__ import annotations

import asyncio

from pipelines.extract import ExtractionInput
from pipelines.worker_pool import WorkerPool
from tests import realdocs


def test_extraction_runs_in_worker_processes_with_a_time_limit() -> None:
    async def scenario() -> tuple:
        pool = WorkerPool(workers=1, timeout=0.05)
        slow = ExtractionInput(
            url="http://v.fr/pv.pdf", body=realdocs.PV_255_PAGES.read_bytes(), pdf_backend="pdfminer"
        )
        timed_out = await pool.extract(slow)
        pool.timeout = 120
        small = ExtractionInput(url="http://v.fr/delib.pdf", body=realdocs.DELIB_CLSPD.read_bytes())
        after = await pool.extract(small)
        pool.close()
        return timed_out, after

    timed_out, after = asyncio.run(scenario())
    assert timed_out.error_kind == "worker_timeout" and timed_out.kind == "pdf" and timed_out.pages == []
    assert after.error is None and len(after.pages) == 2 and after.extraction == "pdfium"
