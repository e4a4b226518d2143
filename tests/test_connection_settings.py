"""Every connection the app opens gets its database's settings (extensions.py): on SQLite a write-ahead log
and enforced foreign keys, on PostgreSQL no parallel workers (bench/RESULTS.md)."""
from __future__ import annotations

from sqlalchemy import text

from cyberquest.extensions import db

EXPECTED = {"sqlite": {"PRAGMA journal_mode": "wal", "PRAGMA foreign_keys": 1},
            "postgresql": {"SHOW max_parallel_workers_per_gather": "0"}}


def _assert_settings(connection) -> None:
    expected = EXPECTED[connection.dialect.name]
    assert {query: connection.execute(text(query)).scalar() for query in expected} == expected


def test_a_new_connection_has_the_settings_of_its_database(app):
    with app.app_context():
        db.engine.dispose()  # the next connection is a new one, not one a test opened earlier
        with db.engine.connect() as connection:
            _assert_settings(connection)


def test_the_settings_outlive_the_pools_rollback(app):
    """The pool rolls back every connection it gets back; a setting made in that transaction would be lost."""
    with app.app_context():
        db.engine.dispose()
        with db.engine.connect() as connection:
            first = connection.connection.dbapi_connection
        with db.engine.connect() as connection:
            assert connection.connection.dbapi_connection is first  # the same one, back from the pool
            _assert_settings(connection)
