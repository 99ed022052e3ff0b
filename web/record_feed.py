"""The Atom feed of a place's decisions (``/communes/{name}/feed``, ``/epci/{siren}/feed``,
``/departements/{code}/feed``, ``/regions/{code}/feed``): one entry per record, the newest
decision first, built with ElementTree as ``search.feed`` builds the mentions' feed (every
string escaped: they come from scraped documents)."""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from urllib.parse import quote

from archive.record_queries import RecordView
from search.feed import ATOM
from web.labels import category_label, decision_kind_label, euros, french_date
from web.security import web_url

FEED_ENTRIES = 50


def commune_feed(commune: str, views: list[RecordView], base_url: str, self_url: str) -> bytes:
    """``views`` newest first; ``base_url`` (``http://host``) makes the entries' links absolute."""
    return timeline_feed(
        f"Vigie : décisions de {commune}",
        f"urn:vigie:commune:{quote(commune.casefold())}",
        f"/communes/{quote(commune)}",
        views,
        base_url,
        self_url,
    )


def timeline_feed(
    title: str, urn: str, page: str, views: list[RecordView], base_url: str, self_url: str
) -> bytes:
    """The feed called ``title``, identified by ``urn`` (stable: a reader keys on it), whose
    page is ``page`` (a path); ``views`` newest first."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", urn)
    dates = [view.date for view in views if view.date]
    _text(feed, "updated", _stamp(max(dates) if dates else dt.date(1970, 1, 1)))
    generator = _text(feed, "generator", "Vigie")
    generator.set("uri", "https://github.com/vigie-surveillance/vigie")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base_url}{page}")
    for view in views[:FEED_ENTRIES]:
        feed.append(_entry(view, base_url))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(view: RecordView, base_url: str) -> ET.Element:
    record = view.record
    entry = ET.Element(f"{{{ATOM}}}entry")
    who = record.authority or record.commune or ""
    title = " · ".join(part for part in (decision_kind_label(record.kind), who, record.act_number) if part)
    _text(entry, "title", title)
    # Not the row's id: rebuilding records renumbers them, and a feed reader would show them
    # all again. The document's hash, the act and the kind name the same decision every time.
    act = hashlib.sha256((view.act or "").encode()).hexdigest()[:16]
    _text(entry, "id", f"urn:vigie:record:{view.sha256}:{act}:{record.kind}")
    stamp = _stamp(view.date or dt.date(1970, 1, 1))
    _text(entry, "updated", stamp)
    if view.date:
        _text(entry, "published", stamp)
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    _text(author, "name", record.authority or "inconnue")
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base_url}/records/{view.id}")
    if web_url(view.url):
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="via", href=web_url(view.url) or "")
    for technology in record.technologies:
        ET.SubElement(entry, f"{{{ATOM}}}category", term=technology, label=category_label(technology))
    summary = _text(entry, "summary", _summary(view))
    summary.set("type", "text")
    return entry


def _summary(view: RecordView) -> str:
    record = view.record
    parts = [
        f"Date : {french_date(view.date)}" if view.date else "",
        f"{record.cameras} caméra{'s' if record.cameras != 1 else ''}" if record.cameras is not None else "",
        f"{euros(record.amount_eur)} {record.amount_tax or ''}".strip()
        if record.amount_eur is not None
        else "",
        f"prestataire : {record.vendor}" if record.vendor else "",
        f"bénéficiaire : {record.beneficiary}" if record.beneficiary else "",
        f"document : {view.document_display_title}" if view.document_display_title else "",
    ]
    return ". ".join(part for part in parts if part) + "."


def _stamp(day: dt.date) -> str:
    """A decision has a day, not a time: midnight UTC, as Atom wants a date-time."""
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element
