"""Words folded as the index's ``unicode61 remove_diacritics 2`` tokenizer reads them: lower
case, accents removed ("Vidéo" and "VIDEO" are one word). One place for the query parser and the
long-document snippets, so that a query matches the same words in both."""

from __future__ import annotations

import unicodedata


def fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
