"""Errors a user can fix, each explained in one line with a hint."""

from __future__ import annotations


class SearchError(ValueError):
    """A malformed query, date or filter; the message says what to do instead."""
