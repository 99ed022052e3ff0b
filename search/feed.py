"""Atom feeds of new documents with mentions, for watchdogs' feed readers.

``vigie feed`` (and the web UI's ``/feed``) runs a search ordered by when Vigie first archived
each document, newest first, and writes one Atom entry per document: its title, a link to
the original URL, when it was found, its categories, and the context of its mentions (or of
the query's match) with the page and act where it falls. The XML is built with ElementTree,
which escapes every string: titles and snippets come from scraped documents.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from archive.db import iso_utc
from search.results import SearchHit

if TYPE_CHECKING:
    from search.results import SearchQuery

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def atom_feed(
    hits: list[SearchHit],
    title: str,
    feed_id: str,
    self_url: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", feed_id)
    found = [hit.first_seen_at for hit in hits if hit.first_seen_at]
    _text(
        feed, "updated", iso_utc(max(found) if found else now or dt.datetime.now(dt.UTC).replace(tzinfo=None))
    )
    generator = _text(feed, "generator", "Vigie")
    generator.set("uri", "https://github.com/vigie-surveillance/vigie")
    if self_url and _is_web(self_url):
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/atom+xml")
    for hit in hits:
        feed.append(_entry(hit))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def feed_title(query: SearchQuery) -> str:
    """ "Vigie : nouvelles mentions (drone, nice, « caméras »)": the filters, in the title."""
    filters = [
        *query.categories,
        *query.sources,
        *query.departements,
        *(f"région {code}" for code in query.regions),
        *(f"EPCI {code}" for code in query.epcis),
        *(f"commune {code}" for code in query.communes),
        *query.doc_types,
        query.stance or "",
        f"« {query.text} »" if query.text else "",
    ]
    shown = [f for f in filters if f]
    return "Vigie : nouvelles mentions" + (f" ({', '.join(shown)})" if shown else "")


def feed_id(query: SearchQuery) -> str:
    """A stable id for the feed of these filters (the period is a window, not an identity); a
    filter only appears when given, so that adding filters left the older feeds' ids alone."""
    parts = [
        *(f"category={c}" for c in query.categories),
        *(f"source={s}" for s in query.sources),
        *(f"departement={d}" for d in query.departements),
        *(f"region={r}" for r in query.regions),
        *(f"epci={e}" for e in query.epcis),
        *(f"commune={c}" for c in query.communes),
        *(f"doc_type={t}" for t in query.doc_types),
        *([f"stance={query.stance}"] if query.stance else []),
        f"q={query.text}",
    ]
    return "urn:vigie:feed:" + "&".join(parts)


def _entry(hit: SearchHit) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "title", hit.display_title or hit.title or hit.url or f"Document {hit.document_id}")
    _text(entry, "id", f"urn:vigie:document:{hit.sha256 or hit.document_id}")
    stamp = iso_utc(hit.first_seen_at) if hit.first_seen_at else None
    if stamp:
        _text(entry, "published", stamp)
    _text(entry, "updated", stamp or iso_utc(dt.datetime(1970, 1, 1)))
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    _text(author, "name", hit.source)
    if hit.url and _is_web(hit.url):
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=hit.url)
    for category in hit.categories:
        ET.SubElement(entry, f"{{{ATOM}}}category", term=category)
    where = [f"page {hit.page}" if hit.page else "", hit.act or ""]
    dated = f"Date : {hit.date.isoformat()}. " if hit.date else ""
    summary = _text(
        entry, "summary", f"{dated}{hit.snippet}" + "".join(f" ({part})" for part in where if part)
    )
    summary.set("type", "text")
    return entry


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def _is_web(url: str) -> bool:
    """Only http(s) links: a scraped ``javascript:`` URL never becomes a link."""
    return urlsplit(url).scheme in ("http", "https")
