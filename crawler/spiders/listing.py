"""Spiders for listing files: an SCDL deliberations CSV, Montpellier's list.

The listing itself is archived (its text is tagged like any document: a list of objects that
says "vidéoprotection" is evidence too). Each row that names a document URL leads to that
document, fetched with the row as its ``listing`` metadata (title, date, votes, ACTES id…),
which the archive keeps with the URL. A URL that several rows share is a web page, not one
deliberation (the dirty Saint-Étienne file points every row to the listing page): it is
fetched once, without any row's metadata.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scrapy import Request
from scrapy.http import Response

from crawler.linkrules import Budget, LinkKind
from crawler.listings import ListingRow
from crawler.listings.montpellier import read_montpellier_list
from crawler.listings.scdl import NotScdlError, read_scdl
from crawler.request_meta import VigieMeta
from crawler.spiders.base import NOT_MODIFIED, VigieSpider


class ListingSpider(VigieSpider):
    """Base: ``rows`` reads the listing; every row's document is requested."""

    name = "listing"

    def rows(self, response: Response) -> list[ListingRow]:
        raise NotImplementedError

    def follow(self, response: Response) -> Iterator[Request]:
        meta = VigieMeta.of(response)
        if meta.listing is not None or meta.listed:
            return  # a listed document, not the listing
        if NOT_MODIFIED in response.flags or not response.body:
            return  # the listing did not change: its documents are revisited as known URLs
        source = meta.source
        try:
            rows = self.rows(response)
        except (NotScdlError, UnicodeDecodeError, ValueError) as exc:
            self.logger.warning("%s: %s", response.url, exc)
            self.crawler.stats.inc_value("vigie/listing_unreadable")
            return
        shared = Counter(row.url for row in rows if row.url)
        self.crawler.stats.set_value(f"vigie/listing_rows/{source}", len(rows))
        for url, count in shared.items():
            row = next(row for row in rows if row.url == url)
            listing = row.fields if count == 1 else None
            yield self.request(
                url,
                source,
                LinkKind.DOCUMENT,
                Budget(1, 0),
                link_text=row.fields.get("title") or None,
                listing=listing,
                listed=True,
            )


class ScdlCsvSpider(ListingSpider):
    name = "scdl_csv"

    def rows(self, response: Response) -> list[ListingRow]:
        return read_scdl(response.body)


class MontpellierListSpider(ListingSpider):
    name = "montpellier_list"

    def rows(self, response: Response) -> list[ListingRow]:
        source = self.sources[VigieMeta.of(response).source]
        return read_montpellier_list(response.body, source.options.get("document_url"))
