"""A digest as an e-mail: a plain-text part and an HTML part, in French, with its links.

Every link is absolute, on the operator's public address of the web interface (``public_url``):
each document's and record's page, the whole search, the saved search's Atom feed and its
unsubscription page. ``List-Unsubscribe`` gives that page's address and ``List-Unsubscribe-Post``
offers the one-click unsubscription of RFC 8058 (a mail client POSTs to it). The ``Message-ID``
is the digest's own: a digest sent again after an interruption keeps it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from html import escape
from urllib.parse import urlsplit

from archive.record_queries import RecordView
from search.results import SearchHit
from workspace.alerts_digest import Digest
from workspace.alerts_saved import search_path


@dataclass(frozen=True, slots=True)
class DigestLinks:
    """The absolute addresses an e-mail of one saved search gives."""

    base: str  # the web interface's public address, without a trailing "/"
    search: str  # the saved query string
    token: str

    def document(self, document_id: int) -> str:
        return f"{self.base}/documents/{document_id}"

    def record(self, record_id: int) -> str:
        return f"{self.base}/records/{record_id}"

    @property
    def everything(self) -> str:
        return self.base + search_path(self.search)

    @property
    def feed(self) -> str:
        return f"{self.base}/alertes/{self.token}.atom"

    @property
    def unsubscribe(self) -> str:
        return f"{self.base}/alertes/{self.token}/desinscription"


def compose(
    digest: Digest,
    name: str,
    links: DigestLinks,
    sender: str,
    recipient: str,
    message_id: str,
    now: dt.datetime,
) -> EmailMessage:
    """The digest's e-mail, ready for SMTP (lines end in CRLF, headers encoded)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = f"Vigie – {name} : {_news(digest)}"
    message["Date"] = format_datetime(now.replace(tzinfo=dt.UTC))
    message["Message-ID"] = f"<{message_id}@{urlsplit(links.base).hostname or 'vigie.invalid'}>"
    message["List-Unsubscribe"] = f"<{links.unsubscribe}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"  # no vacation replies
    message.set_content(plain_text(digest, name, links))
    message.add_alternative(html_text(digest, name, links), subtype="html")
    return message


def _news(digest: Digest) -> str:
    """ "3 nouveaux documents et 1 nouvelle décision"."""
    parts = []
    if digest.documents_total:
        n = digest.documents_total
        parts.append(f"{n} nouveau{'x' if n > 1 else ''} document{'s' if n > 1 else ''}")
    if digest.records_total:
        n = digest.records_total
        parts.append(f"{n} nouvelle{'s' if n > 1 else ''} décision{'s' if n > 1 else ''}")
    return " et ".join(parts)


def _since(digest: Digest) -> str:
    return f"depuis le {digest.start:%d/%m/%Y à %H:%M} (UTC)"


def _title(hit: SearchHit) -> str:
    return hit.display_title or hit.title or hit.url or f"Document {hit.document_id}"


def _where(hit: SearchHit) -> str:
    parts = [
        hit.source,
        hit.date.strftime("%d/%m/%Y") if hit.date else "",
        f"page {hit.page}" if hit.page else "",
    ]
    return ", ".join(part for part in parts if part)


def _record_title(view: RecordView) -> str:
    what = view.act or view.document_display_title or view.document_title or f"Décision {view.id}"
    who = view.record.authority or view.record.commune
    return f"{what} ({who})" if who else what


def _more(shown: int, total: int) -> int:
    return max(0, total - shown)


def plain_text(digest: Digest, name: str, links: DigestLinks) -> str:
    lines = [
        "Bonjour,",
        "",
        f"Votre alerte Vigie « {name} » : {_news(digest)} {_since(digest)}.",
        "",
    ]
    if digest.documents:
        lines += ["Documents", "---------", ""]
        for number, hit in enumerate(digest.documents, 1):
            lines += [f"{number}. {_title(hit)}", f"   {_where(hit)}"]
            if hit.snippet:
                lines.append(f"   « {hit.snippet} »")
            lines += [f"   {links.document(hit.document_id)}", ""]
        if more := _more(len(digest.documents), digest.documents_total):
            lines += [f"… et {more} autre{'s' if more > 1 else ''} : {links.everything}", ""]
    if digest.records:
        lines += ["Décisions", "---------", ""]
        for view in digest.records:
            dated = f", {view.date:%d/%m/%Y}" if view.date else ""
            lines += [f"- {_record_title(view)}{dated}", f"  {links.record(view.id)}", ""]
        if more := _more(len(digest.records), digest.records_total):
            lines += [f"… et {more} autre{'s' if more > 1 else ''} décision{'s' if more > 1 else ''}.", ""]
    lines += [
        f"La recherche complète : {links.everything}",
        f"Le flux Atom de cette alerte : {links.feed}",
        f"Ne plus recevoir cette alerte : {links.unsubscribe}",
        "",
        "-- ",
        "Vigie",
        "",
    ]
    return "\n".join(lines)


def html_text(digest: Digest, name: str, links: DigestLinks) -> str:
    """The HTML part: every scraped string escaped (titles and passages come from documents)."""
    e = escape
    parts = [
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
        f"<title>{e(name)}</title></head><body>",
        f"<p>Bonjour,</p><p>Votre alerte Vigie « {e(name)} » : {e(_news(digest))} {e(_since(digest))}.</p>",
    ]
    if digest.documents:
        parts.append("<h2>Documents</h2><ol>")
        for hit in digest.documents:
            passage = f"<br><q>{hit.snippet_html}</q>" if hit.snippet_html else ""
            parts.append(
                f'<li><a href="{e(links.document(hit.document_id))}">{e(_title(hit))}</a>'
                f"<br><small>{e(_where(hit))}</small>{passage}</li>"
            )
        parts.append("</ol>")
        if more := _more(len(digest.documents), digest.documents_total):
            parts.append(
                f'<p><a href="{e(links.everything)}">… et {more} autre{"s" if more > 1 else ""}</a></p>'
            )
    if digest.records:
        parts.append("<h2>Décisions</h2><ul>")
        for view in digest.records:
            dated = f", {view.date:%d/%m/%Y}" if view.date else ""
            parts.append(f'<li><a href="{e(links.record(view.id))}">{e(_record_title(view))}</a>{dated}</li>')
        parts.append("</ul>")
        if more := _more(len(digest.records), digest.records_total):
            parts.append(
                f"<p>… et {more} autre{'s' if more > 1 else ''} décision{'s' if more > 1 else ''}.</p>"
            )
    parts += [
        f'<p><a href="{e(links.everything)}">La recherche complète</a> · ',
        f'<a href="{e(links.feed)}">Le flux Atom de cette alerte</a></p>',
        f'<p><small><a href="{e(links.unsubscribe)}">Ne plus recevoir cette alerte</a></small></p>',
        "</body></html>",
    ]
    return "\n".join(parts)
