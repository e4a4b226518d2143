"""Pooled connections are checked before use only after sitting idle (cyberquest/idle_check.py): after a night in
which the database restarted, the first request works; a connection that dies while the pool is busy fails
one request, and the next one gets a new connection."""
from __future__ import annotations

import time

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import create_engine, text

from cyberquest import idle_check
from cyberquest.extensions import db

pytestmark = pytest.mark.postgres


def _pooled_backend(app) -> int:
    """A fresh pool with one connection, used once and returned; the server process behind it."""
    with app.app_context():
        db.engine.dispose()
        with db.engine.connect() as connection:
            return connection.execute(text("SELECT pg_backend_pid()")).scalar()


def _kill_the_pooled_connection(app, database_url: str) -> None:
    """Use a connection once (the pool keeps it), then end its server process as a database restart would."""
    backend = _pooled_backend(app)
    other = create_engine(database_url)
    with other.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend}).scalar()
    other.dispose()


def _later(monkeypatch, seconds: float) -> None:
    real = time.monotonic
    monkeypatch.setattr(idle_check.time, "monotonic", lambda: real() + seconds)


def test_a_connection_that_died_while_idle_is_replaced_before_a_request_sees_it(app, database_url, client, monkeypatch):
    _kill_the_pooled_connection(app, database_url)
    _later(monkeypatch, idle_check.IDLE_SECONDS + 1)
    response = client.get("/healthz")
    assert response.status_code == 200, response.get_json()


def test_a_connection_used_just_now_is_not_checked_and_fails_one_request_only(app, database_url, client):
    _kill_the_pooled_connection(app, database_url)
    assert client.get("/healthz").status_code == 503  # not checked: the price of no round trip per request
    assert client.get("/healthz").status_code == 200  # the pool was replaced


def test_a_checked_connection_is_handed_out_outside_a_transaction(app, monkeypatch):
    """The check's own statement must not leave a transaction open (autocommit could not be switched on)."""
    backend = _pooled_backend(app)
    _later(monkeypatch, idle_check.IDLE_SECONDS + 1)
    with app.app_context(), db.engine.connect() as connection:
        driver_connection = connection.connection.dbapi_connection
        assert driver_connection.info.transaction_status == TransactionStatus.IDLE
        assert connection.execute(text("SELECT pg_backend_pid()")).scalar() == backend  # checked and kept
