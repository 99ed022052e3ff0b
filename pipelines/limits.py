"""What one document may cost the extraction and tagging workers, whatever a site serves.

The defaults live here and nowhere else; ``from_env`` reads the ``VIGIE_*`` variables that
override them (README "Limits"), and ``crawler/settings.py`` takes its values from it. A crawl
reads its settings once (``-s`` may change them) and hands a ``DocumentLimits`` to each job, so
that a worker process needs no Scrapy settings; ``vigie retag`` and ``vigie ocr`` use
``from_env``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from pipelines.markup_guard import DEFAULT_MAX_DEPTH


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    html_max_depth: int = DEFAULT_MAX_DEPTH  # VIGIE_HTML_MAX_DEPTH: deeper markup is flattened
    office_max_unpacked: int = 50 * 1024 * 1024  # VIGIE_OFFICE_MAX_UNPACKED: bytes of one member
    office_max_ratio: int = 100  # VIGIE_OFFICE_MAX_RATIO: unpacked size / packed size
    max_mentions: int = 1000  # VIGIE_MAX_MENTIONS: stored per document, the rest counted

    @classmethod
    def from_env(cls) -> DocumentLimits:
        values = {}
        for spec in fields(cls):
            raw = os.environ.get(f"VIGIE_{spec.name.upper()}")
            if raw:
                values[spec.name] = int(raw)
        return cls(**values)

    @classmethod
    def from_settings(cls, settings: object) -> DocumentLimits:
        """From Scrapy settings (anything with ``getint``)."""
        getint = settings.getint  # type: ignore[attr-defined]
        default = cls()
        return cls(
            html_max_depth=getint("VIGIE_HTML_MAX_DEPTH", default.html_max_depth),
            office_max_unpacked=getint("VIGIE_OFFICE_MAX_UNPACKED", default.office_max_unpacked),
            office_max_ratio=getint("VIGIE_OFFICE_MAX_RATIO", default.office_max_ratio),
            max_mentions=getint("VIGIE_MAX_MENTIONS", default.max_mentions),
        )
