"""What an extraction worker is given: a fetched document's bytes and what the crawl knows of it.

Apart from ``pipelines.extract`` so that the crawl's own process, which only builds these and
hands them to the workers, never imports the parsers (HTML, PDF, office files) the workers run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.limits import DocumentLimits
from pipelines.pdf_text import DEFAULT_BACKEND


@dataclass(slots=True)
class ExtractionInput:
    url: str
    body: bytes
    content_type: str | None = None
    content_disposition: str | None = None
    declared_encoding: str | None = None
    pdf_backend: str = DEFAULT_BACKEND
    known_sha256: str | None = None  # the archive's version at this URL: same bytes, no work
    limits: DocumentLimits = field(default_factory=DocumentLimits)
