"""A pooled database connection is checked before use only when it sat unused in the pool for a while.

SQLAlchemy's ``pool_pre_ping`` checks every connection each time it leaves the pool: a round trip to the
database on every request, and the waiting, database CPU and system calls that go with it (without it
PostgreSQL's closed-loop step pages were faster in seven of nine interleaved runs, by 2.5 % in the median;
bench/RESULTS.md). A connection used seconds ago is almost surely alive; one that sat in the pool longer (a
quiet evening, a database restarted in the night) is checked and, when dead, replaced before a request sees
it. If the database restarts while the pool is busy, a request that meets a dead connection fails once, and
SQLAlchemy then replaces every connection of that process's pool.
"""
from __future__ import annotations

import time

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

IDLE_SECONDS = 10.0


def install(engine: Engine, idle_seconds: float = IDLE_SECONDS) -> None:
    driver_error = engine.dialect.loaded_dbapi.Error

    def returned(_dbapi_connection, record) -> None:
        record.info["returned_at"] = time.monotonic()

    def check_if_idle(dbapi_connection, record, _proxy) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is None or time.monotonic() - returned_at <= idle_seconds:
            return
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
            dbapi_connection.rollback()  # leave it as the pool gave it: outside a transaction
        except driver_error as error:
            raise DisconnectionError("a pooled connection died while it was idle") from error  # the pool reconnects

    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", check_if_idle)
