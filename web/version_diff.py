"""What changed between two versions of a document, page by page, in words.

Pages are matched first (``difflib`` on the pages as wholes), so a page inserted in the middle
does not make every later page "changed": equal pages are folded, pages only in one version
are shown whole, inserted or removed, and each changed page is compared word by word.

The work is bounded: ``SequenceMatcher`` may take time quadratic in what it compares, so a
page of more than ``MAX_PAGE_WORDS`` words is compared line by line, and once ``MAX_WORDS``
words or ``MAX_SECONDS`` have gone, the remaining changed pages are listed without their
comparison (``skipped``).
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass, field

MAX_PAGE_WORDS = 6_000
MAX_WORDS = 200_000
MAX_SECONDS = 2.0
CONTEXT_CHARS = 200  # of unchanged text kept each side of a change on a changed page
_TOKENS = re.compile(r"\S+|\s+")

EQUAL, INSERTED, REMOVED = "equal", "inserted", "removed"


@dataclass(slots=True)
class PageChange:
    """One page of the comparison: ``status`` is ``same``, ``changed``, ``added`` or ``removed``.

    ``parts`` are the page's pieces, each ``equal``, ``inserted`` or ``removed``; empty for a
    page that is the same, or ``skipped`` past the bounds.
    """

    old_page: int | None
    new_page: int | None
    status: str
    parts: list[tuple[str, str]] = field(default_factory=list)
    inserted_words: int = 0
    removed_words: int = 0
    skipped: bool = False
    by_lines: bool = False  # too long to compare word by word


@dataclass(slots=True)
class VersionDiff:
    pages: list[PageChange] = field(default_factory=list)
    skipped: int = 0  # changed pages left uncompared (bounds reached)

    @property
    def changed(self) -> int:
        return sum(page.status != "same" for page in self.pages)


def compare(old: list[str], new: list[str], max_seconds: float = MAX_SECONDS) -> VersionDiff:
    deadline = time.monotonic() + max_seconds
    budget = MAX_WORDS
    diff = VersionDiff()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            diff.pages += [
                PageChange(old_start + k + 1, new_start + k + 1, "same") for k in range(old_end - old_start)
            ]
            continue
        pairs = max(old_end - old_start, new_end - new_start)
        for k in range(pairs):
            old_index = old_start + k if old_start + k < old_end else None
            new_index = new_start + k if new_start + k < new_end else None
            change = _page(old, new, old_index, new_index)
            words = _words(change, old, new)
            if time.monotonic() > deadline or words > budget:
                change.skipped = True
                diff.skipped += 1
            else:
                budget -= words
                old_text = old[old_index] if old_index is not None else ""
                _fill(change, old_text, new[new_index] if new_index is not None else "")
            diff.pages.append(change)
    return diff


def _page(old: list[str], new: list[str], old_index: int | None, new_index: int | None) -> PageChange:
    if old_index is None:
        return PageChange(None, (new_index or 0) + 1, "added")
    if new_index is None:
        return PageChange(old_index + 1, None, "removed")
    return PageChange(old_index + 1, new_index + 1, "changed")


def _words(change: PageChange, old: list[str], new: list[str]) -> int:
    old_text = old[change.old_page - 1] if change.old_page else ""
    new_text = new[change.new_page - 1] if change.new_page else ""
    return len(old_text.split()) + len(new_text.split())


def _fill(change: PageChange, old_text: str, new_text: str) -> None:
    by_lines = max(len(old_text.split()), len(new_text.split())) > MAX_PAGE_WORDS
    old_tokens = old_text.splitlines(keepends=True) if by_lines else _TOKENS.findall(old_text)
    new_tokens = new_text.splitlines(keepends=True) if by_lines else _TOKENS.findall(new_text)
    change.by_lines = by_lines
    matcher = difflib.SequenceMatcher(lambda token: token.isspace(), old_tokens, new_tokens, autojunk=False)
    parts: list[tuple[str, str]] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, inserted = "".join(old_tokens[old_start:old_end]), "".join(new_tokens[new_start:new_end])
        if tag == "equal":
            _add(parts, EQUAL, inserted)
            continue
        if removed:
            _add(parts, REMOVED, removed)
            change.removed_words += len(removed.split())
        if inserted:
            _add(parts, INSERTED, inserted)
            change.inserted_words += len(inserted.split())
    change.parts = _trimmed(parts)


def _trimmed(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Long unchanged runs between changes cut to their ends: a changed word is found at once."""
    out = []
    for index, (kind, text) in enumerate(parts):
        if kind == EQUAL and len(text) > 2 * CONTEXT_CHARS + 20:
            head = text[:CONTEXT_CHARS] if index > 0 else ""
            tail = text[-CONTEXT_CHARS:] if index < len(parts) - 1 else ""
            text = head + " […] " + tail
        out.append((kind, text))
    return out


def _add(parts: list[tuple[str, str]], kind: str, text: str) -> None:
    if parts and parts[-1][0] == kind:
        parts[-1] = (kind, parts[-1][1] + text)
    else:
        parts.append((kind, text))
