"""Listings: files that list an authority's acts (SCDL CSV, Montpellier's list), read into rows.

Each reader turns the bytes of a listing into ``ListingRow``s: the document's URL (when the
listing gives one), and the row's fields as metadata, with ``title`` and ``date`` (ISO) added
under those names so that the archive can use them whatever the listing calls them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ListingRow:
    url: str | None
    fields: dict[str, str]  # the row as the listing gives it, plus "title" and "date"
