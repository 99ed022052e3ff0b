"""Tesseract, found once and run on one page image.

Tesseract is run as a program rather than through a binding: the wrappers (pytesseract…) only
build this same command line, and we need its environment and time limit in our hands.

- ``OMP_THREAD_LIMIT=1``: tesseract's own threads make it about ten times slower on this
  kind of machine (21 s a page against 2 s); Vigie runs one single-threaded tesseract per core
  instead.
- ``--dpi 300``: pages are rendered at 300 dpi (``render``), which also oversamples the 96-dpi
  scans some towns publish; tesseract drops lines of those at their own resolution.
- TSV output: the words with their confidence, from which the text is rebuilt line by line
  and paragraph by paragraph, and the mean confidence computed.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LANGUAGE = "fra"
INSTALL_HINT = "install the Debian packages tesseract-ocr and tesseract-ocr-fra (or set VIGIE_TESSERACT)"


class OcrUnavailableError(Exception):
    """Tesseract or its French language pack is missing: OCR cannot run on this machine."""


class OcrPageError(Exception):
    """Tesseract failed on one page (time limit, unreadable image…)."""


@dataclass(frozen=True, slots=True)
class OcrEngine:
    program: str
    version: str
    language: str = LANGUAGE

    @property
    def label(self) -> str:
        return f"tesseract {self.version} ({self.language})"


@dataclass(frozen=True, slots=True)
class OcrText:
    text: str
    confidences: tuple[float, ...]  # one per recognised word, 0-100


def find_engine(program: str | None = None) -> OcrEngine:
    """The tesseract to use (``VIGIE_TESSERACT`` or the one on PATH), checked for French."""
    wanted = program or os.environ.get("VIGIE_TESSERACT") or "tesseract"
    found = shutil.which(wanted)
    if found is None:
        raise OcrUnavailableError(f"tesseract is not installed ({wanted!r} not found): {INSTALL_HINT}")
    try:
        version = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=30)
        languages = subprocess.run([found, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrUnavailableError(f"tesseract at {found} does not run ({exc}): {INSTALL_HINT}") from exc
    number = re.search(r"tesseract\s+v?(\d[\w.-]*)", version.stdout + version.stderr)
    if LANGUAGE not in (languages.stdout + languages.stderr).split():
        raise OcrUnavailableError(f"tesseract has no French language pack ({LANGUAGE}): {INSTALL_HINT}")
    return OcrEngine(program=found, version=number.group(1) if number else "unknown")


def recognise(engine: OcrEngine, image: Path, dpi: int, timeout: float) -> OcrText:
    """The text of one page image, with the confidence of each word."""
    if timeout <= 0:
        # The pages before (or rendering this one) used the document's time: the same failure.
        raise OcrPageError("the document took longer than its time limit (no time left for this page)")
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [engine.program, str(image), "stdout", "-l", engine.language, "--dpi", str(dpi), "tsv"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)
    except subprocess.TimeoutExpired as exc:
        raise OcrPageError(f"tesseract took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        message = (
            done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
        )
        raise OcrPageError(f"tesseract failed: {message}")
    return parse_tsv(done.stdout)


def parse_tsv(tsv: str) -> OcrText:
    """Words back into lines (same block, paragraph and line) and paragraphs (blank line)."""
    lines: list[str] = []
    confidences: list[float] = []
    current: tuple[str, str, str] | None = None
    paragraph: tuple[str, str] | None = None
    words: list[str] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        if key != current:
            if words:
                lines.append(" ".join(words))
            if paragraph is not None and key[:2] != paragraph:
                lines.append("")
            current, paragraph, words = key, key[:2], []
        words.append(row["text"].strip())
        confidence = float(row["conf"])
        if confidence >= 0:
            confidences.append(confidence)
    if words:
        lines.append(" ".join(words))
    return OcrText("\n".join(lines), tuple(confidences))
