"""An authorisation's end date, as the database computes it for the ``--expiring-within``
filter, is the one Python shows (``expires_on``), on both databases: 29 February included."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, Integer, MetaData, Table, select

from archive import ArchiveStore
from archive.portable import date_plus
from archive.record_queries import PREFECTORAL_KINDS, expires_on
from archive.records import DecisionRecord

STARTS = [
    (dt.date(2020, 2, 29), 5),  # to a common year: 28 February, PostgreSQL's and Python's way
    (dt.date(2024, 2, 29), 4),  # to a leap year: 29 February stays
    (dt.date(2024, 2, 29), 1),
    (dt.date(2023, 3, 1), 5),
    (dt.date(2023, 1, 31), 2),
    (dt.date(2019, 12, 31), 1),
    (dt.date(2024, 6, 15), None),  # no length: no end
]


def test_the_database_and_python_agree_on_the_end_of_an_authorisation(store: ArchiveStore) -> None:
    kind = sorted(PREFECTORAL_KINDS)[0]
    starts = Table("expiry_starts", MetaData(), Column("start", Date), Column("years", Integer))
    with store.engine.connect() as connection:  # a table of this test's, rolled back after it
        starts.create(connection)
        connection.execute(starts.insert(), [{"start": start, "years": years} for start, years in STARTS])
        query = select(starts.c.start, date_plus(starts.c.start, starts.c.years, days=-1))
        computed = {tuple(row) for row in connection.execute(query)}
        connection.rollback()
    expected = {
        (start, expires_on(DecisionRecord(kind=kind, act_date=start, period_years=years)))
        for start, years in STARTS
    }
    assert computed == expected
    assert (dt.date(2020, 2, 29), dt.date(2025, 2, 27)) in expected
