"""Pages that only read the database, such as a child's step page, the boards and the class matrix.

On PostgreSQL their queries run without a transaction around them (autocommit), so a request skips the
``BEGIN`` and ``ROLLBACK`` round trips, two of the five a step page cost: the database server's CPU per step
page fell from 0.9 to 0.33 ms (bench/RESULTS.md). Without a transaction a write would be committed on its own,
statement by statement, so on every database a page marked ``reads_only`` that tries to write fails loudly
instead (``WriteOnReadOnlyPage``), and the tests that visit it catch that. SQLite keeps its transactions: it
starts none for reading, and switching would cost a statement per request.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ..extensions import db
from .view_marks import this_view_is_marked

READS_ONLY = "cyberquest_reads_only"
READING_METHODS = frozenset({"GET", "HEAD"})


class WriteOnReadOnlyPage(RuntimeError):
    """A statement other than SELECT on a page marked ``reads_only``: a programming error."""


def reads_only(view: Callable) -> Callable:
    """Mark a view whose GET never writes to the database (outermost decorator, below the route)."""
    view.reads_only = True  # type: ignore[attr-defined]
    return view


def install(app: Flask) -> None:
    """Register the hook first among those that query, so the signed-in person is read the same way."""
    with app.app_context():
        without_transaction = db.engine.dialect.name == "postgresql"
    options = {READS_ONLY: True, **({"isolation_level": "AUTOCOMMIT"} if without_transaction else {})}

    @app.before_request
    def read_without_transaction():
        if request.method in READING_METHODS and this_view_is_marked("reads_only"):
            db.session.connection(execution_options=options)


@event.listens_for(Engine, "before_cursor_execute")
def _refuse_writes(_connection, _cursor, statement: str, _parameters, context, _executemany) -> None:
    if context is not None and context.execution_options.get(READS_ONLY) \
            and statement.lstrip()[:6].upper() != "SELECT":
        raise WriteOnReadOnlyPage(f"a page marked reads_only ran: {statement[:80]}")
