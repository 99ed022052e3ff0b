"""Headless Chromium for end-to-end tests: Debian's ``chromium`` driven by Playwright.

Playwright's own browser download cannot work on a machine without internet, so the tests use
the system Chromium (``scripts/setup-dev.sh`` installs it). The flags keep it from calling
Google's services, which a closed network refuses at every start.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import vigie_command, vigie_env

CHROMIUM = os.environ.get("VIGIE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",  # tests run as root in CI containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Screenshots of the pages the browser tests visit, for a person to look at: only when asked
# (``VIGIE_TEST_OUTPUT=test-output``), since no test reads them and a full page's costs 0.7 s.
_OUTPUT = os.environ.get("VIGIE_TEST_OUTPUT")
SCREENSHOTS = Path(_OUTPUT or "test-output") / "browser"


def shot(page: Any, name: str) -> None:
    """Save the whole page as ``SCREENSHOTS/name.png`` when ``$VIGIE_TEST_OUTPUT`` is set."""
    if _OUTPUT:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def require_chromium() -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'bash scripts/setup-dev.sh' (Debian package chromium)")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def vigie_serve(
    db: Path | str,
    registry: Path | None,
    cwd: Path,
    shipped: bool = False,
    files: Path | None = None,
    options: tuple[str, ...] = (),
) -> Iterator[str]:
    """``vigie serve`` in a subprocess, the way users start it; yields its base URL. With
    ``shipped``, the registry is Vigie's and ``registry`` (if any) added to it, as by default;
    ``files`` is its ``--files-dir``, if given; ``options`` are more of its options (``--accounts``…)."""
    port = free_port()
    registries = [
        *(["--registry", str(registry)] if registry else []),
        *([] if shipped else ["--no-shipped"]),
    ]
    originals = ["--files-dir", str(files)] if files is not None else []
    process = subprocess.Popen(
        vigie_command("serve", "--db", str(db), *originals, *registries, "--port", str(port), *options),
        cwd=cwd,
        env=vigie_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


# With Vigie's registry to read (35,000 communes' places), `vigie serve` took over 30 s to start
# on the two-core machine running the whole suite beside other work.
START_SECONDS = 90


def _wait_for(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"vigie serve exited: {process.stderr.read() if process.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"vigie serve did not start within {START_SECONDS} s")
