"""The week of a moment, as its Monday, computed by the database.

Counting per week in the database sends one row per week instead of one per answer or finished mission, and
leaves the worker process (and its other requests) free meanwhile. PostgreSQL and SQLite say it differently;
another database gets a compile error rather than a wrong week.
"""
from __future__ import annotations

from sqlalchemy import Date
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class WeekOf(FunctionElement):
    """``WeekOf(moment)``: the date of the Monday of the week (Monday to Sunday) in which ``moment`` lies, like
    ``badges.monday_of`` in Python."""

    type = Date()
    name = "week_of"
    inherit_cache = True


@compiles(WeekOf, "postgresql")
def _postgresql(element: WeekOf, compiler: SQLCompiler, **kw) -> str:
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"  # ISO weeks start on Monday


@compiles(WeekOf, "sqlite")
def _sqlite(element: WeekOf, compiler: SQLCompiler, **kw) -> str:
    # The day alone (the text as SQLAlchemy stores it, 'YYYY-MM-DD HH:MM:SS.ffffff'): SQLite rounds a moment to
    # the millisecond, so 23:59:59.9995 on a Sunday would fall in the next week. Then six days back and forward
    # to the next Monday, or stay when that day is one: the Monday of the week.
    return f"date(substr({compiler.process(element.clauses, **kw)}, 1, 10), '-6 days', 'weekday 1')"
