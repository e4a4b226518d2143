"""INSERT … ON CONFLICT on both SQLite and PostgreSQL: race-safe get-or-create, upserts and counters.

Each statement is declared once, at import, and built on first use for each database dialect with bound
parameters; after that it is only executed, with the row's values as parameters. On an answer's hot path,
building a statement and its cache key anew cost about as much as running it.

The statements are on the tables, not the ORM entities: no object is loaded or written through the ORM
here, and its bulk-insert path cost about a fifth of each statement on an answer's hot path.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Executable, Row, Select, literal, true
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

INSERTS = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}


class _PerDialect:
    """A statement built on first use for each dialect, then reused. Two threads building it at once both build
    the same statement; either one is kept."""

    def __init__(self, build: Callable[[Callable], Executable]) -> None:
        self._build = build  # called with the dialect's ``insert``
        self._built: dict[str, Executable] = {}

    def statement(self, session: Session) -> Executable:
        dialect = session.get_bind().dialect.name
        built = self._built.get(dialect)
        if built is None:
            built = self._built[dialect] = self._build(INSERTS[dialect])
        return built


class InsertUnlessPresent(_PerDialect):
    """Insert a row unless one with the same ``unique`` columns exists (``index_where`` names a partial unique
    index). ``unique=None`` skips the row when it breaks any unique index of the table."""

    def __init__(self, model: type, unique: list[str] | None, index_where: ColumnElement[bool] | None = None) -> None:
        table = model.__table__
        super().__init__(lambda insert: insert(table).on_conflict_do_nothing(
            index_elements=unique, index_where=index_where).returning(*table.primary_key.columns))

    def __call__(self, session: Session, values: dict[str, Any]) -> bool:
        """Insert ``values`` (column: value); True when inserted."""
        # Not ``rowcount``: with RETURNING, PostgreSQL drivers report -1 whether or not a row went in.
        return session.execute(self.statement(session), values).first() is not None


class InsertOrUpdate(_PerDialect):
    """Insert a row, or change the one with the same ``unique`` columns when it meets ``where``, in one statement.

    ``changes`` gives the columns to set from the row that would have gone in (``excluded``); ``where`` may hold
    bound parameters, given with the row's values.
    """

    def __init__(self, model: type, unique: list[str], changes: Callable[[Any], dict[str, Any]],
                 where: ColumnElement[bool], returning: tuple) -> None:
        table = model.__table__

        def build(insert: Callable) -> Executable:
            statement = insert(table)
            return statement.on_conflict_do_update(index_elements=unique, set_=changes(statement.excluded),
                                                   where=where).returning(*returning)
        super().__init__(build)

    def __call__(self, session: Session, values: dict[str, Any]) -> Row | None:
        """The ``returning`` columns as written, or None when the row existed and was left alone."""
        return session.execute(self.statement(session), values).first()


class IncrementSelected(_PerDialect):
    """For each row of key values that ``source`` selects, a counter row created at 1, or raised by 1 where the
    keys (a unique index) exist: one statement. ``source``'s bound parameters must not be named like the
    table's columns."""

    def __init__(self, model: type, keys: list[str], source: Select, counter: str) -> None:
        table = model.__table__
        rows = source.add_columns(literal(1)).where(true())  # SQLite parses INSERT … SELECT … ON CONFLICT only after a WHERE
        super().__init__(lambda insert: insert(table).from_select([*keys, counter], rows).on_conflict_do_update(
            index_elements=keys, set_={counter: table.c[counter] + 1}))

    def __call__(self, session: Session, parameters: dict[str, Any]) -> None:
        session.execute(self.statement(session), parameters)


def insert_those_not_present(session: Session, model: type, rows: list[dict[str, Any]], returning) -> set:
    """Insert the rows, in one statement, skipping each that breaks a unique index of the table; returns the
    ``returning`` column's values of the rows inserted. Built for each call: the number of rows varies, and it
    runs only when badges are awarded."""
    insert = INSERTS[session.get_bind().dialect.name]
    return set(session.scalars(insert(model.__table__).values(rows).on_conflict_do_nothing().returning(returning)))
