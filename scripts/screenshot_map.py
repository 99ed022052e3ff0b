"""Regenerate ``docs/map.png``, the README's picture of the web map, from the demo archive.

It does what a user does, on this machine only: ``vigie demo`` crawls the bundled site into a
temporary archive (no network: the site is served on 127.0.0.1), ``vigie serve`` serves it on a
free port of 127.0.0.1, headless Chromium (Debian's ``chromium``, driven by Playwright, as the
browser tests drive it: ``scripts/setup-dev.sh`` installs both) opens ``/map`` and photographs
the map and its legend; then the server is stopped and the archive deleted.

    python scripts/screenshot_map.py [--output docs/map.png] [--width 1132]

The code run is this checkout's (``python -m cli`` from the repository's root), whatever Vigie
is installed.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "map.png"
CHROMIUM = os.environ.get("VIGIE_CHROMIUM", "/usr/bin/chromium")
# Keep Chromium from calling Google's services at start (as tests/web/browser.py does).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def vigie(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", *args]


def environment() -> dict[str, str]:
    """This checkout's code first, and none of the developer's own ``VIGIE_*`` settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("VIGIE_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_demo(folder: Path) -> Path:
    db = folder / "demo.db"
    result = subprocess.run(
        vigie("demo", "--db", str(db), "--port", "0"),
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise SystemExit(f"vigie demo failed:\n{result.stderr}")
    return db


@contextmanager
def served(db: Path) -> Iterator[str]:
    """``vigie serve`` on a free port of 127.0.0.1 until the block ends; its base URL."""
    port = free_port()
    process = subprocess.Popen(
        vigie("serve", "--db", str(db), "--port", str(port)),
        cwd=db.parent,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"vigie serve exited: {process.stderr.read() if process.stderr else ''}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("vigie serve did not start within 60 s") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def photograph(url: str, output: Path, width: int) -> None:
    """The map and its legend (``section.map-figure``), as a reader at ``width`` pixels sees them."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run 'bash scripts/setup-dev.sh' (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(locale="fr-FR", viewport={"width": width, "height": 1000})
            outside: list[str] = []
            page.on(
                "request",
                lambda request: outside.append(request.url) if not request.url.startswith(url) else None,
            )
            response = page.goto(url + "/map")
            if response is None or response.status != 200:
                raise SystemExit(f"/map answered {response.status if response else 'nothing'}")
            if outside:
                raise SystemExit(f"the map asked for something elsewhere: {outside}")
            output.parent.mkdir(parents=True, exist_ok=True)
            page.locator("section.map-figure").screenshot(path=str(output))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write the PNG [{OUTPUT}]")
    # 1132: the map's column is then as wide as the map itself (46rem), about 750 pixels.
    parser.add_argument("--width", type=int, default=1132, help="the browser window's width in pixels [1132]")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vigie-map-") as folder:
        db = build_demo(Path(folder))
        with served(db) as url:
            photograph(url, args.output, args.width)
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
