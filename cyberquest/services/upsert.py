"""INSERT … ON CONFLICT DO NOTHING on both SQLite and PostgreSQL (race-safe get-or-create)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
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
    statement = (insert(model).values(**values).on_conflict_do_nothing(index_elements=unique, index_where=where)
                 .returning(*model.__table__.primary_key.columns))
    # Not ``rowcount``: with RETURNING, PostgreSQL drivers report -1 whether or not a row went in.
    return session.execute(statement).first() is not None


def insert_or_increment(session: Session, model: type, keys: dict[str, Any], counter: str) -> None:
    """A counter row created at 1, or raised by 1 when the ``keys`` (a unique index) exist: one statement."""
    insert = INSERTS[session.get_bind().dialect.name]
    column = getattr(model, counter)
    session.execute(insert(model).values(**keys, **{counter: 1})
                    .on_conflict_do_update(index_elements=list(keys), set_={counter: column + 1}))
