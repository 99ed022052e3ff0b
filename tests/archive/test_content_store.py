"""The originals' store: writers of the same file at once (crawls of several sources, workers on
several machines sharing the folder) leave one whole file and no temporary file behind."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from archive.files import ContentStore, sha256_hex

BODY = b"%PDF-1.4 " + bytes(range(256)) * 4096  # 1 MB: a write takes long enough to overlap


def _write_many(root: str, times: int) -> None:
    store = ContentStore(Path(root))
    for _ in range(times):
        # Removed each time by someone, so that every put writes and renames again, while the
        # others read: whatever a reader finds under the hash is the whole file.
        store.path_for(sha256_hex(BODY)).unlink(missing_ok=True)
        store.put(sha256_hex(BODY), BODY)
        try:
            found = store.get(sha256_hex(BODY))
        except FileNotFoundError:
            continue  # another writer removed it meanwhile
        if found != BODY:
            raise SystemExit(f"a reader saw {len(found)} bytes of {len(BODY)}")


def test_processes_writing_the_same_file_at_once_leave_it_whole(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), 30)) for _ in range(3)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
        assert writer.exitcode == 0
    store = ContentStore(tmp_path)
    assert store.get(sha256_hex(BODY)) == BODY
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == [sha256_hex(BODY)]
