"""Column types that store the same values in SQLite and in PostgreSQL.

SQLite ignores a ``VARCHAR``'s length and keeps every integer in 64 bits; PostgreSQL refuses a
longer string and an ``INTEGER`` above 2**31. An ETag, a file name or a vote count that an
SQLite archive keeps would then fail a crawl on PostgreSQL. So PostgreSQL gets ``TEXT`` and
``BIGINT`` (no slower there), while SQLite keeps the DDL that every archive so far declared.
The models and the migrations (``archive/migrations``) both take their types from here.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.types import TypeEngine

__all__ = ["WideInteger", "short_text"]


def short_text(length: int) -> TypeEngine[str]:
    """``VARCHAR(length)`` in SQLite (as older archives declare it), ``TEXT`` in PostgreSQL."""
    return String(length).with_variant(Text(), "postgresql")


# INTEGER in SQLite (a primary key stays the rowid), BIGINT (BIGSERIAL for a key) in PostgreSQL.
WideInteger: TypeEngine[int] = Integer().with_variant(BigInteger(), "postgresql")
