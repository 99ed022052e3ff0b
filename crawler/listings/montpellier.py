"""Montpellier's list of deliberations (open data, 2012-2013): UTF-16, and broken lines.

The file (``VilleMTP_MTP_Delibs_Archives.csv``) has no header. Its producer let the line
breaks inside titles through unquoted (the dataset's README says so), so one record spans
several lines: the first starts with the council's date (``2013-02-04;Extension du Réseau…``),
the next ones continue the title, and the record ends on the line that carries the
deliberation's Poséidon number (``Autorisation à signer le Marché;61100``). The same record
is often repeated: each (date, number) is read once.

The deliberations were published as ``<date>-<number on 10 digits>.pdf``
(``2013-02-04-0000061100.pdf``); a registry entry's ``document_url`` option, such as
``https://example.org/delibs/{date}-{number:010d}.pdf``, turns each record into its URL.
"""

from __future__ import annotations

import re

from crawler.listings import ListingRow
from crawler.listings.csvtext import decode

_RECORD_START = re.compile(r"^(\d{4}-\d\d-\d\d);")


def read_montpellier_list(body: bytes, document_url: str | None = None) -> list[ListingRow]:
    records: list[tuple[str, list[str], str]] = []
    current: tuple[str, list[str]] | None = None
    for line in decode(body).splitlines():
        fields = line.split(";")
        start = _RECORD_START.match(line)
        if start:
            current = (start.group(1), [fields[1].strip()])
            rest = fields[2:]
        elif current is not None:
            current[1].append(fields[0].strip())
            rest = fields[1:]
        else:
            continue
        number = next((value.strip() for value in rest if value.strip()), "")
        if number.isdigit():
            records.append((current[0], current[1], number))
            current = None
    rows, seen = [], set()
    for day, title_lines, number in records:
        if (day, number) in seen:
            continue
        seen.add((day, number))
        title = " – ".join(line for line in title_lines if line)
        url = document_url.format(date=day, number=int(number)) if document_url else None
        rows.append(ListingRow(url, {"title": title, "date": day, "numero_poseidon": number}))
    return rows
