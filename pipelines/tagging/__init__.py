"""Tagging: find mentions of surveillance technology in document text.

Plain functions, usable without Scrapy: ``load_lexicon`` reads the TOML lexicon, ``Tagger``
finds mentions in a text. The crawl's tagging stage, ``vigie tag`` and ``vigie retag`` all
call them.
"""

from pipelines.tagging.lexicon import Lexicon, LexiconError, default_lexicon_path, load_lexicon
from pipelines.tagging.tagger import Mention, Tagger, get_tagger

__all__ = [
    "Lexicon",
    "LexiconError",
    "Mention",
    "Tagger",
    "default_lexicon_path",
    "get_tagger",
    "load_lexicon",
]
