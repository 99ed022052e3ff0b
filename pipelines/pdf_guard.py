"""Refuse a PDF whose compressed streams unpack to more than a worker can hold.

A PDF content stream is usually Flate-compressed, and a few megabytes of ``(A) Tj`` repeated
unpack to gigabytes inside the PDF library, which then builds the page's text from them: a
"PDF bomb" holds a worker's memory far past any limit. Before any library opens the file, each
``/FlateDecode`` stream is unpacked here in bounded chunks, counting the bytes and keeping none,
so the cost is the decompression alone (about 10 ms for a 255-page municipal PDF). A file whose
streams unpack past ``max_unpacked`` in all is refused. Streams in object streams, images and
other filters are not counted: the libraries decode those lazily, or into bounded bitmaps.
"""

from __future__ import annotations

import re
import zlib

from pipelines.limits import DocumentLimits

# The text of a long municipal PDF unpacks to a few tens of MB; its scans are images, not counted.
DEFAULT_MAX_UNPACKED = DocumentLimits().pdf_max_unpacked  # VIGIE_PDF_MAX_UNPACKED
_CHUNK = 1 << 20
# "<< … /Filter /FlateDecode … >> stream": the dictionary just before a stream keyword.
_FLATE_STREAM = re.compile(rb"/FlateDecode[^>]{0,2000}>>\s*stream\r?\n", re.S)


def unpacked_size(body: bytes, stop_above: int) -> int:
    """Bytes the Flate streams of ``body`` unpack to, counted until past ``stop_above``."""
    total = 0
    view = memoryview(body)  # slices of a view copy nothing
    for match in _FLATE_STREAM.finditer(body):
        total += _inflated(view, match.end(), stop_above - total + 1)
        if total > stop_above:
            break
    return total


def _inflated(body: memoryview, start: int, budget: int) -> int:
    """How many bytes the zlib stream at ``start`` unpacks to, up to ``budget`` and a little."""
    inflater = zlib.decompressobj()
    count, position = 0, start
    try:
        while count <= budget:
            data = inflater.unconsumed_tail or body[position : position + _CHUNK]
            if not inflater.unconsumed_tail:
                position += len(data)
            if not data:
                break
            count += len(inflater.decompress(data, _CHUNK))
            if inflater.eof:
                break
    except zlib.error:
        pass  # a broken stream: the PDF library will say so
    return count
