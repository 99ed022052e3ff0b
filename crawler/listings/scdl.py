"""The national "délibérations" open-data schema (SCDL), as real files write it.

Schema: https://schema.data.gouv.fr/scdl/deliberations/ — COLL_NOM, COLL_SIRET, DELIB_ID,
DELIB_DATE, DELIB_MATIERE_CODE, DELIB_MATIERE_NOM, DELIB_OBJET, BUDGET_ANNEE, BUDGET_NOM,
PREF_ID, PREF_DATE, VOTE_EFFECTIF, VOTE_REEL, VOTE_POUR, VOTE_CONTRE, VOTE_ABSTENTION,
DELIB_URL. Real files add columns, break quoted fields over lines, write dates as
``24/03/2022``, start with a BOM or use ``;``: all of that is accepted. Column names are
matched without regard to case or surrounding spaces.
"""

from __future__ import annotations

import datetime as dt

from crawler.listings import ListingRow
from crawler.listings.csvtext import decode, read_rows
from pipelines.dates import parse_french_date

SCDL_FIELDS = (
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
)


class NotScdlError(ValueError):
    """The file lacks the columns that make an SCDL deliberations file."""


def read_scdl(body: bytes) -> list[ListingRow]:
    rows = read_rows(decode(body))
    if rows and not {"DELIB_OBJET", "DELIB_URL"} <= {_canonical(name) for name in rows[0]}:
        raise NotScdlError("not an SCDL deliberations file (no DELIB_OBJET and DELIB_URL columns)")
    listing = []
    for row in rows:
        fields = {_canonical(name): " ".join(value.split()) for name, value in row.items()}
        day = listing_date(fields.get("DELIB_DATE", ""))
        fields["title"] = fields.get("DELIB_OBJET", "")
        fields["date"] = day.isoformat() if day else ""
        url = fields.get("DELIB_URL", "")
        listing.append(ListingRow(url if url.startswith(("http://", "https://")) else None, fields))
    return listing


def listing_date(value: str) -> dt.date | None:
    """``2022-03-24``, ``24/03/2022``, ``24 mars 2022``…"""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return parse_french_date(value) if value.strip() else None


def _canonical(name: str) -> str:
    upper = name.strip().upper()
    return upper if upper in SCDL_FIELDS else name.strip()
