"""What the workers' fork server loads once, so that every worker forked from it starts with it.

The parsers (``pipelines.extract``), the records' readers and the default lexicon's tagger, built:
about a tenth of a second that each worker of each crawl would otherwise spend. A crawl with
another lexicon (``VIGIE_LEXICON``) still builds its own tagger, once per worker.
"""

from __future__ import annotations

from contextlib import suppress

import pipelines.extract
import pipelines.records.build
from pipelines.tagging import LexiconError, get_tagger

LOADED = (pipelines.extract, pipelines.records.build)  # for the workers, not used here

# A broken lexicon: the crawl has said so already, in one line, before any worker starts.
with suppress(LexiconError):
    get_tagger()  # cached per process: inherited by every forked worker
