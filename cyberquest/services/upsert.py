"""INSERT … ON CONFLICT on both SQLite and PostgreSQL: race-safe get-or-create, upserts and counters.

The statements are on the tables, not the ORM entities: no object is loaded or written through the ORM
here, and its bulk-insert path cost about a fifth of each statement on an answer's hot path.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, Select, literal, true
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

INSERTS = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}


def insert_unless_present(session: Session, model: type, values: dict[str, Any], unique: list[str] | None,
                          where: ColumnElement[bool] | None = None) -> bool:
    """Insert a row unless one with the same ``unique`` columns exists; True when inserted.

    ``unique=None`` skips the row when it breaks any unique index of the table.
    """
    insert = INSERTS[session.get_bind().dialect.name]
    statement = (insert(model.__table__).values(**values)
                 .on_conflict_do_nothing(index_elements=unique, index_where=where)
                 .returning(*model.__table__.primary_key.columns))
    # Not ``rowcount``: with RETURNING, PostgreSQL drivers report -1 whether or not a row went in.
    return session.execute(statement).first() is not None


def insert_those_not_present(session: Session, model: type, rows: list[dict[str, Any]], returning) -> set:
    """Insert the rows, in one statement, skipping each that breaks a unique index of the table; returns the
    ``returning`` column's values of the rows inserted."""
    insert = INSERTS[session.get_bind().dialect.name]
    return set(session.scalars(insert(model.__table__).values(rows).on_conflict_do_nothing().returning(returning)))


def insert_or_update(session: Session, model: type, values: dict[str, Any], unique: list[str],
                     changes: dict[str, Any], where: ColumnElement[bool], returning: tuple) -> Row | None:
    """Insert a row, or apply ``changes`` to the one with the same ``unique`` columns when it meets ``where``, in
    one statement; returns the ``returning`` columns as written, or None when the row existed and was left alone."""
    insert = INSERTS[session.get_bind().dialect.name]
    statement = (insert(model.__table__).values(**values)
                 .on_conflict_do_update(index_elements=unique, set_=changes, where=where).returning(*returning))
    return session.execute(statement).first()


def increment_selected(session: Session, model: type, keys: list[str], source: Select, counter: str) -> None:
    """For each row of key values that ``source`` selects, a counter row created at 1, or raised by 1 where the
    keys (a unique index) exist: one statement."""
    insert = INSERTS[session.get_bind().dialect.name]
    column = getattr(model, counter)
    rows = source.add_columns(literal(1)).where(true())  # SQLite parses INSERT … SELECT … ON CONFLICT only after a WHERE
    session.execute(insert(model.__table__).from_select([*keys, counter], rows)
                    .on_conflict_do_update(index_elements=keys, set_={counter: column + 1}))
