"""What one document may cost the extraction and tagging workers, whatever a site serves.

These per-document defaults live here and nowhere else (the modules that apply them take them
from here; the link finder's per-page limits are the crawler's, in ``crawler/links.py``); ``from_env`` reads the ``VIGIE_*`` variables that
override them (README "Limits"), and ``crawler/settings.py`` takes its values from it. A crawl
reads its settings once (``-s`` may change them) and hands a ``DocumentLimits`` to each job, so
that a worker process needs no Scrapy settings; ``vigie retag`` and ``vigie ocr`` use
``from_env``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields

from pipelines.markup_guard import DEFAULT_MAX_DEPTH


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    html_max_depth: int = DEFAULT_MAX_DEPTH  # VIGIE_HTML_MAX_DEPTH: deeper markup is flattened
    # VIGIE_HTML_MAX_BYTES: a bigger page is read flat (its tree of millions of nodes would take
    # gigabytes: 18 MB of "<i>a</i>" took about 1 GB in Lexbor).
    html_max_bytes: int = 5 * 1024 * 1024
    # VIGIE_OFFICE_MAX_UNPACKED: bytes of one member. lxml's tree takes about 30 times the XML:
    # 20 MB stays under 1 GB, and the longest real minutes' document.xml are a few MB.
    office_max_unpacked: int = 20 * 1024 * 1024
    office_max_ratio: int = 100  # VIGIE_OFFICE_MAX_RATIO: unpacked size / packed size
    # VIGIE_PDF_MAX_UNPACKED: bytes a PDF's Flate streams may unpack to (pipelines/pdf_guard.py).
    pdf_max_unpacked: int = 256 * 1024 * 1024
    max_mentions: int = 1000  # VIGIE_MAX_MENTIONS: stored per document, the rest counted

    @classmethod
    def from_env(cls) -> DocumentLimits:
        """The defaults, with the ``VIGIE_*`` variables that are positive whole numbers.

        Any other value is ignored with a warning (settings are read at import, where an
        exception would be a traceback): a limit of 0 or -1 would silently drop documents.
        """
        values = {}
        for spec in fields(cls):
            name = f"VIGIE_{spec.name.upper()}"
            raw = os.environ.get(name)
            if not raw:
                continue
            try:
                value = int(raw)
            except ValueError:
                value = 0
            if value > 0:
                values[spec.name] = value
            else:
                logging.getLogger(__name__).warning(
                    "%s=%r is not a positive whole number: ignored", name, raw
                )
        return cls(**values)

    @classmethod
    def from_settings(cls, settings: object) -> DocumentLimits:
        """From Scrapy settings (anything with ``getint``)."""
        getint = settings.getint  # type: ignore[attr-defined]
        default = cls()
        return cls(
            html_max_depth=getint("VIGIE_HTML_MAX_DEPTH", default.html_max_depth),
            html_max_bytes=getint("VIGIE_HTML_MAX_BYTES", default.html_max_bytes),
            office_max_unpacked=getint("VIGIE_OFFICE_MAX_UNPACKED", default.office_max_unpacked),
            office_max_ratio=getint("VIGIE_OFFICE_MAX_RATIO", default.office_max_ratio),
            max_mentions=getint("VIGIE_MAX_MENTIONS", default.max_mentions),
            pdf_max_unpacked=getint("VIGIE_PDF_MAX_UNPACKED", default.pdf_max_unpacked),
        )
