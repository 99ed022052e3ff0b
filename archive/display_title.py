"""The title a reader is shown for a document: its own title, else its act's, else its type
and date, else its file's.

A document's stored ``title`` is what extraction found: an HTML page's heading, a PDF's metadata,
a listing's object line, or, failing all of these, the file name ("PV CM 17 02 2014",
"deliberation-2013-14-videoprotection"). The stored value is a contract (the API, the exports)
and stays as it is; this module only chooses what the pages show, as ``display_title``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from archive.act_label import ActLike, act_name
from archive.taxonomy import DOC_TYPE_LABELS, french_day

# The kinds of act that make a document one decision, titled by its object.
_DECISION_KINDS = ("deliberation", "arrete")
# A file name's pieces: no space, three or more words joined by - or _ ("deliberation-2013-14-…").
# An act's object can run to a paragraph ("Extension du réseau… – Génie civil – … – Autorisation
# à signer le marché"): as a title, its start is enough; the page gives the whole act below.
TITLE_CHARS = 120
_JOINED = re.compile(r"^[\w.]+(?:[-_][\w.]+){2,}$")
# A document of many acts, or of none, is named by its type and date ("Procès-verbal du 17 février
# 2014") rather than its file ("PV CM 17 02 2014"); "other" is no type to name it by.
_TYPE_NAMES = {doc_type: label for doc_type, label in DOC_TYPE_LABELS.items() if doc_type != "other"}


def display_title(
    title: str | None,
    filename: str | None,
    url: str | None,
    acts: Sequence[ActLike],
    document_id: int,
    doc_type: str | None = None,
    date: dt.date | None = None,
) -> str:
    """The document's own title when it is one; the object of its act when it holds a single
    deliberation or arrêté; its type and date when both are known; else whatever the file or
    the URL gives, as a last resort."""
    own = (title or "").strip()
    if own and not looks_like_file_name(own, filename):
        return own
    decisions = [act for act in acts if act.kind in _DECISION_KINDS]
    if len(acts) == 1 and decisions and decisions[0].title:
        return _shortened(act_name(decisions[0]))
    if doc_type in _TYPE_NAMES and date is not None:
        return f"{_TYPE_NAMES[doc_type]} du {french_day(date)}"
    return own or (filename or "").strip() or _url_name(url) or f"Document {document_id}"


def looks_like_file_name(title: str, filename: str | None) -> bool:
    """True for a title that extraction made from the file name, or that reads like one."""
    if _JOINED.match(title):
        return True
    if not filename:
        return False
    stem = filename.rsplit(".", 1)[0]
    return _squeezed(title) in (_squeezed(stem), _squeezed(filename))


def _squeezed(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())


def _url_name(url: str | None) -> str:
    if not url:
        return ""
    path = urlsplit(url).path.rstrip("/")
    return unquote(path.rsplit("/", 1)[-1]) or urlsplit(url).netloc


def _shortened(title: str) -> str:
    if len(title) <= TITLE_CHARS:
        return title
    return title[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" –-,;:") + "…"
