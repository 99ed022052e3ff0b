"""SQL that SQLite and PostgreSQL spell differently: one construct each, compiled per dialect.

The queries name what they need (a JSON column's text, a date plus some years); SQLAlchemy's
compiler extension writes each database's own function. A year is ``sqlalchemy.extract``,
which both dialects already compile.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

__all__ = ["date_plus", "json_text"]


class json_text(FunctionElement[str]):  # noqa: N801 - an SQL function, named as one
    """A JSON column as text, as compact as each database writes it (``["a", "b"]`` or
    ``["a","b"]``): what a ``LIKE '%"a"%'`` on its members reads."""

    type = Text()
    inherit_cache = True


@compiles(json_text, "sqlite")
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_extract({compiler.process(element.clauses, **kw)}, '$')"


@compiles(json_text, "postgresql")
def _json_text_postgresql(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS TEXT)"


class _date_plus(FunctionElement[Any]):  # noqa: N801 - an SQL function, named as one
    type = Date()
    inherit_cache = True


def date_plus(date: ColumnElement[Any], years: ColumnElement[Any], days: int = 0) -> _date_plus:
    """``date`` plus ``years`` (a column) and then ``days``, as a date (NULL if either is)."""
    return _date_plus(date, years, days)


@compiles(_date_plus, "sqlite")
def _date_plus_sqlite(element: _date_plus, compiler: SQLCompiler, **kw: Any) -> str:
    date, years, days = (compiler.process(clause, **kw) for clause in element.clauses)
    # SQLite's date arithmetic (dates are ISO text) rolls 29 February plus a year over to 1 March;
    # PostgreSQL and Python keep to the month's last day (28 February). So the years are added to
    # the first of the month, and the day put back no later than that month's last (ISO text
    # compares as dates do).
    month = f"date({date}, 'start of month', printf('%+d years', {years}))"
    day = f"date({month}, printf('%+d days', CAST(strftime('%d', {date}) AS INTEGER) - 1))"
    last = f"date({month}, '+1 months', '-1 days')"
    return (
        f"CASE WHEN {years} IS NULL THEN NULL ELSE date(min({day}, {last}), printf('%+d days', {days})) END"
    )


@compiles(_date_plus, "postgresql")
def _date_plus_postgresql(element: _date_plus, compiler: SQLCompiler, **kw: Any) -> str:
    date, years, days = (compiler.process(clause, **kw) for clause in element.clauses)
    # An interval adds its years first, then its days, as SQLite's modifiers in that order do.
    return (
        f"CAST({date} + make_interval(years => CAST({years} AS INTEGER), "
        f"days => CAST({days} AS INTEGER)) AS DATE)"
    )
