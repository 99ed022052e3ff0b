"""``scripts/screenshot_map.py`` makes the README's picture of the map: the demo archive served
on 127.0.0.1 and photographed in Chromium, the server stopped afterwards."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, vigie_env
from tests.web.browser import require_chromium


def test_the_script_photographs_the_demos_map(tmp_path: Path) -> None:
    require_chromium()
    output = tmp_path / "map.png"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "screenshot_map.py"),
            "--output",
            str(output),
            "--width",
            "900",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=vigie_env(),
    )
    assert result.returncode == 0, result.stderr
    assert f"wrote {output}" in result.stdout
    png = output.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert 500 < width <= 900 and height > width  # the map, its insets and legend, upright
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "vigie-map-" not in ps  # no server left running on the demo archive (its folder is gone)
