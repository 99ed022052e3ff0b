"""The packages' layers point one way, checked by import-linter (contracts in pyproject.toml).

A wrong import (the web reading the crawler, a pipeline reading the search library, the archive
importing Scrapy) fails here with import-linter's own report of the offending line.
"""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import REPO


def test_the_layer_contracts_hold() -> None:
    linter = shutil.which("lint-imports")
    assert linter, "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([linter], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout
